package io.keras4j.optimizers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.Config;
import io.keras4j.engine.Variable;
import io.keras4j.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.NesterovsUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * Gradient descent with optional momentum, as keras/src/optimizers/sgd.py {@code update_step}:
 * without momentum {@code w -= lr * g}; with momentum {@code m = momentum * m - lr * g}, then
 * {@code w += m}, or with Nesterov {@code w += momentum * m - lr * g}. The Nesterov step runs as ND4J's fused
 * {@code nesterovs_updater} ({@code w -= momentum * m_old - (1 + momentum) * m}, the same update).
 * Defaults: learning_rate 0.01, momentum 0, nesterov false. Slots: {@code momentum} (when momentum != 0).
 */
public class SGD extends Optimizer {
    private double momentum;
    private boolean nesterov;

    public SGD() {
        this(0.01);
    }

    public SGD(double learningRate) {
        super("SGD", learningRate);
    }

    public SGD(LearningRateSchedule learningRate) {
        super("SGD", learningRate);
    }

    public SGD(double learningRate, double momentum, boolean nesterov) {
        this(learningRate);
        momentum(momentum).nesterov(nesterov);
    }

    /** The momentum, a float in [0, 1]. */
    public SGD momentum(double momentum) {
        checkNotBuilt("momentum");
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("SGD: `momentum` must be a float between [0, 1], got " + momentum);
        }
        this.momentum = momentum;
        return this;
    }

    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    @Override
    protected void createSlots(List<Variable> variables) {
        if (momentum != 0) {
            addSlots(variables, "momentum");
        }
    }

    @Override
    protected void updateStep(Variable variable, INDArray g, double lr) {
        INDArray w = variable.value();
        if (momentum == 0) {
            Blas.axpy(-lr, g, w);
        } else if (nesterov) {
            Nd4j.exec(new NesterovsUpdater(g, slot(variable, "momentum"), lr, momentum));
            w.subi(g);
        } else {
            INDArray m = slot(variable, "momentum");
            m.muli(momentum);
            Blas.axpy(-lr, g, m);
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

    public static SGD fromConfig(Map<String, Object> map) {
        Config c = config("SGD", map, "momentum", "nesterov");
        return withBaseConfig(new SGD(lr(c, 0.01))
                .momentum(c.getDouble("momentum", 0.0)).nesterov(c.getBoolean("nesterov", false)), c);
    }
}
