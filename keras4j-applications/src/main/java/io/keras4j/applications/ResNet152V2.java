package io.keras4j.applications;

/**
 * ResNet152V2, as keras/src/applications/resnet_v2.py {@code ResNet152V2}: a {@link ResNetV2} with stacks of 3, 8, 36, 3 pre-activation
 * blocks.
 *
 * <pre>{@code
 * Model model = new ResNet152V2().build();                        // ImageNet weights, 224x224x3 input
 * INDArray probabilities = model.predict(ResNet152V2.preprocessInput(images));
 * }</pre>
 */
public final class ResNet152V2 extends ResNetV2<ResNet152V2> {
    public ResNet152V2() {
        super("resnet152v2", new int[] {3, 8, 36, 3}, "a49b44d1979771252814e80f8ec446f9", "ed17cf2e0169df9d443503ef94b23b33");
    }
}
