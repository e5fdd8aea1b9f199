package io.keras4j.constraints;

import io.keras4j.engine.Config;
import io.keras4j.engine.Registry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Constraints by Keras identifier, as {@code keras.constraints.get}: "max_norm", "min_max_norm", "non_neg",
 * "unit_norm", or the class names ("MaxNorm") with a config.
 */
public final class Constraints {
    private static final Registry<Constraint> REGISTRY = new Registry<Constraint>("constraint")
            .register(MaxNorm::fromConfig, "max_norm", "MaxNorm")
            .register(MinMaxNorm::fromConfig, "min_max_norm", "MinMaxNorm")
            .register(c -> {
                new Config("NonNeg", c).allow();
                return new NonNeg();
            }, "non_neg", "NonNeg")
            .register(UnitNorm::fromConfig, "unit_norm", "UnitNorm");

    private Constraints() {
    }

    /** A constraint with Keras's defaults for the identifier. */
    public static Constraint get(String identifier) {
        return REGISTRY.get(identifier);
    }

    /** A constraint from its Keras class name and config. */
    public static Constraint get(String className, Map<String, Object> config) {
        return REGISTRY.get(className, config);
    }

    /** The identifiers that {@link #get(String)} accepts. */
    public static Set<String> names() {
        return REGISTRY.names();
    }

    /** The {@code axis} key: an int or a list of ints, default 0. */
    static int[] axis(Config c) {
        Object axis = c.raw("axis");
        if (axis == null) {
            return new int[]{0};
        }
        if (axis instanceof List || axis instanceof int[] || axis instanceof long[]) {
            return java.util.Arrays.stream(c.getLongs("axis")).mapToInt(Math::toIntExact).toArray();
        }
        return new int[]{c.getInt("axis")};
    }
}
