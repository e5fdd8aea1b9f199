package io.keras4j.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every metric against values printed by real Keras 3.15 (src/test/python/metrics_golden.py, same inputs),
 * with sample weights, several batches and reset.
 */
class MetricsTest {
    static final INDArray YB = Nd4j.createFromArray(new float[][]{{1}, {0}, {1}, {1}, {0}, {0}});
    static final INDArray PB = Nd4j.createFromArray(new float[][]{{0.9f}, {0.6f}, {0.4f}, {0.55f}, {0.1f}, {0.5f}});
    static final INDArray YC = Nd4j.createFromArray(new float[][]{{0, 0, 1}, {0, 1, 0}, {1, 0, 0}, {0, 1, 0}});
    static final INDArray PC = Nd4j.createFromArray(new float[][]{{0.1f, 0.2f, 0.7f}, {0.5f, 0.3f, 0.2f}, {0.4f, 0.4f, 0.2f}, {0.2f, 0.5f, 0.3f}});
    static final INDArray YS = Nd4j.createFromArray(2f, 1f, 0f, 1f);
    static final INDArray YR = Nd4j.createFromArray(new float[][]{{1, 2}, {3, -1}, {0.5f, 0}});
    static final INDArray PR = Nd4j.createFromArray(new float[][]{{1.5f, 1}, {2, -2}, {0, 0.5f}});
    static final INDArray W4 = Nd4j.createFromArray(1f, 0.5f, 2f, 0f);
    static final INDArray W6 = Nd4j.createFromArray(1f, 2f, 1f, 0.5f, 1f, 3f);
    static final INDArray W3 = Nd4j.createFromArray(2f, 1f, 0.5f);

    private static INDArray rows(INDArray a, int from, int to) {
        return a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).dup();
    }

    /** A batch: targets, predictions, weights (or null). */
    private static INDArray[] b(INDArray y, INDArray p, INDArray w) {
        return new INDArray[]{y, p, w};
    }

    private static Arguments c(String name, Supplier<Metric> metric, double[] expected, INDArray[]... batches) {
        return Arguments.of(name, metric, expected, batches);
    }

    static Stream<Arguments> cases() {
        INDArray argmaxPc = PC.argMax(1).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        return Stream.of(
                c("binary_accuracy", BinaryAccuracy::new, new double[]{0.6666666865348816}, b(YB, PB, null)),
                c("binary_accuracy_w", () -> new BinaryAccuracy().threshold(0.3), new double[]{0.4117647111415863}, b(YB, PB, W6)),
                c("categorical_accuracy_w", CategoricalAccuracy::new, new double[]{0.8571428656578064}, b(YC, PC, W4)),
                c("sparse_categorical_accuracy", SparseCategoricalAccuracy::new, new double[]{0.75}, b(YS, PC, null)),
                c("top2", () -> new TopKCategoricalAccuracy(2), new double[]{1.0}, b(YC, PC, null)),
                c("sparse_top1_w", () -> new SparseTopKCategoricalAccuracy(1), new double[]{0.8571428656578064}, b(YS, PC, W4)),
                c("mse_w", MeanSquaredError::new, new double[]{0.6785714030265808}, b(YR, PR, W3)),
                c("mae", MeanAbsoluteError::new, new double[]{0.75}, b(YR, PR, null)),
                c("mape", MeanAbsolutePercentageError::new, new double[]{83333384.0}, b(YR, PR, null)),
                c("rmse_two_batches", RootMeanSquaredError::new, new double[]{0.8366600275039673},
                        b(rows(YR, 0, 2), rows(PR, 0, 2), null), b(rows(YR, 2, 3), rows(PR, 2, 3), rows(W3, 2, 3))),
                c("precision", Precision::new, new double[]{0.6666666865348816}, b(YB, PB, null)),
                c("precision_w", () -> new Precision(0.3, 0.5, 0.7), new double[]{0.3333333432674408, 0.4285714328289032, 1.0}, b(YB, PB, W6)),
                c("recall", Recall::new, new double[]{0.6666666865348816}, b(YB, PB, null)),
                c("precision_top1", () -> new Precision().topK(1), new double[]{0.75}, b(YC, PC, null)),
                c("recall_class1", () -> new Recall().classId(1), new double[]{0.0}, b(YC, PC, null)),
                c("tp", TruePositives::new, new double[]{2.0}, b(YB, PB, null)),
                c("fp_w", FalsePositives::new, new double[]{2.0}, b(YB, PB, W6)),
                c("tn", () -> new TrueNegatives(0.2, 0.5), new double[]{1.0, 2.0}, b(YB, PB, null)),
                c("fn", FalseNegatives::new, new double[]{1.0}, b(YB, PB, null)),
                c("auc_roc", AUC::new, new double[]{0.6666666865348816}, b(YB, PB, null)),
                c("auc_roc_w_two_batches", AUC::new, new double[]{0.6000000238418579},
                        b(rows(YB, 0, 3), rows(PB, 0, 3), rows(W6, 0, 3)), b(rows(YB, 3, 6), rows(PB, 3, 6), rows(W6, 3, 6))),
                c("auc_pr", () -> new AUC().curve("PR"), new double[]{0.7160825729370117}, b(YB, PB, null)),
                c("auc_pr_minoring", () -> new AUC().curve("PR").summationMethod("minoring"), new double[]{0.3333333134651184}, b(YB, PB, null)),
                c("auc_roc_majoring_t", () -> new AUC(0.3, 0.5, 0.7).summationMethod("majoring"), new double[]{0.8888888359069824}, b(YB, PB, null)),
                c("auc_roc_10", () -> new AUC(10), new double[]{0.6111111044883728}, b(YB, PB, null)),
                c("f1_none", F1Score::new, new double[]{0.666666567325592, 0.4999999403953552, 0.9999998211860657}, b(YC, PC, null)),
                c("f1_macro_t", () -> new F1Score("macro", 0.3), new double[]{0.722222089767456}, b(YC, PC, null)),
                c("f1_micro", () -> new F1Score("micro", null), new double[]{0.6666666269302368}, b(YC, PC, null)),
                c("f1_weighted_w", () -> new F1Score("weighted", 0.3), new double[]{0.79365074634552}, b(YC, PC, W4)),
                c("fbeta2_macro", () -> new FBetaScore("macro", 2.0, 0.3), new double[]{0.7777776718139648}, b(YC, PC, null)),
                c("r2", R2Score::new, new double[]{0.5446428060531616}, b(YR, PR, null)),
                c("r2_w_vw", () -> new R2Score("variance_weighted_average", 0), new double[]{0.5092251300811768}, b(YR, PR, W3)),
                c("r2_raw", () -> new R2Score(null, 0), new double[]{0.5714285373687744, 0.5178571343421936}, b(YR, PR, null)),
                c("iou", () -> new IoU(3, 0, 2), new double[]{0.7499999403953552}, b(YS, argmaxPc, null)),
                c("mean_iou_w", () -> new MeanIoU(3), new double[]{0.9999999403953552}, b(YS, argmaxPc, W4)),
                c("mean_iou_dense", () -> new MeanIoU(3).sparseYTrue(false).sparseYPred(false), new double[]{0.6666666269302368}, b(YC, PC, null)),
                c("bce_metric", BinaryCrossentropy::new, new double[]{0.5557144284248352}, b(YB, PB, null)),
                c("cce_metric_w", CategoricalCrossentropy::new, new double[]{0.7974979281425476}, b(YC, PC, W4)),
                c("scce_metric", SparseCategoricalCrossentropy::new, new double[]{0.7925214171409607}, b(YS, PC, null)),
                c("mean_w", Mean::new, new double[]{2.0}, b(Nd4j.createFromArray(1f, 3f, 5f, 7f), null, Nd4j.createFromArray(1f, 1f, 0f, 0f))),
                c("sum_w", Sum::new, new double[]{4.0}, b(Nd4j.createFromArray(1f, 3f, 5f, 7f), null, Nd4j.createFromArray(1f, 1f, 0f, 0f))),
                c("mean_rank2", Mean::new, new double[]{1.1785714626312256}, b(YR, null, W3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(String name, Supplier<Metric> factory, double[] expected, INDArray[][] batches) {
        Metric m = factory.get();
        for (INDArray[] batch : batches) {
            m.updateState(batch[0], batch[1], batch[2]);
        }
        assertArrayEquals(expected, m.resultValues(), 1e-5 * Math.max(1, Math.abs(expected[0])), name);
        m.resetState();
        for (INDArray[] batch : batches) {
            m.updateState(batch[0], batch[1], batch[2]);
        }
        assertArrayEquals(expected, m.resultValues(), 1e-5 * Math.max(1, Math.abs(expected[0])), name + " after reset");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resetClearsState(String name, Supplier<Metric> factory, double[] expected, INDArray[][] batches) {
        Metric m = factory.get();
        for (INDArray[] batch : batches) {
            m.updateState(batch[0], batch[1], batch[2]);
        }
        m.resetState();
        double[] empty = m.resultValues();
        for (double v : empty) {
            assertEquals(name.startsWith("r2") ? 0.0 : 0.0, v, 0.0, name + " after reset: " + java.util.Arrays.toString(empty));
        }
    }

    @Test
    void accumulatesOverBatchesAsOneBatch() {
        Metric split = new AUC().curve("PR");
        split.updateState(rows(YB, 0, 2), rows(PB, 0, 2), null);
        split.updateState(rows(YB, 2, 6), rows(PB, 2, 6), null);
        Metric whole = new AUC().curve("PR");
        whole.updateState(YB, PB, null);
        assertEquals(whole.result(), split.result(), 1e-12);
    }

    @Test
    void vectorResultsRefuseScalarResult() {
        Metric f1 = new F1Score();
        f1.updateState(YC, PC, null);
        assertThrows(IllegalStateException.class, f1::result);
        Metric tn = new TrueNegatives(0.2, 0.5);
        tn.updateState(YB, PB, null);
        assertThrows(IllegalStateException.class, tn::result);
    }

    @Test
    void registryResolvesKerasNamesAndConfigs() {
        assertEquals(MeanSquaredError.class, Metrics.get("mse").getClass());
        assertEquals(MeanAbsolutePercentageError.class, Metrics.get("MAPE").getClass());
        assertEquals(AUC.class, Metrics.get("auc").getClass());
        assertEquals("mean_io_u", Metrics.get("MeanIoU", Map.of("num_classes", 3)).name());
        Metric p = Metrics.get("Precision", Map.of("thresholds", List.of(0.3, 0.5, 0.7)));
        p.updateState(YB, PB, W6);
        assertArrayEquals(new double[]{0.3333333432674408, 0.4285714328289032, 1.0}, p.resultValues(), 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("no_such_metric"));
        assertEquals(true, e.getMessage().contains("root_mean_squared_error"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.get("IoU"));
    }

    @Test
    void compileNamesMetricsByTheIdentifierGiven() {
        assertEquals("mse", Metrics.forCompile("mse", new long[]{4, 1}, new long[]{4, 1}).name());
        assertEquals(BinaryAccuracy.class, Metrics.forCompile("acc", new long[]{4, 1}, new long[]{4, 1}).getClass());
        assertEquals(SparseCategoricalAccuracy.class, Metrics.forCompile("accuracy", new long[]{4}, new long[]{4, 3}).getClass());
        assertEquals(SparseCategoricalAccuracy.class, Metrics.forCompile("accuracy", new long[]{4, 1}, new long[]{4, 3}).getClass());
        Metric cat = Metrics.forCompile("accuracy", new long[]{4, 3}, new long[]{4, 3});
        assertEquals(CategoricalAccuracy.class, cat.getClass());
        assertEquals("accuracy", cat.name());
    }

    @Test
    void badArgumentsNameTheMetric() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Precision(1.5));
        assertEquals(true, e.getMessage().contains("precision"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AUC(1));
        assertThrows(IllegalArgumentException.class, () -> new AUC().curve("XY"));
        assertThrows(IllegalArgumentException.class, () -> new F1Score("median", null));
        assertThrows(IllegalArgumentException.class, () -> new IoU(3, 5));
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().updateState(YR, PB, null));
    }
}
