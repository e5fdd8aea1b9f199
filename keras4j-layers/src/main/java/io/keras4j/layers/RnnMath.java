package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/** The fused elementwise steps shared by the recurrent cells (one native op each). */
final class RnnMath {
    private RnnMath() {
    }

    /** {@code out = a * b}. */
    static void mul(INDArray a, INDArray b, INDArray out) {
        Nd4j.exec(new MulOp(a, b, out));
    }

    /** {@code out = a - b}. */
    static void sub(INDArray a, INDArray b, INDArray out) {
        Nd4j.exec(new SubOp(a, b, out));
    }

    /**
     * {@code out = dy * f'(x)} given the pre-activation {@code x} and {@code y = f(x)}: one native
     * {@code sigmoid_bp}/{@code tanh_bp} op for the usual activations, else the activation's own gradient.
     */
    static void activationGradient(ActivationFunction f, INDArray x, INDArray y, INDArray dy, INDArray out) {
        switch (f.name()) {
            case "sigmoid":
                Nd4j.exec(new SigmoidDerivative(x, dy, out));
                break;
            case "tanh":
                Nd4j.exec(new TanhDerivative(x, dy, out));
                break;
            case "linear":
                out.assign(dy);
                break;
            default:
                f.gradient(x, y, dy, out);
        }
    }

    /** {@code out = y (1 - y)}, the sigmoid derivative from its output {@code y}. */
    static void sigmoidSlope(INDArray y, INDArray out) {
        Nd4j.exec(new ScalarReverseSubtraction(y, out, 1.0));
        mul(out, y, out);
    }

    /** {@code out = 1 - y^2}, the tanh derivative from its output {@code y}. */
    static void tanhSlope(INDArray y, INDArray out) {
        mul(y, y, out);
        Nd4j.exec(new ScalarReverseSubtraction(out, out, 1.0));
    }

    /**
     * Copies {@code x} of shape {@code (batch, steps, features)} into {@code out} of shape
     * {@code (steps, batch, features)}, reversing the time axis when {@code reverse}.
     */
    static void toStepMajor(INDArray x, INDArray out, boolean reverse) {
        INDArray swapped = x.permute(1, 0, 2);
        if (reverse) {
            Nd4j.exec(new Reverse(swapped.dup('c'), out, 0));
        } else {
            out.assign(swapped);
        }
    }

    /** The inverse of {@link #toStepMajor}: {@code (steps, batch, f)} into a new {@code (batch, steps, f)} array. */
    static INDArray toBatchMajor(INDArray steps, boolean reverse) {
        INDArray source = steps;
        if (reverse) {
            source = steps.ulike();
            Nd4j.exec(new Reverse(steps, source, 0));
        }
        return source.permute(1, 0, 2).dup('c');
    }

    /**
     * The activation for a recurrent config value: Keras 1/2 files mean the old
     * {@code hard_sigmoid = clip(0.2 x + 0.5, 0, 1)} (see shared/keras/README.md), Keras 3 its new one.
     */
    static ActivationFunction activation(String name, boolean legacy) {
        if (legacy && "hard_sigmoid".equals(name)) {
            return new LegacyHardSigmoid();
        }
        return Activations.get(name);
    }
}
