package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import io.keras4j.models.Sequential;
import io.keras4j.testing.GradientCheck;
import io.keras4j.testing.LayerTestHarness;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dropout (noise_shape), SpatialDropout1D/2D/3D, GaussianNoise, GaussianDropout, AlphaDropout, ActivityRegularization, Identity. */
class RegularizationTest {
    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("Dropout noise_shape", (Supplier<Layer>) () -> new Dropout(0.5).noiseShape(-1, 1, -1), new long[]{4, 3, 2}),
                Arguments.of("SpatialDropout1D", (Supplier<Layer>) () -> new SpatialDropout1D(0.3), new long[]{4, 3, 2}),
                Arguments.of("SpatialDropout2D", (Supplier<Layer>) () -> new SpatialDropout2D(0.3).dataFormat("channels_first"),
                        new long[]{2, 3, 2, 2}),
                Arguments.of("SpatialDropout3D", (Supplier<Layer>) () -> new SpatialDropout3D(0.3), new long[]{2, 2, 2, 2, 3}),
                Arguments.of("GaussianNoise", (Supplier<Layer>) () -> new GaussianNoise(0.1), new long[]{4, 3}),
                Arguments.of("GaussianDropout", (Supplier<Layer>) () -> new GaussianDropout(0.2), new long[]{4, 3}),
                Arguments.of("AlphaDropout", (Supplier<Layer>) () -> new AlphaDropout(0.2).noiseShape(-1, 1), new long[]{4, 3}),
                Arguments.of("Identity", (Supplier<Layer>) Identity::new, new long[]{4, 3}));
    }

    /** In inference mode (the harness's) these layers are the identity. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void harness(String name, Supplier<Layer> factory, long[] shape) {
        LayerTestHarness.of(factory, shape).expectedWeights(0).expectedOutputShape(shape).withoutTrainingStep().run();
        INDArray x = Nd4j.rand(DataType.DOUBLE, shape);
        assertEquals(x, factory.get().applyAll(false, x)[0]);
    }

    private static INDArray[] trainingCallAndGradient(Layer layer, INDArray x) {
        CallContext ctx = new CallContext();
        ctx.begin(true, new boolean[]{true});
        INDArray y = layer.call(new INDArray[]{x}, ctx)[0].dup();
        INDArray dx = layer.backward(new INDArray[]{Nd4j.ones(x.dataType(), x.shape())}, ctx)[0];
        return new INDArray[]{y, dx};
    }

    @Test
    void noiseShapeSharesTheDropAlongSizeOneAxes() {
        Utils.setRandomSeed(3);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 50, 6, 4);
        INDArray[] r = trainingCallAndGradient(new Dropout(0.5).noiseShape(-1, 1, -1), x);
        INDArray first = r[0].get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all());
        for (int t = 1; t < 6; t++) {
            assertEquals(first, r[0].get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all()));
        }
        assertEquals(r[0], r[1], "the gradient is the same scaled mask");
        double kept = r[0].gt(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertEquals(0.5, kept, 0.1);
        assertEquals(2.0, r[0].maxNumber().doubleValue(), 1e-12);
    }

    @Test
    void spatialDropoutDropsWholeChannels() {
        Utils.setRandomSeed(4);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 20, 3, 3, 8);
        INDArray y = trainingCallAndGradient(new SpatialDropout2D(0.5), x)[0];
        INDArray perChannel = y.max(1, 2);
        assertEquals(perChannel, y.min(1, 2), "one value per sample and channel");
        assertTrue(perChannel.eq(0).castTo(DataType.DOUBLE).sumNumber().doubleValue() > 0);
    }

    @Test
    void gaussianNoiseAndDropoutStatistics() {
        Utils.setRandomSeed(5);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 200, 100);
        INDArray noisy = trainingCallAndGradient(new GaussianNoise(0.5), x)[0];
        assertEquals(1.0, noisy.meanNumber().doubleValue(), 0.01);
        assertEquals(0.5, noisy.stdNumber().doubleValue(), 0.01);
        INDArray[] r = trainingCallAndGradient(new GaussianDropout(0.2), x);
        assertEquals(1.0, r[0].meanNumber().doubleValue(), 0.01);
        assertEquals(Math.sqrt(0.2 / 0.8), r[0].stdNumber().doubleValue(), 0.01);
        assertEquals(r[0], r[1], "d(x * noise)/dx = noise");
    }

    @Test
    void alphaDropoutByKerasFormula() {
        Utils.setRandomSeed(6);
        double rate = 0.2;
        double alphaP = -1.6732632423543772 * 1.0507009873554805;
        double a = Math.pow((1 - rate) * (1 + rate * alphaP * alphaP), -0.5);
        double b = -a * alphaP * rate;
        INDArray x = Nd4j.valueArrayOf(new long[]{100, 50}, 0.7, DataType.DOUBLE);
        INDArray[] r = trainingCallAndGradient(new AlphaDropout(rate), x);
        INDArray keptValue = r[0].sub(a * 0.7 + b);
        INDArray droppedValue = r[0].sub(a * alphaP + b);
        INDArray kept = Nd4j.math().abs(keptValue).lt(1e-12).castTo(DataType.DOUBLE);
        INDArray dropped = Nd4j.math().abs(droppedValue).lt(1e-12).castTo(DataType.DOUBLE);
        assertEquals(5000.0, kept.add(dropped).sumNumber().doubleValue(), "every value is a kept or a dropped one");
        assertEquals(0.8, kept.meanNumber().doubleValue(), 0.02);
        assertEquals(kept.mul(a), r[1]);
    }

    @Test
    void activityRegularizationGradientIncludesThePenalty() {
        Layer layer = new ActivityRegularization(0.01, 0.1);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3).subi(0.5);
        INDArray r = Nd4j.rand(DataType.DOUBLE, 4, 3);
        CallContext ctx = new CallContext();
        ctx.begin(true, new boolean[]{true});
        layer.call(new INDArray[]{x.dup()}, ctx);
        INDArray analytic = layer.backward(new INDArray[]{r}, ctx)[0];
        GradientCheck.check("activity regularization", v -> {
            CallContext c = new CallContext();
            c.begin(true, new boolean[]{true});
            INDArray y = layer.call(new INDArray[]{v.dup()}, c)[0];
            return y.mul(r).sumNumber().doubleValue() + c.addedLoss();
        }, x.dup(), analytic);
        ctx.begin(false, new boolean[]{true});
        layer.call(new INDArray[]{x}, ctx);
        double expected = (0.01 * Nd4j.math().abs(x).sumNumber().doubleValue() + 0.1 * x.mul(x).sumNumber().doubleValue()) / 4;
        assertEquals(expected, ctx.addedLoss(), 1e-12);
    }

    @Test
    void activityRegularizationLossIsReportedByEvaluate() {
        Sequential model = new Sequential(new ActivityRegularization(0, 0.5).inputShape(2));
        model.compile("sgd", "mse");
        INDArray x = Nd4j.createFromArray(new float[][]{{1, 2}, {3, 0}});
        double loss = model.evaluate(x, x)[0];
        assertEquals(0.5 * (1 + 4 + 9) / 2, loss, 1e-6);
        LayerTestHarness.of(() -> new ActivityRegularization(0.01, 0.01), 4, 3).withoutGradientCheck().withoutTrainingStep().run();
    }

    @Test
    void configsRoundTripTheirKeys() {
        Map<String, Object> d = new Dropout(0.5).noiseShape(-1, 1, 8).getConfig();
        assertEquals(java.util.Arrays.asList(null, 1L, 8L), d.get("noise_shape"));
        Dropout back = Dropout.fromConfig(d);
        assertArrayEquals(new long[]{4, 1, 8}, back.maskShape(new long[]{4, 5, 8}));
        assertEquals("channels_first", SpatialDropout2D.fromConfig(Map.of("rate", 0.1, "data_format", "channels_first")).getConfig().get("data_format"));
    }
}
