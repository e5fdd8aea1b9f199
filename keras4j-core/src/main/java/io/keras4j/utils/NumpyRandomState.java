package io.keras4j.utils;

/**
 * NumPy's legacy generator {@code np.random.RandomState(seed)}, reproduced bit for bit for what Keras's
 * dataset and timeseries utilities draw from it: the MT19937 stream ({@code init_genrand} seeding of
 * numpy/random/_mt19937.pyx {@code _legacy_seeding}) and {@code shuffle} of a 1-D array (the Fisher-Yates
 * loop of numpy/random/mtrand.pyx {@code _shuffle_raw}, with {@code random_interval}'s masked rejection
 * sampling). So {@code Imdb.loadData(seed=113)} orders samples exactly as Keras does.
 */
public final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int pos;

    /** {@code np.random.RandomState(seed)} for an integer seed in [0, 2^32). */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("NumpyRandomState: `seed` must be between 0 and 2**32 - 1, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        pos = N;
    }

    /** The next 32 random bits as an unsigned value, as {@code mt19937_next32}. */
    public long nextUint32() {
        if (pos == N) {
            generate();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return Integer.toUnsignedLong(y);
    }

    private void generate() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : 0x9908b0df);
        }
        pos = 0;
    }

    /** A uniform integer in [0, max] by masked rejection, as numpy's {@code random_interval} (max below 2^32). */
    long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /** Shuffles in place, as {@code rng.shuffle(x)} on a 1-D array. */
    public void shuffle(int[] x) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /** {@code 0 .. n-1} shuffled, as {@code indices = np.arange(n); rng.shuffle(indices)}. */
    public int[] shuffledRange(int n) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        shuffle(indices);
        return indices;
    }
}
