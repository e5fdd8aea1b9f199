package io.keras4j.applications;

/**
 * ResNet50V2, as keras/src/applications/resnet_v2.py {@code ResNet50V2}: a {@link ResNetV2} with stacks of 3, 4, 6, 3 pre-activation
 * blocks.
 *
 * <pre>{@code
 * Model model = new ResNet50V2().build();                        // ImageNet weights, 224x224x3 input
 * INDArray probabilities = model.predict(ResNet50V2.preprocessInput(images));
 * }</pre>
 */
public final class ResNet50V2 extends ResNetV2<ResNet50V2> {
    public ResNet50V2() {
        super("resnet50v2", new int[] {3, 4, 6, 3}, "3ef43a0b657b3be2300d5770ece849e0", "fac2f116257151a9d068a22e544a4917");
    }
}
