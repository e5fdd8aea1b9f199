package io.keras4j.autodiff;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;

import static io.keras4j.ops.Ops.add;
import static io.keras4j.ops.Ops.matmul;

/** The {@code Linear} layer of Keras's guide "Making new layers and models via subclassing": build and call only. */
class Linear extends Layer {
    private final int units;
    Variable w;
    Variable b;

    Linear(int units) {
        this.units = units;
    }

    @Override
    protected void build(long[] inputShape) {
        w = addWeight("w", new long[]{inputShape[inputShape.length - 1], units}, "random_normal");
        b = addWeight("b", new long[]{units}, "zeros");
    }

    @Override
    protected INDArray call(INDArray x, CallContext ctx) {
        return add(matmul(x, w.value()), b.value());
    }
}
