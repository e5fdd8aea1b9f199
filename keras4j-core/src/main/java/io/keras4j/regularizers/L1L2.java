package io.keras4j.regularizers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * L1 and L2 penalties together, as keras/src/regularizers/regularizers.py {@code L1L2}:
 * {@code l1 * sum(|w|) + l2 * sum(w^2)}; gradient {@code l1 * sign(w) + 2 * l2 * w}.
 * Defaults: l1 0, l2 0 (unlike {@link L1} and {@link L2}, whose factor defaults to 0.01).
 */
public class L1L2 implements Regularizer {
    private final double l1;
    private final double l2;

    public L1L2() {
        this(0.0, 0.0);
    }

    public L1L2(double l1, double l2) {
        this.l1 = validate("l1", l1);
        this.l2 = validate("l2", l2);
    }

    /** Keras's {@code validate_float_arg}: a finite float >= 0. */
    static double validate(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("Invalid value for argument " + name + ": expected a non-negative float. Received: "
                    + name + "=" + value);
        }
        return value;
    }

    double l1() {
        return l1;
    }

    double l2() {
        return l2;
    }

    @Override
    public double penalty(INDArray w) {
        double p = 0;
        if (l1 != 0) {
            p += l1 * w.norm1Number().doubleValue();
        }
        if (l2 != 0) {
            double n = w.norm2Number().doubleValue();
            p += l2 * n * n;
        }
        return p;
    }

    @Override
    public void addGradient(INDArray w, INDArray gradient) {
        if (l1 != 0) {
            Blas.axpy(l1, Transforms.sign(w, true), gradient);
        }
        if (l2 != 0) {
            Blas.axpy(2 * l2, w, gradient);
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("l1", l1);
        config.put("l2", l2);
        return config;
    }

    public static L1L2 fromConfig(Map<String, Object> map) {
        Config c = new Config("L1L2", map).allow("l1", "l2");
        return new L1L2(c.getDouble("l1", 0.0), c.getDouble("l2", 0.0));
    }
}
