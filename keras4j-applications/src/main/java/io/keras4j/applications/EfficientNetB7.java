package io.keras4j.applications;

/**
 * EfficientNetB7, as keras/src/applications/efficientnet.py {@code EfficientNetB7}: an {@link EfficientNet} with width
 * coefficient 2.0, depth coefficient 3.1, default input 600x600x3 and dropout 0.5 before the classifier.
 *
 * <pre>{@code
 * Model model = new EfficientNetB7().build();                 // ImageNet weights; inputs are pixels in [0, 255]
 * INDArray probabilities = model.predict(images);
 * }</pre>
 */
public final class EfficientNetB7 extends EfficientNet<EfficientNetB7> {
    public EfficientNetB7() {
        super("efficientnetb7", 2.0, 3.1, 600, 0.5, "8c03f828fec3ef71311cd463b6759d99", "cbcfe4450ddf6f3ad90b1b398090fe4a");
    }
}
