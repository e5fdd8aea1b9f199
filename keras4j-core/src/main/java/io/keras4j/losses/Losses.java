package io.keras4j.losses;

import io.keras4j.engine.Registry;

import java.util.Map;
import java.util.Set;

/**
 * Losses by Keras identifier, as keras/src/losses/__init__.py {@code get}: the function names and their legacy
 * aliases ("categorical_crossentropy", "mse", "mae", "mape", "msle", "kld", "logcosh", ...) and the class names
 * ("CategoricalCrossentropy"). {@link #get(String, Map)} also takes the class's config (Keras keys).
 */
public final class Losses {
    private static final Registry<Loss> REGISTRY = new Registry<Loss>("loss")
            .register(c -> new CategoricalCrossentropy().fromLogits(bool(c, "from_logits")).labelSmoothing(number(c, "label_smoothing", 0)),
                    "categorical_crossentropy", "CategoricalCrossentropy")
            .register(c -> new SparseCategoricalCrossentropy().fromLogits(bool(c, "from_logits"))
                            .ignoreClass(c.get("ignore_class") == null ? null : ((Number) c.get("ignore_class")).intValue()),
                    "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy")
            .register(c -> new BinaryCrossentropy().fromLogits(bool(c, "from_logits")).labelSmoothing(number(c, "label_smoothing", 0)),
                    "binary_crossentropy", "BinaryCrossentropy")
            .register(c -> new BinaryFocalCrossentropy().applyClassBalancing(bool(c, "apply_class_balancing"))
                            .alpha(number(c, "alpha", 0.25)).gamma(number(c, "gamma", 2.0)).fromLogits(bool(c, "from_logits"))
                            .labelSmoothing(number(c, "label_smoothing", 0)),
                    "binary_focal_crossentropy", "BinaryFocalCrossentropy")
            .register(c -> new CategoricalFocalCrossentropy().alpha(number(c, "alpha", 0.25)).gamma(number(c, "gamma", 2.0))
                            .fromLogits(bool(c, "from_logits")).labelSmoothing(number(c, "label_smoothing", 0)),
                    "categorical_focal_crossentropy", "CategoricalFocalCrossentropy")
            .register(c -> new MeanSquaredError(), "mean_squared_error", "mse", "MSE", "MeanSquaredError")
            .register(c -> new MeanAbsoluteError(), "mean_absolute_error", "mae", "MAE", "MeanAbsoluteError")
            .register(c -> new MeanAbsolutePercentageError(), "mean_absolute_percentage_error", "mape", "MAPE",
                    "MeanAbsolutePercentageError")
            .register(c -> new MeanSquaredLogarithmicError(), "mean_squared_logarithmic_error", "msle", "MSLE",
                    "MeanSquaredLogarithmicError")
            .register(c -> new CosineSimilarity((int) number(c, "axis", -1)), "cosine_similarity", "CosineSimilarity")
            .register(c -> new Huber(number(c, "delta", 1.0)), "huber", "huber_loss", "Huber")
            .register(c -> new LogCosh(), "log_cosh", "logcosh", "LogCosh")
            .register(c -> new Hinge(), "hinge", "Hinge")
            .register(c -> new SquaredHinge(), "squared_hinge", "SquaredHinge")
            .register(c -> new CategoricalHinge(), "categorical_hinge", "CategoricalHinge")
            .register(c -> new KLDivergence(), "kl_divergence", "kld", "KLD", "kullback_leibler_divergence", "KLDivergence")
            .register(c -> new Poisson(), "poisson", "Poisson")
            .register(c -> new Dice(), "dice", "Dice")
            .register(c -> new Tversky(number(c, "alpha", 0.5), number(c, "beta", 0.5)), "tversky", "Tversky");

    private Losses() {
    }

    private static boolean bool(Map<String, Object> c, String key) {
        return Boolean.TRUE.equals(c.get(key));
    }

    private static double number(Map<String, Object> c, String key, double defaultValue) {
        Object v = c.get(key);
        if (v != null && !(v instanceof Number)) {
            throw new IllegalArgumentException("Loss argument `" + key + "` must be a number, got " + v);
        }
        return v == null ? defaultValue : ((Number) v).doubleValue();
    }

    /** A new loss for a Keras identifier, with Keras's defaults. */
    public static Loss get(String identifier) {
        return REGISTRY.get(identifier);
    }

    /** A new loss for a Keras identifier and config ({@code {"from_logits": true}}); name and reduction are applied too. */
    public static Loss get(String identifier, Map<String, Object> config) {
        Loss loss = REGISTRY.get(identifier, config);
        if (config.get("reduction") != null || config.containsKey("reduction")) {
            loss.reduction((String) config.get("reduction"));
        }
        if (config.get("name") instanceof String) {
            loss.name((String) config.get("name"));
        }
        return loss;
    }

    /** The identifiers that {@link #get} accepts. */
    public static Set<String> names() {
        return REGISTRY.names();
    }
}
