/**
 * Global numeric settings ({@link io.keras4j.backend.Backend}: floatx, epsilon), as {@code keras.backend} /
 * {@code keras.config}, and the fast paths into ND4J that layers share ({@link io.keras4j.backend.Blas}).
 */
package io.keras4j.backend;
