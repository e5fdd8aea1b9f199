package io.keras4j.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Gaussian error linear unit, as keras/src/activations/activations.py {@code gelu} (approximate
 * default False there) with the formulas of keras/src/backend/numpy/nn.py {@code gelu}:
 * exact {@code x * (1 + erf(x / sqrt(2))) / 2}; approximate
 * {@code 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))}.
 */
final class Gelu extends BaseActivation {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double C = 0.044715;
    private final boolean approximate;

    Gelu(boolean approximate) {
        super("gelu");
        this.approximate = approximate;
        config("approximate", approximate);
    }

    /** The tanh of the approximation's argument (a new array). */
    private static INDArray inner(INDArray x) {
        INDArray u = x.mul(x).muli(C).addi(1).muli(x).muli(SQRT_2_OVER_PI);
        return Transforms.tanh(u, false);
    }

    /** {@code erf(x / sqrt(2))} (a new array). */
    private static INDArray erf(INDArray x) {
        INDArray scaled = x.div(Math.sqrt(2));
        return Nd4j.exec(new Erf(scaled, scaled.ulike()));
    }

    @Override
    public void call(INDArray x, INDArray out) {
        INDArray t = approximate ? inner(x) : erf(x);
        out.assign(t.addi(1).muli(x).muli(0.5));
    }

    @Override
    public void gradient(INDArray x, INDArray y, INDArray dy, INDArray out) {
        INDArray g;
        if (approximate) {
            // 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 c x^2)
            INDArray t = inner(x);
            INDArray du = x.mul(x).muli(3 * C).addi(1).muli(SQRT_2_OVER_PI);
            g = t.mul(t).rsubi(1).muli(du).muli(x).addi(t).addi(1).muli(0.5);
        } else {
            // Phi(x) + x phi(x)
            INDArray pdf = Transforms.exp(x.mul(x).muli(-0.5), false).muli(1 / Math.sqrt(2 * Math.PI));
            g = erf(x).addi(1).muli(0.5).addi(pdf.muli(x));
        }
        out.assign(g.muli(dy));
    }
}
