package io.keras4j.constraints;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

/**
 * What the norm constraints of keras/src/constraints/constraints.py share: the L2 norms of {@code w} over
 * {@code axis} (kept as size-1 dimensions) and the rescaling {@code w *= desired / (epsilon + norms)} with
 * Keras's {@code backend.epsilon() = 1e-7}.
 */
abstract class NormConstraint implements Constraint {
    static final double EPSILON = 1e-7;
    private final int[] axis;

    NormConstraint(int... axis) {
        if (axis.length == 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": argument `axis` needs at least one axis");
        }
        this.axis = axis.clone();
    }

    /** The desired norms for the current {@code norms} (a new array or {@code norms} itself, overwritten). */
    abstract INDArray desired(INDArray norms);

    @Override
    public void apply(INDArray w) {
        int[] dims = new int[axis.length];
        for (int i = 0; i < axis.length; i++) {
            int a = axis[i] < 0 ? axis[i] + w.rank() : axis[i];
            if (a < 0 || a >= w.rank()) {
                throw new IllegalArgumentException(className() + ": `axis` " + axis[i] + " is out of range for a weight of rank " + w.rank());
            }
            dims[i] = a;
        }
        INDArray norms = Transforms.sqrt(w.mul(w).sum(true, dims), false);
        INDArray factor = desired(norms.dup()).divi(norms.addi(EPSILON));
        w.muli(factor);
    }

    /** The axis as Keras saves it: an int, or a list for several. */
    Object axisConfig() {
        if (axis.length == 1) {
            return axis[0];
        }
        List<Integer> out = new ArrayList<>();
        for (int a : axis) {
            out.add(a);
        }
        return out;
    }
}
