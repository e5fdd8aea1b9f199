package io.keras4j.initializers;

import io.keras4j.utils.RandomState;
import io.keras4j.engine.Config;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scale-aware random initialization, as keras/src/initializers/random_initializers.py {@code VarianceScaling}.
 *
 * <p>With {@code n} = fan_in, fan_out or their average (by {@code mode}): "uniform" draws from
 * U(-sqrt(3 scale / n), sqrt(3 scale / n)); "truncated_normal" from a normal truncated at two standard
 * deviations with stddev sqrt(scale / n) / 0.87962566103423978; "untruncated_normal" from N(0, scale / n).
 * Defaults: scale 1.0, mode "fan_in", distribution "truncated_normal", seed null.
 */
public class VarianceScaling implements Initializer {
    private final double scale;
    private final String mode;
    private final String distribution;
    private final Long seed;

    public VarianceScaling() {
        this(1.0, "fan_in", "truncated_normal", null);
    }

    public VarianceScaling(double scale, String mode, String distribution, Long seed) {
        if (scale <= 0) {
            throw new IllegalArgumentException("VarianceScaling: argument `scale` must be positive, got " + scale);
        }
        if (!mode.equals("fan_in") && !mode.equals("fan_out") && !mode.equals("fan_avg")) {
            throw new IllegalArgumentException("VarianceScaling: invalid `mode` '" + mode + "'; expected fan_in, fan_out or fan_avg");
        }
        String dist = distribution.equals("normal") ? "truncated_normal" : distribution;
        if (!dist.equals("uniform") && !dist.equals("truncated_normal") && !dist.equals("untruncated_normal")) {
            throw new IllegalArgumentException("VarianceScaling: invalid `distribution` '" + distribution
                    + "'; expected uniform, truncated_normal or untruncated_normal");
        }
        this.scale = scale;
        this.mode = mode;
        this.distribution = dist;
        this.seed = seed;
    }

    @Override
    public INDArray apply(long[] shape, DataType dtype) {
        Fans fans = Fans.of(shape);
        double n = mode.equals("fan_in") ? fans.in : mode.equals("fan_out") ? fans.out : (fans.in + fans.out) / 2.0;
        double s = scale / Math.max(1.0, n);
        INDArray out = Nd4j.createUninitialized(dtype, shape);
        org.nd4j.linalg.api.rng.Random rng = RandomState.generator(seed);
        switch (distribution) {
            case "uniform":
                double limit = Math.sqrt(3.0 * s);
                Nd4j.getExecutioner().exec(new UniformDistribution(out, -limit, limit), rng);
                break;
            case "truncated_normal":
                return TruncatedNormals.draw(shape, dtype, 0.0, Math.sqrt(s) / 0.87962566103423978, rng);
            default:
                Nd4j.getExecutioner().exec(new GaussianDistribution(out, 0.0, Math.sqrt(s)), rng);
        }
        return out;
    }

    @Override
    public String className() {
        return "VarianceScaling";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("scale", scale);
        config.put("mode", mode);
        config.put("distribution", distribution);
        config.put("seed", seed);
        config.put("input_axes", null);
        config.put("output_axes", null);
        return config;
    }

    /** The seed, or null for the global generator. */
    protected Long seed() {
        return seed;
    }

    public static VarianceScaling fromConfig(Map<String, Object> map) {
        Config c = new Config("VarianceScaling", map).allow("scale", "mode", "distribution", "seed", "input_axes", "output_axes");
        if (c.raw("input_axes") != null || c.raw("output_axes") != null) {
            throw new IllegalArgumentException("VarianceScaling: `input_axes` and `output_axes` are not supported (only null), got input_axes="
                    + c.raw("input_axes") + ", output_axes=" + c.raw("output_axes"));
        }
        return new VarianceScaling(c.getDouble("scale", 1.0), c.getString("mode", "fan_in"), c.getString("distribution", "truncated_normal"),
                c.has("seed") ? (Long) (long) c.getInt("seed") : null);
    }
}
