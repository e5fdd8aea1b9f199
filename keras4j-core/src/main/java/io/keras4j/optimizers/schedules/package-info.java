/**
 * Learning-rate schedules, as {@code keras.optimizers.schedules}: a {@link io.keras4j.optimizers.schedules.LearningRateSchedule}
 * gives the rate at each optimizer step; pass one wherever an optimizer takes a {@code learning_rate}.
 */
package io.keras4j.optimizers.schedules;
