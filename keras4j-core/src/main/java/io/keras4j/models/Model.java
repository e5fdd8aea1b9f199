package io.keras4j.models;

import io.keras4j.backend.Backend;
import io.keras4j.callbacks.History;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Graph;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import io.keras4j.engine.ModelIO;
import io.keras4j.engine.Node;
import io.keras4j.engine.Shapes;
import io.keras4j.engine.Variable;
import io.keras4j.losses.Loss;
import io.keras4j.losses.Losses;
import io.keras4j.metrics.Metric;
import io.keras4j.optimizers.Optimizer;
import io.keras4j.optimizers.Optimizers;
import io.keras4j.utils.PyDataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model, as {@code keras.Model}: with the training API ({@code compile}, {@code fit}, {@code evaluate},
 * {@code predict}, the {@code *OnBatch} methods), weights access and saving.
 *
 * <p>A functional model ({@code keras.Model(inputs, outputs)}) is a graph of layer calls from {@code Input.of(...)}
 * tensors to output tensors:
 * <pre>{@code
 * KerasTensor x = Input.of(784);
 * KerasTensor h = new Dense(64, "relu").apply(x);
 * Model model = new Model(x, new Dense(10, "softmax").apply(h));
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * }</pre>
 * A subclassed model writes its forward pass in Java ({@code call}: loops, branches, {@code io.keras4j.ops}); the
 * layers in its fields are tracked for weights and freezing, and gradients come from the tape. {@link #trainStep},
 * {@link #testStep} and {@link #predictStep} can be overridden as in Keras's "Customizing what happens in fit()".
 * <pre>{@code
 * class Mlp extends Model {
 *     private final Dense hidden = new Dense(32, "relu");
 *     private final Dense out = new Dense(10, "softmax");
 *     protected INDArray call(INDArray x, CallContext ctx) {
 *         return out.apply(hidden.apply(x, ctx.training()), ctx.training());
 *     }
 * }
 * }</pre>
 * A model is itself a layer: it can be called on tensors inside a bigger model, or on arrays.
 */
public class Model extends Layer {
    private Graph graph;
    private Trainer trainer;
    private CompileOptions compileOptions;
    private boolean stopTraining;
    private Integer resumeEpoch;
    /** Per output, the "crossentropy"/"ce" loss identifier still to resolve from the first targets seen. */
    private String[] deferredLosses;
    /** The number of outputs of a subclassed model's last call (0 before the first). */
    private int eagerOutputs;

    /** Whether the model was given one input (one output) rather than a list, as Keras's config records it. */
    private boolean singleInput;
    private boolean singleOutput;

    /** A model from one input to one output. */
    public Model(KerasTensor input, KerasTensor output) {
        this(List.of(input), List.of(output));
        singleInput = true;
        singleOutput = true;
    }

    /** A model from one input to a list of outputs, as {@code keras.Model(x, [y1, y2])}. */
    public Model(KerasTensor input, List<KerasTensor> outputs) {
        this(List.of(input), outputs);
        singleInput = true;
    }

    /** A model from several inputs to several outputs (in the given orders). */
    public Model(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        setGraph(new Graph(inputs, outputs));
    }

    /** Whether the model was built from one input tensor rather than a list (Keras then saves it unnested). */
    public boolean singleInput() {
        return singleInput;
    }

    /** Whether the model was built from one output tensor rather than a list (Keras then saves it unnested). */
    public boolean singleOutput() {
        return singleOutput;
    }

    /** For subclassed models (with their own {@code call}) and models that build their graph later ({@link Sequential}). */
    protected Model() {
    }

    /** "Functional" for a model of a graph, the Java class name for a subclassed model (Keras's class_name). */
    @Override
    public String className() {
        return getClass() == Model.class ? "Functional" : getClass().getSimpleName();
    }

    /** A model of a graph runs it backward itself; a subclassed model's call is recorded op by op. */
    @Override
    protected boolean hasBackward() {
        return graph != null;
    }

    /** The graph's layers for a model of a graph; the layers held in fields for a subclassed model. */
    @Override
    protected List<Layer> trackedLayers() {
        return graph != null ? graph.layers() : super.trackedLayers();
    }

    @Override
    public String name() {
        return super.name();
    }

    /** Installs the graph (Sequential rebuilds it as layers are added). */
    protected void setGraph(Graph graph) {
        this.graph = graph;
        ensureBuilt(List.of());
    }

    /** The graph; builds it first if the model defers building. */
    Graph graph() {
        if (graph == null) {
            throw new IllegalStateException("Model \"" + name() + "\" has no symbolic inputs"
                    + (hasBackward() || trackedLayers().isEmpty() && getClass() == Sequential.class
                    ? " yet: give the first layer an inputShape(...), add an Input, or call fit/predict so the input shape can be inferred"
                    : ": it is a subclassed model, whose call runs on arrays"));
        }
        return graph;
    }

    /** Whether the model knows its input shape and has its weights. */
    public boolean isGraphBuilt() {
        return graph != null;
    }

    /** Builds a deferred model for data of the given per-input shapes; a no-op for functional models. */
    protected void buildFromData(INDArray[] x) {
    }

    /** The model inputs, as {@code model.inputs}. */
    public List<KerasTensor> inputs() {
        return graph().inputs();
    }

    /** The model outputs, as {@code model.outputs}. */
    public List<KerasTensor> outputs() {
        return graph().outputs();
    }

    /**
     * The layers in graph order, as {@code model.layers} (a functional model lists its InputLayers first); for a
     * subclassed model, the layers held in its fields.
     */
    public List<Layer> layers() {
        return graph != null ? graph.layers() : trackedLayers();
    }

    /** The layer with the given name, as {@code model.get_layer(name)}. */
    public Layer getLayer(String name) {
        for (Layer layer : layers()) {
            if (layer.name().equals(name)) {
                return layer;
            }
        }
        throw new IllegalArgumentException("No such layer: " + name + ". Existing layers are: "
                + layers().stream().map(Layer::name).toList());
    }

    /** The names of the layers producing the outputs ("output_0", ... for a subclassed model). */
    List<String> outputNames() {
        List<String> names = new ArrayList<>();
        if (graph == null) {
            for (int o = 0; o < Math.max(1, eagerOutputs); o++) {
                names.add("output_" + o);
            }
            return names;
        }
        for (KerasTensor t : outputs()) {
            names.add(t.node().layer().name());
        }
        return names;
    }

    // ---- weights -------------------------------------------------------------------------

    private List<Variable> collect(boolean trainableOnly, boolean nonTrainableOnly) {
        List<Variable> out = new ArrayList<>();
        Set<Variable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Layer layer : layers()) {
            List<Variable> vars = trainableOnly ? layer.trainableWeights() : nonTrainableOnly ? layer.nonTrainableWeights() : layer.weights();
            for (Variable v : vars) {
                if (seen.add(v) && (trainable() || !trainableOnly)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    @Override
    public List<Variable> weights() {
        return isGraphBuilt() ? collect(false, false) : super.weights();
    }

    @Override
    public List<Variable> trainableWeights() {
        if (!isGraphBuilt()) {
            return super.trainableWeights();
        }
        return trainable() ? collect(true, false) : List.of();
    }

    @Override
    public List<Variable> nonTrainableWeights() {
        if (!isGraphBuilt()) {
            return super.nonTrainableWeights();
        }
        return trainable() ? collect(false, true) : collect(false, false);
    }

    /** Copies of all weight values, layer by layer in Keras's order, as {@code model.get_weights()}. */
    public List<INDArray> getWeights() {
        List<INDArray> out = new ArrayList<>();
        for (Variable v : weights()) {
            out.add(v.value().dup());
        }
        return out;
    }

    /** Sets all weight values from a list in {@link #getWeights()} order, as {@code model.set_weights()}. */
    public void setWeights(List<INDArray> values) {
        List<Variable> vars = weights();
        if (values.size() != vars.size()) {
            throw new IllegalArgumentException("Model \"" + name() + "\": setWeights expects " + vars.size()
                    + " arrays (one per weight), got " + values.size());
        }
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            INDArray value = values.get(i);
            if (!Arrays.equals(v.value().shape(), value.shape())) {
                throw new IllegalArgumentException("Model \"" + name() + "\": weight " + i + " (" + v.path() + ") has shape "
                        + Arrays.toString(v.value().shape()) + ", got an array of shape " + Arrays.toString(value.shape()));
            }
        }
        for (int i = 0; i < vars.size(); i++) {
            vars.get(i).assign(values.get(i).castTo(vars.get(i).value().dataType()));
        }
    }

    // ---- compile -------------------------------------------------------------------------

    /**
     * Configures training, as {@code model.compile(optimizer, loss, metrics)}.
     *
     * @param optimizer an identifier ("rmsprop", "adam", "sgd") or an {@link Optimizer}
     * @param loss      an identifier ("categorical_crossentropy", "mse", ...) or a {@link Loss}
     * @param metrics   identifiers ("accuracy") or {@link Metric}s
     */
    public void compile(Object optimizer, Object loss, Object... metrics) {
        compile(new CompileOptions().optimizer(optimizer).loss(loss).metrics(metrics));
    }

    /**
     * Configures training with an optimizer and no loss, as {@code model.compile(optimizer)} for a model whose
     * {@link #trainStep} computes its own loss (Keras's VAE and GAN examples).
     */
    public void compile(Object optimizer) {
        compile(new CompileOptions().optimizer(optimizer));
    }

    /** Configures training from {@link CompileOptions}. */
    public void compile(CompileOptions options) {
        Optimizer opt = resolveOptimizer(options.optimizer);
        int outputs = isGraphBuilt() ? outputs().size() : Math.max(1, eagerOutputs);
        options = byOutputOrder(options);
        List<Loss> losses = new ArrayList<>();
        if (options.losses.isEmpty()) {
            for (int i = 0; i < outputs; i++) {
                losses.add(null);
            }
        } else if (options.losses.size() == 1 && outputs > 1) {
            for (int i = 0; i < outputs; i++) {
                losses.add(resolveLoss(options.losses.get(0)));
            }
        } else {
            if (options.losses.size() != outputs) {
                throw new IllegalArgumentException("Model \"" + name() + "\" has " + outputs + " output(s) but compile got "
                        + options.losses.size() + " loss(es)");
            }
            for (Object l : options.losses) {
                losses.add(resolveLoss(l));
            }
        }
        double[] weights = new double[losses.size()];
        Arrays.fill(weights, 1.0);
        if (options.lossWeights != null) {
            if (options.lossWeights.size() != losses.size()) {
                throw new IllegalArgumentException("Model \"" + name() + "\": lossWeights needs " + losses.size()
                        + " values (one per output), got " + options.lossWeights.size());
            }
            for (int i = 0; i < weights.length; i++) {
                weights[i] = options.lossWeights.get(i);
            }
        }
        String[] deferred = new String[losses.size()];
        for (int i = 0; i < losses.size(); i++) {
            Object id = options.losses.isEmpty() ? null : options.losses.size() == 1 ? options.losses.get(0) : options.losses.get(i);
            if (id instanceof String && List.of("crossentropy", "ce").contains(((String) id).toLowerCase())) {
                deferred[i] = (String) id;
            }
        }
        deferredLosses = deferred;
        List<List<Object>> weighted = new ArrayList<>();
        for (int o = 0; o < losses.size(); o++) {
            weighted.add(new ArrayList<>(options.weightedMetrics));
        }
        trainer = new Trainer(this, opt, losses, weights, metricsPerOutput(options, losses.size()), weighted);
        compileOptions = options;
    }

    /** The metric identifiers of each output: the same list for all, or the per-output-name map. */
    private List<List<Object>> metricsPerOutput(CompileOptions options, int outputs) {
        List<List<Object>> perOutput = new ArrayList<>();
        List<String> names = options.metricsByOutput == null ? List.of() : outputNames();
        if (options.metricsByOutput != null && !names.containsAll(options.metricsByOutput.keySet())) {
            throw new IllegalArgumentException("compile: model \"" + name() + "\" has outputs " + names
                    + "; got metrics for " + options.metricsByOutput.keySet());
        }
        for (int o = 0; o < outputs; o++) {
            List<Object> ids = options.metricsByOutput == null ? options.metrics
                    : options.metricsByOutput.getOrDefault(names.get(o), List.of());
            for (Object m : ids) {
                if (!(m instanceof String) && !(m instanceof Metric) && !(m instanceof java.util.function.BiFunction)) {
                    throw new IllegalArgumentException("compile: each metric must be a String identifier, a Metric or a function "
                            + "(yTrue, yPred) -> values, got " + m);
                }
            }
            perOutput.add(new ArrayList<>(ids));
        }
        return perOutput;
    }

    /** The arguments of the last {@link #compile} (with the optimizer object it resolved to), or null. */
    public CompileOptions compileOptions() {
        return compileOptions == null ? null : new CompileOptions().optimizer(trainer.optimizer)
                .loss(compileOptions.losses.toArray()).metrics(compileOptions.metrics.toArray())
                .weightedMetrics(compileOptions.weightedMetrics.toArray()).lossWeightsList(compileOptions.lossWeights);
    }

    /** Turns losses and loss weights given by output name into lists in {@code outputs()} order. */
    private CompileOptions byOutputOrder(CompileOptions options) {
        if (options.lossByOutput == null && options.lossWeightsByOutput == null) {
            return options;
        }
        List<String> names = isGraphBuilt() ? outputNames() : List.of();
        for (Map<String, ?> byName : java.util.Arrays.asList(options.lossByOutput, options.lossWeightsByOutput)) {
            if (byName != null && !names.containsAll(byName.keySet())) {
                throw new IllegalArgumentException("compile: model \"" + name() + "\" has outputs " + names
                        + "; got entries for " + byName.keySet());
            }
        }
        CompileOptions ordered = new CompileOptions().optimizer(options.optimizer).metrics(options.metrics.toArray())
                .weightedMetrics(options.weightedMetrics.toArray());
        ordered.metricsByOutput = options.metricsByOutput;
        ordered.losses = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (String n : names) {
            ordered.losses.add(options.lossByOutput != null ? options.lossByOutput.get(n)
                    : options.losses.size() == 1 ? options.losses.get(0) : options.losses.get(names.indexOf(n)));
            weights.add(options.lossWeightsByOutput == null
                    ? (options.lossWeights == null ? 1.0 : options.lossWeights.get(names.indexOf(n)))
                    : options.lossWeightsByOutput.getOrDefault(n, 1.0));
        }
        ordered.lossWeights = weights;
        return ordered;
    }

    private static Optimizer resolveOptimizer(Object optimizer) {
        if (optimizer instanceof Optimizer) {
            return (Optimizer) optimizer;
        }
        if (optimizer instanceof String) {
            return Optimizers.get((String) optimizer);
        }
        throw new IllegalArgumentException("compile: `optimizer` must be a String identifier or an Optimizer, got " + optimizer);
    }

    private static Loss resolveLoss(Object loss) {
        if (loss == null || loss instanceof String && List.of("crossentropy", "ce").contains(((String) loss).toLowerCase())) {
            return null;
        }
        if (loss instanceof Loss) {
            return (Loss) loss;
        }
        if (loss instanceof String) {
            return Losses.get((String) loss);
        }
        if (loss instanceof java.util.function.BiFunction<?, ?, ?> fn) {
            @SuppressWarnings("unchecked")
            java.util.function.BiFunction<INDArray, INDArray, INDArray> f = (java.util.function.BiFunction<INDArray, INDArray, INDArray>) fn;
            return new io.keras4j.losses.LossFunctionWrapper(f);
        }
        throw new IllegalArgumentException("compile: `loss` must be a String identifier, a Loss or a function (yTrue, yPred) -> values, got " + loss);
    }

    /** Whether {@link #compile} was called. */
    public boolean compiled() {
        return trainer != null;
    }

    /** The optimizer given to compile. */
    public Optimizer optimizer() {
        return requireCompiled("optimizer").optimizer;
    }

    /** The losses given to compile, one per output (null for an output without one), as Keras's {@code model.loss}. */
    public List<Loss> loss() {
        return requireCompiled("loss").losses;
    }

    private Trainer requireCompiled(String method) {
        if (trainer == null) {
            throw new IllegalStateException("You must call compile() before " + method + "() on model \"" + name() + "\"");
        }
        return trainer;
    }

    /** Set by a callback to end {@code fit} after the current batch, as {@code model.stop_training = True}. */
    public void setStopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    public boolean stopTraining() {
        return stopTraining;
    }

    /**
     * Makes the running {@code fit} start at {@code epoch} instead of its {@code initialEpoch}, as Keras's
     * {@code model._initial_epoch}; set by a callback in {@code onTrainBegin} (BackupAndRestore).
     */
    public void setInitialEpoch(int epoch) {
        this.resumeEpoch = epoch;
    }

    /** The epoch set by {@link #setInitialEpoch}, or {@code dflt}; clears it. */
    int takeInitialEpoch(int dflt) {
        Integer e = resumeEpoch;
        resumeEpoch = null;
        return e == null ? dflt : e;
    }

    // ---- fit / evaluate / predict --------------------------------------------------------

    /** Trains for {@code epochs} epochs with batches of {@code batchSize}, as {@code model.fit(x, y, epochs=, batch_size=)}. */
    public History fit(INDArray x, INDArray y, int epochs, int batchSize) {
        return fit(x, y, new FitOptions().epochs(epochs).batchSize(batchSize));
    }

    /**
     * Trains on inputs without targets, as {@code model.fit(x, epochs=...)} for a model whose {@link #trainStep} or
     * added losses need no targets (an autoencoder's VAE).
     */
    public History fit(INDArray x, FitOptions options) {
        return fit(new INDArray[]{x}, null, options);
    }

    /** Trains a single-input, single-output model with the given options. */
    public History fit(INDArray x, INDArray y, FitOptions options) {
        return fit(new INDArray[]{x}, new INDArray[]{y}, options);
    }

    /** Trains with one array per input and one per output (in {@code inputs()}/{@code outputs()} order). */
    public History fit(INDArray[] x, INDArray[] y, FitOptions options) {
        Trainer t = requireCompiled("fit");
        if (options.epochs < 0 || options.batchSize <= 0) {
            throw new IllegalArgumentException("fit: `epochs` must be >= 0 and `batch_size` > 0, got epochs=" + options.epochs
                    + ", batch_size=" + options.batchSize);
        }
        ArrayData data = prepare("fit", x, y, options.sampleWeight, options.classWeight);
        ArrayData validation = null;
        if (options.validationX != null) {
            validation = prepare("fit (validation_data)", options.validationX, options.validationY, null, null);
        } else if (options.validationSplit > 0) {
            if (options.validationSplit >= 1) {
                throw new IllegalArgumentException("fit: `validation_split` must be in [0, 1), got " + options.validationSplit);
            }
            long split = (long) Math.floor(data.size * (1.0 - options.validationSplit));
            validation = data.slice(split, data.size);
            data = data.slice(0, split);
        }
        ArrayData train = data;
        if (options.validationDataset != null) {
            PyDatasetAdapter adapter = adapter("fit (validation_data)", options.validationDataset, true, null);
            try {
                return t.exclusively("fit", () -> t.fit(train, adapter, options));
            } finally {
                adapter.close();
            }
        }
        ArrayData checked = validation;
        return t.exclusively("fit", () -> t.fit(train, checked, options));
    }

    /** Loss then metrics (compile order) on the data, batch size 32, with a progress bar, as {@code model.evaluate(x, y)}. */
    public double[] evaluate(INDArray x, INDArray y) {
        return evaluate(x, y, 32, 1);
    }

    /** Evaluates with the given batch size and verbosity. */
    public double[] evaluate(INDArray x, INDArray y, int batchSize, int verbose) {
        return evaluateToMap(new INDArray[]{x}, new INDArray[]{y}, batchSize, verbose).values().stream()
                .mapToDouble(Double::doubleValue).toArray();
    }

    /** Loss and metrics by name, as {@code model.evaluate(x, y, return_dict=True)}. */
    public Map<String, Double> evaluateToMap(INDArray x, INDArray y) {
        return evaluateToMap(new INDArray[]{x}, new INDArray[]{y}, 32, 1);
    }

    /** Loss and metrics by name for a model with several inputs or outputs. */
    public Map<String, Double> evaluateToMap(INDArray[] x, INDArray[] y, int batchSize, int verbose) {
        Trainer t = requireCompiled("evaluate");
        ArrayData data = prepare("evaluate", x, y, null, null);
        return t.exclusively("evaluate", () -> t.evaluate(data, batchSize, verbose, null));
    }

    /** Predictions for all samples, batch size 32, as {@code model.predict(x)}. */
    public INDArray predict(INDArray x) {
        return predict(x, 32);
    }

    /** Predictions for all samples with the given batch size (single-output models). */
    public INDArray predict(INDArray x, int batchSize) {
        return predict(new INDArray[]{x}, batchSize, 0)[0];
    }

    /** Predictions of every output for any number of inputs, as {@code model.predict([x1, x2])}. */
    public List<INDArray> predictAll(INDArray... inputs) {
        return List.of(predict(inputs, 32, 0));
    }

    private INDArray[] predict(INDArray[] x, int batchSize, int verbose) {
        ArrayData data = prepare("predict", x, null, null, null);
        return Trainer.predict(this, data, batchSize, verbose);
    }

    /**
     * Trains on batches from a {@link PyDataset}, as {@code model.fit(py_dataset, epochs=, ...)}: one step per
     * batch ({@code steps} = {@code data.length()} unless {@code stepsPerEpoch} is set), the batch order
     * shuffled per epoch when {@code shuffle}; {@code batchSize}, {@code validationSplit} and
     * {@code sampleWeight} do not apply (a batch carries its own weights); {@code classWeight} does.
     * Only the batches in flight are in memory.
     */
    public History fit(PyDataset data, FitOptions options) {
        Trainer t = requireCompiled("fit");
        if (options.validationSplit > 0 || options.sampleWeight != null) {
            throw new IllegalArgumentException("fit: `validation_split` and `sample_weight` are not supported with a "
                    + "PyDataset; give each batch its sample weights and pass validation data instead");
        }
        if (options.epochs < 0) {
            throw new IllegalArgumentException("fit: `epochs` must be >= 0, got " + options.epochs);
        }
        PyDatasetAdapter train = adapter("fit", data, true, options.classWeight);
        PyDatasetAdapter validation = options.validationDataset == null ? null
                : adapter("fit (validation_data)", options.validationDataset, true, null);
        ArrayData validationArrays = options.validationX == null || validation != null ? null
                : prepare("fit (validation_data)", options.validationX, options.validationY, null, null);
        try {
            BatchSource checked = validation != null ? validation : validationArrays;
            return t.exclusively("fit", () -> t.fit(train, checked, options));
        } finally {
            train.close();
            if (validation != null) {
                validation.close();
            }
        }
    }

    /** Loss then metrics (compile order) over every batch of a {@link PyDataset}, with a progress bar. */
    public double[] evaluate(PyDataset data) {
        return evaluateToMap(data, 1).values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Loss and metrics by name over every batch of a {@link PyDataset}. */
    public Map<String, Double> evaluateToMap(PyDataset data, int verbose) {
        Trainer t = requireCompiled("evaluate");
        PyDatasetAdapter adapter = adapter("evaluate", data, true, null);
        try {
            return t.exclusively("evaluate", () -> t.evaluate(adapter, 0, verbose, null));
        } finally {
            adapter.close();
        }
    }

    /** Predictions of the (first) output for every batch of a {@link PyDataset}, concatenated in batch order. */
    public INDArray predict(PyDataset data) {
        PyDatasetAdapter adapter = adapter("predict", data, false, null);
        if (!isGraphBuilt()) {
            buildFromData(data.get(0).x());
        }
        try {
            return Trainer.predict(this, adapter, 0, 0)[0];
        } finally {
            adapter.close();
        }
    }

    private PyDatasetAdapter adapter(String method, PyDataset data, boolean needsTargets, Map<Integer, Double> classWeight) {
        return new PyDatasetAdapter(data, batch -> {
            if (needsTargets && batch.y() == null) {
                throw new IllegalArgumentException(method + ": the PyDataset " + data.getClass().getName()
                        + " returned a batch without targets `y`");
            }
            return prepare(method, batch.x(), needsTargets ? batch.y() : null, batch.sampleWeight(), classWeight);
        });
    }

    /** One gradient update on one batch; returns loss then metrics, as {@code model.train_on_batch}. */
    public double[] trainOnBatch(INDArray x, INDArray y) {
        Trainer t = requireCompiled("trainOnBatch");
        ArrayData data = prepare("trainOnBatch", new INDArray[]{x}, new INDArray[]{y}, null, null);
        return t.exclusively("trainOnBatch", () -> {
            t.resetMetrics();
            return values(trainStep(new StepData(data.x, data.y, null)));
        });
    }

    /** Loss then metrics on one batch without updating weights, as {@code model.test_on_batch}. */
    public double[] testOnBatch(INDArray x, INDArray y) {
        Trainer t = requireCompiled("testOnBatch");
        ArrayData data = prepare("testOnBatch", new INDArray[]{x}, new INDArray[]{y}, null, null);
        return t.exclusively("testOnBatch", () -> {
            t.resetMetrics();
            return values(testStep(new StepData(data.x, data.y, null)));
        });
    }

    private static double[] values(Map<String, Double> logs) {
        return logs.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Predictions for one batch, as {@code model.predict_on_batch}; safe to call from many threads at once. */
    public INDArray predictOnBatch(INDArray x) {
        ArrayData data = prepare("predictOnBatch", new INDArray[]{x}, null, null, null);
        return predictStep(new StepData(data.x, null, null))[0];
    }

    // ---- steps: override to customise fit, evaluate and predict --------------------------

    /**
     * One training step on one batch, as Keras's {@code train_step(data)}: {@code fit} calls it for every batch and
     * passes the returned logs to the callbacks. The default runs the model, computes the compiled losses, applies the
     * optimizer and updates the metrics. Override it as in "Customizing what happens in fit()":
     * <pre>{@code
     * public Map<String, Double> trainStep(StepData data) {
     *     INDArray yPred, loss;
     *     List<INDArray> grads;
     *     try (GradientTape tape = new GradientTape()) {
     *         yPred = apply(data.x(), true);
     *         loss = computeLoss(data.x(), data.y(), yPred, null);
     *         grads = tape.gradient(loss, trainableWeights());
     *     }
     *     optimizer().applyGradients(grads, trainableWeights());
     *     for (Metric m : metrics()) {
     *         if (m.name().equals("loss")) ((Mean) m).updateState(loss); else m.updateState(data.y(), yPred);
     *     }
     *     return getMetricsResult();
     * }
     * }</pre>
     */
    public Map<String, Double> trainStep(StepData data) {
        return requireCompiled("trainStep").trainStep(data);
    }

    /** One evaluation step, as Keras's {@code test_step(data)}: losses and metrics in inference mode; returns the logs. */
    public Map<String, Double> testStep(StepData data) {
        return requireCompiled("testStep").testStep(data);
    }

    /**
     * One prediction step, as Keras's {@code predict_step(data)}: the outputs for {@code data.xs()} in inference mode.
     * Each call runs with its own execution state, so any number of threads may predict with one model at once.
     */
    public INDArray[] predictStep(StepData data) {
        if (graph == null) {
            return applyAll(false, data.xs());
        }
        Graph.State state = graph.acquireState();
        try {
            INDArray[] out = graph.forward(state, data.xs(), false, false);
            for (int o = 0; o < out.length; o++) {
                out[o] = out[o].dup();
            }
            return out;
        } finally {
            graph.releaseState(state);
        }
    }

    /**
     * The loss of a batch as a scalar recorded on the active tape, as Keras's {@code compute_loss(x, y, y_pred,
     * sample_weight)}: the compiled losses (times their loss weights), the weight penalties and the losses the model's
     * call added ({@link #losses()}).
     */
    public INDArray computeLoss(INDArray x, INDArray y, INDArray yPred, INDArray sampleWeight) {
        return requireCompiled("computeLoss").computeLoss(y == null ? null : new INDArray[]{y}, new INDArray[]{yPred}, sampleWeight);
    }

    /** As {@link #computeLoss(INDArray, INDArray, INDArray, INDArray)} for several inputs and outputs. */
    public INDArray computeLoss(INDArray[] x, INDArray[] y, INDArray[] yPred, INDArray sampleWeight) {
        return requireCompiled("computeLoss").computeLoss(y, yPred, sampleWeight);
    }

    /**
     * The metrics {@code fit} resets each epoch and reports, as Keras's {@code model.metrics}: the loss tracker
     * (named "loss"), then the compiled metrics once the first batch has built them. Override to list your own
     * trackers (Keras's VAE example).
     */
    public List<Metric> metrics() {
        return trainer == null ? List.of() : trainer.metrics();
    }

    /** Updates the compiled metrics and returns the logs, as Keras's {@code compute_metrics(x, y, y_pred, sample_weight)}. */
    public Map<String, Double> computeMetrics(INDArray x, INDArray y, INDArray yPred, INDArray sampleWeight) {
        return requireCompiled("computeMetrics").computeMetrics(new INDArray[]{y}, new INDArray[]{yPred}, sampleWeight);
    }

    /** The current value of each of {@link #metrics()} by name, as Keras's {@code get_metrics_result()}. */
    public Map<String, Double> getMetricsResult() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Metric m : metrics()) {
            out.putAll(m.results());
        }
        return out;
    }

    /**
     * Checks the data against the model before any weight is touched: array counts, sample counts, input
     * shapes (naming the layer that would reject them), target shapes against the losses; casts integer
     * inputs to the input dtype.
     */
    private ArrayData prepare(String method, INDArray[] x, INDArray[] y, INDArray sampleWeight, Map<Integer, Double> classWeight) {
        if (x == null || x.length == 0 || Arrays.stream(x).anyMatch(a -> a == null)) {
            throw new IllegalArgumentException(method + ": input data `x` is missing");
        }
        buildFromData(x);
        if (!isGraphBuilt()) {
            return prepareForCall(method, x, y, sampleWeight, classWeight);
        }
        List<KerasTensor> inputs = inputs();
        if (x.length != inputs.size()) {
            throw new IllegalArgumentException(method + ": model \"" + name() + "\" expects " + inputs.size()
                    + " input array(s), got " + x.length);
        }
        long n = x[0].rank() == 0 ? 1 : x[0].size(0);
        INDArray[] cast = new INDArray[x.length];
        for (int i = 0; i < x.length; i++) {
            cast[i] = checkInput(method, i, inputs.get(i), x[i]);
            if (cast[i].size(0) != n) {
                throw new IllegalArgumentException(method + ": data cardinality is ambiguous: input arrays have "
                        + sizes(x) + " samples; make sure all arrays contain the same number of samples");
            }
        }
        if (y != null) {
            y = y.clone();
            if (y.length != outputs().size()) {
                throw new IllegalArgumentException(method + ": model \"" + name() + "\" has " + outputs().size()
                        + " output(s), got " + y.length + " target array(s)");
            }
            for (int o = 0; o < y.length; o++) {
                if (y[o] == null || y[o].rank() == 0 || y[o].size(0) != n) {
                    throw new IllegalArgumentException(method + ": data cardinality is ambiguous: x has " + n
                            + " samples but y" + (y.length > 1 ? "[" + o + "]" : "") + " has "
                            + (y[o] == null ? "none" : y[o].rank() == 0 ? "a scalar" : y[o].size(0) + " samples")
                            + "; make sure all arrays contain the same number of samples");
                }
                y[o] = expandToOutputRank(y[o], outputs().get(o).shape());
                resolveDeferredLoss(o, y[o]);
                Loss loss = trainer == null ? null : trainer.losses.get(o);
                if (loss != null) {
                    long[] predShape = outputs().get(o).shape();
                    predShape[0] = n;
                    loss.validate(y[o], predShape, "output \"" + outputNames().get(o) + "\"");
                }
            }
        }
        INDArray weights = sampleWeights(method, n, y, sampleWeight, classWeight);
        return new ArrayData(cast, y, weights);
    }

    /**
     * The checks of {@link #prepare} for a subclassed model, which has no symbolic inputs: sample counts agree;
     * floating-point inputs are cast to the model's dtype (integer inputs, such as token ids, stay as they are).
     */
    private ArrayData prepareForCall(String method, INDArray[] x, INDArray[] y, INDArray sampleWeight, Map<Integer, Double> classWeight) {
        long n = x[0].rank() == 0 ? 1 : x[0].size(0);
        INDArray[] cast = new INDArray[x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i].rank() == 0 || x[i].size(0) != n) {
                throw new IllegalArgumentException(method + ": data cardinality is ambiguous: input arrays have " + sizes(x)
                        + " samples; make sure all arrays contain the same number of samples");
            }
            cast[i] = x[i].dataType().isFPType() && x[i].dataType() != dtype() ? x[i].castTo(dtype()) : x[i];
        }
        if (y != null) {
            for (int o = 0; o < y.length; o++) {
                if (y[o] == null || y[o].rank() == 0 || y[o].size(0) != n) {
                    throw new IllegalArgumentException(method + ": data cardinality is ambiguous: x has " + n + " samples but y"
                            + (y.length > 1 ? "[" + o + "]" : "") + " has " + (y[o] == null ? "none" : y[o].rank() == 0 ? "a scalar"
                            : y[o].size(0) + " samples") + "; make sure all arrays contain the same number of samples");
                }
            }
        }
        return new ArrayData(cast, y, sampleWeights(method, n, y, sampleWeight, classWeight));
    }

    /**
     * Targets of shape {@code (N,)} for an output of shape {@code (N, 1)} (and so on for one rank less ending in 1) get
     * the missing axis, as Keras's losses expand a target to the prediction's rank.
     */
    private static INDArray expandToOutputRank(INDArray y, long[] outputShape) {
        if (y.rank() == outputShape.length - 1 && outputShape[outputShape.length - 1] == 1) {
            long[] shape = java.util.Arrays.copyOf(y.shape(), y.rank() + 1);
            shape[y.rank()] = 1;
            return y.reshape(shape);
        }
        return y;
    }

    /**
     * Resolves a "crossentropy"/"ce" loss from the targets, as keras/src/trainers/compile_utils.py
     * {@code get_loss}: binary crossentropy for one output unit, sparse categorical crossentropy for integer
     * labels, else categorical crossentropy.
     */
    private void resolveDeferredLoss(int o, INDArray y) {
        if (trainer == null || deferredLosses == null || deferredLosses[o] == null) {
            return;
        }
        long[] predShape = outputs().get(o).shape();
        predShape[0] = y.size(0);
        boolean[] kind = io.keras4j.metrics.Metrics.binaryOrSparseCategorical(y.shape(), predShape);
        String id = kind[0] ? "binary_crossentropy" : kind[1] ? "sparse_categorical_crossentropy" : "categorical_crossentropy";
        trainer.losses.set(o, Losses.get(id));
        deferredLosses[o] = null;
    }

    private INDArray checkInput(String method, int i, KerasTensor input, INDArray x) {
        long[] expected = input.shape();
        long[] actual = x.shape();
        if (!Shapes.compatible(expected, actual)) {
            String rejection = firstRejection(input, actual);
            if (rejection != null) {
                throw new IllegalArgumentException(method + ": " + rejection);
            }
            throw new IllegalArgumentException(method + ": input " + i + " (\"" + input.node().layer().name() + "\") of model \""
                    + name() + "\" expects shape " + Shapes.format(expected) + ", got an array of shape " + Arrays.toString(actual));
        }
        DataType want = input.dtype();
        return x.dataType() == want ? x : x.castTo(want);
    }

    /**
     * Follows a wrongly shaped input through the graph, as Keras would run it, and returns the message of the
     * first layer that rejects what it would receive (e.g. the Dense after a Flatten), or null.
     */
    private String firstRejection(KerasTensor input, long[] actual) {
        Map<KerasTensor, long[]> shapes = new IdentityHashMap<>();
        shapes.put(input, actual);
        for (Node node : graph().nodes()) {
            List<long[]> in = new ArrayList<>();
            boolean reached = false;
            for (int i = 0; i < node.inputs().size(); i++) {
                long[] shape = shapes.get(node.inputs().get(i));
                reached |= shape != null;
                in.add(shape != null ? shape : node.inputs().get(i).shape());
            }
            if (!reached) {
                continue;
            }
            for (int i = 0; i < in.size(); i++) {
                String msg = node.layer().checkInputShape(i, in.get(i));
                if (msg != null) {
                    return msg;
                }
            }
            try {
                List<long[]> out = node.layer().computeOutputShapes(in);
                for (int o = 0; o < out.size(); o++) {
                    shapes.put(node.outputs().get(o), out.get(o));
                }
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    private static String sizes(INDArray[] arrays) {
        List<Long> sizes = new ArrayList<>();
        for (INDArray a : arrays) {
            sizes.add(a.rank() == 0 ? 0 : a.size(0));
        }
        return sizes.toString();
    }

    private INDArray sampleWeights(String method, long n, INDArray[] y, INDArray sampleWeight, Map<Integer, Double> classWeight) {
        INDArray weights = null;
        if (sampleWeight != null) {
            if (sampleWeight.length() != n) {
                throw new IllegalArgumentException(method + ": `sample_weight` needs one value per sample (" + n
                        + "), got shape " + Arrays.toString(sampleWeight.shape()));
            }
            weights = sampleWeight.reshape(n).castTo(DataType.FLOAT);
        }
        if (classWeight != null && y != null) {
            INDArray labels = y[0].rank() > 1 && y[0].size(-1) > 1 ? y[0].argMax(y[0].rank() - 1) : y[0].reshape(n);
            double[] cls = labels.castTo(DataType.DOUBLE).toDoubleVector();
            float[] w = new float[(int) n];
            for (int i = 0; i < n; i++) {
                w[i] = classWeight.getOrDefault((int) cls[i], 1.0).floatValue();
            }
            INDArray cw = org.nd4j.linalg.factory.Nd4j.createFromArray(w);
            weights = weights == null ? cw : weights.mul(cw);
        }
        return weights;
    }

    // ---- summary, JSON, files ------------------------------------------------------------

    /** Prints Keras's summary table, as {@code model.summary()}. */
    public void summary() {
        System.out.print(summaryString());
    }

    /** Keras's summary table as a string. */
    public String summaryString() {
        return Summary.of(this);
    }

    /** The model's Keras JSON, as {@code model.to_json()} (needs keras4j-io). */
    public String toJson() {
        return ModelIO.get().toJson(this);
    }

    /** Saves the model (".keras" or legacy ".h5"), as {@code model.save(path)} (needs keras4j-io). */
    public void save(Path path) {
        ModelIO.get().save(this, path);
    }

    /** Saves the weights (".weights.h5"), as {@code model.save_weights(path)} (needs keras4j-io). */
    public void saveWeights(Path path) {
        ModelIO.get().saveWeights(this, path);
    }

    /** Loads weights saved by Keras or keras4j, as {@code model.load_weights(path)} (needs keras4j-io). */
    public void loadWeights(Path path) {
        ModelIO.get().loadWeights(this, path);
    }

    /**
     * Loads weights from a legacy {@code .h5} file matching layers by name and/or skipping layers whose weight
     * shapes differ, as {@code model.load_weights(path, by_name=, skip_mismatch=)} (needs keras4j-io).
     */
    public void loadWeights(Path path, boolean byName, boolean skipMismatch) {
        ModelIO.get().loadWeights(this, path, byName, skipMismatch);
    }

    // ---- a model as a layer --------------------------------------------------------------

    @Override
    public List<long[]> computeOutputShapes(List<long[]> inputShapes) {
        if (graph == null) {
            return inferOutputShapes(inputShapes);
        }
        List<long[]> out = new ArrayList<>();
        for (KerasTensor t : outputs()) {
            out.add(t.shape());
        }
        return out;
    }

    @Override
    protected int outputCount() {
        return graph == null ? Math.max(1, eagerOutputs) : outputs().size();
    }

    /** A model of a graph has its weights from its layers; a subclassed model builds as a layer does. */
    @Override
    protected void build(List<long[]> inputShapes) {
        if (graph == null) {
            super.build(inputShapes);
        }
    }

    /** Runs the graph (a model of a graph), or the subclass's {@code call}. */
    @Override
    public INDArray[] call(INDArray[] inputs, CallContext ctx) {
        if (graph == null) {
            INDArray[] out = super.call(inputs, ctx);
            eagerOutputs = out.length;
            return out;
        }
        return graph.forward(ctx.nestedState(graph), inputs, ctx.training(), true, true);
    }

    @Override
    public INDArray[] backward(INDArray[] outputGradients, CallContext ctx) {
        if (graph == null) {
            return super.backward(outputGradients, ctx);
        }
        return graph.backward(ctx.nestedState(graph), outputGradients);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("trainable", trainable());
        return config;
    }
}
