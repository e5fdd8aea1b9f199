package io.keras4j.utils;

import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The global random state behind initializers, Dropout and shuffling, as Keras's global
 * {@code SeedGenerator}. {@link Utils#setRandomSeed(long)} seeds it; an object with its own seed
 * (an initializer's {@code seed=}) draws from a generator of its own. {@link #getState()} and
 * {@link #setState(long[])} save and restore it, so that a resumed training draws what the uninterrupted one drew.
 */
public final class RandomState {
    private static Shuffler java = new Shuffler(new java.util.Random().nextLong());

    private RandomState() {
    }

    /** Seeds ND4J's global generator and the Java generator used for shuffling. */
    public static synchronized void seed(long seed) {
        Nd4j.getRandom().setSeed(nativeSeed(seed));
        java = new Shuffler(seed);
    }

    /** The generator for array draws: the global one, or a new one seeded with {@code seed} when not null. */
    public static Random generator(Long seed) {
        return seed == null ? Nd4j.getRandom() : Nd4j.getRandomFactory().getNewRandomInstance(nativeSeed(seed));
    }

    /**
     * The seed handed to ND4J's native generator. Measured with ND4J 1.0.0-M2.1: a seed of 0 is not
     * reproducible there (two processes seeded with 0 draw different numbers), so 0 is mapped to a fixed
     * non-zero constant; every other seed is used as given.
     */
    static long nativeSeed(long seed) {
        return seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    /** The generator for index permutations (shuffling). */
    public static synchronized java.util.Random shuffler() {
        return java;
    }

    /**
     * The current state of the global generators of this thread: ND4J's root and node states and the shuffler's state,
     * as {@code BackupAndRestore} saves it with the training state.
     */
    public static synchronized long[] getState() {
        Random nd4j = Nd4j.getRandom();
        return new long[]{nd4j.rootState(), nd4j.nodeState(), java.state};
    }

    /** Puts back a state from {@link #getState()}: the following draws and shuffles repeat those that followed it. */
    public static synchronized void setState(long[] state) {
        if (state == null || state.length != 3) {
            throw new IllegalArgumentException("RandomState: `state` must be the 3 values of getState(), got "
                    + (state == null ? "null" : state.length + " values"));
        }
        Nd4j.getRandom().setStates(state[0], state[1]);
        java.state = state[2];
    }

    /**
     * java.util.Random's generator (the same 48-bit linear congruential sequence, so the same permutations for a seed)
     * with a state that can be read and set.
     */
    private static final class Shuffler extends java.util.Random {
        private static final long MULTIPLIER = 0x5DEECE66DL;
        private static final long MASK = (1L << 48) - 1;
        /** Set by the super constructor through setSeed, so it has no initializer of its own. */
        private long state;

        Shuffler(long seed) {
            super(seed);
        }

        @Override
        public synchronized void setSeed(long seed) {
            state = (seed ^ MULTIPLIER) & MASK;
        }

        @Override
        protected int next(int bits) {
            synchronized (this) {
                state = (state * MULTIPLIER + 0xBL) & MASK;
                return (int) (state >>> (48 - bits));
            }
        }
    }
}
