package io.keras4j.regularizers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encourages orthogonal rows (or columns) of a rank-2 weight, as keras/src/regularizers/regularizers.py
 * {@code OrthogonalRegularizer}: with {@code U} the L2-normalized rows ({@code u = x * rsqrt(max(sum x^2,
 * epsilon^2))}, epsilon 1e-7) and {@code P = U U^T} of size n, the penalty is
 * {@code factor * 0.5 * sum_{i != j} |P_ij| / (n (n - 1) / 2)}. Mode "columns" uses the columns instead.
 * Defaults: factor 0.01, mode "rows".
 */
public class OrthogonalRegularizer implements Regularizer {
    private static final double EPSILON = 1e-7;
    private final double factor;
    private final String mode;

    public OrthogonalRegularizer() {
        this(0.01, "rows");
    }

    public OrthogonalRegularizer(double factor, String mode) {
        this.factor = L1L2.validate("factor", factor);
        if (!mode.equals("rows") && !mode.equals("columns")) {
            throw new IllegalArgumentException("OrthogonalRegularizer: invalid value for argument `mode`. Expected one of "
                    + "{\"rows\", \"columns\"}. Received: mode=" + mode);
        }
        this.mode = mode;
    }

    /** The vectors to decorrelate as rows of a new c-order array. */
    private INDArray rows(INDArray w) {
        if (w.rank() != 2) {
            throw new IllegalArgumentException("Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape="
                    + Arrays.toString(w.shape()));
        }
        return (mode.equals("rows") ? w : w.transpose()).dup('c');
    }

    /** The squared row norms clamped at epsilon^2, as a column. */
    private static INDArray clampedSquares(INDArray x) {
        return Transforms.max(x.mul(x).sum(true, 1), EPSILON * EPSILON, false);
    }

    private static INDArray offDiagonalProduct(INDArray u) {
        INDArray p = Blas.matmul(u, false, u, true, Nd4j.create(u.dataType(), u.rows(), u.rows()), 0.0);
        for (int i = 0; i < u.rows(); i++) {
            p.putScalar(i, i, 0.0);
        }
        return p;
    }

    private double scale(long n) {
        return factor * 0.5 / (n * (n - 1.0) / 2.0);
    }

    @Override
    public double penalty(INDArray w) {
        INDArray x = rows(w);
        INDArray u = x.diviColumnVector(Transforms.sqrt(clampedSquares(x), false));
        return scale(u.rows()) * offDiagonalProduct(u).norm1Number().doubleValue();
    }

    /**
     * With {@code S = sign(P)} (zero diagonal, symmetric), {@code dL/dU = 2 c S U}; through the normalization
     * {@code dL/dx = (g - u (u . g)) / r} for rows whose squared norm exceeds epsilon^2, else {@code g / r}.
     */
    @Override
    public void addGradient(INDArray w, INDArray gradient) {
        INDArray x = rows(w);
        INDArray squares = clampedSquares(x);
        INDArray r = Transforms.sqrt(squares, true);
        INDArray u = x.divColumnVector(r);
        INDArray s = Transforms.sign(offDiagonalProduct(u), false);
        INDArray g = Blas.matmul(s, false, u, false, Nd4j.create(u.dataType(), u.shape()), 0.0).muli(2 * scale(u.rows()));
        INDArray dot = u.mul(g).sum(true, 1);
        INDArray unclamped = x.mul(x).sum(true, 1).gt(EPSILON * EPSILON).castTo(u.dataType());
        g.subi(u.mulColumnVector(dot.muli(unclamped))).diviColumnVector(r);
        gradient.addi(mode.equals("rows") ? g : g.transpose());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("factor", factor);
        config.put("mode", mode);
        return config;
    }

    public static OrthogonalRegularizer fromConfig(Map<String, Object> map) {
        Config c = new Config("OrthogonalRegularizer", map).allow("factor", "mode");
        return new OrthogonalRegularizer(c.getDouble("factor", 0.01), c.getString("mode", "rows"));
    }
}
