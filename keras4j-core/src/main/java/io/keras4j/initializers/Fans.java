package io.keras4j.initializers;

/**
 * Fan-in and fan-out of a weight shape, as keras/src/initializers/random_initializers.py
 * {@code compute_fans}: a Dense kernel (in, out) has fans (in, out); a convolution kernel
 * (k..., in, out) multiplies both by the receptive field size prod(k...).
 */
final class Fans {
    final double in;
    final double out;

    private Fans(double in, double out) {
        this.in = in;
        this.out = out;
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
