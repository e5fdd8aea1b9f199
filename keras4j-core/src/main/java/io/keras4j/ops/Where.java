package io.keras4j.ops;

import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code where(condition, x1, x2)}, as keras/src/ops/numpy.py {@code where}: {@code x1} where the condition is true
 * (non-zero), else {@code x2}, all three broadcast together. The gradient goes to {@code x1} where the condition holds
 * and to {@code x2} elsewhere.
 */
final class Where {
    private Where() {
    }

    static INDArray where(INDArray condition, INDArray x1, INDArray x2) {
        long[] shape = Broadcasting.shape("where", Broadcasting.shape("where", condition.shape(), x1.shape()), x2.shape());
        DataType type = DTypes.result(x1, x2);
        INDArray c = Broadcasting.to(condition.dataType() == DataType.BOOL ? condition : condition.neq(0), shape);
        INDArray out = select(c, Broadcasting.to(DTypes.as(x1, type), shape), Broadcasting.to(DTypes.as(x2, type), shape));
        if (type.isFPType()) {
            Tape.record(out, (g, needs) -> {
                INDArray zeros = g.ulike().assign(0);
                return new INDArray[]{null,
                        needs[1] && DTypes.isFloat(x1) ? Broadcasting.unbroadcast(select(c, g, zeros), x1) : null,
                        needs[2] && DTypes.isFloat(x2) ? Broadcasting.unbroadcast(select(c, zeros, g), x2) : null};
            }, condition, x1, x2);
        }
        return out;
    }

    /** ND4J's {@code select}: arrays of one shape, a bool condition. */
    static INDArray select(INDArray condition, INDArray onTrue, INDArray onFalse) {
        INDArray out = Nd4j.createUninitialized(onTrue.dataType(), onTrue.shape());
        Nd4j.exec(DynamicCustomOp.builder("select").addInputs(condition, onTrue, onFalse).addOutputs(out).build());
        return out;
    }
}
