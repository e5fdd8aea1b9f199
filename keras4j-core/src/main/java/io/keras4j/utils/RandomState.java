package io.keras4j.utils;

import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The global random state behind initializers, Dropout and shuffling, as Keras's global
 * {@code SeedGenerator}. {@link Utils#setRandomSeed(long)} seeds it; an object with its own seed
 * (an initializer's {@code seed=}) draws from a generator of its own.
 */
public final class RandomState {
    private static java.util.Random java = new java.util.Random();

    private RandomState() {
    }

    /** Seeds ND4J's global generator and the Java generator used for shuffling. */
    public static synchronized void seed(long seed) {
        Nd4j.getRandom().setSeed(nativeSeed(seed));
        java = new java.util.Random(seed);
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
}
