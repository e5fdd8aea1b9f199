package io.keras4j.testing;

import io.keras4j.backend.Backend;
import io.keras4j.constraints.Constraint;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.InputLayer;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.engine.LayerProvider;
import io.keras4j.engine.Shapes;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.models.Model;
import io.keras4j.optimizers.SGD;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.utils.Utils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared layer test, as Keras's {@code run_layer_test}: every layer goes through it.
 *
 * <pre>{@code
 * LayerTestHarness.of(() -> new Dense(3, "tanh"), 4, 5)   // batch 4, input (5,)
 *     .expectedWeights(2).expectedParams(18).run();
 * }</pre>
 *
 * It builds the layer in float64 on a symbolic input and checks, in order: the symbolic output shape
 * equals {@code computeOutputShape}; the number of weights and parameters; the eager output shape on
 * random data; the config round trip through the layer registry (same config, and with the same weights,
 * the same outputs); a double-precision finite-difference gradient check of inputs and weights; and one
 * training step inside a model (SGD on MSE) that changes the trainable weights and lowers the loss. With
 * {@link #inputMasks} the inputs carry masks (the gradient check runs with them) and {@link #expectedMasks} are
 * compared with {@code computeMask}; {@link #checkMasks} compares a layer's outputs and output masks with Keras's.
 */
public final class LayerTestHarness {
    private final Supplier<Layer> factory;
    private final List<long[]> inputShapes = new ArrayList<>();
    private Integer expectedWeights;
    private Long expectedParams;
    private long[] expectedOutputShape;
    private boolean gradientCheck = true;
    private boolean trainingStep = true;
    private boolean trainingMode;
    private Supplier<INDArray[]> inputs;
    private INDArray[] masks;
    private INDArray[] expectedMasks;

    private LayerTestHarness(Supplier<Layer> factory) {
        this.factory = factory;
    }

    /** A harness for a single-input layer with the given input shape (batch axis first). */
    public static LayerTestHarness of(Supplier<Layer> factory, long... inputShape) {
        return new LayerTestHarness(factory).input(inputShape);
    }

    /** Adds one more input shape (for multi-input layers). */
    public LayerTestHarness input(long... shape) {
        inputShapes.add(shape.clone());
        return this;
    }

    /** Supplies the input arrays (float64) instead of uniform noise in [-1, 1). */
    public LayerTestHarness inputs(Supplier<INDArray[]> inputs) {
        this.inputs = inputs;
        return this;
    }

    /**
     * Masks carried by the inputs (one per input, null entries for none; BOOL arrays), as a model passes them: the
     * gradient check runs with them, and {@link #expectedMasks} are compared with the layer's {@code computeMask}.
     */
    public LayerTestHarness inputMasks(INDArray... masks) {
        this.masks = masks.clone();
        return this;
    }

    /** The masks the layer gives its outputs for {@link #inputMasks} (Keras's; null entries for none). */
    public LayerTestHarness expectedMasks(INDArray... masks) {
        this.expectedMasks = masks.clone();
        return this;
    }

    public LayerTestHarness expectedWeights(int count) {
        this.expectedWeights = count;
        return this;
    }

    public LayerTestHarness expectedParams(long count) {
        this.expectedParams = count;
        return this;
    }

    /** The expected output shape, batch axis included. */
    public LayerTestHarness expectedOutputShape(long... shape) {
        this.expectedOutputShape = shape.clone();
        return this;
    }

    /** Runs the gradient check in training mode (for layers whose training path is deterministic). */
    public LayerTestHarness gradientCheckInTrainingMode() {
        this.trainingMode = true;
        return this;
    }

    /** Skips the gradient check (only for layers that have no gradient, e.g. integer lookups' inputs). */
    public LayerTestHarness withoutGradientCheck() {
        this.gradientCheck = false;
        return this;
    }

    /** Skips the training step (for layers without trainable weights and no input gradient to train). */
    public LayerTestHarness withoutTrainingStep() {
        this.trainingStep = false;
        return this;
    }

    /** Runs every check. */
    public void run() {
        String floatx = Backend.floatx();
        Backend.setFloatx("float64");
        try {
            Utils.setRandomSeed(1234);
            runChecks();
        } finally {
            Backend.setFloatx(floatx);
        }
    }

    private INDArray[] makeInputs() {
        if (inputs != null) {
            return inputs.get();
        }
        INDArray[] xs = new INDArray[inputShapes.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Nd4j.rand(DataType.DOUBLE, inputShapes.get(i)).muli(2).subi(1);
        }
        return xs;
    }

    private KerasTensor[] symbolicInputs(INDArray[] xs) {
        KerasTensor[] symbolic = new KerasTensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            long[] shape = xs[i].shape().clone();
            shape[0] = -1;
            symbolic[i] = new InputLayer(shape, null, Backend.dtypeName(xs[i].dataType())).output();
        }
        return symbolic;
    }

    private void runChecks() {
        INDArray[] xs = makeInputs();
        Layer layer = factory.get();
        KerasTensor[] in = symbolicInputs(xs);
        List<KerasTensor> outs = layer.applyAll(in);
        List<long[]> symbolicShapes = new ArrayList<>();
        for (KerasTensor t : in) {
            symbolicShapes.add(t.shape());
        }
        List<long[]> computed = layer.computeOutputShapes(symbolicShapes);
        assertEquals(computed.size(), outs.size(), "number of outputs");
        for (int o = 0; o < outs.size(); o++) {
            assertArrayEquals(computed.get(o), outs.get(o).shape(), "symbolic output " + o + " shape vs computeOutputShape");
        }
        if (expectedWeights != null) {
            assertEquals((int) expectedWeights, layer.weights().size(), "number of weights");
        }
        if (expectedParams != null) {
            assertEquals((long) expectedParams, layer.countParams(), "number of parameters");
        }

        INDArray[] eager = call(layer, xs, false);
        for (int o = 0; o < eager.length; o++) {
            long[] expected = outs.get(o).shape();
            expected[0] = xs[0].size(0);
            assertTrue(Shapes.compatible(expected, eager[o].shape()),
                    "eager output " + o + " shape " + Arrays.toString(eager[o].shape()) + " vs symbolic " + Shapes.format(outs.get(o).shape()));
        }
        if (expectedOutputShape != null) {
            assertArrayEquals(expectedOutputShape, eager[0].shape(), "output shape");
        }

        Layer copy = LayerProvider.fromConfig(layer.className(), layer.getConfig());
        assertEquals(canonical(layer.getConfig()), canonical(copy.getConfig()), "config round trip");
        copy.applyAll(symbolicInputs(xs));
        List<Variable> source = layer.weights();
        List<Variable> target = copy.weights();
        assertEquals(source.size(), target.size(), "weights after config round trip");
        for (int i = 0; i < source.size(); i++) {
            target.get(i).assign(source.get(i).value());
        }
        INDArray[] again = call(copy, xs, false);
        for (int o = 0; o < eager.length; o++) {
            assertEquals(eager[o], again[o], "output " + o + " of the layer rebuilt from config with the same weights");
        }

        if (expectedMasks != null) {
            assertMasks(layer.name(), expectedMasks, layer.computeMask(xs, masks));
        }
        if (gradientCheck) {
            GradientCheck.checkLayer(layer, trainingMode, masks, makeInputs());
        }
        if (trainingStep) {
            trainingStep(xs);
        }
    }

    /**
     * Checks a built layer against Keras's outputs and output masks for inputs that carry masks: calls it as a graph
     * does (the masks through {@link CallContext#setInputMasks}) and compares its outputs (within {@code 1e-5} absolute
     * plus {@code 1e-4} relative) and {@code computeMask(inputs, masks)} (exactly; null where Keras gives no mask).
     *
     * @param masks one per input, null entries for none
     * @param expectedMasks one per output, null entries where Keras attaches no mask
     */
    public static void checkMasks(Layer layer, INDArray[] inputs, INDArray[] masks, boolean training,
                                  INDArray[] expectedOutputs, INDArray[] expectedMasks) {
        CallContext ctx = new CallContext();
        ctx.begin(training, new boolean[inputs.length]);
        ctx.setInputMasks(masks);
        INDArray[] out = layer.call(inputs, ctx);
        assertEquals(expectedOutputs.length, out.length, layer.name() + ": number of outputs");
        for (int o = 0; o < out.length; o++) {
            INDArray expected = expectedOutputs[o].castTo(DataType.DOUBLE);
            INDArray actual = out[o].castTo(DataType.DOUBLE);
            assertArrayEquals(expected.shape(), actual.shape(), layer.name() + ": output " + o + " shape");
            INDArray excess = Transforms.abs(actual.sub(expected)).subi(Transforms.abs(expected).muli(1e-4).addi(1e-5));
            assertTrue(excess.maxNumber().doubleValue() <= 0 || expected.length() == 0,
                    layer.name() + ": output " + o + " differs from Keras's\nexpected " + expected + "\nactual " + actual);
        }
        assertMasks(layer.name(), expectedMasks, layer.computeMask(inputs, masks));
    }

    private static void assertMasks(String layer, INDArray[] expected, INDArray[] actual) {
        for (int o = 0; o < expected.length; o++) {
            INDArray a = actual == null || o >= actual.length ? null : actual[o];
            if (expected[o] == null) {
                assertTrue(a == null, layer + ": output " + o + " has a mask where Keras gives none: " + a);
                continue;
            }
            assertTrue(a != null, layer + ": output " + o + " has no mask; Keras gives " + expected[o]);
            assertEquals(DataType.BOOL, a.dataType(), layer + ": mask " + o + " dtype");
            assertArrayEquals(expected[o].shape(), a.shape(), layer + ": mask " + o + " shape");
            assertEquals(expected[o].castTo(DataType.BOOL), a, layer + ": mask " + o);
        }
        int extra = actual == null ? 0 : actual.length;
        for (int o = expected.length; o < extra; o++) {
            assertTrue(actual[o] == null, layer + ": a mask for output " + o + ", which the layer does not have");
        }
    }

    private static INDArray[] call(Layer layer, INDArray[] xs, boolean training) {
        CallContext ctx = new CallContext();
        ctx.begin(training, new boolean[xs.length]);
        INDArray[] out = layer.call(xs, ctx);
        INDArray[] copies = new INDArray[out.length];
        for (int i = 0; i < out.length; i++) {
            copies[i] = out[i].dup();
        }
        return copies;
    }

    private void trainingStep(INDArray[] xs) {
        Layer layer = factory.get();
        KerasTensor[] in = symbolicInputs(xs);
        List<KerasTensor> outs = layer.applyAll(in);
        Model model = new Model(List.of(in), outs);
        Object[] losses = new Object[outs.size()];
        Arrays.fill(losses, "mse");
        model.compile(new io.keras4j.models.CompileOptions().optimizer(new SGD(0.01)).loss(losses));
        List<INDArray> before = model.getWeights();
        INDArray[] targets = new INDArray[outs.size()];
        INDArray[] predicted = model.predictAll(xs).toArray(new INDArray[0]);
        for (int o = 0; o < targets.length; o++) {
            targets[o] = predicted[o].add(Nd4j.rand(predicted[o].dataType(), predicted[o].shape()).subi(0.5));
        }
        double lossBefore = model.evaluateToMap(xs, targets, xs[0].rank() == 0 ? 1 : (int) xs[0].size(0), 0).get("loss");
        model.fit(xs, targets, new io.keras4j.models.FitOptions().epochs(1).batchSize((int) xs[0].size(0)).verbose(0).shuffle(false));
        double lossAfter = model.evaluateToMap(xs, targets, (int) xs[0].size(0), 0).get("loss");
        List<INDArray> after = model.getWeights();
        if (!model.trainableWeights().isEmpty()) {
            boolean changed = false;
            for (int i = 0; i < before.size(); i++) {
                changed |= !before.get(i).equals(after.get(i));
            }
            assertTrue(changed, "one training step changes the weights");
            assertTrue(lossAfter < lossBefore, "one SGD step lowers the loss: " + lossBefore + " -> " + lossAfter);
        }
    }

    /** A config with nested objects replaced by their Keras forms, for comparison. */
    public static Object canonical(Object value) {
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> out.put(String.valueOf(k), canonical(v)));
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            ((List<?>) value).forEach(v -> out.add(canonical(v)));
            return out;
        }
        if (value instanceof Initializer) {
            return Map.of("class_name", ((Initializer) value).className(), "config", canonical(((Initializer) value).getConfig()));
        }
        if (value instanceof Regularizer) {
            return Map.of("class_name", value.getClass().getSimpleName(), "config", canonical(((Regularizer) value).getConfig()));
        }
        if (value instanceof Constraint) {
            return Map.of("class_name", value.getClass().getSimpleName(), "config", canonical(((Constraint) value).getConfig()));
        }
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof long[]) {
            List<Object> out = new ArrayList<>();
            for (long l : (long[]) value) {
                out.add((double) l);
            }
            return out;
        }
        if (value instanceof int[]) {
            List<Object> out = new ArrayList<>();
            for (int l : (int[]) value) {
                out.add((double) l);
            }
            return out;
        }
        return value;
    }
}
