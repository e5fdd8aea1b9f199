package io.keras4j.engine;

import io.keras4j.layers.Activation;
import io.keras4j.layers.AveragePooling2D;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.Dense;
import io.keras4j.layers.Flatten;
import io.keras4j.layers.Input;
import io.keras4j.layers.MaxPooling2D;
import io.keras4j.utils.Utils;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The graph runs a convolution's "relu" after the max pooling that follows it: outputs and gradients must equal those
 * of the same model with the relu as a layer of its own (which the graph leaves alone), and the rewrite must not
 * happen where another node or the caller sees the convolution's output, or where the two do not commute.
 */
class ActivationSinkingTest {
    private static final long[] INPUT = {4, 6, 6, 2};

    /** Conv2D -> [Activation] -> pooling -> Flatten -> Dense; the conv layer is the first node. */
    private static Graph graph(String convActivation, boolean reluLayer, Layer pooling) {
        KerasTensor in = Input.of(6, 6, 2);
        KerasTensor h = new Conv2D(3, 3).activation(convActivation).apply(in);
        if (reluLayer) {
            h = new Activation("relu").apply(h);
        }
        KerasTensor out = new Dense(2).apply(new Flatten().apply(pooling.apply(h)));
        return new Graph(List.of(in), List.of(out));
    }

    private static boolean convDefersActivation(Graph graph, Graph.State state) {
        return state.contexts[0].activationDeferred() && graph.nodes().get(0).layer() instanceof Conv2D;
    }

    private static void copyWeights(Layer from, Layer to) {
        for (int i = 0; i < from.weights().size(); i++) {
            to.weights().get(i).value().assign(from.weights().get(i).value());
        }
    }

    @Test
    void reluAfterMaxPoolingGivesTheSameOutputsAndGradients() {
        Utils.setRandomSeed(3);
        Graph sunk = graph("relu", false, new MaxPooling2D(2));
        Graph twin = graph("linear", true, new MaxPooling2D(2));
        List<Layer> a = sunk.layers();
        List<Layer> b = twin.layers();
        copyWeights(a.get(1), b.get(1));
        copyWeights(a.get(a.size() - 1), b.get(b.size() - 1));
        // standard normal inputs: many windows are all negative after the convolution (relu ties at 0)
        INDArray x = Nd4j.randn(DataType.FLOAT, INPUT);
        INDArray dy = Nd4j.randn(DataType.FLOAT, 4, 2);
        Graph.State sunkState = sunk.newState();
        Graph.State twinState = twin.newState();
        assertTrue(convDefersActivation(sunk, sunkState));
        assertFalse(convDefersActivation(twin, twinState));
        INDArray ySunk = sunk.forward(sunkState, new INDArray[]{x}, true, true)[0];
        INDArray yTwin = twin.forward(twinState, new INDArray[]{x}, true, true)[0];
        assertArrayEquals(yTwin.ravel().toFloatVector(), ySunk.ravel().toFloatVector(), 0f);
        INDArray z = sunkState.values[1];
        assertTrue(z.minNumber().doubleValue() < 0, "the conv output holds pre-activation values");
        sunk.backward(sunkState, new INDArray[]{dy});
        twin.backward(twinState, new INDArray[]{dy});
        List<Variable> wa = sunk.layers().get(1).trainableWeights();
        List<Variable> wb = twin.layers().get(1).trainableWeights();
        for (int i = 0; i < wa.size(); i++) {
            assertTrue(wa.get(i).gradient().amaxNumber().doubleValue() > 0, wa.get(i).name());
            assertArrayEquals(wb.get(i).gradient().ravel().toFloatVector(), wa.get(i).gradient().ravel().toFloatVector(), 0f, wa.get(i).name());
        }
    }

    @Test
    void theActivationStaysWhereItDoesNotCommuteOrIsSeenElsewhere() {
        Graph average = graph("relu", false, new AveragePooling2D(2));
        assertFalse(convDefersActivation(average, average.newState()));
        Graph relu6 = graph("relu6", false, new MaxPooling2D(2));
        assertFalse(convDefersActivation(relu6, relu6.newState()));

        KerasTensor in = Input.of(6, 6, 2);
        KerasTensor conv = new Conv2D(3, 3).activation("relu").apply(in);
        KerasTensor pooled = new Flatten().apply(new MaxPooling2D(2).apply(conv));
        Graph alsoOutput = new Graph(List.of(in), List.of(pooled, conv));
        assertFalse(convDefersActivation(alsoOutput, alsoOutput.newState()));
        Graph twoConsumers = new Graph(List.of(in), List.of(pooled, new Flatten().apply(conv)));
        Graph.State state = twoConsumers.newState();
        assertFalse(convDefersActivation(twoConsumers, state));
        INDArray[] outs = twoConsumers.forward(state, new INDArray[]{Nd4j.randn(DataType.FLOAT, INPUT)}, false, false);
        assertEquals(0.0, outs[1].minNumber().doubleValue(), "the second consumer sees the relu output");
    }
}
