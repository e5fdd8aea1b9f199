package io.keras4j.applications;

/**
 * EfficientNetB1, as keras/src/applications/efficientnet.py {@code EfficientNetB1}: an {@link EfficientNet} with width
 * coefficient 1.0, depth coefficient 1.1, default input 240x240x3 and dropout 0.2 before the classifier.
 *
 * <pre>{@code
 * Model model = new EfficientNetB1().build();                 // ImageNet weights; inputs are pixels in [0, 255]
 * INDArray probabilities = model.predict(images);
 * }</pre>
 */
public final class EfficientNetB1 extends EfficientNet<EfficientNetB1> {
    public EfficientNetB1() {
        super("efficientnetb1", 1.0, 1.1, 240, 0.2, "1d254153d4ab51201f1646940f018540", "74c4e6b3e1f6a1eea24c589628592432");
    }
}
