package io.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * The Huber loss, as keras/src/losses/losses.py {@code huber} ("huber", class name "huber_loss"): with
 * {@code e = y_pred - y_true}, {@code loss = mean(|e| <= delta ? e^2 / 2 : delta * |e| - delta^2 / 2, axis=-1)},
 * delta default 1.0. Gradient {@code clip(e, -delta, delta) / columns}.
 */
public class Huber extends Loss {
    private final double delta;

    public Huber() {
        this(1.0);
    }

    public Huber(double delta) {
        super("huber_loss");
        this.delta = delta;
    }

    @Override
    protected INDArray rowLosses(INDArray yTrue, INDArray yPred) {
        INDArray e = Transforms.abs(yPred.sub(yTrue), false);
        INDArray small = e.lte(delta).castTo(e.dataType());
        INDArray quadratic = e.mul(e).muli(0.5);
        INDArray linear = e.mul(delta).subi(0.5 * delta * delta);
        return quadratic.subi(linear).muli(small).addi(linear).mean(1);
    }

    @Override
    protected INDArray rowGradient(INDArray yTrue, INDArray yPred, INDArray weights) {
        INDArray e = yPred.sub(yTrue);
        return Transforms.min(Transforms.max(e, -delta, false), delta, false).muli(1.0 / yPred.size(1)).muliColumnVector(weights);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("delta", delta);
        return config;
    }
}
