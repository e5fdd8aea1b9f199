package io.keras4j.applications;

/**
 * EfficientNetB0, as keras/src/applications/efficientnet.py {@code EfficientNetB0}: an {@link EfficientNet} with width
 * coefficient 1.0, depth coefficient 1.0, default input 224x224x3 and dropout 0.2 before the classifier.
 *
 * <pre>{@code
 * Model model = new EfficientNetB0().build();                 // ImageNet weights; inputs are pixels in [0, 255]
 * INDArray probabilities = model.predict(images);
 * }</pre>
 */
public final class EfficientNetB0 extends EfficientNet<EfficientNetB0> {
    public EfficientNetB0() {
        super("efficientnetb0", 1.0, 1.0, 224, 0.2, "902e53a9f72be733fc0bcb005b3ebbac", "50bc09e76180e00e4465e1a485ddc09d");
    }
}
