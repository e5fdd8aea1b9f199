/**
 * Stateful metrics, as {@code keras.metrics}: each {@link io.keras4j.metrics.Metric} accumulates batches
 * with {@code updateState(yTrue, yPred, sampleWeight)}, reports {@code result()} and starts over with
 * {@code resetState()}. {@link io.keras4j.metrics.Metrics#get} resolves Keras identifiers ("auc", "mse",
 * "SparseCategoricalAccuracy").
 */
package io.keras4j.metrics;
