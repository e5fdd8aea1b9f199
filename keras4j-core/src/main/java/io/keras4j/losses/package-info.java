/**
 * The losses of {@code keras.losses}: one class per loss with its gradient, a shared {@link io.keras4j.losses.Loss}
 * base for reductions, sample weights and masks, and the {@link io.keras4j.losses.Losses} registry of Keras
 * identifiers ("categorical_crossentropy", "mse", "huber", ...).
 */
package io.keras4j.losses;
