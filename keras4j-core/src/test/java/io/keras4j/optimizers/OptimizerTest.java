package io.keras4j.optimizers;

import io.keras4j.engine.Variable;
import io.keras4j.optimizers.schedules.ExponentialDecay;
import io.keras4j.optimizers.schedules.PiecewiseConstantDecay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerTest {
    private static List<Variable> vars(double... w) {
        return WeightHolder.variables("dense", DataType.DOUBLE, null, Nd4j.createFromArray(w));
    }

    private static void step(Optimizer o, List<Variable> vars, double... g) {
        WeightHolder.setGradients(vars, Nd4j.createFromArray(g));
        o.apply(vars);
    }

    @Test
    void rmspropStepMatchesHandComputedKerasFormula() {
        // v = 0.1 g^2 = [0.001, 0.016]; w -= 0.01 g / sqrt(v + 1e-7)
        List<Variable> w = vars(1.0, 2.0);
        step(new RMSprop(0.01), w, 0.1, -0.4);
        assertArrayEquals(new double[]{0.9683788044185707, 2.03162267778097}, w.get(0).value().toDoubleVector(), 1e-12);
    }

    @Test
    void adamStepMatchesHandComputedKerasFormula() {
        // m = 0.1 g, v = 0.001 g^2, w -= 0.01 sqrt(0.001) / 0.1 * m / (sqrt(v) + 1e-7)
        List<Variable> w = vars(1.0, 2.0);
        step(new Adam(0.01), w, 0.1, -0.4);
        assertArrayEquals(new double[]{0.9900003162177663, 2.0099999209436836}, w.get(0).value().toDoubleVector(), 1e-12);
    }

    @Test
    void kerasDefaults() {
        assertEquals(0.001, new RMSprop().learningRate());
        assertEquals(Map.of("rho", 0.9, "momentum", 0.0, "epsilon", 1e-7, "centered", false),
                subset(new RMSprop().getConfig(), "rho", "momentum", "epsilon", "centered"));
        assertEquals(Map.of("beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7, "amsgrad", false),
                subset(new Adam().getConfig(), "beta_1", "beta_2", "epsilon", "amsgrad"));
        assertEquals(0.01, new SGD().learningRate());
        assertEquals(0.004, new AdamW().weightDecay());
        assertEquals(Map.of("initial_accumulator_value", 0.1, "epsilon", 1e-7),
                subset(new Adagrad().getConfig(), "initial_accumulator_value", "epsilon"));
        assertEquals(Map.of("rho", 0.95, "epsilon", 1e-7), subset(new Adadelta().getConfig(), "rho", "epsilon"));
        assertEquals(Map.of("beta_1", 0.9, "beta_2", 0.99), subset(new Lion().getConfig(), "beta_1", "beta_2"));
        assertEquals(Map.of("learning_rate_power", -0.5, "initial_accumulator_value", 0.1, "beta", 0.0),
                subset(new Ftrl().getConfig(), "learning_rate_power", "initial_accumulator_value", "beta"));
    }

    private static Map<String, Object> subset(Map<String, Object> config, String... keys) {
        Map<String, Object> out = new java.util.HashMap<>();
        for (String k : keys) {
            out.put(k, config.get(k));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "rmsprop", "adam", "adamw", "adagrad", "adadelta", "adamax", "nadam", "ftrl", "lion", "lamb",
            "SGD", "RMSprop", "Adam", "AdamW", "Adagrad", "Adadelta", "Adamax", "Nadam", "Ftrl", "Lion", "Lamb"})
    void configRoundTripThroughRegistry(String identifier) {
        Optimizer o = Optimizers.get(identifier);
        o.clipnorm(0.5).useEma(true).emaMomentum(0.9).gradientAccumulationSteps(3);
        Map<String, Object> config = o.getConfig();
        Optimizer back = Optimizers.get(o.className(), config);
        assertEquals(o.getClass(), back.getClass());
        assertEquals(config, back.getConfig());
        assertEquals(List.of("name", "learning_rate", "weight_decay", "clipnorm", "global_clipnorm", "clipvalue", "use_ema",
                "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps"),
                new ArrayList<>(config.keySet()).subList(0, 11));
    }

    @Test
    void registryNamesAndUnknownIdentifier() {
        assertTrue(Optimizers.names().containsAll(Set.of("sgd", "rmsprop", "adam", "adamw", "adagrad", "adadelta", "adamax", "nadam",
                "ftrl", "lion", "lamb", "RMSprop", "Lamb")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adamm"));
        assertTrue(e.getMessage().contains("adamm") && e.getMessage().contains("adamw"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.get("Adam", Map.of("beta1", 0.5)));
    }

    @Test
    void scheduleDrivesTheLearningRateAtTheRawStepAndSerializes() {
        PiecewiseConstantDecay schedule = new PiecewiseConstantDecay(new double[]{1}, new double[]{0.5, 0.1});
        SGD sgd = new SGD(schedule);
        List<Variable> w = vars(1.0);
        step(sgd, w, 1.0);   // step 0: lr 0.5
        step(sgd, w, 1.0);   // step 1: lr 0.5 (step <= boundary)
        step(sgd, w, 1.0);   // step 2: lr 0.1
        assertEquals(1.0 - 0.5 - 0.5 - 0.1, w.get(0).value().getDouble(0), 1e-12);
        assertEquals(0.1, sgd.learningRate());
        assertEquals("iteration", sgd.variables().get(0).getKey());
        assertEquals(1, sgd.variables().size(), "no learning_rate variable with a schedule");
        Map<String, Object> config = sgd.getConfig();
        assertInstanceOf(Map.class, config.get("learning_rate"));
        Optimizer back = Optimizers.get("SGD", config);
        assertEquals(0.1, new SGD(new ExponentialDecay(0.1, 10, 0.5)).learningRate());
        assertEquals(0.5, back.learningRate());
        assertThrows(IllegalStateException.class, () -> sgd.setLearningRate(0.3));
    }

    @Test
    void variablesRoundTripResumesTraining() {
        Adam a = new Adam(0.01);
        List<Variable> w = vars(1.0, -2.0);
        step(a, w, 0.3, 0.1);
        step(a, w, -0.2, 0.4);
        List<INDArray> saved = new ArrayList<>();
        a.variables().forEach(e -> saved.add(e.getValue().dup()));
        INDArray savedW = w.get(0).value().dup();
        step(a, w, 0.5, 0.5);
        INDArray expected = w.get(0).value().dup();

        Adam resumed = new Adam(0.01);
        List<Variable> w2 = vars(savedW.toDoubleVector());
        resumed.build(w2);
        resumed.setVariables(saved);
        assertEquals(2, resumed.iterations());
        step(resumed, w2, 0.5, 0.5);
        // the learning_rate variable is float32, as in Keras: 0.01 comes back as 0.0099999998
        assertArrayEquals(expected.toDoubleVector(), w2.get(0).value().toDoubleVector(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> resumed.setVariables(saved.subList(0, 2)));
    }

    @Test
    void lifecycleAndArgumentErrors() {
        assertThrows(IllegalArgumentException.class, () -> new SGD().clipnorm(1.0).clipvalue(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Adam().gradientAccumulationSteps(1));
        assertThrows(IllegalArgumentException.class, () -> new SGD(0.1, 1.5, false));
        assertThrows(IllegalArgumentException.class, () -> new AdamW().weightDecay(null));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop(-1.0));
        Adam a = new Adam();
        step(a, vars(1.0), 1.0);
        assertThrows(IllegalStateException.class, () -> a.amsgrad(true));
        assertThrows(IllegalArgumentException.class, () -> step(a, vars(1.0), 1.0));
        List<Variable> noGradient = vars(1.0);
        noGradient.get(0).resetGradient();
        assertThrows(IllegalStateException.class, () -> new SGD().apply(noGradient));
    }

    @Test
    void constraintIsAppliedAfterTheUpdate() {
        List<Variable> w = WeightHolder.variables("c", DataType.DOUBLE, new io.keras4j.constraints.NonNeg(),
                Nd4j.createFromArray(0.05, 1.0));
        step(new SGD(0.1), w, 1.0, 1.0);
        assertArrayEquals(new double[]{0.0, 0.9}, w.get(0).value().toDoubleVector(), 1e-12);
    }

    @Test
    void excludedVariablesGetNoWeightDecay() {
        List<Variable> w = vars(1.0);
        SGD sgd = new SGD(0.1).weightDecay(0.5);
        sgd.excludeFromWeightDecay(null, List.of("w1"));
        step(sgd, w, 0.0);
        assertEquals(1.0, w.get(0).value().getDouble(0), 0.0);
        List<Variable> w2 = vars(1.0);
        step(new SGD(0.1).weightDecay(0.5), w2, 0.0);
        assertEquals(0.95, w2.get(0).value().getDouble(0), 1e-12);
    }
}
