package io.keras4j.regularizers;

import io.keras4j.engine.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The L1 penalty, as keras/src/regularizers/regularizers.py {@code L1}: {@code l1 * sum(|w|)}; gradient
 * {@code l1 * sign(w)} (0 at 0). Default l1 0.01.
 */
public class L1 extends L1L2 {
    public L1() {
        this(0.01);
    }

    public L1(double l1) {
        super(l1, 0.0);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("l1", l1());
        return config;
    }

    public static L1 fromConfig(Map<String, Object> map) {
        return new L1(new Config("L1", map).allow("l1").getDouble("l1", 0.01));
    }
}
