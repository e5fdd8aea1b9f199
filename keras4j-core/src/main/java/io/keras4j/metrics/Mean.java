package io.keras4j.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weighted mean of the values given, as {@code keras.metrics.Mean}: {@code total / count}, where each
 * value adds {@code value * weight} to the total and {@code weight} to the count.
 */
public class Mean extends Metric {
    private double total;
    private double count;

    public Mean() {
        this("mean");
    }

    public Mean(String name) {
        super(name);
    }

    /** Adds {@code value} with weight {@code weight}. */
    public void update(double value, double weight) {
        total += value * weight;
        count += weight;
    }

    /** Adds every value of {@code values}, each with its weight from {@code sampleWeight} (or 1). */
    @Override
    public void updateState(INDArray values, INDArray ignored, INDArray sampleWeight) {
        if (sampleWeight == null) {
            total += values.sumNumber().doubleValue();
            count += values.length();
        } else {
            INDArray w = sampleWeight.castTo(values.dataType()).reshape(values.shape());
            total += values.mul(w).sumNumber().doubleValue();
            count += w.sumNumber().doubleValue();
        }
    }

    @Override
    public double result() {
        return count == 0 ? 0.0 : total / count;
    }

    @Override
    public void resetState() {
        total = 0;
        count = 0;
    }
}
