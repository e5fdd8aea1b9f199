/**
 * Keras's image classification models ({@code keras.applications}): each class builds the functional model Keras
 * builds for the same arguments (same layers, layer names, configs and weight order), and loads Keras's published
 * ImageNet weight files.
 *
 * <pre>{@code
 * Model base = new MobileNetV2().inputShape(160, 160, 3).includeTop(false).weights("imagenet").build();
 * INDArray x = MobileNetV2.preprocessInput(images);   // [0, 255] -> [-1, 1]
 * }</pre>
 *
 * Weight files are found by {@link io.keras4j.applications.WeightFiles}: the folder given to {@code weightsDir},
 * {@code $KERAS4J_MODELS}, {@code ~/.keras4j/models}, Keras's own {@code ~/.keras/models}, then Keras's URL.
 * Only {@code channels_last} images, Keras's default {@code image_data_format}, are supported.
 */
package io.keras4j.applications;
