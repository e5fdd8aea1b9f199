package io.keras4j.optimizers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.Config;
import io.keras4j.engine.Variable;
import io.keras4j.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * Follow The Regularized Leader, as keras/src/optimizers/ftrl.py {@code update_step}, with
 * {@code p = learning_rate_power}, {@code l2' = l2 + beta / (2 lr)}, {@code g' = g + 2 l2_shrinkage w} and
 * {@code n' = n + g^2}: {@code z += g' - (n'^-p - n^-p) / lr * w}; {@code q = n'^-p / lr + 2 l2'};
 * {@code w = (clip(z, -l1, l1) - z) / q}; {@code n = n'}.
 * Defaults: learning_rate 0.001, learning_rate_power -0.5, initial_accumulator_value 0.1,
 * l1_regularization_strength 0, l2_regularization_strength 0, l2_shrinkage_regularization_strength 0, beta 0.
 * Slots: {@code accumulator} (n), {@code linear} (z).
 */
public class Ftrl extends Optimizer {
    private double learningRatePower = -0.5;
    private double initialAccumulatorValue = 0.1;
    private double l1;
    private double l2;
    private double l2Shrinkage;
    private double beta;

    public Ftrl() {
        this(0.001);
    }

    public Ftrl(double learningRate) {
        super("Ftrl", learningRate);
    }

    public Ftrl(LearningRateSchedule learningRate) {
        super("Ftrl", learningRate);
    }

    public Ftrl learningRatePower(double power) {
        this.learningRatePower = check("learning_rate_power", power, power <= 0, "negative or zero");
        return this;
    }

    public Ftrl initialAccumulatorValue(double value) {
        checkNotBuilt("initial_accumulator_value");
        this.initialAccumulatorValue = check("initial_accumulator_value", value, value >= 0, "positive or zero");
        return this;
    }

    public Ftrl l1RegularizationStrength(double l1) {
        this.l1 = check("l1_regularization_strength", l1, l1 >= 0, "positive or zero");
        return this;
    }

    public Ftrl l2RegularizationStrength(double l2) {
        this.l2 = check("l2_regularization_strength", l2, l2 >= 0, "positive or zero");
        return this;
    }

    public Ftrl l2ShrinkageRegularizationStrength(double l2Shrinkage) {
        this.l2Shrinkage = check("l2_shrinkage_regularization_strength", l2Shrinkage, l2Shrinkage >= 0, "positive or zero");
        return this;
    }

    public Ftrl beta(double beta) {
        this.beta = beta;
        return this;
    }

    private static double check(String argument, double value, boolean ok, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("Ftrl: `" + argument + "` needs to be " + expected + ". Received: " + argument + "=" + value);
        }
        return value;
    }

    @Override
    protected void createSlots(List<Variable> variables) {
        addSlots(variables, new String[]{"accumulator", "linear"}, new double[]{initialAccumulatorValue, 0.0});
    }

    @Override
    protected void updateStep(Variable variable, INDArray g, double lr) {
        INDArray w = variable.value();
        INDArray n = slot(variable, "accumulator");
        INDArray z = slot(variable, "linear");
        INDArray newN = scratch(variable, "new_accumulator");
        INDArray q = scratch(variable, "quadratic");
        g.mul(g, newN).addi(n);
        if (l2Shrinkage != 0) {
            Blas.axpy(2 * l2Shrinkage, w, g);
        }
        Transforms.pow(n, -learningRatePower, false);
        q.assign(newN);
        Transforms.pow(q, -learningRatePower, false);
        // z += g' - (n'^-p - n^-p) / lr * w, with n as the work buffer
        n.rsubi(q).muli(w).divi(lr);
        g.subi(n);
        z.addi(g);
        q.divi(lr).addi(2 * (l2 + beta / (2.0 * lr)));
        g.assign(z);
        Transforms.min(g, l1, false);
        Transforms.max(g, -l1, false);
        w.assign(g.subi(z).divi(q));
        n.assign(newN);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("learning_rate_power", learningRatePower);
        config.put("initial_accumulator_value", initialAccumulatorValue);
        config.put("l1_regularization_strength", l1);
        config.put("l2_regularization_strength", l2);
        config.put("l2_shrinkage_regularization_strength", l2Shrinkage);
        config.put("beta", beta);
        return config;
    }

    public static Ftrl fromConfig(Map<String, Object> map) {
        Config c = config("Ftrl", map, "learning_rate_power", "initial_accumulator_value", "l1_regularization_strength",
                "l2_regularization_strength", "l2_shrinkage_regularization_strength", "beta");
        return withBaseConfig(new Ftrl(lr(c, 0.001))
                .learningRatePower(c.getDouble("learning_rate_power", -0.5))
                .initialAccumulatorValue(c.getDouble("initial_accumulator_value", 0.1))
                .l1RegularizationStrength(c.getDouble("l1_regularization_strength", 0.0))
                .l2RegularizationStrength(c.getDouble("l2_regularization_strength", 0.0))
                .l2ShrinkageRegularizationStrength(c.getDouble("l2_shrinkage_regularization_strength", 0.0))
                .beta(c.getDouble("beta", 0.0)), c);
    }
}
