package io.keras4j.layers;

import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Variable;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.keras4j.layers.AttentionGoldens.assertGolden;
import static io.keras4j.layers.AttentionGoldens.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultiHeadAttentionTest {
    /** The layer of the goldens: 2 heads, key_dim 3, value_dim 2, output 6, weights from the golden file. */
    private static MultiHeadAttention goldenLayer() {
        return withGoldenWeights(new MultiHeadAttention(2, 3, 2).outputShape(6), get("mq"), get("mv"), get("mk"));
    }

    /** Builds {@code mha} (2 heads, key_dim 3, value_dim 2, output 6) on the inputs and loads the golden weights. */
    private static MultiHeadAttention withGoldenWeights(MultiHeadAttention mha, INDArray... inputs) {
        mha.applyAll(false, inputs);
        String[] names = {"query.kernel", "query.bias", "key.kernel", "key.bias", "value.kernel", "value.bias",
                "attention_output.kernel", "attention_output.bias"};
        for (int i = 0; i < names.length; i++) {
            mha.weights().get(i).assign(get("mha_w" + i + "_multi_head_attention." + names[i]));
        }
        return mha;
    }

    @Test
    void harnessSelfAttention() {
        LayerTestHarness.of(() -> new MultiHeadAttention(2, 2), 2, 3, 3).input(2, 3, 3)
                .expectedWeights(8).expectedParams(3 * (3 * 4 + 4) + 4 * 3 + 3).expectedOutputShape(2, 3, 3).run();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void harnessCrossAttentionWithKey(boolean useBias) {
        LayerTestHarness.of(() -> new MultiHeadAttention(2, 2, 1).outputShape(2).useBias(useBias), 2, 3, 3).input(2, 4, 2).input(2, 4, 3)
                .expectedWeights(useBias ? 8 : 4).expectedOutputShape(2, 3, 2).run();
    }

    @Test
    void gradientsUnderAllMasksWithScores() {
        INDArray qmask = Nd4j.createFromArray(new boolean[][]{{true, false, true}, {true, true, false}});
        INDArray vmask = Nd4j.createFromArray(new boolean[][]{{true, true, false, true}, {false, true, true, true}});
        INDArray amask = Nd4j.rand(2, 3, 4).gt(0.3);
        AttentionGoldens.gradientCheck(() -> new MultiHeadAttention(2, 1, 2).useCausalMask(true).returnAttentionScores(true),
                new INDArray[]{qmask, vmask, null, null}, new long[]{2, 3, 2}, new long[]{2, 4, 3}, new long[]{2, 4, 2},
                amask);
    }

    @Test
    void gradientsOfSelfAttentionWithCausalMaskAndAFullyMaskedRow() {
        INDArray qmask = Nd4j.createFromArray(new boolean[][]{{true, false, true}});
        AttentionGoldens.gradientCheck(() -> new MultiHeadAttention(1, 2).useCausalMask(true), new INDArray[]{qmask, null},
                new long[]{1, 3, 3}, new long[]{1, 3, 3});
    }

    @Test
    void masksPropagateFromEmbeddingInAModel() {
        KerasTensor ids = Input.of(new long[]{4}, "ids", "int32");
        Embedding embedding = new Embedding(6, 4).maskZero(true);
        KerasTensor x = embedding.apply(ids);
        MultiHeadAttention mha = new MultiHeadAttention(2, 2);
        io.keras4j.models.Model model = new io.keras4j.models.Model(List.of(ids), List.of(mha.apply(x, x)));
        INDArray batch = Nd4j.createFromArray(new int[][]{{3, 1, 0, 0}, {5, 2, 4, 0}});
        INDArray predicted = model.predict(batch);
        INDArray mask = batch.neq(0);
        INDArray emb = embedding.applyAll(false, batch)[0];
        INDArray expected = AttentionGoldens.callMasked(mha, new INDArray[]{mask, mask}, emb, emb)[0];
        assertArrayEquals(expected.reshape(-1).toDoubleVector(), predicted.reshape(-1).toDoubleVector(), 1e-6);
        INDArray unmasked = mha.applyAll(false, emb, emb)[0];
        assertTrue(unmasked.sub(predicted).amaxNumber().doubleValue() > 1e-4, "the padding mask changes the output");
    }

    @Test
    void causalMaskKeptPerShapeAcrossBatchesOfAModel() {
        KerasTensor x = Input.of(3, 4);
        MultiHeadAttention mha = new MultiHeadAttention(2, 2).useCausalMask(true);
        io.keras4j.models.Model model = new io.keras4j.models.Model(List.of(x), List.of(mha.apply(x, x)));
        INDArray batch = get("mha_plain").get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4));
        INDArray three = Nd4j.concat(0, batch, batch.mul(-0.5)).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3));
        INDArray predicted = model.predict(three, 2);
        for (int i = 0; i < 3; i++) {
            INDArray one = three.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1)).dup();
            INDArray expected = mha.applyAll(false, one, one)[0];
            assertArrayEquals(expected.reshape(-1).toDoubleVector(), predicted.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1))
                    .reshape(-1).toDoubleVector(), 1e-6, "sample " + i);
        }
    }

    @Test
    void dropoutActsOnlyInTraining() {
        MultiHeadAttention mha = new MultiHeadAttention(2, 2).dropout(0.5).seed(1).returnAttentionScores(true);
        INDArray q = get("mq");
        INDArray[] inference = mha.applyAll(false, q, q);
        INDArray[] again = mha.applyAll(false, q, q);
        assertEquals(inference[0], again[0]);
        INDArray[] training = mha.applyAll(true, q, q);
        assertEquals(inference[1], training[1], "returned scores are taken before dropout, as Keras");
        assertTrue(inference[0].sub(training[0]).amaxNumber().doubleValue() > 1e-4, "dropout changes the output in training");
    }

    @Test
    void weightLayoutAndNamesAsKeras() {
        MultiHeadAttention mha = goldenLayer();
        List<String> names = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        for (Variable v : mha.weights()) {
            names.add(v.name());
            shapes.add(v.value().shape());
        }
        assertEquals(List.of("query/kernel", "query/bias", "key/kernel", "key/bias", "value/kernel", "value/bias",
                "attention_output/kernel", "attention_output/bias"), names);
        long[][] expected = {{4, 2, 3}, {2, 3}, {3, 2, 3}, {2, 3}, {5, 2, 2}, {2, 2}, {2, 2, 6}, {6}};
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], shapes.get(i), names.get(i));
        }
        List<String> kerasPaths = Arrays.stream(AttentionGoldens.text("sa_paths")).map(p -> p.substring(p.indexOf('/') + 1)).toList();
        assertEquals(names, kerasPaths);
    }

    @Test
    void crossAttentionMatchesKeras() {
        MultiHeadAttention mha = goldenLayer();
        assertGolden("mha_plain", mha.applyAll(false, get("mq"), get("mv"), get("mk"))[0]);
        assertGolden("mha_causal", goldenLayer().useCausalMask(true).applyAll(false, get("mq"), get("mv"), get("mk"))[0]);
    }

    @Test
    void valueMaskAndAttentionMaskMatchKeras() {
        INDArray[] masks = {null, get("vmask"), null, null};
        assertGolden("mha_masks", AttentionGoldens.callMasked(goldenLayer(), masks, get("mq"), get("mv"), get("mk"), get("amask"))[0]);
        MultiHeadAttention withScores = goldenLayer();
        MultiHeadAttention fresh = new MultiHeadAttention(2, 3, 2).outputShape(6).returnAttentionScores(true);
        fresh.applyAll(false, get("mq"), get("mv"), get("mk"));
        for (int i = 0; i < 8; i++) {
            fresh.weights().get(i).assign(withScores.weights().get(i).value());
        }
        INDArray[] out = AttentionGoldens.callMasked(fresh, masks, get("mq"), get("mv"), get("mk"), get("amask"));
        assertGolden("mha_masks_ret", out[0]);
        assertGolden("mha_masks_scores", out[1]);
    }

    @Test
    void queryAndKeyMasksMatchKerasOnBothPaths() {
        INDArray[] masks = {get("qmask"), get("vmask"), get("kmask")};
        // fully masked query rows attend uniformly on Keras's fused path, and get zero weights when scores are returned
        assertGolden("mha_qkmask", AttentionGoldens.callMasked(goldenLayer(), masks, get("mq"), get("mv"), get("mk"))[0]);
        MultiHeadAttention fresh = new MultiHeadAttention(2, 3, 2).outputShape(6).returnAttentionScores(true);
        fresh.applyAll(false, get("mq"), get("mv"), get("mk"));
        MultiHeadAttention source = goldenLayer();
        for (int i = 0; i < 8; i++) {
            fresh.weights().get(i).assign(source.weights().get(i).value());
        }
        INDArray[] out = AttentionGoldens.callMasked(fresh, masks, get("mq"), get("mv"), get("mk"));
        assertGolden("mha_qkmask_ret", out[0]);
        assertGolden("mha_qkmask_scores", out[1]);
    }

    @Test
    void selfAttentionWithCausalMaskMatchesKeras() {
        MultiHeadAttention sa = new MultiHeadAttention(2, 2);
        sa.applyAll(false, get("mq"), get("mq"));
        for (int i = 0; i < 8; i++) {
            sa.weights().get(i).assign(get("sa_w" + i));
        }
        assertGolden("sa_causal", sa.useCausalMask(true).applyAll(false, get("mq"), get("mq"))[0]);
    }

    @Test
    void symbolicScoresShapeAndOutputMask() {
        List<KerasTensor> out = new MultiHeadAttention(2, 3).returnAttentionScores(true).applyAll(Input.of(3, 4), Input.of(5, 2));
        assertArrayEquals(new long[]{-1, 3, 4}, out.get(0).shape());
        assertArrayEquals(new long[]{-1, 2, 3, 5}, out.get(1).shape());
        INDArray qmask = get("qmask");
        assertEquals(qmask, new MultiHeadAttention(1, 1).computeMask(null, new INDArray[]{qmask, null})[0]);
    }

    @Test
    void badArgumentsAndShapesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(0, 2)).getMessage().contains("num_heads"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(2, 2).attentionAxes(2)
                .apply(Input.of(3, 4), Input.of(5, 4))).getMessage().contains("attention_axes"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MultiHeadAttention(2, 2).name("mha_x").apply(Input.of(3, 4), Input.of(5, 4), Input.of(6, 4)));
        assertTrue(e.getMessage().contains("mha_x") && e.getMessage().contains("(None, 6, 4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(2, 2).apply(Input.of(3, 4, 2), Input.of(3, 2)));
    }

    @Test
    void configHasKerasKeys() {
        Map<String, Object> config = new MultiHeadAttention(4, 8).outputShape(16).dropout(0.1).getConfig();
        assertEquals(4, config.get("num_heads"));
        assertEquals(8, config.get("value_dim"));
        assertEquals(List.of(16), config.get("output_shape"));
        Layer copy = LayerProvider.fromConfig("MultiHeadAttention", config);
        assertEquals(LayerTestHarness.canonical(config), LayerTestHarness.canonical(copy.getConfig()));
        Map<String, Object> gated = new java.util.HashMap<>(config);
        gated.put("use_gate", true);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LayerProvider.fromConfig("MultiHeadAttention", gated))
                .getMessage().contains("use_gate"));
    }
}
