package io.keras4j.optimizers;

import io.keras4j.engine.Config;
import io.keras4j.engine.Variable;
import io.keras4j.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdaGradUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * Adagrad, as keras/src/optimizers/adagrad.py {@code update_step}: {@code a += g^2};
 * {@code w -= lr * g / sqrt(a + epsilon)} (epsilon inside the square root, unlike ND4J's AdaGrad, whose fused op
 * only updates {@code a} here). The accumulator starts at {@code initial_accumulator_value}.
 * Defaults: learning_rate 0.001, initial_accumulator_value 0.1, epsilon 1e-7. Slots: {@code accumulator}.
 */
public class Adagrad extends Optimizer {
    private double initialAccumulatorValue = 0.1;
    private double epsilon = 1e-7;

    public Adagrad() {
        this(0.001);
    }

    public Adagrad(double learningRate) {
        super("Adagrad", learningRate);
    }

    public Adagrad(LearningRateSchedule learningRate) {
        super("Adagrad", learningRate);
    }

    public Adagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
        this(learningRate);
        initialAccumulatorValue(initialAccumulatorValue).epsilon(epsilon);
    }

    /** The starting value of the per-weight accumulators (must be >= 0). */
    public Adagrad initialAccumulatorValue(double value) {
        checkNotBuilt("initial_accumulator_value");
        this.initialAccumulatorValue = value;
        return this;
    }

    public Adagrad epsilon(double epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    @Override
    protected void createSlots(List<Variable> variables) {
        addSlots(variables, new String[]{"accumulator"}, new double[]{initialAccumulatorValue});
    }

    @Override
    protected void updateStep(Variable variable, INDArray g, double lr) {
        INDArray a = slot(variable, "accumulator");
        INDArray scratch = scratch(variable, "denominator");
        // one fused pass: a += g^2 (its own update output lands in scratch, unused)
        Nd4j.exec(new AdaGradUpdater(g, a, scratch, a, 1.0, epsilon));
        UpdateOps.addScaledBySqrt(variable.value(), -lr, g, a, epsilon, scratch);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("initial_accumulator_value", initialAccumulatorValue);
        config.put("epsilon", epsilon);
        return config;
    }

    public static Adagrad fromConfig(Map<String, Object> map) {
        Config c = config("Adagrad", map, "initial_accumulator_value", "epsilon");
        return withBaseConfig(new Adagrad(lr(c, 0.001), c.getDouble("initial_accumulator_value", 0.1),
                c.getDouble("epsilon", 1e-7)), c);
    }
}
