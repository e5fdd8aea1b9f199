package io.keras4j.saving;

import io.keras4j.models.CompileOptions;
import io.keras4j.models.Model;
import io.keras4j.optimizers.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores {@code model.compile(...)} from a saved {@code compile_config} (Keras 3, keras/src/trainers/trainer.py
 * {@code compile_from_config}) or a legacy {@code training_config} (keras/src/legacy/saving/saving_utils.py
 * {@code compile_args_from_training_config}), and writes the legacy form.
 */
final class Compiler {
    private static final Logger LOG = LoggerFactory.getLogger(Compiler.class);

    private Compiler() {
    }

    /**
     * Compiles the model from a Keras 3 {@code compile_config}; an empty or absent config leaves it uncompiled, and
     * so does one naming an optimizer, loss or metric keras4j lacks (with a warning, as Keras warns when
     * {@code compile_from_config} cannot run): the model still predicts.
     */
    static void compile(Model model, Object compileConfig, Origin at) {
        if (compileConfig == null || compileConfig instanceof Map && ((Map<?, ?>) compileConfig).isEmpty()) {
            return;
        }
        Map<String, Object> c = Shape.map(compileConfig, at, "compile_config");
        compileOrWarn(model, c.get("optimizer"), c, at);
    }

    /** Compiles the model from a legacy {@code training_config}, with the same leniency. */
    static void compileLegacy(Model model, Object trainingConfig, Origin at) {
        Map<String, Object> c = Shape.map(trainingConfig, at, "training_config");
        compileOrWarn(model, c.get("optimizer_config"), c, at);
    }

    private static void compileOrWarn(Model model, Object optimizer, Map<String, Object> c, Origin at) {
        try {
            apply(model, optimizer(optimizer, at), c.get("loss"), c.get("metrics"), c.get("loss_weights"), at);
        } catch (UnsupportedFeatureException e) {
            LOG.warn("the model was loaded without compiling it (call compile() yourself): {}", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static void apply(Model model, Optimizer optimizer, Object loss, Object metrics, Object lossWeights, Origin at) {
        if (loss == null) {
            return;
        }
        Object resolved = SerializationLib.loss(loss, at.where() + ": loss");
        List<Object> losses = new ArrayList<>();
        if (resolved instanceof List) {
            losses.addAll((List<Object>) resolved);
        } else if (resolved instanceof Map) {
            for (String name : model.outputs().stream().map(t -> t.node().layer().name()).toList()) {
                Object l = ((Map<String, Object>) resolved).get(name);
                losses.add(SerializationLib.loss(l, at.where() + ": loss of output '" + name + "'"));
            }
        } else {
            losses.add(resolved);
        }
        List<Object> metricList = new ArrayList<>();
        if (metrics instanceof List) {
            for (Object m : (List<Object>) metrics) {
                metricList.add(m instanceof Map ? SerializationLib.fromRegistry("io.keras4j.metrics.Metrics", "metric", m, at.where())
                        : m);
            }
        } else if (metrics != null && !(metrics instanceof Map)) {
            throw new KerasFormatException(at.where(), "metrics: expected a list, got " + Shape.describe(metrics));
        }
        CompileOptions options = new CompileOptions().optimizer(optimizer).loss(losses.toArray()).metrics(metricList.toArray());
        if (lossWeights instanceof List) {
            List<Object> w = (List<Object>) lossWeights;
            double[] weights = new double[w.size()];
            for (int i = 0; i < weights.length; i++) {
                if (!(w.get(i) instanceof Number)) {
                    throw new KerasFormatException(at.where(), "loss_weights: expected numbers, got " + Shape.describe(w));
                }
                weights[i] = ((Number) w.get(i)).doubleValue();
            }
            options.lossWeights(weights);
        }
        try {
            model.compile(options);
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).startsWith("Unknown")) {
                throw new UnsupportedFeatureException(at.where(), e.getMessage());
            }
            throw new KerasFormatException(at.where() + ": cannot compile: " + e.getMessage(), e);
        }
    }

    /** An optimizer from {@code {"class_name": "SGD", "config": {...}}} (Keras 1/2 keys such as {@code lr} accepted). */
    @SuppressWarnings("unchecked")
    static Optimizer optimizer(Object saved, Origin at) {
        Map<String, Object> entry = Shape.map(saved, at, "optimizer");
        Map<String, Object> config = new LinkedHashMap<>(entry.get("config") == null ? Map.of() : Shape.map(entry.get("config"), at, "optimizer config"));
        if (config.containsKey("lr") && !config.containsKey("learning_rate")) {
            config.put("learning_rate", config.remove("lr"));
        }
        Object lr = config.get("learning_rate");
        if (lr != null && !(lr instanceof Number)) {
            throw new UnsupportedFeatureException(at.where(), "learning-rate schedules in saved optimizers are not supported: "
                    + Shape.describe(lr));
        }
        Map<String, Object> normalized = new LinkedHashMap<>(entry);
        normalized.put("config", config);
        return (Optimizer) SerializationLib.fromRegistry("io.keras4j.optimizers.Optimizers", "optimizer", normalized, at.where());
    }

    /** The legacy {@code training_config} attribute, as Keras 3's legacy H5 writer makes it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> legacyTrainingConfig(Model model) {
        Map<String, Object> compile = ModelConfig.compileConfig(model);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : compile.entrySet()) {
            if (!e.getKey().equals("optimizer")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        Map<String, Object> optimizer = (Map<String, Object>) compile.get("optimizer");
        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("class_name", optimizer.get("class_name"));
        legacy.put("config", optimizer.get("config"));
        out.put("optimizer_config", legacy);
        return out;
    }
}
