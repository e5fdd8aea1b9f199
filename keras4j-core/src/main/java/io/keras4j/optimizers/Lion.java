package io.keras4j.optimizers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.Config;
import io.keras4j.engine.Variable;
import io.keras4j.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * Lion, as keras/src/optimizers/lion.py {@code update_step}:
 * {@code w -= lr * sign(beta1 m + (1 - beta1) g)}; then {@code m = beta2 m + (1 - beta2) g}.
 * Defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.99. Slots: {@code momentum}.
 */
public class Lion extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.99;

    public Lion() {
        this(0.001);
    }

    public Lion(double learningRate) {
        super("Lion", learningRate);
    }

    public Lion(LearningRateSchedule learningRate) {
        super("Lion", learningRate);
    }

    public Lion(double learningRate, double beta1, double beta2) {
        this(learningRate);
        beta1(beta1).beta2(beta2);
    }

    /** The rate combining the momentum and the gradient in the update, in (0, 1]. */
    public Lion beta1(double beta1) {
        if (!(beta1 > 0 && beta1 <= 1)) {
            throw new IllegalArgumentException("Lion: argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer "
                    + "degenerates to SignSGD. Received: beta_1=" + beta1);
        }
        this.beta1 = beta1;
        return this;
    }

    /** The decay rate of the momentum. */
    public Lion beta2(double beta2) {
        this.beta2 = beta2;
        return this;
    }

    @Override
    protected void createSlots(List<Variable> variables) {
        addSlots(variables, "momentum");
    }

    @Override
    protected void updateStep(Variable variable, INDArray g, double lr) {
        INDArray m = slot(variable, "momentum");
        INDArray s = scratch(variable, "direction");
        m.mul(beta1, s);
        Blas.axpy(1.0 - beta1, g, s);
        Nd4j.exec(new Sign(s, s));
        Blas.axpy(-lr, s, variable.value());
        m.muli(beta2);
        Blas.axpy(1.0 - beta2, g, m);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        return config;
    }

    public static Lion fromConfig(Map<String, Object> map) {
        Config c = config("Lion", map, "beta_1", "beta_2");
        return withBaseConfig(new Lion(lr(c, 0.001), c.getDouble("beta_1", 0.9), c.getDouble("beta_2", 0.99)), c);
    }
}
