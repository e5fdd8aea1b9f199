package io.keras4j.metrics;

import io.keras4j.engine.Registry;

import java.util.Set;

/**
 * Metrics by Keras identifier, as {@code keras.metrics.get}, and the {@code compile}-time resolution of
 * "accuracy"/"acc" from the shapes of targets and predictions.
 */
public final class Metrics {
    private static final Registry<Metric> REGISTRY = new Registry<Metric>("metric")
            .register(c -> new Accuracy(), "Accuracy")
            .register(c -> new CategoricalAccuracy(), "categorical_accuracy", "CategoricalAccuracy")
            .register(c -> new SparseCategoricalAccuracy(), "sparse_categorical_accuracy", "SparseCategoricalAccuracy")
            .register(c -> new BinaryAccuracy(), "binary_accuracy", "BinaryAccuracy")
            .register(c -> new Mean(), "Mean");

    private Metrics() {
    }

    /** A new metric for a Keras identifier ("categorical_accuracy"). */
    public static Metric get(String identifier) {
        return REGISTRY.get(identifier);
    }

    /** The identifiers that {@link #get} accepts, besides "accuracy" and "acc". */
    public static Set<String> names() {
        return REGISTRY.names();
    }

    /**
     * The metric for an identifier given to {@code compile}, as keras/src/trainers/compile_utils.py
     * {@code get_metric}: "accuracy" and "acc" become {@link BinaryAccuracy} when predictions have a last
     * axis of 1, {@link SparseCategoricalAccuracy} when targets have a lower rank (or a last axis of 1
     * against several classes), else {@link CategoricalAccuracy}; the metric keeps the name given.
     *
     * @param yTrueShape the shape of a batch of targets
     * @param yPredShape the shape of a batch of predictions
     */
    public static Metric forCompile(String identifier, long[] yTrueShape, long[] yPredShape) {
        String id = identifier.toLowerCase();
        if (!id.equals("accuracy") && !id.equals("acc")) {
            return get(identifier);
        }
        long pLast = yPredShape[yPredShape.length - 1];
        long tLast = yTrueShape[yTrueShape.length - 1];
        boolean binary = pLast == 1;
        boolean sparse = yTrueShape.length < yPredShape.length || (tLast == 1 && pLast > 1);
        if (binary) {
            return new BinaryAccuracy(identifier, 0.5);
        }
        if (sparse) {
            return new SparseCategoricalAccuracy(identifier);
        }
        return new CategoricalAccuracy(identifier);
    }
}
