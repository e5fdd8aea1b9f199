package io.keras4j.applications;

/**
 * EfficientNetV2B2, as keras/src/applications/efficientnet_v2.py {@code EfficientNetV2B2}: an {@link EfficientNetV2} with width
 * coefficient 1.1, depth coefficient 1.2 and default input 260x260x3.
 *
 * <pre>{@code
 * Model model = new EfficientNetV2B2().build();                // ImageNet weights; inputs are pixels in [0, 255]
 * INDArray probabilities = model.predict(images);
 * }</pre>
 */
public final class EfficientNetV2B2 extends EfficientNetV2<EfficientNetV2B2> {
    public EfficientNetV2B2() {
        super("efficientnetv2-b2", 1.1, 1.2, 260, B_BLOCKS, "424e49f28180edbde1e94797771950a7", "1dfe2e7a5d45b6632553a8961ea609eb");
    }
}
