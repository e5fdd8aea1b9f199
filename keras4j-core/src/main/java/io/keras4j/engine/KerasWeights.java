package io.keras4j.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * How a layer's weights appear in Keras's files, for layers whose stored layout or grouping differs from
 * {@link Layer#weights()}. Layers that store exactly {@code weights()} (in order and shape, as Dense does) need
 * not implement it; keras4j-io then writes {@code layers/<name>/vars/<i>} from {@code weights()}.
 *
 * <p>Keras 3 ({@code .keras}, {@code .weights.h5}) keeps a layer's arrays in groups below the layer's group:
 * {@code "vars"} for its own variables, {@code "cell/vars"} for an RNN cell, {@code "forward_layer/cell/vars"}
 * for a wrapped layer (keras/src/saving/saving_lib.py {@code _save_state}). Legacy {@code .h5} files (Keras 1
 * and 2) keep one flat list per layer whose layout depends on the Keras version and backend that wrote it
 * (Theano's flipped convolution kernels, Keras 1's separate gate matrices).
 */
public interface KerasWeights {
    /** Keras 3's groups: path relative to the layer's group to arrays in Keras's order and layout. */
    Map<String, List<INDArray>> kerasVariables();

    /** Sets the weights from groups shaped like {@link #kerasVariables()}, as Keras 3 wrote them. */
    void setKerasVariables(Map<String, List<INDArray>> groups);

    /**
     * Sets the weights from a legacy {@code .h5} layer group.
     *
     * @param names        the stored {@code weight_names} ("dense_1/kernel:0", "dense_1_W")
     * @param arrays       the arrays in {@code weight_names} order
     * @param kerasVersion the writer's {@code keras_version} ("1.2.2", "2.3.1"; "" if unknown)
     * @param backend      the writer's {@code backend} ("tensorflow", "theano"; "" if unknown)
     */
    void setLegacyWeights(List<String> names, List<INDArray> arrays, String kerasVersion, String backend);
}
