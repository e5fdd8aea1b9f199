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
        Nd4j.getRandom().setSeed(seed);
        java = new java.util.Random(seed);
    }

    /** The generator for array draws: the global one, or a new one seeded with {@code seed} when not null. */
    public static Random generator(Long seed) {
        return seed == null ? Nd4j.getRandom() : Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /** The generator for index permutations (shuffling). */
    public static synchronized java.util.Random shuffler() {
        return java;
    }
}
