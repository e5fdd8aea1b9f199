package io.keras4j.ops;

import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The activation functions of keras/src/ops/nn.py (as its JAX backend computes them with {@code jax.nn}), each with
 * its derivative beside it as a function of the input and the output.
 */
final class Activations {
    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    private static final double SELU_SCALE = 1.0507009873554804934193349852946;

    private Activations() {
    }

    private static INDArray step(INDArray condition, INDArray like) {
        return condition.castTo(like.dataType());
    }

    static INDArray relu(INDArray x) {
        return ElementWise.unary(x, v -> Transforms.relu(v, true), (v, out) -> step(v.gt(0), v));
    }

    static INDArray relu6(INDArray x) {
        return ElementWise.unary(x, v -> Transforms.min(Transforms.relu(v, true), 6.0, false),
                (v, out) -> step(v.gt(0), v).muli(step(v.lt(6), v)));
    }

    static INDArray sigmoid(INDArray x) {
        return ElementWise.unary(x, v -> Transforms.sigmoid(v, true), (v, out) -> out.mul(out.rsub(1)));
    }

    /** {@code x * sigmoid(x)}, as {@code keras.ops.silu}. */
    static INDArray silu(INDArray x) {
        return ElementWise.unary(x, v -> v.mul(Transforms.sigmoid(v, true)), (v, out) -> {
            INDArray s = Transforms.sigmoid(v, true);
            return s.mul(v.mul(s.rsub(1)).addi(1));
        });
    }

    /** {@code log(1 + exp(x))}, computed as {@code max(x, 0) + log1p(exp(-|x|))}; its derivative is the sigmoid. */
    static INDArray softplus(INDArray x) {
        return ElementWise.unary(x,
                v -> Transforms.relu(v, true).addi(Transforms.log1p(Transforms.exp(Transforms.abs(v, true).negi(), false), false)),
                (v, out) -> Transforms.sigmoid(v, true));
    }

    /** {@code log(sigmoid(x)) = -softplus(-x)}, as {@code keras.ops.log_sigmoid}. */
    static INDArray logSigmoid(INDArray x) {
        return ElementWise.negative(softplus(ElementWise.negative(x)));
    }

    /** {@code x / (1 + |x|)}. */
    static INDArray softsign(INDArray x) {
        return ElementWise.unary(x, v -> v.div(Transforms.abs(v, true).addi(1)), (v, out) -> {
            INDArray d = Transforms.abs(v, true).addi(1);
            return d.muli(d).rdivi(1);
        });
    }

    /** {@code x} if {@code x > 0} else {@code alpha * (exp(x) - 1)}, as {@code keras.ops.elu(x, alpha=1.0)}. */
    static INDArray elu(INDArray x, double alpha) {
        return ElementWise.unary(x, v -> {
            INDArray pos = step(v.gt(0), v);
            return v.mul(pos).addi(Transforms.expm1(Transforms.min(v, 0.0, true), false).muli(alpha).muli(pos.rsub(1)));
        }, (v, out) -> {
            INDArray pos = step(v.gt(0), v);
            return pos.add(Transforms.exp(Transforms.min(v, 0.0, true), false).muli(alpha).muli(pos.rsub(1)));
        });
    }

    /** {@code scale * elu(x, alpha)} with SELU's constants (jax.nn.selu). */
    static INDArray selu(INDArray x) {
        return Arithmetic.multiply(elu(x, SELU_ALPHA), DTypes.scalar(x, SELU_SCALE));
    }

    /** {@code x} if {@code x >= 0} else {@code negativeSlope * x}, as {@code keras.ops.leaky_relu(x, negative_slope=0.2)}. */
    static INDArray leakyRelu(INDArray x, double negativeSlope) {
        return ElementWise.unary(x, v -> {
            INDArray pos = step(v.gte(0), v);
            return v.mul(pos.add(pos.rsub(1).muli(negativeSlope)));
        }, (v, out) -> {
            INDArray pos = step(v.gte(0), v);
            return pos.add(pos.rsub(1).muli(negativeSlope));
        });
    }

    /** {@code relu6(x + 3) / 6}, as {@code keras.ops.hard_sigmoid} (jax.nn.hard_sigmoid). */
    static INDArray hardSigmoid(INDArray x) {
        return ElementWise.unary(x, v -> Transforms.min(Transforms.relu(v.add(3), false), 6.0, false).divi(6),
                (v, out) -> step(v.gt(-3), v).muli(step(v.lt(3), v)).divi(6));
    }

    /** {@code x * hard_sigmoid(x)}, as {@code keras.ops.hard_silu}. */
    static INDArray hardSilu(INDArray x) {
        return Arithmetic.multiply(x, hardSigmoid(x));
    }

    /** {@code x * tanh(softplus(x))}, as {@code keras.ops.mish}. */
    static INDArray mish(INDArray x) {
        return Arithmetic.multiply(x, ElementWise.tanh(softplus(x)));
    }

    /**
     * GELU, as {@code keras.ops.gelu(x, approximate=True)}: {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}
     * when approximate, else the exact {@code x * Phi(x) = 0.5 x (1 + erf(x / sqrt(2)))}.
     */
    static INDArray gelu(INDArray x, boolean approximate) {
        double c = Math.sqrt(2 / Math.PI);
        if (approximate) {
            return ElementWise.unary(x, v -> {
                INDArray t = Transforms.tanh(v.mul(v).muli(0.044715).addi(1).muli(v).muli(c), false);
                return t.addi(1).muli(v).muli(0.5);
            }, (v, out) -> {
                INDArray t = Transforms.tanh(v.mul(v).muli(0.044715).addi(1).muli(v).muli(c), false);
                INDArray dInner = v.mul(v).muli(3 * 0.044715).addi(1).muli(c);
                return t.add(1).muli(0.5).addi(t.mul(t).rsubi(1).muli(dInner).muli(v).muli(0.5));
            });
        }
        return ElementWise.unary(x, v -> ElementWise.erfForward(v.div(Math.sqrt(2))).addi(1).muli(v).muli(0.5),
                (v, out) -> {
                    INDArray cdf = ElementWise.erfForward(v.div(Math.sqrt(2))).addi(1).muli(0.5);
                    INDArray pdf = Transforms.exp(v.mul(v).muli(-0.5), false).muli(1 / Math.sqrt(2 * Math.PI));
                    return cdf.addi(pdf.muli(v));
                });
    }

    /** {@code exp(x - max) / sum(exp(x - max))} along {@code axis}; gradient {@code y * (g - sum(g * y))}. */
    static INDArray softmax(INDArray x, int axis) {
        INDArray fx = DTypes.asFloat(x);
        int a = Axes.axis("softmax", "axis", axis, fx.rank());
        INDArray e = Transforms.exp(fx.sub(Broadcasting.to(fx.max(true, a), fx.shape())), false);
        INDArray out = e.divi(Broadcasting.to(e.sum(true, a), fx.shape()));
        if (DTypes.isFloat(x)) {
            Tape.record(out, (g, needs) -> {
                INDArray gy = g.mul(out);
                return new INDArray[]{gy.subi(Broadcasting.to(gy.sum(true, a), out.shape()).mul(out))};
            }, x);
        }
        return out;
    }

    /** {@code x - logsumexp(x)} along {@code axis}; gradient {@code g - softmax(x) * sum(g)}. */
    static INDArray logSoftmax(INDArray x, int axis) {
        INDArray fx = DTypes.asFloat(x);
        int a = Axes.axis("log_softmax", "axis", axis, fx.rank());
        INDArray shifted = fx.sub(Broadcasting.to(fx.max(true, a), fx.shape()));
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, a), false);
        INDArray out = shifted.subi(Broadcasting.to(lse, fx.shape()));
        if (DTypes.isFloat(x)) {
            Tape.record(out, (g, needs) -> new INDArray[]{
                    g.sub(Transforms.exp(out, true).muli(Broadcasting.to(g.sum(true, a), out.shape())))}, x);
        }
        return out;
    }
}
