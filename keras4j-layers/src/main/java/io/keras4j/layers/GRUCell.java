package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.backend.Blas;
import io.keras4j.engine.Config;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;

import static io.keras4j.layers.RnnDropout.block;
import static io.keras4j.layers.RnnDropout.recurrentKernelGradient;
import static io.keras4j.layers.RnnDropout.recurrentMatmul;
import static io.keras4j.layers.RnnDropout.recurrentMatmulBackward;
import static io.keras4j.layers.RnnMath.mul;
import static io.keras4j.layers.RnnMath.sub;

/**
 * The cell of the gated recurrent unit, as keras/src/layers/rnn/gru.py {@code GRUCell}, gates z, r, h along
 * the last axis of {@code kernel (input_dim, 3 * units)} and {@code recurrent_kernel (units, 3 * units)}:
 * <pre>
 * x_z, x_r, x_h = split(x @ kernel + input_bias, 3)
 * reset_after (default):  in = h_prev @ recurrent_kernel + recurrent_bias
 *     z = ra(x_z + in_z); r = ra(x_r + in_r); hh = activation(x_h + r * in_h)
 * reset_after=False:      z = ra(x_z + h_prev @ U_z); r = ra(x_r + h_prev @ U_r); hh = activation(x_h + (r * h_prev) @ U_h)
 * h = z * h_prev + (1 - z) * hh
 * </pre>
 * {@code bias} is {@code (2, 3 * units)} (input bias, recurrent bias) with reset_after, else {@code (3 * units,)}.
 * In training, {@code dropout} multiplies {@code x} and {@code recurrent_dropout} multiplies {@code h_prev} by masks
 * drawn once per sequence; with recurrent_dropout each gate has its own pair of masks ({@code h_tm1_z = h_tm1 * rec_dp_mask[0]},
 * ...; the update {@code z * h_prev} uses the unmasked state), as Keras's {@code implementation == 1}.
 * Inputs {@code [x, h_prev]}; outputs {@code [h, h]}. Defaults as Keras 3 (recurrent_activation "sigmoid").
 */
public class GRUCell extends BaseRNNCell<GRUCell> {
    private ActivationFunction recurrentActivation = Activations.get("sigmoid");
    private boolean resetAfter = true;

    /** @param units dimensionality of the output space (positive) */
    public GRUCell(int units) {
        super(units);
    }

    public GRUCell recurrentActivation(String activation) {
        this.recurrentActivation = Activations.get(activation);
        return this;
    }

    public GRUCell recurrentActivation(ActivationFunction activation) {
        this.recurrentActivation = activation;
        return this;
    }

    /** Whether the reset gate applies after the recurrent matrix multiplication (Keras 3 default true). */
    public GRUCell resetAfter(boolean resetAfter) {
        this.resetAfter = resetAfter;
        return this;
    }

    @Override
    int gates() {
        return 3;
    }

    @Override
    long[] biasShape() {
        return resetAfter ? new long[]{2, 3L * units} : new long[]{3L * units};
    }

    @Override
    INDArray inputBias() {
        return bias == null ? null : resetAfter ? bias.value().getRow(0) : bias.value();
    }

    @Override
    void step(StepBuffers b, int s, INDArray[] prev, INDArray[] next) {
        long u = units;
        long w = 3 * u;
        INDArray kernelZr = resetAfter ? recurrentKernel.value() : recurrentKernel.value().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2 * u));
        INDArray inner = resetAfter ? b.steps("in", w)[s] : b.scratch("inzr", 2 * u);
        recurrentMatmul(b, prev[0], kernelZr, 0, inner, 0.0);
        if (resetAfter && bias != null) {
            inner.addiRowVector(bias.value().getRow(1));
        }
        INDArray pZr = b.columns("p", w, 0, 2 * u)[s];
        INDArray aZr = b.columns("a", w, 0, 2 * u)[s];
        Nd4j.exec(new AddOp(b.columns("z", w, 0, 2 * u)[s], resetAfter ? b.columns("in", w, 0, 2 * u)[s] : inner, pZr));
        recurrentActivation.call(pZr, aZr);
        INDArray r = b.columns("a", w, u, 2 * u)[s];
        INDArray pH = b.columns("p", w, 2 * u, w)[s];
        INDArray hh = b.columns("a", w, 2 * u, w)[s];
        if (resetAfter) {
            mul(r, b.columns("in", w, 2 * u, w)[s], pH);
        } else {
            INDArray rh = b.steps("rh", u)[s];
            mul(r, candidateState(b, prev[0]), rh);
            Blas.matmul(rh, false, recurrentKernel.value().get(NDArrayIndex.all(), NDArrayIndex.interval(2 * u, w)), false, b.scratch("rhu", u), 0.0);
            pH.assign(b.scratch("rhu", u));
        }
        pH.addi(b.columns("z", w, 2 * u, w)[s]);
        activation.call(pH, hh);
        INDArray t = b.scratch("t", u);
        sub(prev[0], hh, t);
        t.muli(b.columns("a", w, 0, u)[s]);
        Nd4j.exec(new AddOp(hh, t, next[0]));
    }

    @Override
    void stepBackward(StepBuffers b, int s, INDArray[] prev, INDArray[] next, INDArray[] dNext, INDArray[] dPrev) {
        long u = units;
        long w = 3 * u;
        INDArray z = b.columns("a", w, 0, u)[s];
        INDArray r = b.columns("a", w, u, 2 * u)[s];
        INDArray hh = b.columns("a", w, 2 * u, w)[s];
        INDArray dh = dNext[0];
        INDArray da = b.scratch("da", w);
        INDArray t = b.scratch("t", u);
        sub(prev[0], hh, t);
        mul(dh, t, b.scratchColumns("da", w, 0, u));
        mul(dh, z, dPrev[0]);
        INDArray daH = b.scratchColumns("da", w, 2 * u, w);
        sub(dh, dPrev[0], daH);
        INDArray dpH = b.columns("dz", w, 2 * u, w)[s];
        RnnMath.activationGradient(activation, b.columns("p", w, 2 * u, w)[s], hh, daH, dpH);
        INDArray daR = b.scratchColumns("da", w, u, 2 * u);
        INDArray dpZr = b.columns("dz", w, 0, 2 * u)[s];
        if (resetAfter) {
            mul(dpH, r, b.columns("din", w, 2 * u, w)[s]);
            mul(dpH, b.columns("in", w, 2 * u, w)[s], daR);
            RnnMath.activationGradient(recurrentActivation, b.columns("p", w, 0, 2 * u)[s], b.columns("a", w, 0, 2 * u)[s],
                    b.scratchColumns("da", w, 0, 2 * u), dpZr);
            b.columns("din", w, 0, 2 * u)[s].assign(dpZr);
            recurrentMatmulBackward(b, b.steps("din", w)[s], recurrentKernel.value(), 0, dPrev[0], 1.0);
        } else {
            INDArray drh = b.scratch("drh", u);
            Blas.matmul(dpH, false, recurrentKernel.value().get(NDArrayIndex.all(), NDArrayIndex.interval(2 * u, w)), true, drh, 0.0);
            mul(drh, candidateState(b, prev[0]), daR);
            mul(drh, r, t);
            if (b.recurrentMasks != null) {
                t.muli(b.recurrentMasks[2]);
            }
            dPrev[0].addi(t);
            RnnMath.activationGradient(recurrentActivation, b.columns("p", w, 0, 2 * u)[s], b.columns("a", w, 0, 2 * u)[s],
                    b.scratchColumns("da", w, 0, 2 * u), dpZr);
            recurrentMatmulBackward(b, dpZr, block(recurrentKernel.value(), 2 * u, 0), 0, dPrev[0], 1.0);
        }
    }

    @Override
    void recurrentGradients(StepBuffers b, INDArray hPrev) {
        long u = units;
        long w = 3 * u;
        long rows = (long) b.steps * b.batch;
        double beta = recurrentKernel.beginGradientWrite();
        if (resetAfter) {
            recurrentKernelGradient(b, hPrev, b.sequence("din", w).reshape(rows, w), recurrentKernel.gradient(), 0, beta);
            return;
        }
        INDArray dz = b.sequence("dz", w).reshape(rows, w);
        recurrentKernelGradient(b, hPrev, block(dz, 2 * u, 0), block(recurrentKernel.gradient(), 2 * u, 0), 0, beta);
        Blas.matmul(b.sequence("rh", u).reshape(rows, u), true, block(dz, u, 2), false, block(recurrentKernel.gradient(), u, 2), beta);
    }

    /** {@code h_tm1_h}: the previous state as the candidate's recurrent input sees it (times its recurrent dropout mask). */
    private INDArray candidateState(StepBuffers b, INDArray h) {
        if (b.recurrentMasks == null) {
            return h;
        }
        INDArray hm = b.scratch("rdrop:hh", units);
        mul(h, b.recurrentMasks[2], hm);
        return hm;
    }

    @Override
    void biasGradient(StepBuffers b, INDArray dz) {
        if (!resetAfter) {
            super.biasGradient(b, dz);
            return;
        }
        INDArray din = b.sequence("din", 3L * units).reshape((long) b.steps * b.batch, 3L * units);
        INDArray grad = Nd4j.createUninitialized(dz.dataType(), 2, 3L * units);
        Blas.matmul(b.ones(), false, dz, false, grad.getRow(0, true), 0.0);
        Blas.matmul(b.ones(), false, din, false, grad.getRow(1, true), 0.0);
        bias.addGradient(grad);
    }

    @Override
    void putGateConfig(Map<String, Object> config) {
        config.put("recurrent_activation", recurrentActivation.name());
    }

    /** Keras writes reset_after last among the cell keys, before seed. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        Object seedValue = config.remove("seed");
        config.put("reset_after", resetAfter);
        config.put("seed", seedValue);
        return config;
    }

    GRUCell configureGru(Config c, boolean legacy) {
        configure(c, legacy);
        recurrentActivation(RnnConfigs.activation(c, "recurrent_activation", "sigmoid", legacy));
        return resetAfter(c.getBoolean("reset_after", !legacy));
    }

    static final String[] KEYS = {"units", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
        "recurrent_initializer", "bias_initializer", "kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
        "activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout",
        "recurrent_dropout", "reset_after", "seed"};

    /** A GRUCell from its Keras config (Keras 1/2 configs without reset_after mean reset_after=False). */
    public static GRUCell fromConfig(Map<String, Object> map) {
        boolean legacy = RnnConfigs.isLegacy(map);
        Config c = new Config("GRUCell", RnnConfigs.normalize(map)).allow(KEYS);
        return c.applyBase(new GRUCell(c.getInt("units")).configureGru(c, legacy));
    }
}
