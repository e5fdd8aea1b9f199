package io.keras4j.optimizers;

import io.keras4j.backend.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Update fragments several optimizers share, each a few in-place native passes without allocation. */
final class UpdateOps {
    private UpdateOps() {
    }

    /**
     * {@code target += alpha * g / sqrt(s + epsilon)} (RMSprop's and Adagrad's step, epsilon inside the square
     * root); overwrites {@code g} and {@code scratch} ({@code s} may be {@code scratch}).
     */
    static void addScaledBySqrt(INDArray target, double alpha, INDArray g, INDArray s, double epsilon, INDArray scratch) {
        s.add(epsilon, scratch);
        Transforms.sqrt(scratch, false);
        g.divi(scratch);
        Blas.axpy(alpha, g, target);
    }

    /** {@code out = sqrt(v * vScale) + epsilon}: a bias-corrected Adam-style denominator. */
    static INDArray sqrtPlusEpsilon(INDArray v, double vScale, double epsilon, INDArray out) {
        v.mul(vScale, out);
        Transforms.sqrt(out, false);
        return out.addi(epsilon);
    }
}
