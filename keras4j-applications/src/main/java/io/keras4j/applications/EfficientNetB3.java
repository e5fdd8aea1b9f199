package io.keras4j.applications;

/**
 * EfficientNetB3, as keras/src/applications/efficientnet.py {@code EfficientNetB3}: an {@link EfficientNet} with width
 * coefficient 1.2, depth coefficient 1.4, default input 300x300x3 and dropout 0.3 before the classifier.
 *
 * <pre>{@code
 * Model model = new EfficientNetB3().build();                 // ImageNet weights; inputs are pixels in [0, 255]
 * INDArray probabilities = model.predict(images);
 * }</pre>
 */
public final class EfficientNetB3 extends EfficientNet<EfficientNetB3> {
    public EfficientNetB3() {
        super("efficientnetb3", 1.2, 1.4, 300, 0.3, "ffd1fdc53d0ce67064dc6a9c7960ede0", "af6d107764bb5b1abb91932881670226");
    }
}
