package io.keras4j.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Gradients in JAX's functional style, for those who prefer it to a {@link GradientTape}: {@code valueAndGrad(f, x, w)}
 * is {@code jax.value_and_grad(f, argnums=(0, 1))(x, w)}, for a function {@code f} of arrays written with
 * {@link Ops} that returns a scalar (or an array, whose sum is differentiated).
 * <pre>{@code
 * Autodiff.ValueAndGrads vg = Autodiff.valueAndGrad(a -> mean(square(matmul(a[0], a[1]))), x, w);
 * double loss = vg.value().getDouble(0);
 * INDArray dw = vg.grads().get(1);
 * }</pre>
 */
public final class Autodiff {
    private Autodiff() {
    }

    /**
     * The value of {@code f} at {@code args} and its gradient with respect to each argument.
     *
     * @param value the function's result
     * @param grads one gradient per argument, shaped as it (zeros where the result does not depend on it, as JAX)
     */
    public record ValueAndGrads(INDArray value, List<INDArray> grads) {
    }

    /** {@code jax.value_and_grad(f, argnums=all)(*args)}. */
    public static ValueAndGrads valueAndGrad(Function<INDArray[], INDArray> f, INDArray... args) {
        INDArray value;
        List<INDArray> grads;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(args);
            value = f.apply(args.clone());
            grads = tape.gradient(value, Arrays.asList((Object[]) args));
        }
        INDArray[] out = new INDArray[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = grads.get(i) != null ? grads.get(i) : args[i].ulike().assign(0);
        }
        return new ValueAndGrads(value, List.of(out));
    }

    /** {@code jax.grad(f, argnums=all)(*args)}: the gradients of {@link #valueAndGrad}. */
    public static List<INDArray> grad(Function<INDArray[], INDArray> f, INDArray... args) {
        return valueAndGrad(f, args).grads();
    }
}
