package io.keras4j.engine;

import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * The tape of one graph-node call of a layer written without a backward pass, with what its replay needs: the call's
 * inputs and outputs and the loss terms it added.
 */
record RecordedCall(Tape tape, INDArray[] inputs, INDArray[] outputs, List<INDArray> losses) {

    /**
     * Replays the tape: adds the gradients of the layer's weights to its variables and returns the gradient with
     * respect to each input (null where none flows). Added loss terms enter with gradient 1.
     */
    INDArray[] backward(INDArray[] outputGradients, List<Variable> weights) {
        INDArray[] targets = new INDArray[outputs.length + losses.size()];
        INDArray[] seeds = new INDArray[targets.length];
        System.arraycopy(outputs, 0, targets, 0, outputs.length);
        System.arraycopy(outputGradients, 0, seeds, 0, outputs.length);
        for (int i = 0; i < losses.size(); i++) {
            targets[outputs.length + i] = losses.get(i);
        }
        INDArray[] sources = new INDArray[inputs.length + weights.size()];
        System.arraycopy(inputs, 0, sources, 0, inputs.length);
        for (int w = 0; w < weights.size(); w++) {
            sources[inputs.length + w] = weights.get(w).value();
        }
        INDArray[] grads = tape.gradients(targets, seeds, sources);
        for (int w = 0; w < weights.size(); w++) {
            INDArray g = grads[inputs.length + w];
            if (g != null) {
                weights.get(w).addGradient(g);
            }
        }
        return java.util.Arrays.copyOf(grads, inputs.length);
    }
}
