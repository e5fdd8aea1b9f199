package io.keras4j.optimizers;

import io.keras4j.engine.Config;
import io.keras4j.engine.Variable;
import io.keras4j.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaMaxUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * Adamax, as keras/src/optimizers/adamax.py {@code update_step}, with t = iterations + 1:
 * {@code m = beta1 m + (1 - beta1) g}; {@code u = max(beta2 u, |g|)};
 * {@code w -= lr m / ((1 - beta1^t) (u + epsilon))}. Computed by ND4J's fused {@code ada_max_updater}, which
 * implements the same formula. Defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7.
 * Slots: {@code momentum}, {@code norm}.
 */
public class Adamax extends MomentOptimizer<Adamax> {

    public Adamax() {
        this(0.001);
    }

    public Adamax(double learningRate) {
        super("Adamax", learningRate);
    }

    public Adamax(LearningRateSchedule learningRate) {
        super("Adamax", learningRate);
    }

    public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate);
        beta1(beta1).beta2(beta2).epsilon(epsilon);
    }

    @Override
    protected void createSlots(List<Variable> variables) {
        addSlots(variables, "momentum", "norm");
    }

    @Override
    protected void updateStep(Variable variable, INDArray g, double lr) {
        Nd4j.exec(new AdaMaxUpdater(g, slot(variable, "norm"), slot(variable, "momentum"), lr, beta1, beta2, epsilon,
                (int) iterations()));
        variable.value().subi(g);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        putMomentConfig(config);
        return config;
    }

    public static Adamax fromConfig(Map<String, Object> map) {
        Config c = config("Adamax", map, "beta_1", "beta_2", "epsilon");
        return withBaseConfig(new Adamax(lr(c, 0.001), c.getDouble("beta_1", 0.9), c.getDouble("beta_2", 0.999),
                c.getDouble("epsilon", 1e-7)), c);
    }
}
