package io.keras4j.backend;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HostMath's approximations against java.lang.Math on dense grids, and the in-place ranges. */
class HostMathTest {
    @Test
    void tanhIsWithin4e7OfTheExactValue() {
        double worst = 0;
        for (int i = -3_000_000; i <= 3_000_000; i++) {
            float x = i * 5e-6f;
            worst = Math.max(worst, Math.abs(HostMath.tanh(x) - Math.tanh(x)));
        }
        assertTrue(worst <= 4e-7, "max |error| " + worst);
        assertEquals(1f, HostMath.tanh(40f), 2e-7f);
        assertEquals(-1f, HostMath.tanh(-1e30f), 2e-7f);
        assertEquals(0f, HostMath.tanh(0f));
        assertEquals(1e-6f, HostMath.tanh(1e-6f), 1e-13f);
    }

    @Test
    void sigmoidInPlaceIsWithin2point5e7AndTouchesOnlyItsRange() {
        int n = 200_001;
        float[] a = new float[n + 2];
        for (int k = 0; k < n; k++) {
            a[k + 1] = -20f + 40f * k / (n - 1);
        }
        a[0] = 7f;
        a[n + 1] = 7f;
        float[] x = a.clone();
        HostMath.sigmoidInPlace(a, 1, n + 1);
        double worst = 0;
        for (int k = 1; k <= n; k++) {
            worst = Math.max(worst, Math.abs(a[k] - 1 / (1 + Math.exp(-x[k]))));
        }
        assertTrue(worst <= 2.5e-7, "max |error| " + worst);
        assertEquals(7f, a[0]);
        assertEquals(7f, a[n + 1]);
    }

    @Test
    void tanhInPlaceMatchesTheScalarForm() {
        float[] a = {-3f, -0.5f, 0f, 0.25f, 2f, 12f};
        float[] x = a.clone();
        HostMath.tanhInPlace(a, 0, a.length);
        for (int k = 0; k < a.length; k++) {
            assertEquals(HostMath.tanh(x[k]), a[k]);
            assertEquals(Math.tanh(x[k]), a[k], 4e-7);
        }
    }
}
