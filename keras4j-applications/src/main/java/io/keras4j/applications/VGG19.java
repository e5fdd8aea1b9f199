package io.keras4j.applications;

/**
 * VGG19, as keras/src/applications/vgg19.py: a {@link VGG} with 19 weight layers (2, 2, 4, 4, 4 convolutions per block, then
 * three dense layers).
 *
 * <pre>{@code
 * Model base = new VGG19().includeTop(false).inputShape(64, 64, 3).build();     // ImageNet weights
 * INDArray features = base.predict(VGG19.preprocessInput(images));
 * }</pre>
 */
public final class VGG19 extends VGG<VGG19> {
    public VGG19() {
        super("vgg19", new int[] {2, 2, 4, 4, 4}, "cbe5617147190e668d6c5d5026f83318", "253f8cb515780f3b799900260a226db6");
    }
}
