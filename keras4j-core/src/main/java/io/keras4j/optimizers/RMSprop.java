package io.keras4j.optimizers;

import io.keras4j.backend.Ops;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * RMSprop, as keras/src/optimizers/rmsprop.py {@code update_step}:
 * {@code v = rho * v + (1 - rho) * g^2}; {@code w -= lr * g / sqrt(v + epsilon)} (epsilon inside the square
 * root, unlike ND4J's own RmsProp). Centered: {@code a = rho * a + (1 - rho) * g} and the denominator is
 * {@code sqrt(v - a^2 + epsilon)}. Momentum: {@code m = momentum * m + increment; w -= m}.
 * Defaults: learning_rate 0.001, rho 0.9, momentum 0, epsilon 1e-7, centered false.
 */
public class RMSprop extends Optimizer {
    private final double rho;
    private final double momentum;
    private final double epsilon;
    private final boolean centered;

    public RMSprop() {
        this(0.001);
    }

    public RMSprop(double learningRate) {
        this(learningRate, 0.9, 0.0, 1e-7, false);
    }

    public RMSprop(double learningRate, double rho, double momentum, double epsilon, boolean centered) {
        super("rmsprop", learningRate);
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.centered = centered;
    }

    @Override
    protected void updateStep(Variable variable, INDArray g, double lr) {
        INDArray v = slot(variable, "velocity");
        INDArray denominator = slot(variable, "denominator");
        // v = rho * v + (1 - rho) * g^2
        denominator.assign(g).muli(g);
        v.muli(rho);
        Ops.axpy(1 - rho, denominator, v);
        denominator.assign(v);
        if (centered) {
            INDArray a = slot(variable, "average_gradient");
            a.muli(rho);
            Ops.axpy(1 - rho, g, a);
            denominator.subi(a.mul(a));
        }
        denominator.addi(epsilon);
        Transforms.sqrt(denominator, false);
        // g becomes the increment lr * g / sqrt(...)
        g.divi(denominator).muli(lr);
        if (momentum > 0) {
            INDArray m = slot(variable, "momentum");
            m.muli(momentum).addi(g);
            variable.value().subi(m);
        } else {
            variable.value().subi(g);
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("rho", rho);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("centered", centered);
        return config;
    }
}
