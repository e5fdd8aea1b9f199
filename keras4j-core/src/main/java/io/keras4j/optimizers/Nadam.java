package io.keras4j.optimizers;

import io.keras4j.backend.Blas;
import io.keras4j.engine.Config;
import io.keras4j.engine.Variable;
import io.keras4j.optimizers.schedules.LearningRateSchedule;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * Nesterov Adam, as keras/src/optimizers/nadam.py {@code update_step}, with t = iterations + 1 and
 * {@code u_t = beta1 (1 - 0.5 * 0.96^t)}: once per step {@code u_product *= u_t}; then per variable
 * {@code m = beta1 m + (1 - beta1) g}, {@code v = beta2 v + (1 - beta2) g^2},
 * {@code m_hat = u_{t+1} m / (1 - u_product u_{t+1}) + (1 - u_t) g / (1 - u_product)},
 * {@code v_hat = v / (1 - beta2^t)}, {@code w -= lr m_hat / (sqrt(v_hat) + epsilon)}. (ND4J's Nadam op uses
 * another schedule; only its moment update, shared with Adam's fused op, is used.)
 * Defaults: learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7. Slots: {@code momentum},
 * {@code velocity}, then the scalar {@code u_product} (unnamed in Keras, hence named {@code variable}).
 */
public class Nadam extends MomentOptimizer<Nadam> {
    private static final double DECAY = 0.96;
    private INDArray uProduct;

    public Nadam() {
        this(0.001);
    }

    public Nadam(double learningRate) {
        super("Nadam", learningRate);
    }

    public Nadam(LearningRateSchedule learningRate) {
        super("Nadam", learningRate);
    }

    public Nadam(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate);
        beta1(beta1).beta2(beta2).epsilon(epsilon);
    }

    @Override
    protected void createSlots(List<Variable> variables) {
        addSlots(variables, "momentum", "velocity");
        uProduct = addVariable("variable", Nd4j.scalar(variables.isEmpty() ? DataType.FLOAT
                : variables.get(0).value().dataType(), 1.0));
    }

    private double u(long step) {
        return beta1 * (1.0 - 0.5 * Math.pow(DECAY, step));
    }

    @Override
    protected void beforeUpdateSteps() {
        uProduct.putScalar(0, uProduct.getDouble(0) * u(localStep()));
    }

    @Override
    protected void updateStep(Variable variable, INDArray g, double lr) {
        long t = localStep();
        double uT = u(t);
        double uT1 = u(t + 1);
        double uProductT = uProduct.getDouble(0);
        double uProductT1 = uProductT * uT1;
        INDArray m = slot(variable, "momentum");
        INDArray v = slot(variable, "velocity");
        INDArray scratch = scratch(variable, "denominator");
        // one fused pass for the moments (the op's own Adam update lands in scratch, unused)
        Nd4j.exec(new AdamUpdater(g, v, m, scratch, v, m, 1.0, beta1, beta2, epsilon, (int) iterations()));
        UpdateOps.sqrtPlusEpsilon(v, 1.0 / (1 - Math.pow(beta2, t)), epsilon, scratch);
        g.muli((1 - uT) / (1 - uProductT));
        Blas.axpy(uT1 / (1 - uProductT1), m, g);
        g.divi(scratch);
        Blas.axpy(-lr, g, variable.value());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        putMomentConfig(config);
        return config;
    }

    public static Nadam fromConfig(Map<String, Object> map) {
        Config c = config("Nadam", map, "beta_1", "beta_2", "epsilon");
        return withBaseConfig(new Nadam(lr(c, 0.001), c.getDouble("beta_1", 0.9), c.getDouble("beta_2", 0.999),
                c.getDouble("epsilon", 1e-7)), c);
    }
}
