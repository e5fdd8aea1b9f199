package io.keras4j.random;

import io.keras4j.utils.RandomState;

/**
 * A stream of seeds for the random ops, as {@code keras.random.SeedGenerator}: each draw that is given a generator
 * takes its {@link #next()} seed, so successive draws differ while the whole sequence is reproducible from the
 * generator's seed.
 * <pre>{@code
 * SeedGenerator seeds = new SeedGenerator(1337);
 * INDArray a = Random.normal(new long[]{2, 3}, 0.0, 1.0, null, seeds);
 * INDArray b = Random.normal(new long[]{2, 3}, 0.0, 1.0, null, seeds);   // different from a; same in every run
 * }</pre>
 * A generator created without a seed takes one from the global random state, so it is reproducible after
 * {@code Utils.setRandomSeed}.
 */
public final class SeedGenerator {
    private final long seed;
    private long counter;

    /** A generator seeded from the global random state, as {@code SeedGenerator()}. */
    public SeedGenerator() {
        this(RandomState.shuffler().nextLong());
    }

    /** A generator with the initial seed {@code seed}, as {@code SeedGenerator(seed)}. */
    public SeedGenerator(long seed) {
        this.seed = seed;
    }

    /** The initial seed. */
    public long seed() {
        return seed;
    }

    /** The next seed of the stream: a SplitMix64 hash of the initial seed and a counter. */
    public synchronized long next() {
        long z = seed + 0x9E3779B97F4A7C15L * ++counter;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "<SeedGenerator seed=" + seed + ", draws=" + counter + ">";
    }
}
