package io.keras4j.optimizers;

import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Adam, as keras/src/optimizers/adam.py {@code update_step}, with t = iterations + 1:
 * {@code m = beta1 m + (1 - beta1) g}; {@code v = beta2 v + (1 - beta2) g^2};
 * {@code w -= lr sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + epsilon)} (epsilon outside the square
 * root). Computed by ND4J's fused native {@code adam_updater}, which implements the same formula.
 * Defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7 (ND4J's own default is 1e-8).
 */
public class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        super("adam", learningRate);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    protected void updateStep(Variable variable, INDArray g, double lr) {
        INDArray m = slot(variable, "momentum");
        INDArray v = slot(variable, "velocity");
        // in place: g becomes the update, v and m the new moments
        Nd4j.exec(new AdamUpdater(g, v, m, lr, beta1, beta2, epsilon, (int) iterations()));
        variable.value().subi(g);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        config.put("amsgrad", false);
        return config;
    }
}
