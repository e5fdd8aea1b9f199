package io.keras4j.applications;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ResNetV2 family, as keras/src/applications/resnet_v2.py: {@link ResNet} with pre-activation blocks, whose
 * inputs are scaled to [-1, 1].
 *
 * @param <T> the concrete model
 */
public abstract class ResNetV2<T extends ResNetV2<T>> extends ResNet<T> {
    ResNetV2(String weightsName, int[] blocks, String topHash, String noTopHash) {
        super(weightsName, blocks, true, topHash, noTopHash);
    }

    /** Scales pixels from [0, 255] to [-1, 1] (Keras's "tf" mode). */
    public static INDArray preprocessInput(INDArray x) {
        return ImagenetUtils.preprocessInput(x, "tf");
    }
}
