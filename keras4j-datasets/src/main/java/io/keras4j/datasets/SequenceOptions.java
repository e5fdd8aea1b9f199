package io.keras4j.datasets;

import io.keras4j.datasets.DatasetFiles.Remote;
import io.keras4j.utils.NumpyRandomState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The word-index options and preprocessing shared by {@link Imdb} and {@link Reuters}, as the bodies of
 * keras/src/datasets/imdb.py and reuters.py {@code load_data} (and python_utils.py {@code remove_long_seq}).
 */
abstract class SequenceOptions<T extends SequenceOptions<T>> {
    Integer numWords;
    int skipTop;
    Integer maxlen;
    long seed = 113;
    Integer startChar = 1;
    Integer oovChar = 2;
    int indexFrom = 3;

    private final String name;
    private final String npz;
    private final List<Remote> kerasFiles;

    /**
     * @param name       the dataset's name (its folder under {@code ~/.keras/datasets})
     * @param npz        its npz file name
     * @param kerasFiles where Keras downloads the npz file from, with its checksum
     */
    SequenceOptions(String name, String npz, List<Remote> kerasFiles) {
        this.name = name;
        this.npz = npz;
        this.kerasFiles = kerasFiles;
    }

    abstract T self();

    /** The raw arrays of an npz file (sequences and labels), or empty when there is no such file. */
    abstract Optional<Object[]> read(Path npz);

    /** The shuffled, filtered and split data of the raw arrays, with the options set on this object. */
    abstract SequenceData preprocess(Object[] raw);

    /** Keras's {@code load_data(...)} with the options set on this object. */
    public SequenceData load() {
        return load(DatasetFiles.fromSystem(), kerasFiles);
    }

    /** As {@link #load()}, from the npz file in {@code dir} only. */
    public SequenceData load(Path dir) {
        return preprocess(read(dir.resolve(npz)).orElseThrow(() -> new IllegalArgumentException(dir + ": no " + npz)));
    }

    SequenceData load(DatasetFiles files, List<Remote> remote) {
        return preprocess(files.load(name, List.of(files.home().resolve(".keras").resolve("datasets")), remote,
                dir -> read(dir.resolve(npz)), npz));
    }

    /** Keep only the {@code num_words} most frequent words (others become {@code oov_char}); null keeps all. */
    public T numWords(Integer numWords) {
        this.numWords = numWords;
        return self();
    }

    /** Treat the {@code skip_top} most frequent words as out of vocabulary; default 0. */
    public T skipTop(int skipTop) {
        this.skipTop = skipTop;
        return self();
    }

    /** Drop sequences of {@code maxlen} words or more (after the start character); null keeps all. */
    public T maxlen(Integer maxlen) {
        this.maxlen = maxlen;
        return self();
    }

    /** Seed of numpy's {@code RandomState} that shuffles the samples; default 113. */
    public T seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** Marker put at the start of every sequence; default 1; null for none. */
    public T startChar(Integer startChar) {
        this.startChar = startChar;
        return self();
    }

    /** Replacement of out-of-vocabulary words; default 2; null drops them. */
    public T oovChar(Integer oovChar) {
        this.oovChar = oovChar;
        return self();
    }

    /** Offset added to every word index; default 3. */
    public T indexFrom(int indexFrom) {
        this.indexFrom = indexFrom;
        return self();
    }

    /** Applies {@code indices}, the start character and the index offset, as {@code x[indices]} then the comprehension. */
    List<int[]> shuffledAndOffset(List<int[]> xs, int[] indices) {
        List<int[]> out = new ArrayList<>(xs.size());
        int extra = startChar != null ? 1 : 0;
        for (int i : indices) {
            int[] x = xs.get(i);
            int[] y = new int[x.length + extra];
            if (startChar != null) {
                y[0] = startChar;
            }
            for (int k = 0; k < x.length; k++) {
                y[k + extra] = x[k] + indexFrom;
            }
            out.add(y);
        }
        return out;
    }

    /** {@code labels[indices]}, keeping the dtype. */
    static INDArray take(INDArray labels, int[] indices) {
        long[] all = labels.castTo(DataType.INT64).toLongVector();
        long[] out = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = all[indices[i]];
        }
        return Nd4j.createFromArray(out).castTo(labels.dataType());
    }

    /** Keeps the pairs whose sequence is shorter than {@code maxlen}, as {@code remove_long_seq}; labels in place. */
    List<int[]> removeLong(List<int[]> xs, List<Long> labels) {
        List<int[]> keptX = new ArrayList<>();
        List<Long> keptY = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            if (xs.get(i).length < maxlen) {
                keptX.add(xs.get(i));
                keptY.add(labels.get(i));
            }
        }
        labels.clear();
        labels.addAll(keptY);
        return keptX;
    }

    /** The vocabulary cut: {@code w if skip_top <= w < num_words else oov_char} (or dropped when oov_char is None). */
    List<int[]> vocabulary(List<int[]> xs) {
        int limit;
        if (numWords == null || numWords == 0) {
            limit = 0;
            for (int[] x : xs) {
                for (int w : x) {
                    limit = Math.max(limit, w);
                }
            }
        } else {
            limit = numWords;
        }
        List<int[]> out = new ArrayList<>(xs.size());
        for (int[] x : xs) {
            int[] y = new int[x.length];
            int n = 0;
            for (int w : x) {
                if (skipTop <= w && w < limit) {
                    y[n++] = w;
                } else if (oovChar != null) {
                    y[n++] = oovChar;
                }
            }
            out.add(n == y.length ? y : java.util.Arrays.copyOf(y, n));
        }
        return out;
    }

    NumpyRandomState rng() {
        return new NumpyRandomState(seed);
    }

    static List<Long> list(INDArray labels) {
        List<Long> out = new ArrayList<>();
        for (long v : labels.castTo(DataType.INT64).toLongVector()) {
            out.add(v);
        }
        return out;
    }

    static INDArray array(List<Long> labels, DataType type) {
        return Nd4j.createFromArray(labels.stream().mapToLong(Long::longValue).toArray()).castTo(type);
    }
}
