package io.keras4j.applications;

/**
 * ResNet101, as keras/src/applications/resnet.py {@code ResNet101}: a {@link ResNet} with stacks of 3, 4, 23, 3 bottleneck blocks.
 *
 * <pre>{@code
 * Model model = new ResNet101().build();                        // ImageNet weights, 224x224x3 input
 * INDArray probabilities = model.predict(ResNet101.preprocessInput(images));
 * }</pre>
 */
public final class ResNet101 extends ResNet<ResNet101> {
    public ResNet101() {
        super("resnet101", new int[] {3, 4, 23, 3}, false, "f1aeb4b969a6efcfb50fad2f0c20cfc5", "88cf7a10940856eca736dc7b7e228a21");
    }
}
