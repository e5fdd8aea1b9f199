package io.keras4j.layers;

import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.keras4j.layers.AttentionGoldens.assertGolden;
import static io.keras4j.layers.AttentionGoldens.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link MultiHeadAttention} with Keras's general {@code attention_axes} on inputs of rank > 3. */
class MultiHeadAttentionAxesTest {
    private static final String[] WEIGHTS = {"query.kernel", "query.bias", "key.kernel", "key.bias", "value.kernel", "value.bias",
            "attention_output.kernel", "attention_output.bias"};

    private static int[] axes(String text) {
        return text == null ? null : Arrays.stream(text.split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    private static boolean has(String name) {
        try {
            get(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The Keras cases of attention_goldens.py {@code axes_case}: outputs, scores (with masks) and the config's axes. */
    @ParameterizedTest
    @CsvSource(value = {"ax2, 2, false", "ax12, 1 2, false", "axnone, NULL, false", "ax21, 2 1, false", "axneg, -3, true",
            "ax13, 1 3, false"}, nullValues = "NULL")
    void matchesKeras(String name, String given, boolean causal) {
        INDArray q = get(name + "_q");
        INDArray v = get(name + "_v");
        INDArray k = get(name + "_k");
        MultiHeadAttention mha = new MultiHeadAttention(2, 3, 2).outputShape(6).attentionAxes(axes(given)).useCausalMask(causal)
                .returnAttentionScores(true);
        mha.applyAll(false, q, v, k);
        for (int i = 0; i < WEIGHTS.length; i++) {
            mha.weights().get(i).assign(get("mha_w" + i + "_multi_head_attention." + WEIGHTS[i]));
        }
        INDArray[] masks = {has(name + "_qmask") ? get(name + "_qmask") : null, has(name + "_vmask") ? get(name + "_vmask") : null,
                null, null};
        INDArray[] out = has(name + "_amask")
                ? AttentionGoldens.callMasked(mha, masks, q, v, k, get(name + "_amask"))
                : AttentionGoldens.callMasked(mha, masks, q, v, k);
        assertGolden(name, out[0]);
        assertGolden(name + "_scores", out[1]);
        List<Integer> kerasAxes = Arrays.stream(AttentionGoldens.text(name + "_axes")).map(Integer::valueOf).toList();
        assertEquals(kerasAxes, mha.getConfig().get("attention_axes"), "attention_axes after build, as Keras's config");
    }

    @ParameterizedTest
    @CsvSource(value = {"1 2", "NULL", "2", "-3", "2 1"}, nullValues = "NULL")
    void harnessOnRank4(String given) {
        LayerTestHarness.of(() -> new MultiHeadAttention(2, 2).attentionAxes(axes(given)), 2, 3, 2, 3).input(2, 3, 2, 3)
                .expectedWeights(8).expectedOutputShape(2, 3, 2, 3).run();
    }

    @Test
    void harnessOnRank5WithKey() {
        LayerTestHarness.of(() -> new MultiHeadAttention(1, 2, 3).attentionAxes(1, 3).outputShape(2),
                        2, 2, 3, 2, 3).input(2, 3, 3, 1, 2).input(2, 3, 3, 1, 4)
                .expectedWeights(8).expectedOutputShape(2, 2, 3, 2, 2).run();
    }

    @Test
    void gradientsUnderMasksOnRank4() {
        INDArray qmask = Nd4j.createFromArray(new boolean[][][]{{{true, false}, {true, true}, {false, false}}, {{true, true}, {false, true},
                {true, false}}});
        INDArray vmask = Nd4j.rand(2, 3, 4).gt(0.25);
        INDArray amask = Nd4j.rand(2, 3, 2, 4).gt(0.3);
        AttentionGoldens.gradientCheck(() -> new MultiHeadAttention(2, 1, 2).attentionAxes(2).returnAttentionScores(true),
                new INDArray[]{qmask, vmask, null, null}, new long[]{2, 3, 2, 3}, new long[]{2, 3, 4, 2}, new long[]{2, 3, 4, 3}, amask);
    }

    @Test
    void gradientsWithCausalMaskOverAPermutedAxis() {
        AttentionGoldens.gradientCheck(() -> new MultiHeadAttention(2, 2).attentionAxes(-3).useCausalMask(true).dropout(0.0),
                new INDArray[]{null, null}, new long[]{2, 3, 2, 3}, new long[]{2, 4, 2, 3});
    }

    @Test
    void symbolicShapesFollowKeras() {
        List<KerasTensor> out = new MultiHeadAttention(2, 3).attentionAxes(2, 1).returnAttentionScores(true)
                .applyAll(Input.of(2, 3, 4), Input.of(5, 6, 4));
        assertArrayEquals(new long[]{-1, 2, 3, 4}, out.get(0).shape());
        assertArrayEquals(new long[]{-1, 2, 3, 2, 6, 5}, out.get(1).shape());
        List<KerasTensor> partial = new MultiHeadAttention(2, 3).attentionAxes(-2).returnAttentionScores(true)
                .applyAll(Input.of(2, 3, 4), Input.of(2, 6, 4));
        assertArrayEquals(new long[]{-1, 2, 2, 3, 6}, partial.get(1).shape());
    }

    @Test
    void configRoundTripKeepsAxes() {
        MultiHeadAttention mha = new MultiHeadAttention(2, 3).attentionAxes(-2);
        assertEquals(List.of(-2), mha.getConfig().get("attention_axes"), "as given before build");
        mha.applyAll(false, Nd4j.rand(1, 2, 3, 4), Nd4j.rand(1, 2, 5, 4));
        assertEquals(List.of(2), mha.getConfig().get("attention_axes"), "normalized after build, as Keras");
        Map<String, Object> config = mha.getConfig();
        Layer copy = LayerProvider.fromConfig("MultiHeadAttention", config);
        assertEquals(LayerTestHarness.canonical(config), LayerTestHarness.canonical(copy.getConfig()));
        Map<String, Object> single = new java.util.HashMap<>(config);
        single.put("attention_axes", 1);
        assertEquals(List.of(1), LayerProvider.fromConfig("MultiHeadAttention", single).getConfig().get("attention_axes"));
    }

    @Test
    void restrictionsAreNamed() {
        IllegalArgumentException axis = assertThrows(IllegalArgumentException.class,
                () -> new MultiHeadAttention(2, 2).attentionAxes(0).apply(Input.of(2, 3, 4), Input.of(2, 3, 4)));
        assertTrue(axis.getMessage().contains("attention_axes") && axis.getMessage().contains("[0]"), axis.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(2, 2).attentionAxes(1, 1).apply(Input.of(2, 3, 4),
                Input.of(2, 3, 4)));
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(2, 2).attentionAxes(-1).apply(Input.of(2, 3, 4),
                Input.of(2, 3, 4)));
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> new MultiHeadAttention(2, 2).attentionAxes(2).apply(Input.of(2, 3, 4), Input.of(5, 3, 4)));
        assertTrue(key.getMessage().contains("non-attention"), key.getMessage());
        // Keras: the causal mask (1, T, S) cannot be expanded before the heads axis of two attention axes ...
        MultiHeadAttention both = new MultiHeadAttention(2, 2).attentionAxes(1, 2).useCausalMask(true).name("mha_causal");
        IllegalArgumentException c2 = assertThrows(IllegalArgumentException.class,
                () -> both.applyAll(false, Nd4j.rand(1, 2, 3, 4), Nd4j.rand(1, 2, 3, 4)));
        assertTrue(c2.getMessage().contains("mha_causal") && c2.getMessage().contains("(1, 2, 2)"), c2.getMessage());
        // ... nor broadcast over a single attention axis other than 1 when its sizes differ from axis 1's
        MultiHeadAttention last = new MultiHeadAttention(2, 2).attentionAxes(2).useCausalMask(true);
        assertThrows(IllegalArgumentException.class, () -> last.applyAll(false, Nd4j.rand(1, 3, 2, 4), Nd4j.rand(1, 3, 5, 4)));
        MultiHeadAttention built = new MultiHeadAttention(2, 2);
        built.applyAll(false, Nd4j.rand(1, 3, 4), Nd4j.rand(1, 3, 4));
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> built.applyAll(false, Nd4j.rand(1, 3, 2, 4), Nd4j.rand(1, 3, 2, 4)));
        assertTrue(rank.getMessage().contains("rank 3"), rank.getMessage());
        MultiHeadAttention masked = new MultiHeadAttention(2, 2).attentionAxes(2);
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> masked.applyAll(false, Nd4j.rand(1, 3, 2, 4),
                Nd4j.rand(1, 3, 5, 4), Nd4j.rand(1, 3, 5, 4), Nd4j.ones(1, 3, 5, 2)));
        assertTrue(m.getMessage().contains("broadcastable"), m.getMessage());
    }
}
