/**
 * Optimizers, as {@code keras.optimizers}: {@link io.keras4j.optimizers.Optimizer} holds what all share
 * (learning rate or schedule, clipping, weight decay, EMA, gradient accumulation, iterations, variables);
 * each subclass holds only its slots and its update step. {@link io.keras4j.optimizers.Optimizers} resolves
 * Keras identifiers.
 */
package io.keras4j.optimizers;
