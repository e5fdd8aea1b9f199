package io.keras4j.applications;

/**
 * DenseNet169, as keras/src/applications/densenet.py {@code DenseNet169}: a {@link DenseNet} with dense blocks of 6, 12, 32, 32 building
 * blocks.
 *
 * <pre>{@code
 * Model model = new DenseNet169().build();                        // ImageNet weights, 224x224x3 input
 * INDArray probabilities = model.predict(DenseNet169.preprocessInput(images));
 * }</pre>
 */
public final class DenseNet169 extends DenseNet<DenseNet169> {
    public DenseNet169() {
        super("densenet169", new int[] {6, 12, 32, 32}, "d699b8f76981ab1b30698df4c175e90b", "b8c4d4c20dd625c148057b9ff1c1176b");
    }
}
