/**
 * Weight regularizers, as {@code keras.regularizers}: penalties added to the training loss (and reported in
 * it) with their gradients ({@link io.keras4j.regularizers.L1}, {@link io.keras4j.regularizers.L2},
 * {@link io.keras4j.regularizers.L1L2}, {@link io.keras4j.regularizers.OrthogonalRegularizer}).
 */
package io.keras4j.regularizers;
