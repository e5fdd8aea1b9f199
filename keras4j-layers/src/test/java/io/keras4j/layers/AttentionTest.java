package io.keras4j.layers;

import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.keras4j.layers.AttentionGoldens.assertGolden;
import static io.keras4j.layers.AttentionGoldens.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttentionTest {
    private static Supplier<Layer> variant(String name) {
        return switch (name) {
            case "dot" -> Attention::new;
            case "dot_scale" -> () -> new Attention(true);
            case "concat" -> () -> new Attention(false, "concat");
            case "concat_scale" -> () -> new Attention(true, "concat");
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"dot", "dot_scale", "concat", "concat_scale"})
    void harnessQueryValue(String mode) {
        LayerTestHarness.of(variant(mode), 2, 3, 4).input(2, 5, 4).expectedOutputShape(2, 3, 4).run();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dot", "concat_scale"})
    void harnessQueryValueKey(String mode) {
        LayerTestHarness.of(variant(mode), 2, 3, 4).input(2, 5, 2).input(2, 5, 4).expectedOutputShape(2, 3, 2).run();
    }

    @Test
    void scoresAreASecondOutput() {
        List<io.keras4j.engine.KerasTensor> out = new Attention().returnAttentionScores(true).applyAll(Input.of(3, 4), Input.of(5, 2), Input.of(5, 4));
        assertArrayEquals(new long[]{-1, 3, 2}, out.get(0).shape());
        assertArrayEquals(new long[]{-1, 3, 5}, out.get(1).shape());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dot", "dot_scale", "concat_scale"})
    void gradientsUnderMasksAndCausalMask(String mode) {
        Supplier<Layer> f = variant(mode);
        INDArray qmask = Nd4j.createFromArray(new boolean[][]{{true, false, true}, {true, true, false}});
        INDArray vmask = Nd4j.createFromArray(new boolean[][]{{true, true, false}, {false, true, true}});
        AttentionGoldens.gradientCheck(() -> ((Attention) f.get()).useCausalMask(true).returnAttentionScores(true),
                new INDArray[]{qmask, vmask, null}, new long[]{2, 3, 4}, new long[]{2, 3, 4}, new long[]{2, 3, 4});
    }

    @Test
    void dotWithMasksAndScoresMatchesKeras() {
        INDArray[] out = AttentionGoldens.callMasked(new Attention().returnAttentionScores(true),
                new INDArray[]{get("qmask"), get("vmask")}, get("q"), get("v"));
        assertGolden("att_dot_masked", out[0]);
        assertGolden("att_dot_masked_scores", out[1]);
    }

    @Test
    void scaledDotWithKeyAndCausalMaskMatchesKeras() {
        Attention layer = new Attention(true).useCausalMask(true);
        layer.applyAll(false, get("q"), get("v"), get("k"));
        layer.weights().get(0).assign(Nd4j.scalar(DataType.FLOAT, 0.7f));
        assertGolden("att_dot_scale_causal", layer.applyAll(false, get("q"), get("v"), get("k"))[0]);
    }

    @Test
    void concatWithValueAndCausalMaskMatchesKeras() {
        Attention layer = new Attention(true, "concat").useCausalMask(true);
        layer.applyAll(false, get("q"), get("v"), get("k"));
        assertEquals(List.of("scale", "concat_score_weight"), layer.weights().stream().map(w -> w.name()).toList());
        layer.weights().get(0).assign(Nd4j.scalar(DataType.FLOAT, 0.5f));
        layer.weights().get(1).assign(Nd4j.scalar(DataType.FLOAT, 1.3f));
        assertGolden("att_concat", AttentionGoldens.callMasked(layer, new INDArray[]{null, get("vmask")}, get("q"), get("v"), get("k"))[0]);
    }

    @Test
    void outputMaskIsTheQueryMask() {
        INDArray qmask = get("qmask");
        assertEquals(qmask, new Attention().computeMask(null, new INDArray[]{qmask, null})[0]);
        assertEquals(null, new Attention().computeMask(null, new INDArray[]{null, get("vmask")}));
    }

    @Test
    void dropoutDropsWeightsOnlyInTraining() {
        Attention layer = new Attention().dropout(0.5).seed(3).returnAttentionScores(true);
        INDArray[] inference = layer.applyAll(false, get("q"), get("v"));
        INDArray[] training = layer.applyAll(true, get("q"), get("v"));
        INDArray w = training[1];
        INDArray kept = w.neq(0).castTo(DataType.FLOAT);
        assertTrue(kept.sumNumber().doubleValue() < w.length(), "some weights dropped");
        assertArrayEquals(inference[1].mul(2).mul(kept).reshape(-1).toDoubleVector(), w.reshape(-1).toDoubleVector(), 1e-6);
    }

    @Test
    void badArgumentsAndShapesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Attention(false, "add")).getMessage().contains("score_mode"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Attention().name("att").apply(Input.of(3, 4)));
        assertTrue(e.getMessage().contains("att") && e.getMessage().contains("[query, value]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Attention().name("att2").apply(Input.of(3, 4), Input.of(5, 4), Input.of(6, 4)));
        assertTrue(e.getMessage().contains("att2") && e.getMessage().contains("(None, 6, 4)"), e.getMessage());
        Attention built = new Attention();
        built.apply(Input.of(3, 4), Input.of(5, 4));
        assertThrows(IllegalStateException.class, () -> built.useScale(true));
    }

    @Test
    void configHasKerasKeys() {
        Map<String, Object> config = new Attention(true, "concat", 0.25).seed(5).getConfig();
        assertEquals(true, config.get("use_scale"));
        assertEquals("concat", config.get("score_mode"));
        assertEquals(0.25, config.get("dropout"));
        assertEquals(5L, config.get("seed"));
        Layer copy = LayerProvider.fromConfig("Attention", Map.of("name", "a", "use_scale", false, "score_mode", "dot", "dropout", 0.0));
        assertTrue(copy instanceof Attention);
        assertEquals("dot", copy.getConfig().get("score_mode"));
    }
}
