package io.keras4j.applications;

/**
 * EfficientNetV2B1, as keras/src/applications/efficientnet_v2.py {@code EfficientNetV2B1}: an {@link EfficientNetV2} with width
 * coefficient 1.0, depth coefficient 1.1 and default input 240x240x3.
 *
 * <pre>{@code
 * Model model = new EfficientNetV2B1().build();                // ImageNet weights; inputs are pixels in [0, 255]
 * INDArray probabilities = model.predict(images);
 * }</pre>
 */
public final class EfficientNetV2B1 extends EfficientNetV2<EfficientNetV2B1> {
    public EfficientNetV2B1() {
        super("efficientnetv2-b1", 1.0, 1.1, 240, B_BLOCKS, "069f0534ff22adf035c89e2d9547a9dc", "0e80663031ca32d657f9caa404b6ec37");
    }
}
