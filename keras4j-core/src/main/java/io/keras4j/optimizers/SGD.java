package io.keras4j.optimizers;

import io.keras4j.backend.Ops;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Gradient descent with optional momentum, as keras/src/optimizers/sgd.py {@code update_step}:
 * without momentum {@code w -= lr * g}; with momentum {@code m = momentum * m - lr * g}, then
 * {@code w += m}, or with Nesterov {@code w += momentum * m - lr * g}.
 * Defaults: learning_rate 0.01, momentum 0, nesterov false.
 */
public class SGD extends Optimizer {
    private final double momentum;
    private final boolean nesterov;

    public SGD() {
        this(0.01);
    }

    public SGD(double learningRate) {
        this(learningRate, 0.0, false);
    }

    public SGD(double learningRate, double momentum, boolean nesterov) {
        super("SGD", learningRate);
        if (momentum < 0 || momentum > 1) {
            throw new IllegalArgumentException("SGD: argument `momentum` must be in [0, 1], got " + momentum);
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    protected void updateStep(Variable variable, INDArray g, double lr) {
        INDArray w = variable.value();
        if (momentum == 0) {
            Ops.axpy(-lr, g, w);
            return;
        }
        INDArray m = slot(variable, "momentum");
        m.muli(momentum);
        Ops.axpy(-lr, g, m);
        if (nesterov) {
            Ops.axpy(momentum, m, w);
            Ops.axpy(-lr, g, w);
        } else {
            w.addi(m);
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("momentum", momentum);
        config.put("nesterov", nesterov);
        return config;
    }
}
