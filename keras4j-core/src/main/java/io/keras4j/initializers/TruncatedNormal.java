package io.keras4j.initializers;

import io.keras4j.engine.Config;
import io.keras4j.utils.RandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.BaseRandomOp;

import java.util.Map;

/**
 * Draws from N(mean, stddev^2) re-drawing values more than two standard deviations from the mean, as
 * keras/src/initializers/random_initializers.py {@code TruncatedNormal} ("truncated_normal").
 * Defaults: mean 0, stddev 0.05, seed null.
 */
public class TruncatedNormal extends RandomInitializer {
    private final double mean;
    private final double stddev;

    public TruncatedNormal() {
        this(0.0, 0.05, null);
    }

    public TruncatedNormal(double mean, double stddev, Long seed) {
        super(seed);
        this.mean = mean;
        this.stddev = stddev;
    }

    @Override
    BaseRandomOp op(INDArray out) {
        throw new UnsupportedOperationException("TruncatedNormal draws by rejection in apply");
    }

    @Override
    public INDArray apply(long[] shape, DataType dtype) {
        return TruncatedNormals.draw(shape, dtype, mean, stddev, RandomState.generator(seed()));
    }

    @Override
    public Map<String, Object> getConfig() {
        return config("mean", mean, "stddev", stddev);
    }

    public static TruncatedNormal fromConfig(Map<String, Object> map) {
        Config c = new Config("TruncatedNormal", map).allow("mean", "stddev", "seed");
        return new TruncatedNormal(c.getDouble("mean", 0.0), c.getDouble("stddev", 0.05), seed(c));
    }
}
