package io.keras4j.applications;

/**
 * EfficientNetB4, as keras/src/applications/efficientnet.py {@code EfficientNetB4}: an {@link EfficientNet} with width
 * coefficient 1.4, depth coefficient 1.8, default input 380x380x3 and dropout 0.4 before the classifier.
 *
 * <pre>{@code
 * Model model = new EfficientNetB4().build();                 // ImageNet weights; inputs are pixels in [0, 255]
 * INDArray probabilities = model.predict(images);
 * }</pre>
 */
public final class EfficientNetB4 extends EfficientNet<EfficientNetB4> {
    public EfficientNetB4() {
        super("efficientnetb4", 1.4, 1.8, 380, 0.4, "18c95ad55216b8f92d7e70b3a046e2fc", "ebc24e6d6c33eaebbd558eafbeedf1ba");
    }
}
