package io.keras4j.datasets;

import io.keras4j.datasets.DatasetFiles.Remote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Reuters newswire topic dataset, as keras/src/datasets/reuters.py {@code load_data}: 11,228
 * newswires as word-index sequences labeled over 46 topics, split by {@code test_split} after shuffling.
 *
 * <pre>{@code
 * SequenceData reuters = new Reuters().numWords(10000).testSplit(0.2).load();
 * }</pre>
 *
 * <p>Reads Keras's {@code reuters.npz} (keys {@code x}, {@code y}) and preprocesses it exactly as Keras does
 * (see {@link Imdb}, with one shuffle of all samples by {@code np.random.RandomState(seed)} and the split at
 * {@code int(len(xs) * (1 - test_split))}).
 */
public final class Reuters extends SequenceOptions<Reuters> {
    static final String NAME = "reuters";
    static final String NPZ = "reuters.npz";
    static final List<Remote> KERAS_FILES = List.of(Remote.of(DatasetFiles.KERAS_BASE_URL, NPZ,
            "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"));
    static final List<Remote> KERAS_WORD_INDEX = List.of(Remote.of(DatasetFiles.KERAS_BASE_URL, "reuters_word_index.json",
            "4d44cc38712099c9e383dc6e5f11a921"));
    private static final List<String> LABEL_NAMES = List.of("cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper",
            "housing", "money-supply", "coffee", "sugar", "trade", "reserves", "ship", "cotton", "carcass", "crude",
            "nat-gas", "cpi", "money-fx", "interest", "gnp", "meal-feed", "alum", "oilseed", "gold", "tin",
            "strategic-metal", "livestock", "retail", "ipi", "iron-steel", "rubber", "heat", "jobs", "lei", "bop", "zinc",
            "orange", "pet-chem", "dlr", "gas", "silver", "wpi", "hog", "lead");
    private double testSplit = 0.2;

    @Override
    Reuters self() {
        return this;
    }

    /** Options with Keras's defaults. */
    public Reuters() {
        super(NAME, NPZ, KERAS_FILES);
    }

    /** Fraction of the samples held out as test data; default 0.2. */
    public Reuters testSplit(double testSplit) {
        if (!(testSplit >= 0 && testSplit < 1)) {
            throw new IllegalArgumentException("Reuters: `test_split` must be in [0, 1), got " + testSplit);
        }
        this.testSplit = testSplit;
        return this;
    }

    /** {@code reuters.load_data()} with Keras's defaults. */
    public static SequenceData loadData() {
        return new Reuters().load();
    }


    /** The word to index map, as {@code reuters.get_word_index()}. */
    public static Map<String, Integer> getWordIndex() {
        return Imdb.wordIndex(DatasetFiles.fromSystem(), KERAS_WORD_INDEX);
    }

    /** The 46 topic names, index = label, as {@code reuters.get_label_names()}. */
    public static List<String> getLabelNames() {
        return LABEL_NAMES;
    }

    @Override
    Optional<Object[]> read(Path npz) {
        if (!Files.isRegularFile(npz)) {
            return Optional.empty();
        }
        Map<String, Object> f = ObjectNpz.read(npz);
        return Optional.of(new Object[]{Imdb.sequences(f, npz, "x"), Imdb.labels(f, npz, "y")});
    }

    @Override
    @SuppressWarnings("unchecked")
    SequenceData preprocess(Object[] raw) {
        List<int[]> xs = (List<int[]>) raw[0];
        INDArray yAll = (INDArray) raw[1];
        int[] order = rng().shuffledRange(xs.size());
        xs = shuffledAndOffset(xs, order);
        List<Long> labels = list(take(yAll, order));
        if (maxlen != null && maxlen != 0) {
            xs = removeLong(xs, labels);
        }
        xs = vocabulary(xs);
        int idx = (int) (xs.size() * (1 - testSplit));
        return new SequenceData(new ArrayList<>(xs.subList(0, idx)), array(labels.subList(0, idx), yAll.dataType()),
                new ArrayList<>(xs.subList(idx, xs.size())), array(labels.subList(idx, labels.size()), yAll.dataType()));
    }
}
