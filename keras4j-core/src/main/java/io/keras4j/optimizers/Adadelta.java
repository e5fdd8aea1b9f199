package io.keras4j.optimizers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.Config;
import io.keras4j.engine.Variable;
import io.keras4j.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaDeltaUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * Adadelta, as keras/src/optimizers/adadelta.py {@code update_step}: {@code G = rho G + (1 - rho) g^2};
 * {@code delta = -sqrt(D + epsilon) / sqrt(G + epsilon) * g}; {@code D = rho D + (1 - rho) delta^2};
 * {@code w += lr * delta}. The moments and {@code -delta} come from ND4J's fused {@code ada_delta_updater},
 * which computes the same formulas. Defaults: learning_rate 0.001, rho 0.95, epsilon 1e-7.
 * Slots: {@code accumulated_grad}, {@code accumulated_delta_var}.
 */
public class Adadelta extends Optimizer {
    private double rho = 0.95;
    private double epsilon = 1e-7;

    public Adadelta() {
        this(0.001);
    }

    public Adadelta(double learningRate) {
        super("Adadelta", learningRate);
    }

    public Adadelta(LearningRateSchedule learningRate) {
        super("Adadelta", learningRate);
    }

    public Adadelta(double learningRate, double rho, double epsilon) {
        this(learningRate);
        rho(rho).epsilon(epsilon);
    }

    /** The decay rate of both running averages. */
    public Adadelta rho(double rho) {
        this.rho = rho;
        return this;
    }

    public Adadelta epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected void createSlots(List<Variable> variables) {
        addSlots(variables, "accumulated_grad", "accumulated_delta_var");
    }

    @Override
    protected void updateStep(Variable variable, INDArray g, double lr) {
        Nd4j.exec(new AdaDeltaUpdater(g, slot(variable, "accumulated_grad"), slot(variable, "accumulated_delta_var"), rho, epsilon));
        Blas.axpy(-lr, g, variable.value());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("rho", rho);
        config.put("epsilon", epsilon);
        return config;
    }

    public static Adadelta fromConfig(Map<String, Object> map) {
        Config c = config("Adadelta", map, "rho", "epsilon");
        return withBaseConfig(new Adadelta(lr(c, 0.001), c.getDouble("rho", 0.95), c.getDouble("epsilon", 1e-7)), c);
    }
}
