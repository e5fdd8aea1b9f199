package io.keras4j.models;

import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.BatchNormalization;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Input;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Freezing a nested model, as Keras 3's transfer-learning guide does ({@code base_model.trainable = False}): every
 * layer inside is frozen, recursively; a frozen BatchNormalization runs in inference mode and its moving statistics do
 * not move during fit; the layers on top still train.
 */
class NestedFreezingTest {
    @Test
    void freezingANestedModelFreezesItsLayersAndItsBatchNormalization() {
        KerasTensor in = Input.of(4);
        Dense innerDense = new Dense(6);
        BatchNormalization bn = new BatchNormalization();
        Model base = new Model(in, bn.apply(innerDense.apply(in)));
        KerasTensor x = Input.of(4);
        Dense head = new Dense(1);
        Model model = new Model(x, head.apply(base.apply(x)));

        base.trainable(false);
        assertFalse(innerDense.trainable(), "the nested model's layers are frozen, as Keras 3");
        assertFalse(bn.trainable());
        assertEquals(2, model.trainableWeights().size(), "only the head's kernel and bias");
        assertEquals(6, model.nonTrainableWeights().size(), "dense 2 + batch normalization 4");

        List<INDArray> frozenBefore = base.getWeights();
        INDArray headBefore = head.kernel().value().dup();
        model.compile("adam", "mse");
        Nd4j.getRandom().setSeed(1);
        INDArray data = Nd4j.randn(DataType.FLOAT, 64, 4).muli(3).addi(2);
        model.fit(data, data.sum(true, 1), new FitOptions().epochs(2).batchSize(16).verbose(0));
        List<INDArray> frozenAfter = base.getWeights();
        for (int i = 0; i < frozenBefore.size(); i++) {
            assertEquals(frozenBefore.get(i), frozenAfter.get(i), "frozen weight " + i + " (moving statistics included)");
        }
        assertFalse(headBefore.equals(head.kernel().value()), "the head trains");

        base.trainable(true);
        assertTrue(innerDense.trainable() && bn.trainable(), "unfreezing is recursive too");
        assertEquals(6, model.trainableWeights().size());
    }
}
