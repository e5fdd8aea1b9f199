package io.keras4j.metrics;

import io.keras4j.engine.Registry;
import io.keras4j.losses.Losses;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Metrics by Keras identifier, as keras/src/metrics/__init__.py {@code get}: class names ("AUC"), their
 * snake_case forms ("auc", "mean_io_u") and the short aliases ("mse", "mae", "mape", "msle", "bce"),
 * each with an optional config map of Keras keys. The {@code compile}-time resolution of "accuracy"/"acc"
 * from the shapes of targets and predictions is {@link #forCompile}.
 */
public final class Metrics {
    private static final Registry<Metric> REGISTRY = new Registry<Metric>("metric")
            .register(c -> new Mean(), "Mean", "mean")
            .register(c -> new Sum(), "Sum", "sum")
            .register(c -> new Accuracy(), "Accuracy", "accuracy")
            .register(c -> new BinaryAccuracy().threshold(num(c, "threshold", 0.5)), "BinaryAccuracy", "binary_accuracy")
            .register(c -> new CategoricalAccuracy(), "CategoricalAccuracy", "categorical_accuracy")
            .register(c -> new SparseCategoricalAccuracy(), "SparseCategoricalAccuracy", "sparse_categorical_accuracy")
            .register(c -> new TopKCategoricalAccuracy((int) num(c, "k", 5)), "TopKCategoricalAccuracy", "top_k_categorical_accuracy")
            .register(c -> new SparseTopKCategoricalAccuracy((int) num(c, "k", 5)),
                    "SparseTopKCategoricalAccuracy", "sparse_top_k_categorical_accuracy")
            .register(c -> new MeanSquaredError(), "MeanSquaredError", "mean_squared_error", "mse", "MSE")
            .register(c -> new MeanAbsoluteError(), "MeanAbsoluteError", "mean_absolute_error", "mae", "MAE")
            .register(c -> new MeanAbsolutePercentageError(),
                    "MeanAbsolutePercentageError", "mean_absolute_percentage_error", "mape", "MAPE")
            .register(c -> new RootMeanSquaredError(), "RootMeanSquaredError", "root_mean_squared_error")
            .register(c -> new BinaryCrossentropy(bool(c, "from_logits"), num(c, "label_smoothing", 0)),
                    "BinaryCrossentropy", "binary_crossentropy", "bce", "BCE")
            .register(c -> new CategoricalCrossentropy(bool(c, "from_logits"), num(c, "label_smoothing", 0)),
                    "CategoricalCrossentropy", "categorical_crossentropy")
            .register(c -> new SparseCategoricalCrossentropy(bool(c, "from_logits")),
                    "SparseCategoricalCrossentropy", "sparse_categorical_crossentropy")
            .register(c -> new TruePositives(thresholds(c)), "TruePositives", "true_positives")
            .register(c -> new FalsePositives(thresholds(c)), "FalsePositives", "false_positives")
            .register(c -> new TrueNegatives(thresholds(c)), "TrueNegatives", "true_negatives")
            .register(c -> new FalseNegatives(thresholds(c)), "FalseNegatives", "false_negatives")
            .register(Metrics::precision, "Precision", "precision")
            .register(Metrics::recall, "Recall", "recall")
            .register(Metrics::auc, "AUC", "auc")
            .register(c -> new FBetaScore((String) c.get("average"), num(c, "beta", 1), optNum(c, "threshold")),
                    "FBetaScore", "f_beta_score")
            .register(c -> new F1Score((String) c.get("average"), optNum(c, "threshold")), "F1Score", "f1_score")
            .register(c -> new R2Score((String) c.getOrDefault("class_aggregation", "uniform_average"),
                    (int) num(c, "num_regressors", 0)), "R2Score", "r2_score")
            .register(c -> iou(c, new IoU(numClasses(c), ints(c.get("target_class_ids")))), "IoU", "io_u")
            .register(c -> iou(c, new MeanIoU(numClasses(c))), "MeanIoU", "mean_io_u")
            .register(lossMetric("mean_squared_logarithmic_error", "mean_squared_logarithmic_error", 1),
                    "MeanSquaredLogarithmicError", "mean_squared_logarithmic_error", "msle", "MSLE")
            .register(lossMetric("hinge", "hinge", 1), "Hinge", "hinge")
            .register(lossMetric("squared_hinge", "squared_hinge", 1), "SquaredHinge", "squared_hinge")
            .register(lossMetric("categorical_hinge", "categorical_hinge", 1), "CategoricalHinge", "categorical_hinge")
            .register(lossMetric("kl_divergence", "kl_divergence", 1), "KLDivergence", "kl_divergence")
            .register(lossMetric("poisson", "poisson", 1), "Poisson", "poisson")
            .register(lossMetric("logcosh", "log_cosh", 1), "LogCoshError", "log_cosh_error")
            .register(lossMetric("cosine_similarity", "cosine_similarity", -1), "CosineSimilarity", "cosine_similarity");

    private Metrics() {
    }

    /** A new metric for a Keras identifier ("categorical_accuracy", "AUC", "mse"). */
    public static Metric get(String identifier) {
        return REGISTRY.get(identifier);
    }

    /** A new metric for a Keras class name or identifier and its config ({@code {"num_classes": 3}}). */
    public static Metric get(String identifier, Map<String, Object> config) {
        return REGISTRY.get(identifier, config);
    }

    /** The identifiers that {@link #get} accepts (plus "acc" in {@code compile}). */
    public static Set<String> names() {
        return REGISTRY.names();
    }

    /**
     * The metric for an identifier given to {@code compile}, as keras/src/trainers/compile_utils.py
     * {@code get_metric}: "accuracy" and "acc" become {@link BinaryAccuracy} when predictions have a last
     * axis of 1, {@link SparseCategoricalAccuracy} when targets have a lower rank (or a last axis of 1
     * against several classes), else {@link CategoricalAccuracy}; any other identifier goes through
     * {@link #get}. The metric is named by the identifier given ("acc", "mse").
     *
     * @param yTrueShape the shape of a batch of targets
     * @param yPredShape the shape of a batch of predictions
     */
    public static Metric forCompile(Object identifier, long[] yTrueShape, long[] yPredShape) {
        if (identifier instanceof Metric metric) {
            return metric;
        }
        if (identifier instanceof java.util.function.BiFunction<?, ?, ?> fn) {
            @SuppressWarnings("unchecked")
            java.util.function.BiFunction<INDArray, INDArray, INDArray> f = (java.util.function.BiFunction<INDArray, INDArray, INDArray>) fn;
            return new MeanMetricWrapper("custom_metric", f);
        }
        if (!(identifier instanceof String)) {
            throw new IllegalArgumentException("compile: each metric must be a String identifier, a Metric or a function "
                    + "(yTrue, yPred) -> values, got " + identifier);
        }
        return forCompile((String) identifier, yTrueShape, yPredShape);
    }

    /** As {@link #forCompile(Object, long[], long[])} for an identifier string. */
    public static Metric forCompile(String identifier, long[] yTrueShape, long[] yPredShape) {
        String id = identifier.toLowerCase();
        if (!id.equals("accuracy") && !id.equals("acc")) {
            return get(identifier).name(identifier);
        }
        boolean[] kind = binaryOrSparseCategorical(yTrueShape, yPredShape);
        if (kind[0]) {
            return new BinaryAccuracy(identifier, 0.5);
        }
        if (kind[1]) {
            return new SparseCategoricalAccuracy(identifier);
        }
        return new CategoricalAccuracy(identifier);
    }

    /**
     * {@code {is_binary, is_sparse_categorical}} from the target and prediction shapes, as
     * keras/src/trainers/compile_utils.py {@code is_binary_or_sparse_categorical}.
     */
    public static boolean[] binaryOrSparseCategorical(long[] yTrueShape, long[] yPredShape) {
        long pLast = yPredShape.length == 0 ? 1 : yPredShape[yPredShape.length - 1];
        long tLast = yTrueShape.length == 0 ? 1 : yTrueShape[yTrueShape.length - 1];
        boolean binary = pLast == 1;
        boolean sparse = yTrueShape.length < yPredShape.length || (tLast == 1 && pLast > 1);
        return new boolean[]{binary, sparse};
    }

    /**
     * Whether a metric improves "up" or "down", as the {@code _direction} Keras metrics carry (used by
     * callbacks in mode "auto"); null for unknown names and for Mean/Sum.
     */
    public static String direction(String identifier) {
        String id = identifier.toLowerCase();
        if (id.equals("acc") || id.equals("accuracy")) {
            return "up";
        }
        if (!REGISTRY.contains(identifier)) {
            return null;
        }
        Metric m;
        try {
            m = get(identifier);
        } catch (RuntimeException e) {
            return null;
        }
        if (m instanceof Mean || m instanceof Sum || m instanceof IoU) {
            return m instanceof IoU ? "up" : null;
        }
        if (m instanceof FalsePositives || m instanceof FalseNegatives || m instanceof RootMeanSquaredError) {
            return "down";
        }
        boolean up = m instanceof Accuracy || m instanceof BinaryAccuracy || m instanceof CategoricalAccuracy
                || m instanceof SparseCategoricalAccuracy || m instanceof TopKCategoricalAccuracy
                || m instanceof SparseTopKCategoricalAccuracy || m instanceof ConfusionMetric || m instanceof AUC
                || m instanceof FBetaScore || m instanceof R2Score || identifier.equalsIgnoreCase("cosine_similarity");
        return up ? "up" : "down";
    }

    private static double num(Map<String, Object> c, String key, double dflt) {
        Object v = c.get(key);
        return v == null ? dflt : ((Number) v).doubleValue();
    }

    private static Double optNum(Map<String, Object> c, String key) {
        Object v = c.get(key);
        return v == null ? null : ((Number) v).doubleValue();
    }

    private static boolean bool(Map<String, Object> c, String key) {
        return Boolean.TRUE.equals(c.get(key));
    }

    private static double[] thresholds(Map<String, Object> c) {
        Object v = c.get("thresholds");
        if (v == null) {
            return null;
        }
        if (v instanceof Number) {
            return new double[]{((Number) v).doubleValue()};
        }
        return ((List<?>) v).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }

    private static int[] ints(Object v) {
        if (!(v instanceof List)) {
            throw new IllegalArgumentException("Metric IoU needs `target_class_ids` (a list of class ids) in its config, got " + v);
        }
        return ((List<?>) v).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
    }

    private static int numClasses(Map<String, Object> c) {
        Object v = c.get("num_classes");
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("Metrics IoU and MeanIoU need `num_classes` in their config, got " + v);
        }
        return ((Number) v).intValue();
    }

    private static Metric iou(Map<String, Object> c, IoU m) {
        if (c.get("ignore_class") != null) {
            m.ignoreClass(((Number) c.get("ignore_class")).intValue());
        }
        m.sparseYTrue(!Boolean.FALSE.equals(c.get("sparse_y_true")));
        m.sparseYPred(!Boolean.FALSE.equals(c.get("sparse_y_pred")));
        m.axis((int) num(c, "axis", -1));
        return m;
    }

    private static Metric precision(Map<String, Object> c) {
        Precision p = new Precision(thresholds(c));
        if (c.get("top_k") != null) {
            p.topK(((Number) c.get("top_k")).intValue());
        }
        if (c.get("class_id") != null) {
            p.classId(((Number) c.get("class_id")).intValue());
        }
        return p;
    }

    private static Metric recall(Map<String, Object> c) {
        Recall r = new Recall(thresholds(c));
        if (c.get("top_k") != null) {
            r.topK(((Number) c.get("top_k")).intValue());
        }
        if (c.get("class_id") != null) {
            r.classId(((Number) c.get("class_id")).intValue());
        }
        return r;
    }

    private static Metric auc(Map<String, Object> c) {
        double[] t = thresholds(c);
        AUC auc = t != null ? new AUC(t) : new AUC((int) num(c, "num_thresholds", 200));
        return auc.curve((String) c.getOrDefault("curve", "ROC"))
                .summationMethod((String) c.getOrDefault("summation_method", "interpolation"))
                .fromLogits(bool(c, "from_logits"));
    }

    /**
     * A metric averaging a loss function's per-sample values (times {@code sign}), as Keras's metric classes
     * that wrap {@code keras.losses} functions (e.g. {@code Hinge}); the loss comes from {@link Losses}.
     */
    private static Function<Map<String, Object>, Metric> lossMetric(String name, String lossName, int sign) {
        return c -> {
            io.keras4j.losses.Loss loss = Losses.get(lossName);
            return new MeanMetricWrapper(name, (INDArray t, INDArray p) -> sign == 1 ? loss.call(t, p) : loss.call(t, p).neg());
        };
    }
}
