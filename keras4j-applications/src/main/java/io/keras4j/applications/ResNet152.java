package io.keras4j.applications;

/**
 * ResNet152, as keras/src/applications/resnet.py {@code ResNet152}: a {@link ResNet} with stacks of 3, 8, 36, 3 bottleneck blocks.
 *
 * <pre>{@code
 * Model model = new ResNet152().build();                        // ImageNet weights, 224x224x3 input
 * INDArray probabilities = model.predict(ResNet152.preprocessInput(images));
 * }</pre>
 */
public final class ResNet152 extends ResNet<ResNet152> {
    public ResNet152() {
        super("resnet152", new int[] {3, 8, 36, 3}, false, "100835be76be38e30d865e96f2aaae62", "ee4c566cf9a93f14d82f913c2dc6dd0c");
    }
}
