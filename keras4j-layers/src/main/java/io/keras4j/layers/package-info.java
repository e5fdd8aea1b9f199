/**
 * The layers, as {@code keras.layers}: one public class per Keras layer with Keras's names, arguments
 * (constructor for positional ones, fluent setters for keyword ones), defaults and weight layouts, plus
 * {@link io.keras4j.layers.Input}. Shared mechanics live in package-private bases (convolution, pooling,
 * recurrence, merging, normalization). Each family registers its Keras class names through a
 * {@link io.keras4j.engine.LayerProvider} listed in {@code META-INF/services}.
 */
package io.keras4j.layers;
