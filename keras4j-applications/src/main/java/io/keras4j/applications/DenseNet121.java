package io.keras4j.applications;

/**
 * DenseNet121, as keras/src/applications/densenet.py {@code DenseNet121}: a {@link DenseNet} with dense blocks of 6, 12, 24, 16 building
 * blocks.
 *
 * <pre>{@code
 * Model model = new DenseNet121().build();                        // ImageNet weights, 224x224x3 input
 * INDArray probabilities = model.predict(DenseNet121.preprocessInput(images));
 * }</pre>
 */
public final class DenseNet121 extends DenseNet<DenseNet121> {
    public DenseNet121() {
        super("densenet121", new int[] {6, 12, 24, 16}, "9d60b8095a5708f2dcce2bca79d332c7", "30ee3e1110167f948a6b9946edeeb738");
    }
}
