package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The reduction the regression metrics share: the mean over the last axis (a vector becomes a scalar, as Keras). */
final class RegressionValues {
    private RegressionValues() {
    }

    static INDArray meanLastAxis(INDArray elementwise) {
        return elementwise.rank() == 0 ? elementwise : elementwise.mean(elementwise.rank() - 1);
    }
}
