package io.keras4j.layers;

import io.keras4j.engine.LayerProvider;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static io.keras4j.layers.AttentionGoldens.assertGolden;
import static io.keras4j.layers.AttentionGoldens.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AdditiveAttentionTest {
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void harness(boolean useScale) {
        LayerTestHarness.of(() -> new AdditiveAttention(useScale), 2, 3, 4).input(2, 5, 3).input(2, 5, 4)
                .expectedWeights(useScale ? 1 : 0).expectedOutputShape(2, 3, 3).run();
    }

    @Test
    void gradientsUnderMasksAndCausalMask() {
        INDArray qmask = Nd4j.createFromArray(new boolean[][]{{true, false, true}, {true, true, false}});
        INDArray vmask = Nd4j.createFromArray(new boolean[][]{{true, true, false}, {false, true, true}});
        AttentionGoldens.gradientCheck(() -> new AdditiveAttention().useCausalMask(true).returnAttentionScores(true),
                new INDArray[]{qmask, vmask}, new long[]{2, 3, 4}, new long[]{2, 3, 4});
    }

    @Test
    void scaledWithMasksAndCausalMaskMatchesKeras() {
        AdditiveAttention layer = new AdditiveAttention().useCausalMask(true);
        layer.applyAll(false, get("q"), get("v"), get("k"));
        assertArrayEquals(new long[]{4}, layer.weights().get(0).value().shape());
        layer.weights().get(0).assign(get("add_scale"));
        assertGolden("add_masked_causal", AttentionGoldens.callMasked(layer, new INDArray[]{get("qmask"), get("vmask")},
                get("q"), get("v"), get("k"))[0]);
    }

    @Test
    void unscaledMatchesKeras() {
        assertGolden("add_noscale", new AdditiveAttention(false).applyAll(false, get("q"), get("v"))[0]);
    }

    @Test
    void configHasNoScoreMode() {
        Map<String, Object> config = new AdditiveAttention(false, 0.1).getConfig();
        assertFalse(config.containsKey("score_mode"));
        assertEquals(false, config.get("use_scale"));
        assertEquals(0.1, config.get("dropout"));
        assertEquals(true, LayerProvider.fromConfig("AdditiveAttention", Map.of("name", "x")).getConfig().get("use_scale"));
        assertThrows(IllegalArgumentException.class, () -> new AdditiveAttention().scoreMode("concat"));
    }
}
