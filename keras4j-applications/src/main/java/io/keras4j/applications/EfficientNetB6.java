package io.keras4j.applications;

/**
 * EfficientNetB6, as keras/src/applications/efficientnet.py {@code EfficientNetB6}: an {@link EfficientNet} with width
 * coefficient 1.8, depth coefficient 2.6, default input 528x528x3 and dropout 0.5 before the classifier.
 *
 * <pre>{@code
 * Model model = new EfficientNetB6().build();                 // ImageNet weights; inputs are pixels in [0, 255]
 * INDArray probabilities = model.predict(images);
 * }</pre>
 */
public final class EfficientNetB6 extends EfficientNet<EfficientNetB6> {
    public EfficientNetB6() {
        super("efficientnetb6", 1.8, 2.6, 528, 0.5, "165f6e37dce68623721b423839de8be5", "9ecce42647a20130c1f39a5d4cb75743");
    }
}
