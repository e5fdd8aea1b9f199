package io.keras4j.backend;

/**
 * tanh and sigmoid over float arrays in Java heap memory, for host-side kernels (such as the LSTM step loop)
 * where ND4J's scalar native transcendental functions (~10 ns per element here) would dominate.
 *
 * <p>{@code tanh(x) = x P(s) / Q(s)}, {@code s = x^2 / 81}, on {@code |x| <= 9} (beyond, tanh rounds to +-1 in
 * float32): a rational minimax fit of degrees 6 and 3 in {@code s} (keras4j-core/src/test/python/fit_tanh.py),
 * at most 4e-7 from the exact value when evaluated in float32. {@code sigmoid(x) = 0.5 + 0.5 tanh(x / 2)},
 * at most 2.5e-7 from the exact value. Only multiplies, adds, one division and min/max: the JIT vectorizes the
 * in-place loops (~0.4 ns per element here; a loop reading one array and writing another at a different offset
 * is not vectorized).
 */
public final class HostMath {
    private static final float CLAMP = 9f;
    private static final float INV_CLAMP_SQUARED = 1f / 81f;
    private static final float P0 = 9.999999934e-01f;
    private static final float P1 = 1.059804794e+01f;
    private static final float P2 = 2.036505391e+01f;
    private static final float P3 = 5.927852905e+00f;
    private static final float P4 = -8.706277393e-01f;
    private static final float P5 = 1.840296887e-01f;
    private static final float P6 = -2.397437708e-02f;
    private static final float Q1 = 3.759804290e+01f;
    private static final float Q2 = 1.607128561e+02f;
    private static final float Q3 = 1.353125544e+02f;

    private HostMath() {
    }

    /** {@code a[k] = tanh(a[k])} for {@code from <= k < to}. */
    public static void tanhInPlace(float[] a, int from, int to) {
        for (int k = from; k < to; k++) {
            a[k] = tanh(a[k]);
        }
    }

    /** {@code a[k] = sigmoid(a[k])} for {@code from <= k < to}. */
    public static void sigmoidInPlace(float[] a, int from, int to) {
        for (int k = from; k < to; k++) {
            a[k] = 0.5f + 0.5f * tanh(0.5f * a[k]);
        }
    }

    /** The rational approximation of tanh for one value. */
    public static float tanh(float x) {
        float c = Math.max(-CLAMP, Math.min(CLAMP, x));
        float s = c * c * INV_CLAMP_SQUARED;
        float p = (((((P6 * s + P5) * s + P4) * s + P3) * s + P2) * s + P1) * s + P0;
        float q = ((Q3 * s + Q2) * s + Q1) * s + 1f;
        return c * p / q;
    }
}
