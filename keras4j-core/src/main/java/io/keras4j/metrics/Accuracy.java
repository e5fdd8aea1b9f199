package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How often predictions exactly equal the targets, as {@code keras.metrics.Accuracy}; the per-sample value
 * is the mean over the last axis. (The string "accuracy" in {@code compile} resolves to the binary,
 * categorical or sparse variant instead; see {@link Metrics#forCompile}.)
 */
public class Accuracy extends MeanMetricWrapper {
    public Accuracy() {
        this("accuracy");
    }

    public Accuracy(String name) {
        super(name);
    }

    @Override
    protected INDArray values(INDArray yTrue, INDArray yPred) {
        INDArray matches = yTrue.castTo(yPred.dataType()).reshape(yPred.shape()).eq(yPred).castTo(yPred.dataType());
        return matches.mean(yPred.rank() - 1);
    }
}
