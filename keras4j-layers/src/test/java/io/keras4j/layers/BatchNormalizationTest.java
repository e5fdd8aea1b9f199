package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.models.Sequential;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchNormalizationTest {
    /**
     * Random data standardized per index of {@code axis} (batch mean 0, biased variance 1): then the batch
     * statistics equal the initial moving ones, so the harness's training step (batch statistics) and its
     * loss evaluation (moving statistics) see the same function.
     */
    static INDArray standardized(int axis, long... shape) {
        INDArray x = Nd4j.randn(DataType.DOUBLE, shape);
        int a = axis < 0 ? shape.length + axis : axis;
        int[] reduce = java.util.stream.IntStream.range(0, shape.length).filter(i -> i != a).toArray();
        long[] keep = new long[shape.length];
        java.util.Arrays.fill(keep, 1);
        keep[a] = shape[a];
        INDArray mean = x.mean(reduce).reshape(keep);
        INDArray std = x.var(false, reduce).reshape(keep).addi(1e-3);
        org.nd4j.linalg.ops.transforms.Transforms.sqrt(std, false);
        return x.sub(mean).div(std);
    }

    @ParameterizedTest
    @CsvSource({"true,true", "false,true", "true,false", "false,false"})
    void harnessInferenceMode(boolean center, boolean scale) {
        LayerTestHarness.of(() -> new BatchNormalization().center(center).scale(scale), 6, 4)
                .inputs(() -> new INDArray[]{standardized(-1, 6, 4)})
                .expectedWeights(2 + (center ? 1 : 0) + (scale ? 1 : 0))
                .expectedParams(4L * (2 + (center ? 1 : 0) + (scale ? 1 : 0))).run();
    }

    @ParameterizedTest
    @CsvSource({"-1", "1", "2"})
    void harnessTrainingMode(int axis) {
        LayerTestHarness.of(() -> new BatchNormalization().axis(axis), 5, 3, 4)
                .inputs(() -> new INDArray[]{standardized(axis, 5, 3, 4)})
                .gradientCheckInTrainingMode().run();
    }

    @Test
    void weightOrderAndLayoutAsKeras() {
        BatchNormalization bn = new BatchNormalization();
        bn.apply(Input.of(7));
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"),
                bn.weights().stream().map(v -> v.name()).toList());
        assertEquals(2, bn.trainableWeights().size());
        assertArrayEquals(new double[]{1, 1, 1, 1, 1, 1, 1}, bn.gamma().value().toDoubleVector());
        assertArrayEquals(new double[]{1, 1, 1, 1, 1, 1, 1}, bn.movingVariance().value().toDoubleVector());
        assertArrayEquals(new double[7], bn.movingMean().value().toDoubleVector());
    }

    private static BatchNormalization built(double[] gamma, double[] beta, double[] mean, double[] variance) {
        BatchNormalization bn = new BatchNormalization().dtype("float64");
        bn.apply(Input.of(2));
        bn.gamma().assign(Nd4j.createFromArray(gamma));
        bn.beta().assign(Nd4j.createFromArray(beta));
        bn.movingMean().assign(Nd4j.createFromArray(mean));
        bn.movingVariance().assign(Nd4j.createFromArray(variance));
        return bn;
    }

    @Test
    void inferenceUsesMovingStatistics() {
        BatchNormalization bn = built(new double[]{2, 0.5}, new double[]{1, -1}, new double[]{0.5, -2}, new double[]{4, 0.25});
        INDArray x = Nd4j.createFromArray(new double[][]{{1, 0}, {3, -1}});
        INDArray y = bn.applyAll(false, x)[0];
        double[][] expected = new double[2][2];
        double[] g = {2, 0.5}, b = {1, -1}, m = {0.5, -2}, v = {4, 0.25};
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 2; c++) {
                expected[i][c] = g[c] * (x.getDouble(i, c) - m[c]) / Math.sqrt(v[c] + 1e-3) + b[c];
            }
        }
        assertArrayEquals(expected[0], y.getRow(0).toDoubleVector(), 1e-12);
        assertArrayEquals(expected[1], y.getRow(1).toDoubleVector(), 1e-12);
    }

    @Test
    void trainingUsesBatchStatisticsAndUpdatesMovingOnesByKerasFormula() {
        BatchNormalization bn = built(new double[]{2, 0.5}, new double[]{1, -1}, new double[]{0.5, -2}, new double[]{4, 0.25})
                .momentum(0.9);
        // channel 0: values 1, 3, 8 -> mean 4, biased variance (9 + 1 + 16) / 3; channel 1: 0, -1, 4 -> mean 1, variance 14/3
        INDArray x = Nd4j.createFromArray(new double[][]{{1, 0}, {3, -1}, {8, 4}});
        INDArray y = bn.applyAll(true, x)[0];
        double[] mean = {4, 1};
        double[] var = {26.0 / 3, 14.0 / 3};
        assertEquals(2 * (8 - 4) / Math.sqrt(var[0] + 1e-3) + 1, y.getDouble(2, 0), 1e-12);
        assertEquals(0.5 * (-1 - 1) / Math.sqrt(var[1] + 1e-3) - 1, y.getDouble(1, 1), 1e-12);
        assertArrayEquals(new double[]{0.5 * 0.9 + mean[0] * 0.1, -2 * 0.9 + mean[1] * 0.1},
                bn.movingMean().value().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{4 * 0.9 + var[0] * 0.1, 0.25 * 0.9 + var[1] * 0.1},
                bn.movingVariance().value().toDoubleVector(), 1e-12);
    }

    @Test
    void movingStatisticsAfterOneFitStepFollowTheFormula() {
        Sequential model = new Sequential(new BatchNormalization().inputShape(3));
        model.compile("sgd", "mse");
        INDArray x = Nd4j.createFromArray(new float[][]{{1, 2, 3}, {3, 0, -1}, {2, 7, 1}, {-2, 1, 1}});
        model.fit(x, Nd4j.zeros(DataType.FLOAT, 4, 3), new io.keras4j.models.FitOptions().epochs(1).batchSize(4).verbose(0));
        INDArray mm = model.getWeights().get(2);
        INDArray mv = model.getWeights().get(3);
        assertArrayEquals(x.mean(0).muli(0.01).toFloatVector(), mm.toFloatVector(), 1e-7f);
        assertArrayEquals(x.var(false, 0).muli(0.01).addi(0.99).toFloatVector(), mv.toFloatVector(), 1e-6f);
    }

    @Test
    void frozenLayerRunsInInferenceModeEvenWhenTraining() {
        BatchNormalization bn = built(new double[]{1, 1}, new double[]{0, 0}, new double[]{0.5, -2}, new double[]{4, 0.25});
        bn.trainable(false);
        INDArray x = Nd4j.createFromArray(new double[][]{{1, 0}, {3, -1}});
        assertEquals(bn.applyAll(false, x)[0], bn.applyAll(true, x)[0]);
        assertArrayEquals(new double[]{0.5, -2}, bn.movingMean().value().toDoubleVector());
    }

    @Test
    void acceptsTheKeras3ReferenceConfigAndKeras2Variants() {
        Map<String, Object> k3 = new java.util.LinkedHashMap<>(Map.of("name", "batch_normalization", "trainable", true,
                "axis", -1, "momentum", 0.99, "epsilon", 0.001, "center", true, "scale", true,
                "synchronized", false, "renorm", false, "renorm_momentum", 0.99));
        k3.put("renorm_clipping", null);
        k3.put("beta_initializer", Map.of("module", "keras.initializers", "class_name", "Zeros", "config", Map.of()));
        k3.put("moving_variance_initializer", Map.of("class_name", "Ones", "config", Map.of()));
        BatchNormalization bn = BatchNormalization.fromConfig(k3);
        assertEquals("batch_normalization", bn.name());
        Map<String, Object> k2 = Map.of("name", "bn2", "axis", List.of(3), "momentum", 0.9, "epsilon", 1e-5, "mode", 0);
        assertEquals(0.9, (Double) BatchNormalization.fromConfig(k2).getConfig().get("momentum"));
        assertEquals(3, BatchNormalization.fromConfig(k2).getConfig().get("axis"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNormalization.fromConfig(Map.of("renorm", true)));
        assertTrue(e.getMessage().contains("renorm"), e.getMessage());
    }

    @Test
    void axisOutOfRangeNamesTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchNormalization().axis(3).name("bn_x").apply(Input.of(4)));
        assertTrue(e.getMessage().contains("bn_x") && e.getMessage().contains("axis 3"), e.getMessage());
    }
}
