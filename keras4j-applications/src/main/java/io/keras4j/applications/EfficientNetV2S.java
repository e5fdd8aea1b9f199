package io.keras4j.applications;

/**
 * EfficientNetV2S, as keras/src/applications/efficientnet_v2.py {@code EfficientNetV2S}: an {@link EfficientNetV2} with width
 * coefficient 1.0, depth coefficient 1.0 and default input 384x384x3.
 *
 * <pre>{@code
 * Model model = new EfficientNetV2S().build();                // ImageNet weights; inputs are pixels in [0, 255]
 * INDArray probabilities = model.predict(images);
 * }</pre>
 */
public final class EfficientNetV2S extends EfficientNetV2<EfficientNetV2S> {
    public EfficientNetV2S() {
        super("efficientnetv2-s", 1.0, 1.0, 384, S_BLOCKS, "e1d88a8495beba45748fedd0cecbe016", "af0682fb74e8c54910f2d4393339c070");
    }
}
