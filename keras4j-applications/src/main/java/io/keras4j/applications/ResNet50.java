package io.keras4j.applications;

/**
 * ResNet50, as keras/src/applications/resnet.py {@code ResNet50}: a {@link ResNet} with stacks of 3, 4, 6, 3 bottleneck blocks.
 *
 * <pre>{@code
 * Model model = new ResNet50().build();                        // ImageNet weights, 224x224x3 input
 * INDArray probabilities = model.predict(ResNet50.preprocessInput(images));
 * }</pre>
 */
public final class ResNet50 extends ResNet<ResNet50> {
    public ResNet50() {
        super("resnet50", new int[] {3, 4, 6, 3}, false, "2cb95161c43110f7111970584f804107", "4d473c1dd8becc155b73f8504c6f6626");
    }
}
