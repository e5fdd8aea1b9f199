package io.keras4j.spark;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One training example as it travels in a {@code JavaRDD}: the model's inputs and targets as float arrays with
 * their shapes (without the batch axis), and a sample weight (1 unless set, as Keras's {@code sample_weight}).
 * Plain Java arrays serialize the same way in every JVM, whatever native backend the executors run.
 * <pre>{@code
 * JavaRDD<Sample> data = sc.parallelize(rows).map(r -> Sample.of(r.pixels(), oneHot(r.label())));
 * }</pre>
 */
public final class Sample implements Serializable {
    private static final long serialVersionUID = 1L;

    private final float[][] inputs;
    private final long[][] inputShapes;
    private final float[][] targets;
    private final long[][] targetShapes;
    private final float weight;

    private Sample(float[][] inputs, long[][] inputShapes, float[][] targets, long[][] targetShapes, float weight) {
        this.inputs = inputs;
        this.inputShapes = inputShapes;
        this.targets = targets;
        this.targetShapes = targetShapes;
        this.weight = weight;
    }

    /** A sample of a single-input, single-output model whose input and target are vectors. */
    public static Sample of(float[] x, float[] y) {
        return new Sample(new float[][]{x.clone()}, new long[][]{{x.length}}, new float[][]{y.clone()}, new long[][]{{y.length}}, 1f);
    }

    /** A sample of a single-input, single-output model; the arrays have the shape of one example (no batch axis). */
    public static Sample of(INDArray x, INDArray y) {
        return of(new INDArray[]{x}, new INDArray[]{y});
    }

    /** A sample with one array per model input and one per output, in {@code inputs()}/{@code outputs()} order. */
    public static Sample of(INDArray[] x, INDArray[] y) {
        float[][] in = new float[x.length][];
        long[][] inShapes = new long[x.length][];
        for (int i = 0; i < x.length; i++) {
            in[i] = x[i].castTo(DataType.FLOAT).dup('c').data().asFloat();
            inShapes[i] = x[i].shape().clone();
        }
        float[][] out = new float[y.length][];
        long[][] outShapes = new long[y.length][];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i].castTo(DataType.FLOAT).dup('c').data().asFloat();
            outShapes[i] = y[i].shape().clone();
        }
        return new Sample(in, inShapes, out, outShapes, 1f);
    }

    /** This sample with a weight in the loss (and in weighted metrics), as an entry of Keras's {@code sample_weight}. */
    public Sample withWeight(double sampleWeight) {
        if (!(sampleWeight >= 0) || Double.isInfinite(sampleWeight)) {
            throw new IllegalArgumentException("Sample.withWeight: `sample_weight` must be a finite value >= 0, got " + sampleWeight);
        }
        return new Sample(inputs, inputShapes, targets, targetShapes, (float) sampleWeight);
    }

    int inputCount() {
        return inputs.length;
    }

    int targetCount() {
        return targets.length;
    }

    float[] input(int i) {
        return inputs[i];
    }

    long[] inputShape(int i) {
        return inputShapes[i];
    }

    float[] target(int i) {
        return targets[i];
    }

    long[] targetShape(int i) {
        return targetShapes[i];
    }

    /** The sample weight (1 unless set). */
    public float weight() {
        return weight;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Sample(inputs=");
        for (long[] shape : inputShapes) {
            s.append(Arrays.toString(shape));
        }
        s.append(", targets=");
        for (long[] shape : targetShapes) {
            s.append(Arrays.toString(shape));
        }
        return s.append(", weight=").append(weight).append(')').toString();
    }
}
