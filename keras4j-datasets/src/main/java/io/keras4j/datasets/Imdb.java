package io.keras4j.datasets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.datasets.DatasetFiles.Remote;
import io.keras4j.saving.KerasFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The IMDB movie review sentiment dataset, as keras/src/datasets/imdb.py {@code load_data}: 25,000
 * training and 25,000 test reviews as word-index sequences (indices by word frequency), labels 0/1.
 *
 * <pre>{@code
 * SequenceData imdb = new Imdb().numWords(10000).load();  // imdb.load_data(num_words=10000)
 * INDArray x = Utils.padSequences(imdb.xTrain(), 200);
 * }</pre>
 *
 * <p>Reads Keras's {@code imdb.npz} (found or downloaded as MNIST's files are, see the package
 * documentation) and preprocesses it exactly as Keras: samples shuffled with
 * {@code np.random.RandomState(seed)} (train then test, one generator), {@code start_char} prepended,
 * indices offset by {@code index_from}, sequences of {@code maxlen} or more dropped, the vocabulary cut to
 * {@code [skip_top, num_words)}. As in Keras, without {@code num_words} the largest index itself falls
 * outside {@code [skip_top, max)} and becomes {@code oov_char}.
 */
public final class Imdb extends SequenceOptions<Imdb> {
    static final String NAME = "imdb";
    static final String NPZ = "imdb.npz";
    static final String WORD_INDEX = "imdb_word_index.json";
    static final List<Remote> KERAS_FILES = List.of(Remote.of(DatasetFiles.KERAS_BASE_URL, NPZ,
            "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"));
    static final List<Remote> KERAS_WORD_INDEX = List.of(Remote.of(DatasetFiles.KERAS_BASE_URL, WORD_INDEX,
            "bfafd718b763782e994055a2d397834f"));

    @Override
    Imdb self() {
        return this;
    }

    /** Options with Keras's defaults. */
    public Imdb() {
        super(NAME, NPZ, KERAS_FILES);
    }

    /** {@code imdb.load_data()} with Keras's defaults. */
    public static SequenceData loadData() {
        return new Imdb().load();
    }


    /** The word to index map, as {@code imdb.get_word_index()} (indices before the {@code index_from} offset). */
    public static Map<String, Integer> getWordIndex() {
        return wordIndex(DatasetFiles.fromSystem(), KERAS_WORD_INDEX);
    }

    static Map<String, Integer> wordIndex(DatasetFiles files, List<Remote> remote) {
        return files.load(NAME, List.of(files.home().resolve(".keras").resolve("datasets")), remote,
                dir -> readWordIndex(dir.resolve(remote.get(0).fileName())), remote.get(0).fileName());
    }

    static Optional<Map<String, Integer>> readWordIndex(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ObjectMapper().readValue(file.toFile(), new TypeReference<Map<String, Integer>>() { }));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new KerasFormatException(file, "not a JSON object of words to indices: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not read: " + e, e);
        }
    }

    @Override
    Optional<Object[]> read(Path npz) {
        if (!Files.isRegularFile(npz)) {
            return Optional.empty();
        }
        Map<String, Object> f = ObjectNpz.read(npz);
        return Optional.of(new Object[]{sequences(f, npz, "x_train"), labels(f, npz, "y_train"),
            sequences(f, npz, "x_test"), labels(f, npz, "y_test")});
    }

    @SuppressWarnings("unchecked")
    static List<int[]> sequences(Map<String, Object> f, Path file, String key) {
        if (!(f.get(key) instanceof List<?>)) {
            throw new KerasFormatException(file, "missing object array '" + key + "' of sequences; found " + f.keySet());
        }
        return (List<int[]>) f.get(key);
    }

    static INDArray labels(Map<String, Object> f, Path file, String key) {
        if (!(f.get(key) instanceof INDArray a) || a.rank() != 1) {
            throw new KerasFormatException(file, "missing 1-D label array '" + key + "'; found " + f.keySet());
        }
        return a;
    }

    @Override
    @SuppressWarnings("unchecked")
    SequenceData preprocess(Object[] raw) {
        List<int[]> xTrain = (List<int[]>) raw[0];
        List<int[]> xTest = (List<int[]>) raw[2];
        INDArray yTrainAll = (INDArray) raw[1];
        INDArray yTestAll = (INDArray) raw[3];
        var rng = rng();
        int[] trainOrder = rng.shuffledRange(xTrain.size());
        int[] testOrder = rng.shuffledRange(xTest.size());
        xTrain = shuffledAndOffset(xTrain, trainOrder);
        xTest = shuffledAndOffset(xTest, testOrder);
        List<Long> yTrain = list(take(yTrainAll, trainOrder));
        List<Long> yTest = list(take(yTestAll, testOrder));
        if (maxlen != null && maxlen != 0) {
            xTrain = removeLong(xTrain, yTrain);
            xTest = removeLong(xTest, yTest);
            if (xTrain.isEmpty() || xTest.isEmpty()) {
                throw new IllegalArgumentException("After filtering for sequences shorter than maxlen=" + maxlen
                        + ", no sequence was kept. Increase maxlen.");
            }
        }
        List<int[]> xs = new ArrayList<>(xTrain);
        xs.addAll(xTest);
        xs = vocabulary(xs);
        int idx = xTrain.size();
        return new SequenceData(new ArrayList<>(xs.subList(0, idx)), array(yTrain, yTrainAll.dataType()),
                new ArrayList<>(xs.subList(idx, xs.size())), array(yTest, yTestAll.dataType()));
    }
}
