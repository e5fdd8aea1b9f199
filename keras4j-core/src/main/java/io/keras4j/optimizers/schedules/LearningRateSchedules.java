package io.keras4j.optimizers.schedules;

import io.keras4j.engine.Registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Schedules by Keras class name, as {@code keras.optimizers.schedules.serialize} / {@code deserialize}.
 */
public final class LearningRateSchedules {
    private static final Registry<LearningRateSchedule> REGISTRY = new Registry<LearningRateSchedule>("learning rate schedule")
            .register(ExponentialDecay::fromConfig, "ExponentialDecay")
            .register(PiecewiseConstantDecay::fromConfig, "PiecewiseConstantDecay")
            .register(PolynomialDecay::fromConfig, "PolynomialDecay")
            .register(InverseTimeDecay::fromConfig, "InverseTimeDecay")
            .register(CosineDecay::fromConfig, "CosineDecay")
            .register(CosineDecayRestarts::fromConfig, "CosineDecayRestarts");

    private LearningRateSchedules() {
    }

    /** A schedule from its Keras class name and config. */
    public static LearningRateSchedule get(String className, Map<String, Object> config) {
        return REGISTRY.get(className, config);
    }

    /** The Keras serialized form: {@code module}, {@code class_name}, {@code config}, {@code registered_name}. */
    public static Map<String, Object> serialize(LearningRateSchedule schedule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", "keras.optimizers.schedules");
        out.put("class_name", schedule.className());
        out.put("config", schedule.getConfig());
        out.put("registered_name", null);
        return out;
    }

    /** A schedule from its serialized form ({@code class_name} and {@code config}). */
    @SuppressWarnings("unchecked")
    public static LearningRateSchedule deserialize(Map<String, Object> serialized) {
        Object className = serialized.get("class_name");
        Object config = serialized.getOrDefault("config", Map.of());
        if (!(className instanceof String) || !(config instanceof Map)) {
            throw new IllegalArgumentException("A serialized learning rate schedule needs a string `class_name` and a map `config`, got "
                    + serialized);
        }
        return get((String) className, (Map<String, Object>) config);
    }

    /** The class names that {@link #get} accepts. */
    public static Set<String> names() {
        return REGISTRY.names();
    }
}
