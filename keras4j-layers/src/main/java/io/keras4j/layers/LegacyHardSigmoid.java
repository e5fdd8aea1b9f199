package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The {@code hard_sigmoid} of Keras 1 and 2, {@code clip(0.2 * x + 0.5, 0, 1)} (keras 2.x
 * backend/tensorflow_backend.py {@code hard_sigmoid}), the default {@code recurrent_activation} of their
 * LSTM and GRU; Keras 3 redefined {@code hard_sigmoid} as {@code relu6(x + 3) / 6}. Used only for
 * layers read from Keras 1/2 configs.
 */
final class LegacyHardSigmoid implements ActivationFunction {
    @Override
    public String name() {
        return "hard_sigmoid";
    }

    @Override
    public void call(INDArray x, INDArray out) {
        out.assign(x).muli(0.2).addi(0.5);
        BooleanIndexing.replaceWhere(out, 0.0, Conditions.lessThan(0.0));
        BooleanIndexing.replaceWhere(out, 1.0, Conditions.greaterThan(1.0));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        // 0.2 inside the linear region |x| < 2.5, else 0
        out.assign(Transforms.abs(x, true).lt(2.5).castTo(x.dataType())).muli(0.2).muli(dy);
    }
}
