package io.keras4j.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Batches of texts from a directory of class sub-folders, as {@code keras.utils.text_dataset_from_directory}
 * (keras/src/utils/text_dataset_utils.py): {@code TextDatasetFromDirectory.of(dir).batchSize(32)
 * .validationSplit(0.2).subset("training").seed(1337).load()}. Each batch's input is a UTF8 string array of shape
 * {@code (b)} holding the whole {@code .txt} files (or their first {@code max_length} characters); labels,
 * indexing, shuffling and splitting as {@link DirectoryDataset} and Keras.
 */
public final class TextDatasetFromDirectory extends DirectoryOptions<TextDatasetFromDirectory> {
    private Integer maxLength;

    private TextDatasetFromDirectory(Path directory) {
        super(directory);
    }

    /** The loader of {@code directory} with Keras's defaults. */
    public static TextDatasetFromDirectory of(Path directory) {
        return new TextDatasetFromDirectory(directory);
    }

    /** Keeps at most this many characters of each text, as {@code max_length}; default whole files. */
    public TextDatasetFromDirectory maxLength(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("`max_length` must be a positive integer, received: " + maxLength);
        }
        this.maxLength = maxLength;
        return this;
    }

    @Override
    String[] formats() {
        return new String[]{".txt"};
    }

    @Override
    Function<List<Path>, INDArray> reader() {
        return paths -> {
            List<String> texts = new ArrayList<>();
            for (Path p : paths) {
                try {
                    String text = Files.readString(p, StandardCharsets.UTF_8);
                    texts.add(maxLength != null && text.length() > maxLength ? text.substring(0, maxLength) : text);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read text file " + p, e);
                }
            }
            return Nd4j.create(texts, texts.size());
        };
    }
}
