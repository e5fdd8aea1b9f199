package io.keras4j.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Feature rows and their labels read from user data, ready for {@code model.fit(features, labels, ...)}.
 *
 * @param features float32 {@code (samples, features)}
 * @param labels   float32 {@code (samples, 1)}, or {@code (samples, num_classes)} one-hot
 */
public record FeaturesLabels(INDArray features, INDArray labels) {
}
