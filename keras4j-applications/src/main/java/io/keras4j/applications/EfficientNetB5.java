package io.keras4j.applications;

/**
 * EfficientNetB5, as keras/src/applications/efficientnet.py {@code EfficientNetB5}: an {@link EfficientNet} with width
 * coefficient 1.6, depth coefficient 2.2, default input 456x456x3 and dropout 0.4 before the classifier.
 *
 * <pre>{@code
 * Model model = new EfficientNetB5().build();                 // ImageNet weights; inputs are pixels in [0, 255]
 * INDArray probabilities = model.predict(images);
 * }</pre>
 */
public final class EfficientNetB5 extends EfficientNet<EfficientNetB5> {
    public EfficientNetB5() {
        super("efficientnetb5", 1.6, 2.2, 456, 0.4, "ace28f2a6363774853a83a0b21b9421a", "38879255a25d3c92d5e44e04ae6cec6f");
    }
}
