package io.keras4j.applications;

/**
 * EfficientNetB2, as keras/src/applications/efficientnet.py {@code EfficientNetB2}: an {@link EfficientNet} with width
 * coefficient 1.1, depth coefficient 1.2, default input 260x260x3 and dropout 0.3 before the classifier.
 *
 * <pre>{@code
 * Model model = new EfficientNetB2().build();                 // ImageNet weights; inputs are pixels in [0, 255]
 * INDArray probabilities = model.predict(images);
 * }</pre>
 */
public final class EfficientNetB2 extends EfficientNet<EfficientNetB2> {
    public EfficientNetB2() {
        super("efficientnetb2", 1.1, 1.2, 260, 0.3, "b15cce36ff4dcbd00b6dd88e7857a6ad", "111f8e2ac8aa800a7a99e3239f7bfb39");
    }
}
