package io.keras4j.optimizers.schedules;

import io.keras4j.engine.Config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A piecewise constant rate, as keras/src/optimizers/schedules/learning_rate_schedule.py
 * {@code PiecewiseConstantDecay}: {@code values[0]} while {@code step <= boundaries[0]}, {@code values[i]}
 * while {@code boundaries[i-1] < step <= boundaries[i]}, and {@code values[n]} after the last boundary.
 * Example: {@code new PiecewiseConstantDecay(new double[]{100000, 110000}, new double[]{1.0, 0.5, 0.1})}.
 */
public class PiecewiseConstantDecay extends LearningRateSchedule {
    private final double[] boundaries;
    private final double[] values;
    private String name = "PiecewiseConstant";

    public PiecewiseConstantDecay(double[] boundaries, double[] values) {
        if (boundaries.length != values.length - 1) {
            throw new IllegalArgumentException("PiecewiseConstantDecay: the length of `boundaries` should be 1 less than the length of "
                    + "`values`. Received: boundaries of length " + boundaries.length + ", values of length " + values.length);
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    public PiecewiseConstantDecay name(String name) {
        this.name = name;
        return this;
    }

    @Override
    public double at(long step) {
        for (int i = 0; i < boundaries.length; i++) {
            if (step <= boundaries[i]) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("boundaries", list(boundaries));
        config.put("values", list(values));
        config.put("name", name);
        return config;
    }

    private static List<Double> list(double[] a) {
        List<Double> out = new ArrayList<>();
        for (double d : a) {
            out.add(d);
        }
        return out;
    }

    public static PiecewiseConstantDecay fromConfig(Map<String, Object> map) {
        Config c = new Config("PiecewiseConstantDecay", map).allow("boundaries", "values");
        return new PiecewiseConstantDecay(doubles(c, "boundaries"), doubles(c, "values"))
                .name(c.getString("name", "PiecewiseConstant"));
    }

    private static double[] doubles(Config c, String key) {
        if (!(c.raw(key) instanceof List)) {
            throw new IllegalArgumentException("PiecewiseConstantDecay: config key '" + key + "' must be a list of numbers, got " + c.raw(key));
        }
        List<?> list = (List<?>) c.raw(key);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number)) {
                throw new IllegalArgumentException("PiecewiseConstantDecay: config key '" + key + "' must be a list of numbers, got " + list);
            }
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }
}
