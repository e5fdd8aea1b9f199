package io.keras4j.initializers;

/**
 * Fan-in and fan-out of a weight shape, as keras/src/initializers/random_initializers.py
 * {@code compute_fans}: a Dense kernel (in, out) has fans (in, out); a convolution kernel
 * (k..., in, out) multiplies both by the receptive field size prod(k...); with both {@code input_axes} and
 * {@code output_axes} given, each fan is the product of the sizes on those axes (negative axes from the end).
 */
final class Fans {
    final double in;
    final double out;

    private Fans(double in, double out) {
        this.in = in;
        this.out = out;
    }

    static Fans of(long[] shape, int[] inputAxes, int[] outputAxes) {
        if (inputAxes != null && outputAxes != null) {
            return new Fans(product(shape, inputAxes, "input_axes"), product(shape, outputAxes, "output_axes"));
        }
        return of(shape);
    }

    private static double product(long[] shape, int[] axes, String key) {
        double p = 1;
        for (int axis : axes) {
            int a = axis < 0 ? axis + shape.length : axis;
            if (a < 0 || a >= shape.length) {
                throw new IllegalArgumentException("VarianceScaling: `" + key + "` has axis " + axis + ", out of range for a weight of shape "
                        + java.util.Arrays.toString(shape));
            }
            p *= shape[a];
        }
        return p;
    }

    static Fans of(long[] shape) {
        if (shape.length == 0) {
            return new Fans(1, 1);
        }
        if (shape.length == 1) {
            return new Fans(shape[0], shape[0]);
        }
        if (shape.length == 2) {
            return new Fans(shape[0], shape[1]);
        }
        double receptiveField = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            receptiveField *= shape[i];
        }
        return new Fans(shape[shape.length - 2] * receptiveField, shape[shape.length - 1] * receptiveField);
    }
}
