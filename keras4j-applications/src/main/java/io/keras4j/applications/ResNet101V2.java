package io.keras4j.applications;

/**
 * ResNet101V2, as keras/src/applications/resnet_v2.py {@code ResNet101V2}: a {@link ResNetV2} with stacks of 3, 4, 23, 3 pre-activation
 * blocks.
 *
 * <pre>{@code
 * Model model = new ResNet101V2().build();                        // ImageNet weights, 224x224x3 input
 * INDArray probabilities = model.predict(ResNet101V2.preprocessInput(images));
 * }</pre>
 */
public final class ResNet101V2 extends ResNetV2<ResNet101V2> {
    public ResNet101V2() {
        super("resnet101v2", new int[] {3, 4, 23, 3}, "6343647c601c52e1368623803854d971", "c0ed64b8031c3730f411d2eb4eea35b5");
    }
}
