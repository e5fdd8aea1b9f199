package io.keras4j.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The arguments shared by the directory loaders (keras/src/utils/image_dataset_utils.py and
 * text_dataset_utils.py) and the indexing, splitting and batching they share.
 */
abstract class DirectoryOptions<T extends DirectoryOptions<T>> {
    private final Path directory;
    private boolean inferLabels = true;
    private String labelMode = "int";
    private List<String> classNames;
    private int batchSize = 32;
    private boolean shuffle = true;
    private Long seed;
    private double validationSplit;
    private String subset;

    DirectoryOptions(Path directory) {
        this.directory = directory;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** {@code labels="inferred"} (true, the default: from sub-folder names) or {@code labels=None} (false). */
    public T labels(boolean inferred) {
        this.inferLabels = inferred;
        return self();
    }

    /** "int" (default), "categorical", "binary" or null (no labels). */
    public T labelMode(String labelMode) {
        this.labelMode = labelMode;
        return self();
    }

    /** The classes to use, in label order (a subset of the sub-folder names); default all, sorted. */
    public T classNames(String... classNames) {
        this.classNames = List.of(classNames);
        return self();
    }

    /** Files per batch; default 32. */
    public T batchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("`batch_size` must be a positive integer, received: " + batchSize);
        }
        this.batchSize = batchSize;
        return self();
    }

    /** Whether to shuffle the files (default true); false keeps alphanumeric order. */
    public T shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return self();
    }

    /** The seed of the file shuffle ({@code np.random.RandomState(seed)}); default random. */
    public T seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** The fraction of files reserved for validation (the last ones after shuffling). */
    public T validationSplit(double validationSplit) {
        this.validationSplit = validationSplit;
        return self();
    }

    /** "training", "validation" (with {@link #load()}) or "both" (with {@link #loadBoth()}). */
    public T subset(String subset) {
        this.subset = subset;
        return self();
    }

    /** The allowed file extensions, lower case with the dot. */
    abstract String[] formats();

    /** Checks the loader's own arguments and returns the reader of a batch of files. */
    abstract java.util.function.Function<List<Path>, org.nd4j.linalg.api.ndarray.INDArray> reader();

    /** The dataset (the training or validation subset when {@code validation_split} is set). */
    public DirectoryDataset load() {
        if ("both".equals(subset)) {
            throw new IllegalArgumentException("subset=\"both\" returns two datasets: use loadBoth()");
        }
        List<DirectoryDataset> parts = build();
        return parts.get(0);
    }

    /** The training and validation datasets, as {@code subset="both"}. */
    public List<DirectoryDataset> loadBoth() {
        if (!"both".equals(subset)) {
            throw new IllegalArgumentException("loadBoth() needs subset(\"both\"), received: subset=" + subset);
        }
        return build();
    }

    private List<DirectoryDataset> build() {
        DirectoryIndex.checkValidationSplit(validationSplit, subset, shuffle, seed);
        String mode = inferLabels ? labelMode : null;
        long actualSeed = seed != null ? seed : ThreadLocalRandom.current().nextInt(1_000_000);
        DirectoryIndex all = DirectoryIndex.index(directory, mode != null, formats(), classNames, shuffle, actualSeed);
        if (mode != null) {
            DirectoryDataset.checkLabelMode(mode, all);
        }
        var reader = reader();
        List<String> subsets = "both".equals(subset) ? List.of("training", "validation") : java.util.Collections.singletonList(subset);
        return subsets.stream().map(s -> {
            DirectoryIndex part = all.subset(validationSplit, s);
            if (part.paths().isEmpty()) {
                throw new IllegalArgumentException("No " + (s == null ? "" : s + " ") + "files found in directory " + directory
                        + ". Allowed formats: " + String.join(", ", formats()));
            }
            return new DirectoryDataset(part, batchSize, mode, reader);
        }).toList();
    }
}
