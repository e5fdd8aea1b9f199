package io.keras4j.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Function;

/** Central-difference gradients for gradient checks in float64. */
public final class NumericGradients {
    private NumericGradients() {
    }

    /**
     * The gradient of the scalar {@code f(x)} with respect to {@code x}, element by element ({@code x} is perturbed in
     * place and restored; step 1e-6).
     */
    public static INDArray of(Function<INDArray, INDArray> f, INDArray x) {
        INDArray grad = x.ulike();
        INDArray flat = x.reshape(x.length());
        INDArray g = grad.reshape(grad.length());
        double h = 1e-6;
        for (long i = 0; i < x.length(); i++) {
            double v = flat.getDouble(i);
            flat.putScalar(i, v + h);
            double up = f.apply(x).getDouble(0);
            flat.putScalar(i, v - h);
            double down = f.apply(x).getDouble(0);
            flat.putScalar(i, v);
            g.putScalar(i, (up - down) / (2 * h));
        }
        return grad;
    }
}
