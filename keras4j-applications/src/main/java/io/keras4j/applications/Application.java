package io.keras4j.applications;

import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Node;
import io.keras4j.layers.Dense;
import io.keras4j.layers.GlobalAveragePooling2D;
import io.keras4j.layers.GlobalMaxPooling2D;
import io.keras4j.layers.Input;
import io.keras4j.models.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The arguments every Keras application takes, and the steps they share: checking {@code weights}, Keras's
 * {@code obtain_input_shape} (keras/src/applications/imagenet_utils.py), the input, the classifier or pooling top,
 * and loading the weights. A subclass builds its own layers in {@link #body}.
 *
 * <pre>{@code
 * Model model = new ResNet50().includeTop(false).pooling("avg").inputShape(96, 96, 3).weights(null).build();
 * }</pre>
 *
 * @param <T> the concrete application, for fluent setters
 */
public abstract class Application<T extends Application<T>> {
    /** Keras's {@code weights="imagenet"}. */
    public static final String IMAGENET = "imagenet";

    boolean includeTop = true;
    String weights = IMAGENET;
    KerasTensor inputTensor;
    long[] inputShape;
    String pooling;
    int classes = 1000;
    String classifierActivation = "softmax";
    String name;
    Path weightsDir;

    @SuppressWarnings("unchecked")
    T self() {
        return (T) this;
    }

    /** Whether to include the fully-connected classifier at the top of the network (default true). */
    public T includeTop(boolean includeTop) {
        this.includeTop = includeTop;
        return self();
    }

    /**
     * {@code null} (random initialization), {@code "imagenet"} (Keras's published ImageNet weights, the default) or
     * the path of a weights file to load.
     */
    public T weights(String weights) {
        this.weights = weights;
        return self();
    }

    /** A weights file to load, as {@code weights="path/to/file.h5"}. */
    public T weights(Path weights) {
        this.weights = weights.toString();
        return self();
    }

    /** A Keras tensor (e.g. from {@code Input.of(...)}) to use as the image input instead of a new {@code Input}. */
    public T inputTensor(KerasTensor inputTensor) {
        this.inputTensor = inputTensor;
        return self();
    }

    /** The image shape {@code (rows, cols, channels)}; {@code -1} for an unknown size when {@code includeTop} is false. */
    public T inputShape(long... inputShape) {
        this.inputShape = inputShape.clone();
        return self();
    }

    /** The image shape {@code (rows, cols, channels)}. */
    public T inputShape(int... inputShape) {
        return inputShape(Arrays.stream(inputShape).asLongStream().toArray());
    }

    /** Without the top: {@code null} (4D features), {@code "avg"} or {@code "max"} global pooling. */
    public T pooling(String pooling) {
        if (pooling != null && !pooling.equals("avg") && !pooling.equals("max")) {
            throw new IllegalArgumentException("pooling must be null, \"avg\" or \"max\", got \"" + pooling + "\"");
        }
        this.pooling = pooling;
        return self();
    }

    /** The number of classes of the top classifier (default 1000; only 1000 with ImageNet weights). */
    public T classes(int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be positive, got " + classes);
        }
        this.classes = classes;
        return self();
    }

    /** The activation of the top layer ("softmax" by default; null for logits). */
    public T classifierActivation(String classifierActivation) {
        this.classifierActivation = classifierActivation;
        return self();
    }

    /** The model's name (default: Keras's name for the model, e.g. "resnet50"). */
    public T name(String name) {
        this.name = name;
        return self();
    }

    /** A folder searched first for Keras's weight files (see {@link WeightFiles}). */
    public T weightsDir(Path weightsDir) {
        this.weightsDir = weightsDir;
        return self();
    }

    /** Builds the model with these arguments and loads its weights. */
    public Model build() {
        boolean imagenet = IMAGENET.equals(weights);
        if (weights != null && !imagenet && !Files.isRegularFile(Path.of(weights))) {
            throw new IllegalArgumentException("The `weights` argument should be either `null` (random initialization), `imagenet` "
                    + "(pre-training on ImageNet), or the path to the weights file to be loaded. Received `weights=" + weights + "`");
        }
        if (imagenet && includeTop && classes != 1000) {
            throw new IllegalArgumentException("If using `weights=\"imagenet\"` with `includeTop` as true, `classes` should be 1000. "
                    + "Received `classes=" + classes + "`");
        }
        if (includeTop && weights != null && classifierActivation != null
                && !classifierActivation.equals("softmax") && !classifierActivation.equals("linear")) {
            throw new IllegalArgumentException("Only `null` and `softmax` activations are allowed for the `classifierActivation` argument "
                    + "when using pretrained weights, with `includeTop=true`; Received: classifierActivation=" + classifierActivation);
        }
        if (inputShape != null && inputTensor != null && inputTensor.shape().length == 4
                && inputTensor.shape()[2] != inputShape[1]) {
            throw new IllegalArgumentException("inputTensor.shape[2] must equal inputShape[1]; Received `inputTensor.shape="
                    + Arrays.toString(inputTensor.shape()) + "`, `inputShape=" + Arrays.toString(inputShape) + "`");
        }
        long[] sizeHint = inputShape;
        if (sizeHint == null && inputTensor != null) {
            sizeHint = Arrays.copyOfRange(inputTensor.shape(), 1, inputTensor.shape().length);
        }
        // as Keras: the tensor's size picks the default size, but only a given inputShape is the shape checked and named
        long[] shape = obtainInputShape(inputShape, defaultSize(sizeHint), minSize(), includeTop || requireFlattenWithoutTop(), imagenet);
        KerasTensor input = inputTensor != null ? inputTensor : Input.of(shape);
        KerasTensor output = body(input, shape, imagenet);
        Model model = inputTensor == null ? new Model(input, output) : new Model(sourceInputs(input), List.of(output));
        model.name(name != null ? name : defaultName(shape, imagenet));
        if (imagenet) {
            model.loadWeights(WeightFiles.fromSystem().resolve(imagenetWeights(shape), weightsDir));
        } else if (weights != null) {
            model.loadWeights(Path.of(weights));
        }
        return model;
    }

    /** The model's layers from {@code input} (of shape {@code shape}, without batch) to the output, top included. */
    abstract KerasTensor body(KerasTensor input, long[] shape, boolean imagenet);

    /** Keras's default model name. */
    abstract String defaultName(long[] shape, boolean imagenet);

    /** Keras's published weight file for these arguments. */
    abstract WeightFiles.Remote imagenetWeights(long[] shape);

    /** The default image size (224 unless the model says otherwise), from the given shape (may be null). */
    int defaultSize(long[] given) {
        return 224;
    }

    /** The smallest image size the model accepts. */
    int minSize() {
        return 32;
    }

    /** Whether the model needs a static input size even without its top (Keras's {@code require_flatten}). */
    boolean requireFlattenWithoutTop() {
        return false;
    }

    /** Keras's usual top: {@code GlobalAveragePooling2D} and the {@code "predictions"} Dense, or the pooling option. */
    KerasTensor top(KerasTensor x, String avgName, String maxName) {
        if (includeTop) {
            return classifier(x, avgName);
        }
        if ("avg".equals(pooling)) {
            return named(new GlobalAveragePooling2D(), avgName).apply(x);
        }
        if ("max".equals(pooling)) {
            return named(new GlobalMaxPooling2D(), maxName).apply(x);
        }
        return x;
    }

    /** {@code GlobalAveragePooling2D} (named {@code poolName}, or by default when null) and the {@code "predictions"} Dense. */
    KerasTensor classifier(KerasTensor x, String poolName) {
        x = named(new GlobalAveragePooling2D(), poolName).apply(x);
        return new Dense(classes).activation(classifierActivation).name("predictions").apply(x);
    }

    /**
     * The layer with the given name or, when {@code name} is null, its default name taken now ("conv2d_7"): Keras
     * numbers default names in the order layers are created, so an unnamed layer must take its name when created.
     */
    static <L extends io.keras4j.engine.Layer> L named(L layer, String name) {
        if (name == null) {
            layer.name();
            return layer;
        }
        return layer.name(name);
    }

    /**
     * Keras's {@code obtain_input_shape} for channels_last images: the default {@code (size, size, 3)}, or the given
     * shape checked (3 dimensions, at least {@code minSize}, 3 channels with ImageNet weights, static with a top).
     */
    static long[] obtainInputShape(long[] given, int defaultSize, int minSize, boolean requireFlatten, boolean imagenet) {
        long[] defaultShape = !imagenet && given != null && given.length == 3
                ? new long[] {defaultSize, defaultSize, given[2]} : new long[] {defaultSize, defaultSize, 3};
        if (imagenet && requireFlatten) {
            if (given != null && !Arrays.equals(given, defaultShape)) {
                throw new IllegalArgumentException("When setting `includeTop=true` and loading `imagenet` weights, `inputShape` should be "
                        + Arrays.toString(defaultShape) + ". Received: inputShape=" + Arrays.toString(given));
            }
            return defaultShape;
        }
        long[] shape;
        if (given != null) {
            if (given.length != 3) {
                throw new IllegalArgumentException("`inputShape` must be a tuple of three integers, got " + Arrays.toString(given));
            }
            if (given[2] != 3 && imagenet) {
                throw new IllegalArgumentException("The input must have 3 channels; Received `inputShape=" + Arrays.toString(given) + "`");
            }
            if ((given[0] >= 0 && given[0] < minSize) || (given[1] >= 0 && given[1] < minSize)) {
                throw new IllegalArgumentException("Input size must be at least " + minSize + "x" + minSize + "; Received: inputShape="
                        + Arrays.toString(given));
            }
            shape = given.clone();
        } else {
            shape = requireFlatten ? defaultShape : new long[] {-1, -1, 3};
        }
        if (requireFlatten && Arrays.stream(shape).anyMatch(d -> d < 0)) {
            throw new IllegalArgumentException("If `includeTop` is true, you should specify a static `inputShape`. Received: inputShape="
                    + Arrays.toString(shape));
        }
        return shape;
    }

    /**
     * Keras's {@code correct_pad}: the {@code ((top, bottom), (left, right))} zero padding before a stride-2 "valid"
     * convolution of {@code kernel} so that it covers the image as "same" would.
     */
    static List<List<Integer>> correctPad(KerasTensor x, int kernel) {
        long rows = x.shape()[1];
        long cols = x.shape()[2];
        int adjustRows = rows < 0 ? 1 : (int) (1 - rows % 2);
        int adjustCols = cols < 0 ? 1 : (int) (1 - cols % 2);
        int correct = kernel / 2;
        return List.of(List.of(correct - adjustRows, correct), List.of(correct - adjustCols, correct));
    }

    /** The model inputs behind {@code tensor}: itself for an {@code Input}, else the inputs it was computed from. */
    static List<KerasTensor> sourceInputs(KerasTensor tensor) {
        Set<KerasTensor> found = new LinkedHashSet<>();
        List<KerasTensor> stack = new ArrayList<>(List.of(tensor));
        Set<Node> seen = new java.util.HashSet<>();
        while (!stack.isEmpty()) {
            KerasTensor t = stack.remove(stack.size() - 1);
            Node node = t.node();
            if (node.isInput()) {
                found.add(t);
            } else if (seen.add(node)) {
                stack.addAll(node.inputs());
            }
        }
        return List.copyOf(found);
    }

    /**
     * The top-{@code top} ImageNet classes of each prediction, as keras/src/applications/imagenet_utils.py
     * {@code decode_predictions}; the class index file is found as weights are (see {@link ImagenetUtils}).
     */
    public static List<List<ImagenetUtils.Prediction>> decodePredictions(INDArray preds, int top) {
        return ImagenetUtils.decodePredictions(preds, top);
    }
}
