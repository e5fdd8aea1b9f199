/**
 * Callbacks, as {@code keras.callbacks}: objects whose hooks the {@code fit}, {@code evaluate} and
 * {@code predict} loops call ({@link io.keras4j.callbacks.Callback}), from progress printing and history
 * to early stopping, learning-rate control, CSV logs and resumable training.
 */
package io.keras4j.callbacks;
