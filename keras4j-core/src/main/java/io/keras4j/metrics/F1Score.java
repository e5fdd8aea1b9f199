package io.keras4j.metrics;

import java.util.Map;

/**
 * The F1 score, the harmonic mean of precision and recall, as keras/src/metrics/f_score_metrics.py
 * {@code F1Score}: {@link FBetaScore} with {@code beta = 1}; {@code average} and {@code threshold} as there.
 */
public class F1Score extends FBetaScore {
    /** average None, threshold None, as Keras. */
    public F1Score() {
        this(null, null);
    }

    public F1Score(String average, Double threshold) {
        super(average, 1.0, threshold, "f1_score");
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.remove("beta");
        return config;
    }
}
