package io.keras4j.losses;

import java.util.Arrays;
import java.util.Map;

/**
 * Shared view of the overlap losses ({@link Dice}, {@link Tversky}): Keras's {@code axis=None} reduces every
 * axis, batch included, to one value; per-sample mode reduces every axis but the batch.
 */
abstract class Overlap extends Loss {
    private boolean perSample;

    Overlap(String name) {
        super(name);
    }

    /** Reduces every axis but the batch (Keras's {@code axis=[1, ..., rank-1]}): one loss value per sample. */
    @SuppressWarnings("unchecked")
    public <L extends Overlap> L perSample() {
        this.perSample = true;
        return (L) this;
    }

    @Override
    protected long[] view(long[] predShape) {
        long total = Arrays.stream(predShape).reduce(1, (a, b) -> a * b);
        long rows = perSample ? predShape[0] : 1;
        return new long[]{rows, total / rows};
    }

    @Override
    protected long[] valuesShape(long[] predShape) {
        return perSample ? new long[]{predShape[0]} : new long[0];
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        if (!perSample) {
            config.put("axis", null);
        }
        return config;
    }
}
