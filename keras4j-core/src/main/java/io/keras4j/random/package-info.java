/**
 * Random draws, as {@code keras.random}: {@link io.keras4j.random.Random} ({@code normal}, {@code uniform},
 * {@code truncatedNormal}, {@code dropout}, {@code shuffle}) and {@link io.keras4j.random.SeedGenerator}, seeded
 * reproducibly from a seed, a generator or the global random state ({@code Utils.setRandomSeed}).
 */
package io.keras4j.random;
