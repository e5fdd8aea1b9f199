package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.testing.LayerTestHarness;
import io.keras4j.utils.PyDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Normalization (the preprocessing layer; NormalizationTest covers LayerNormalization and friends). Golden values from Keras 3.15.1: keras4j-layers/src/test/python/preprocessing_goldens.py. */
class PreprocessingNormalizationTest {
    private static final double[] DATA = {-5.25, 5.25, -0.75, 9.75, 3.75, -2.25, 8.25, 2.25, -3.75, 6.75, 0.75, -5.25,
            5.25, -0.75, 9.75, 3.75, -2.25, 8.25, 2.25, -3.75, 6.75, 0.75, -5.25, 5.25};

    private static INDArray data() {
        return Nd4j.create(DATA, new long[]{2, 3, 4}, DataType.FLOAT);
    }

    static Stream<Arguments> kerasCases() {
        return Stream.of(
                Arguments.of(new int[]{-1}, false, new double[]{0.75, 3.0, 2.5, 2.0}, new double[]{21.75, 15.5625, 26.5625, 26.5625},
                        new double[]{-1.2865350246429443, 0.5703518390655518, -0.6305926442146301, 1.5037208795547485, 0.6432675123214722,
                                -1.330820918083191, 1.1156638860702515, 0.048507124185562134, -0.9649012684822083, 0.9505863785743713,
                                -0.33954986929893494, -1.4067065715789795, 0.9649012684822083, -0.9505863785743713, 1.4067065715789795,
                                0.33954986929893494, -0.6432675123214722, 1.330820918083191, -0.048507124185562134, -1.1156638860702515,
                                1.2865350246429443, -0.5703518390655518, -1.5037208795547485, 0.6305926442146301}),
                Arguments.of(new int[0], false, new double[]{2.0625}, new double[]{23.30859375},
                        new double[]{-1.5146344900131226, 0.6602252721786499, -0.5825517177581787, 1.5923080444335938, 0.34953102469444275,
                                -0.8932459354400635, 1.281613826751709, 0.038836780935525894, -1.2039401531219482, 0.9709195494651794,
                                -0.27185747027397156, -1.5146344900131226, 0.6602252721786499, -0.5825517177581787, 1.5923080444335938,
                                0.34953102469444275, -0.8932459354400635, 1.281613826751709, 0.038836780935525894, -1.2039401531219482,
                                0.9709195494651794, -0.27185747027397156, -1.5146344900131226, 0.6602252721786499}),
                Arguments.of(new int[]{2, 1}, false, new double[]{0.0, 2.25, 4.5, 6.75, 0.75, 3.0, 5.25, -0.75, 1.5, 3.75, -2.25, 0.0},
                        new double[]{27.5625, 9.0, 27.5625, 9.0, 9.0, 27.5625, 9.0, 9.0, 27.5625, 9.0, 9.0, 27.5625},
                        new double[]{-1, 1, -1, 1, 1, -1, 1, 1, -1, 1, 1, -1, 1, -1, 1, -1, -1, 1, -1, -1, 1, -1, -1, 1}),
                Arguments.of(new int[]{1}, true, new double[]{3.375, 2.0625, 0.75}, new double[]{24.609375, 18.80859375, 23.0625},
                        new double[]{-22.669113159179688, 29.419113159179688, -0.34558773040771484, 51.742637634277344, 18.325828552246094,
                                -7.695496559143066, 37.841819763183594, 11.820496559143066, -17.258787155151367, 33.16581726074219,
                                4.351757526397705, -24.462303161621094, 29.419113159179688, -0.34558773040771484, 51.742637634277344,
                                21.977937698364258, -7.695496559143066, 37.841819763183594, 11.820496559143066, -14.200828552246094,
                                33.16581726074219, 4.351757526397705, -24.462303161621094, 25.962303161621094}));
    }

    @ParameterizedTest
    @MethodSource("kerasCases")
    void adaptAndCallMatchKeras(int[] axis, boolean invert, double[] mean, double[] variance, double[] expected) {
        Normalization layer = new Normalization(axis).invert(invert);
        layer.adapt(data());
        List<Variable> weights = layer.weights();
        assertEquals(List.of("mean", "variance", "count"), weights.stream().map(Variable::name).toList());
        assertTrue(weights.stream().noneMatch(Variable::trainable));
        assertEquals(DataType.LONG, weights.get(2).value().dataType());
        assertArrayEquals(mean, weights.get(0).value().reshape(-1).toDoubleVector(), 1e-6);
        assertArrayEquals(variance, weights.get(1).value().reshape(-1).toDoubleVector(), 1e-5);
        INDArray y = layer.applyAll(false, data())[0];
        assertEquals(DataType.FLOAT, y.dataType());
        assertArrayEquals(expected, y.reshape(-1).toDoubleVector(), 2e-5);
    }

    @Test
    void streamingAdaptOverUnevenBatchesEqualsWholeArray() {
        INDArray rows = data().reshape(6, 4);
        int[] bounds = {0, 2, 5, 6};
        PyDataset batches = new PyDataset() {
            @Override
            public int length() {
                return 3;
            }

            @Override
            public Batch get(int i) {
                return Batch.of(rows.get(NDArrayIndex.interval(bounds[i], bounds[i + 1]), NDArrayIndex.all()), Nd4j.zeros(1));
            }
        };
        Normalization layer = new Normalization();
        layer.adapt(batches);
        assertArrayEquals(new double[]{0.75, 3.000000238418579, 2.5, 2.0}, layer.weights().get(0).value().toDoubleVector(), 1e-6);
        assertArrayEquals(new double[]{21.75, 15.562498092651367, 26.5625, 26.562501907348633},
                layer.weights().get(1).value().toDoubleVector(), 1e-5);
    }

    @Test
    void givenMeanAndVarianceWithZeroVarianceUseEpsilon() {
        Normalization layer = new Normalization().mean(Nd4j.createFromArray(1.0, -2.0, 0.5)).variance(Nd4j.createFromArray(4.0, 0.0, 9.0));
        INDArray y = layer.applyAll(false, Nd4j.createFromArray(new float[][]{{3, -2, 2}, {1, 5, -1}}))[0];
        assertArrayEquals(new double[]{1.0, 0.0, 0.5, 0.0, 70000000.0, -0.5}, y.reshape(-1).toDoubleVector(), 1e-6 * 7e7);
        assertTrue(layer.weights().isEmpty());
    }

    @Test
    void scalarMeanAndVarianceFromKerasDocstring() {
        Normalization layer = new Normalization().mean(3.0).variance(2.0);
        INDArray y = layer.applyAll(false, Nd4j.createFromArray(new float[][]{{1}, {2}, {3}}))[0];
        assertArrayEquals(new double[]{-1.4142135, -0.70710677, 0}, y.reshape(-1).toDoubleVector(), 1e-6);
    }

    @Test
    void adaptedStatisticsAreSavedAsWeightsAndRestoredByConfigRoundTrip() {
        LayerTestHarness.of(() -> {
            Normalization layer = new Normalization(1);
            layer.adapt(Nd4j.rand(DataType.DOUBLE, 7, 3, 4).muli(5).addi(2));
            return layer;
        }, 2, 3, 4).expectedWeights(3).expectedParams(7).run();
    }

    @Test
    void harnessWithGivenStatisticsAndInvert() {
        LayerTestHarness.of(() -> new Normalization(-1).mean(Nd4j.createFromArray(0.5, -1.0)).variance(Nd4j.createFromArray(4.0, 0.25))
                .invert(true), 3, 2).expectedWeights(0).run();
    }

    @Test
    void configHasKerasKeysAndRoundTrips() {
        Normalization layer = new Normalization().mean(Nd4j.createFromArray(1.0, 2.0)).variance(Nd4j.createFromArray(3.0, 4.0));
        Map<String, Object> config = layer.getConfig();
        assertEquals(List.of(-1), config.get("axis"));
        assertEquals(false, config.get("invert"));
        assertEquals(List.of(1.0, 2.0), config.get("mean"));
        assertEquals(List.of(3.0, 4.0), config.get("variance"));
        assertEquals(config.get("mean"), Normalization.fromConfig(config).getConfig().get("mean"));
        Map<String, Object> none = new Normalization(new int[0]).getConfig();
        assertEquals(List.of(), none.get("axis"));
        assertTrue(none.containsKey("mean"));
        assertEquals(null, none.get("mean"));
        Map<String, Object> keras = new java.util.HashMap<>(Map.of("name", "n", "invert", true, "mean", 2.0, "variance", 3.0));
        keras.put("axis", null);
        Layer fromKeras = Normalization.fromConfig(keras);
        assertEquals(2.0, fromKeras.getConfig().get("mean"));
        assertEquals(List.of(), fromKeras.getConfig().get("axis"));
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException onlyMean = assertThrows(IllegalArgumentException.class,
                () -> new Normalization().mean(1.0).applyAll(false, Nd4j.ones(2, 3)));
        assertTrue(onlyMean.getMessage().contains("both `mean` and `variance`"), onlyMean.getMessage());
        IllegalArgumentException badAxis = assertThrows(IllegalArgumentException.class, () -> new Normalization(3).adapt(Nd4j.ones(2, 3)));
        assertTrue(badAxis.getMessage().contains("axis"), badAxis.getMessage());
        Normalization adapted = new Normalization();
        adapted.adapt(Nd4j.ones(4, 3));
        IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class, () -> adapted.adapt(Nd4j.ones(4, 5)));
        assertTrue(wrongWidth.getMessage().contains("[4, 5]"), wrongWidth.getMessage());
        Normalization given = new Normalization().mean(0.0).variance(1.0);
        assertThrows(IllegalStateException.class, () -> given.adapt(Nd4j.ones(2, 3)));
        assertFalse(given.built());
    }
}
