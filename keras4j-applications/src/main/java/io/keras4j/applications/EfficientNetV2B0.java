package io.keras4j.applications;

/**
 * EfficientNetV2B0, as keras/src/applications/efficientnet_v2.py {@code EfficientNetV2B0}: an {@link EfficientNetV2} with width
 * coefficient 1.0, depth coefficient 1.0 and default input 224x224x3.
 *
 * <pre>{@code
 * Model model = new EfficientNetV2B0().build();                // ImageNet weights; inputs are pixels in [0, 255]
 * INDArray probabilities = model.predict(images);
 * }</pre>
 */
public final class EfficientNetV2B0 extends EfficientNetV2<EfficientNetV2B0> {
    public EfficientNetV2B0() {
        super("efficientnetv2-b0", 1.0, 1.0, 224, B_BLOCKS, "21ecbf6da12460d5c40bb2f29ceb2188", "893217f2bb855e2983157299931e43ff");
    }
}
