package io.keras4j.applications;

/**
 * VGG16, as keras/src/applications/vgg16.py: a {@link VGG} with 16 weight layers (2, 2, 3, 3, 3 convolutions per block, then
 * three dense layers).
 *
 * <pre>{@code
 * Model base = new VGG16().includeTop(false).inputShape(64, 64, 3).build();     // ImageNet weights
 * INDArray features = base.predict(VGG16.preprocessInput(images));
 * }</pre>
 */
public final class VGG16 extends VGG<VGG16> {
    public VGG16() {
        super("vgg16", new int[] {2, 2, 3, 3, 3}, "64373286793e3c8b2b4e3219cbf3544b", "6d6bbae143d832006294945121d1f1fc");
    }
}
