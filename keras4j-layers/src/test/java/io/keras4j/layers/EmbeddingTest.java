package io.keras4j.layers;

import io.keras4j.engine.KerasTensor;
import io.keras4j.testing.LayerTestHarness;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingTest {
    private static INDArray indices() {
        return Nd4j.createFromArray(new int[][]{{0, 3, 3, 9}, {5, 1, 0, 2}, {9, 9, 4, 7}});
    }

    /** Integer inputs have no gradient; the embeddings' gradient is checked by hand below. */
    @Test
    void harness() {
        LayerTestHarness.of(() -> new Embedding(10, 4), 3, 4).inputs(() -> new INDArray[]{indices()})
                .expectedWeights(1).expectedParams(40).expectedOutputShape(3, 4, 4).withoutGradientCheck().run();
    }

    @Test
    void looksUpRowsAndAccumulatesRepeatedIndicesInTheGradient() {
        Embedding e = new Embedding(3, 2).dtype("float64");
        e.apply(Input.of(2));
        e.embeddings().assign(Nd4j.createFromArray(new double[][]{{1, 2}, {3, 4}, {5, 6}}));
        io.keras4j.engine.CallContext ctx = new io.keras4j.engine.CallContext();
        ctx.begin(true, new boolean[]{false});
        INDArray y = e.call(new INDArray[]{Nd4j.createFromArray(new int[][]{{2, 0}, {2, 2}})}, ctx)[0];
        assertArrayEquals(new long[]{2, 2, 2}, y.shape());
        assertArrayEquals(new double[]{5, 6, 1, 2, 5, 6, 5, 6}, y.reshape(8).toDoubleVector());
        e.embeddings().resetGradient();
        INDArray dy = Nd4j.createFromArray(new double[]{1, 1, 10, 10, 100, 100, 1000, 1000}).reshape(2, 2, 2);
        e.backward(new INDArray[]{dy}, ctx);
        assertArrayEquals(new double[]{10, 10, 0, 0, 1101, 1101}, e.embeddings().gradient().reshape(6).toDoubleVector());
    }

    @Test
    void floatIndicesAreTruncatedAsKerasCastsToInt() {
        Embedding e = new Embedding(3, 1).dtype("float64");
        e.apply(Input.of(2));
        e.embeddings().assign(Nd4j.createFromArray(new double[][]{{10}, {20}, {30}}));
        INDArray y = e.applyAll(false, Nd4j.createFromArray(new float[][]{{1f, 2f}}))[0];
        assertArrayEquals(new double[]{20, 30}, y.reshape(2).toDoubleVector());
    }

    @Test
    void defaultInitializerIsUniformWithinFiveHundredths() {
        Embedding e = new Embedding(100, 50);
        e.apply(Input.of(3));
        INDArray w = e.embeddings().value();
        assertTrue(w.maxNumber().doubleValue() <= 0.05 && w.minNumber().doubleValue() >= -0.05);
        assertEquals(0.1 * 0.1 / 12, w.varNumber().doubleValue(), 0.1 * 0.1 / 12 * 0.05);
    }

    @Test
    void maskZeroMarksPaddingAndIsOffByDefault() {
        INDArray x = Nd4j.createFromArray(new int[][]{{0, 3, 0}});
        assertNull(new Embedding(5, 2).computeMask(new INDArray[]{x}, null));
        INDArray mask = new Embedding(5, 2).maskZero(true).computeMask(new INDArray[]{x}, null)[0];
        assertEquals(DataType.BOOL, mask.dataType());
        assertArrayEquals(new boolean[]{false, true, false}, new boolean[]{mask.getDouble(0, 0) != 0, mask.getDouble(0, 1) != 0,
                mask.getDouble(0, 2) != 0});
    }

    @Test
    void outOfRangeIndexNamesLayerAndRange() {
        Embedding e = new Embedding(5, 2).name("emb_x");
        e.apply(Input.of(2));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> e.applyAll(false, Nd4j.createFromArray(new int[][]{{1, 7}})));
        assertTrue(ex.getMessage().contains("emb_x") && ex.getMessage().contains("[0, 5)") && ex.getMessage().contains("7"), ex.getMessage());
    }

    @Test
    void acceptsKeras3ReferenceConfigAndKeras2InputLength() {
        Map<String, Object> k3 = new LinkedHashMap<>();
        k3.put("name", "embedding");
        k3.put("trainable", true);
        k3.put("dtype", Map.of("module", "keras", "class_name", "DTypePolicy", "config", Map.of("name", "float32")));
        k3.put("input_dim", 50);
        k3.put("output_dim", 8);
        k3.put("embeddings_initializer", Map.of("module", "keras.initializers", "class_name", "RandomUniform",
                "config", new LinkedHashMap<>(Map.of("minval", -0.05, "maxval", 0.05))));
        k3.put("embeddings_regularizer", null);
        k3.put("activity_regularizer", null);
        k3.put("embeddings_constraint", null);
        k3.put("mask_zero", false);
        k3.put("quantization_config", null);
        Embedding e = Embedding.fromConfig(k3);
        KerasTensor out = e.apply(Input.of(10));
        assertArrayEquals(new long[]{-1, 10, 8}, out.shape());
        Map<String, Object> k2 = Map.of("name", "e2", "input_dim", 20, "output_dim", 3, "input_length", 100, "mask_zero", true,
                "embeddings_initializer", Map.of("class_name", "RandomUniform", "config", Map.of("minval", -0.05, "maxval", 0.05, "seed", 1)),
                "batch_input_shape", List.of(-1, 100));
        assertEquals(true, Embedding.fromConfig(k2).getConfig().get("mask_zero"));
    }
}
