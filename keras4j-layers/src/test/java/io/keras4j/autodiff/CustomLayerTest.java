package io.keras4j.autodiff;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Input;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static io.keras4j.ops.Ops.mean;
import static io.keras4j.ops.Ops.multiply;
import static io.keras4j.ops.Ops.relu;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keras's subclassing guide, ported: layers with only build and call train through the tape. */
class CustomLayerTest {
    static INDArray data(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, shape);
    }

    /** The guide's MLPBlock: three Linear layers held in fields. */
    static final class MLPBlock extends Layer {
        final Linear linear1 = new Linear(8);
        final Linear linear2 = new Linear(8);
        final Linear linear3 = new Linear(1);

        @Override
        protected INDArray call(INDArray x, CallContext ctx) {
            return linear3.apply(relu(linear2.apply(relu(linear1.apply(x)))));
        }
    }

    /** The guide's ActivityRegularizationLayer: adds {@code rate * mean(x)} to the loss. */
    static final class ActivityRegularizationLayer extends Layer {
        private final double rate;

        ActivityRegularizationLayer(double rate) {
            this.rate = rate;
        }

        @Override
        protected INDArray call(INDArray x, CallContext ctx) {
            addLoss(multiply(mean(x), rate));
            return x;
        }
    }

    @Test
    void linearTrainsInASequentialModelExactlyAsDense() {
        Linear linear = new Linear(3);
        Sequential custom = new Sequential(linear.inputShape(4), new Dense(2, "softmax"));
        Dense dense = new Dense(3);
        Sequential builtIn = new Sequential(dense.inputShape(4), new Dense(2, "softmax"));
        builtIn.setWeights(custom.getWeights());
        custom.compile(new SGD(0.5), "categorical_crossentropy");
        builtIn.compile(new SGD(0.5), "categorical_crossentropy");
        INDArray x = data(1, 16, 4);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 2);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 2, 1f);
        }
        for (int step = 0; step < 3; step++) {
            double a = custom.trainOnBatch(x, y)[0];
            double b = builtIn.trainOnBatch(x, y)[0];
            assertEquals(b, a, 1e-6, "loss at step " + step);
        }
        List<INDArray> wc = custom.getWeights();
        List<INDArray> wb = builtIn.getWeights();
        for (int i = 0; i < wc.size(); i++) {
            assertTrue(wb.get(i).equalsWithEps(wc.get(i), 1e-5), "weight " + i + " after 3 steps");
        }
        assertTrue(custom.getWeights().get(0).sub(builtIn.getWeights().get(0)).amaxNumber().doubleValue() < 1e-5);
    }

    @Test
    void outputShapeIsInferredFromTheCallNotAssumedEqualToTheInput() {
        KerasTensor x = Input.of(5);
        KerasTensor y = new Linear(3).apply(x);
        assertArrayEquals(new long[]{-1, 3}, y.shape());
    }

    @Test
    void layersInFieldsAreTrackedForWeightsAndFreezing() {
        MLPBlock block = new MLPBlock();
        INDArray out = block.apply(data(2, 3, 64));
        assertArrayEquals(new long[]{3, 1}, out.shape());
        assertEquals(6, block.weights().size(), "the guide: weights: 6");
        assertEquals(6, block.trainableWeights().size(), "the guide: trainable weights: 6");
        assertSame(block.linear1.w, block.weights().get(0));
        block.trainable(false);
        assertEquals(0, block.trainableWeights().size());
        assertTrue(!block.linear2.trainable(), "freezing is recursive, as Keras 3");
        assertEquals(6, block.nonTrainableWeights().size());
    }

    @Test
    void addLossInCallIsListedAfterTheCallAndTrainedOn() {
        ActivityRegularizationLayer reg = new ActivityRegularizationLayer(1e-2);
        INDArray x = data(3, 4, 2);
        reg.apply(x);
        assertEquals(1, reg.losses().size());
        assertEquals(1e-2 * x.meanNumber().doubleValue(), reg.losses().get(0).getDouble(0), 1e-7);

        // in a model: the added loss joins the fit loss with its gradient (d/dx of rate * mean(x) pushes x down)
        KerasTensor in = Input.of(2);
        Dense dense = new Dense(2).kernelInitializer("ones");
        KerasTensor h = new ActivityRegularizationLayer(10.0).apply(dense.apply(in));
        Model model = new Model(in, h);
        model.compile(new SGD(0.1), "mse");
        INDArray ones = Nd4j.ones(DataType.FLOAT, 4, 2);
        double loss = model.trainOnBatch(ones, model.predict(ones))[0];
        assertEquals(10.0 * 2.0, loss, 1e-5, "mse 0 + 10 * mean(ones @ ones(2,2))");
        // d(10 * mean(x @ K + b)) / db = 10 / 2 per unit; SGD step 0.1 moves the bias to -0.5
        assertEquals(-0.5, dense.bias().value().getDouble(0), 1e-6);
    }
}
