/**
 * What ported scripts use from {@code keras.utils}: {@link io.keras4j.utils.Utils} (to_categorical, normalize,
 * set_random_seed, pad_sequences, timeseries datasets), {@link io.keras4j.utils.Progbar} and the
 * {@link io.keras4j.utils.PyDataset} batch source for data that streams.
 */
package io.keras4j.utils;
