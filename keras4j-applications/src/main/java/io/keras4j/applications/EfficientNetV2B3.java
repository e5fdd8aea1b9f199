package io.keras4j.applications;

/**
 * EfficientNetV2B3, as keras/src/applications/efficientnet_v2.py {@code EfficientNetV2B3}: an {@link EfficientNetV2} with width
 * coefficient 1.2, depth coefficient 1.4 and default input 300x300x3.
 *
 * <pre>{@code
 * Model model = new EfficientNetV2B3().build();                // ImageNet weights; inputs are pixels in [0, 255]
 * INDArray probabilities = model.predict(images);
 * }</pre>
 */
public final class EfficientNetV2B3 extends EfficientNetV2<EfficientNetV2B3> {
    public EfficientNetV2B3() {
        super("efficientnetv2-b3", 1.2, 1.4, 300, B_BLOCKS, "1f1fc43bd98a6e4fd8fdfd551e02c7a0", "f6abf7b5849ac99a89b50dd3fd532856");
    }
}
