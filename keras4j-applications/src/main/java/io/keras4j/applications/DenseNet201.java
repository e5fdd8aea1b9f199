package io.keras4j.applications;

/**
 * DenseNet201, as keras/src/applications/densenet.py {@code DenseNet201}: a {@link DenseNet} with dense blocks of 6, 12, 48, 32 building
 * blocks.
 *
 * <pre>{@code
 * Model model = new DenseNet201().build();                        // ImageNet weights, 224x224x3 input
 * INDArray probabilities = model.predict(DenseNet201.preprocessInput(images));
 * }</pre>
 */
public final class DenseNet201 extends DenseNet<DenseNet201> {
    public DenseNet201() {
        super("densenet201", new int[] {6, 12, 48, 32}, "1ceb130c1ea1b78c3bf6114dbdfd8807", "c13680b51ded0fb44dff2d8f86ac8bb1");
    }
}
