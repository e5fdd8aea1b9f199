package io.keras4j.optimizers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.Config;
import io.keras4j.engine.Variable;
import io.keras4j.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * LAMB, as keras/src/optimizers/lamb.py {@code update_step}, with t = iterations + 1: Adam's moments
 * {@code m}, {@code v}; {@code u = (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)};
 * {@code ratio = ||w|| / ||u||} (1 if either norm is 0); {@code w -= ratio * lr * u}.
 * Defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7. Slots: {@code momentum}, {@code velocity}.
 */
public class Lamb extends MomentOptimizer<Lamb> {

    public Lamb() {
        this(0.001);
    }

    public Lamb(double learningRate) {
        super("Lamb", learningRate);
    }

    public Lamb(LearningRateSchedule learningRate) {
        super("Lamb", learningRate);
    }

    public Lamb(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate);
        beta1(beta1).beta2(beta2).epsilon(epsilon);
    }

    @Override
    protected void createSlots(List<Variable> variables) {
        addSlots(variables, "momentum", "velocity");
    }

    @Override
    protected void updateStep(Variable variable, INDArray g, double lr) {
        long t = localStep();
        INDArray w = variable.value();
        INDArray m = slot(variable, "momentum");
        INDArray v = slot(variable, "velocity");
        INDArray scratch = scratch(variable, "denominator");
        // one fused pass for the moments (the op's own Adam update lands in scratch, unused)
        Nd4j.exec(new AdamUpdater(g, v, m, scratch, v, m, 1.0, beta1, beta2, epsilon, (int) iterations()));
        UpdateOps.sqrtPlusEpsilon(v, 1.0 / (1.0 - Math.pow(beta2, t)), epsilon, scratch);
        m.mul(1.0 / (1.0 - Math.pow(beta1, t)), g).divi(scratch);
        double wNorm = w.norm2Number().doubleValue();
        double uNorm = g.norm2Number().doubleValue();
        double ratio = wNorm > 0 && uNorm > 0 ? wNorm / uNorm : 1.0;
        Blas.axpy(-ratio * lr, g, w);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        putMomentConfig(config);
        return config;
    }

    public static Lamb fromConfig(Map<String, Object> map) {
        Config c = config("Lamb", map, "beta_1", "beta_2", "epsilon");
        return withBaseConfig(new Lamb(lr(c, 0.001), c.getDouble("beta_1", 0.9), c.getDouble("beta_2", 0.999),
                c.getDouble("epsilon", 1e-7)), c);
    }
}
