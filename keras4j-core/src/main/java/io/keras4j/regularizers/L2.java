package io.keras4j.regularizers;

import io.keras4j.engine.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The L2 penalty, as keras/src/regularizers/regularizers.py {@code L2}: {@code l2 * sum(w^2)}; gradient
 * {@code 2 * l2 * w}. Default l2 0.01.
 */
public class L2 extends L1L2 {
    public L2() {
        this(0.01);
    }

    public L2(double l2) {
        super(0.0, l2);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("l2", l2());
        return config;
    }

    public static L2 fromConfig(Map<String, Object> map) {
        return new L2(new Config("L2", map).allow("l2").getDouble("l2", 0.01));
    }
}
