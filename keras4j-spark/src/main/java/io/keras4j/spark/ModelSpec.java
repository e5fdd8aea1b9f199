package io.keras4j.spark;

import io.keras4j.losses.Loss;
import io.keras4j.losses.Losses;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.Optimizers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an executor needs to rebuild a compiled model, broadcast once per {@code fit}: the model's Keras JSON, its
 * losses and optimizer as Keras class names and configs (plain strings and maps, readable by any JVM with keras4j on its class
 * path). The weights travel separately, each step.
 */
final class ModelSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Names the replicas built from this spec in an executor's cache. */
    final String id = UUID.randomUUID().toString();
    final String json;
    /** The compile's loss weights, one per output. */
    final double[] lossWeights;
    private final String optimizerClass;
    private final LinkedHashMap<String, Object> optimizerConfig;
    private final List<String> lossClasses = new ArrayList<>();
    private final List<LinkedHashMap<String, Object>> lossConfigs = new ArrayList<>();

    private ModelSpec(String json, double[] lossWeights, Optimizer optimizer) {
        this.json = json;
        this.lossWeights = lossWeights;
        this.optimizerClass = optimizer.className();
        this.optimizerConfig = new LinkedHashMap<>(optimizer.getConfig());
    }

    /**
     * The spec of a compiled model; fails on the driver, before any Spark job, if an executor could not rebuild it.
     */
    static ModelSpec of(Model model) {
        List<Double> given = model.compileOptions().getLossWeights();
        double[] lossWeights = new double[model.loss().size()];
        for (int i = 0; i < lossWeights.length; i++) {
            lossWeights[i] = given == null ? 1.0 : given.get(i);
        }
        ModelSpec spec = new ModelSpec(model.toJson(), lossWeights, model.optimizer());
        for (Loss loss : model.loss()) {
            spec.lossClasses.add(loss == null ? null : loss.getClass().getSimpleName());
            spec.lossConfigs.add(loss == null ? null : new LinkedHashMap<>(loss.getConfig()));
        }
        spec.losses();
        return spec;
    }

    /** A new optimizer like the model's (its state travels with the weights), for parameter averaging. */
    Optimizer optimizer() {
        return Optimizers.get(optimizerClass, optimizerConfig);
    }

    /** A new model from the JSON (weights as initialized; the caller sets them). */
    Model model() {
        return Models.modelFromJson(json);
    }

    /** New losses from their class names and configs, one per output (null for an output without loss). */
    @SuppressWarnings("unchecked")
    List<Loss> losses() {
        List<Loss> out = new ArrayList<>();
        for (int i = 0; i < lossClasses.size(); i++) {
            String cls = lossClasses.get(i);
            if (cls == null) {
                out.add(null);
                continue;
            }
            try {
                out.add(Losses.get(cls, (Map<String, Object>) (Map<String, ?>) lossConfigs.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("SparkModel: the loss of output " + i + " (" + cls + lossConfigs.get(i)
                        + ") cannot be rebuilt on the executors from its Keras class name and config; compile with a Keras "
                        + "loss (an identifier such as \"categorical_crossentropy\" or a class of io.keras4j.losses)", e);
            }
        }
        return out;
    }
}
