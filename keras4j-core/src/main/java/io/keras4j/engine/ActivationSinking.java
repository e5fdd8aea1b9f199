package io.keras4j.engine;

import io.keras4j.activations.ActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * A rewrite of a graph that gives the same outputs and gradients with less work: a layer's trailing activation runs
 * after the next layer when the two commute, as in {@code Conv2D(activation="relu")} followed by {@code MaxPooling2D},
 * where {@code relu(max(z)) = max(relu(z))} costs a quarter of the element-wise work forward and backward. A pair
 * qualifies when the producer's only output feeds exactly one node, as that node's only input, and is no graph output
 * (so nobody else sees the tensor without its activation).
 */
final class ActivationSinking {
    /** Per node: the activation to apply to its output on behalf of its producer, or null. */
    private final ActivationFunction[] sunk;
    /** Per node: whether it leaves out its trailing activation. */
    private final boolean[] deferred;

    ActivationSinking(List<Node> nodes, int[][] nodeInputSlots, int[][] nodeOutputSlots, int[] outputSlots, int slotCount) {
        sunk = new ActivationFunction[nodes.size()];
        deferred = new boolean[nodes.size()];
        int[] uses = new int[slotCount];
        int[] consumer = new int[slotCount];
        for (int n = 0; n < nodes.size(); n++) {
            for (int slot : nodeInputSlots[n]) {
                uses[slot]++;
                consumer[slot] = n;
            }
        }
        for (int slot : outputSlots) {
            uses[slot] += 2;
        }
        for (int n = 0; n < nodes.size(); n++) {
            ActivationFunction activation = nodes.get(n).layer().trailingActivation();
            if (activation == null || nodeOutputSlots[n].length != 1 || uses[nodeOutputSlots[n][0]] != 1
                    || nodes.get(n).layer().activityRegularizer() != null) {
                continue;
            }
            int m = consumer[nodeOutputSlots[n][0]];
            Layer next = nodes.get(m).layer();
            if (nodeInputSlots[m].length == 1 && nodeOutputSlots[m].length == 1 && next.trailingActivation() == null
                    && next.activityRegularizer() == null && next.commutesWith(activation)) {
                deferred[n] = true;
                sunk[m] = activation;
            }
        }
    }

    /** Whether node {@code n} leaves out its trailing activation. */
    boolean deferred(int n) {
        return deferred[n];
    }

    /** The outputs of node {@code n} after the activation sunk into it, if any. */
    INDArray[] forward(int n, INDArray[] outputs, CallContext ctx) {
        ActivationFunction activation = sunk[n];
        if (activation == null) {
            return outputs;
        }
        INDArray x = outputs[0];
        INDArray y = ctx.buffer("sunk_activation:y", x.dataType(), activation.outputShape(x.shape()));
        activation.call(x, y);
        ctx.save("sunk_activation:x", x);
        ctx.save("sunk_activation:y", y);
        return new INDArray[]{y};
    }

    /** The gradients with respect to node {@code n}'s own outputs, through the activation sunk into it, if any. */
    INDArray[] backward(int n, INDArray[] outputGradients, CallContext ctx) {
        ActivationFunction activation = sunk[n];
        if (activation == null) {
            return outputGradients;
        }
        INDArray x = ctx.saved("sunk_activation:x");
        INDArray dx = ctx.buffer("sunk_activation:dx", x.dataType(), x.shape());
        activation.gradient(x, ctx.saved("sunk_activation:y"), outputGradients[0], dx);
        return new INDArray[]{dx};
    }
}
