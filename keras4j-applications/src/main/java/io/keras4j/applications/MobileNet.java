package io.keras4j.applications;

import io.keras4j.engine.KerasTensor;
import io.keras4j.layers.Activation;
import io.keras4j.layers.BatchNormalization;
import io.keras4j.layers.Conv2D;
import io.keras4j.layers.DepthwiseConv2D;
import io.keras4j.layers.Dropout;
import io.keras4j.layers.GlobalAveragePooling2D;
import io.keras4j.layers.ReLU;
import io.keras4j.layers.Reshape;
import io.keras4j.layers.ZeroPadding2D;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Locale;

/**
 * MobileNet (Howard et al., 2017), as keras/src/applications/mobilenet.py: a 3x3 stride-2 convolution, then 13
 * depthwise separable blocks (3x3 depthwise and 1x1 pointwise convolutions, each with batch normalization and ReLU6),
 * and a classifier made of a 1x1 convolution over the pooled features. Default input 224x224x3 (128, 160, 192 or 224
 * square images keep their size as the weights' size), minimum 32x32.
 *
 * <pre>{@code
 * Model model = new MobileNet().alpha(0.5).inputShape(128, 128, 3).build();   // ImageNet weights
 * }</pre>
 */
public class MobileNet extends Application<MobileNet> {
    private static final String BASE_URL = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet/";
    /** Pointwise filters and stride of blocks 1 to 13. */
    private static final int[][] BLOCKS = {
        {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1},
        {1024, 2}, {1024, 1},
    };

    private double alpha = 1.0;
    private int depthMultiplier = 1;
    private double dropout = 1e-3;

    /** Width multiplier of every layer's filters (default 1.0; 0.25, 0.5, 0.75 and 1.0 have ImageNet weights). */
    public MobileNet alpha(double alpha) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha must be positive, got " + alpha);
        }
        this.alpha = alpha;
        return this;
    }

    /** Depth multiplier of the depthwise convolutions (default 1, the only value with ImageNet weights). */
    public MobileNet depthMultiplier(int depthMultiplier) {
        if (depthMultiplier < 1) {
            throw new IllegalArgumentException("depthMultiplier must be at least 1, got " + depthMultiplier);
        }
        this.depthMultiplier = depthMultiplier;
        return this;
    }

    /** Dropout rate before the classifier (default 0.001). */
    public MobileNet dropout(double dropout) {
        this.dropout = dropout;
        return this;
    }

    /** Scales pixels from [0, 255] to [-1, 1] (Keras's "tf" mode). */
    public static INDArray preprocessInput(INDArray x) {
        return ImagenetUtils.preprocessInput(x, "tf");
    }

    private static boolean isWeightSize(long rows) {
        return rows == 128 || rows == 160 || rows == 192 || rows == 224;
    }

    /** From {@code inputShape} only: unlike MobileNetV2, Keras's MobileNet ignores the size of an {@code inputTensor} here. */
    @Override
    int defaultSize(long[] given) {
        return inputShape != null && inputShape[0] == inputShape[1] && isWeightSize(inputShape[0]) ? (int) inputShape[0] : 224;
    }

    @Override
    KerasTensor body(KerasTensor input, long[] shape, boolean imagenet) {
        if (imagenet && depthMultiplier != 1) {
            throw new IllegalArgumentException("If imagenet weights are being loaded, depth multiplier must be 1.  Received depthMultiplier="
                    + depthMultiplier);
        }
        if (imagenet && alpha != 0.25 && alpha != 0.5 && alpha != 0.75 && alpha != 1.0) {
            throw new IllegalArgumentException("If imagenet weights are being loaded, alpha can be one of `0.25`, `0.50`, `0.75` or `1.0` only.  "
                    + "Received alpha=" + alpha);
        }
        KerasTensor x = new Conv2D((int) (32 * alpha), 3, 3).padding("same").useBias(false).strides(2, 2).name("conv1").apply(input);
        x = new BatchNormalization().axis(-1).name("conv1_bn").apply(x);
        x = new ReLU().maxValue(6.0).name("conv1_relu").apply(x);
        for (int id = 1; id <= BLOCKS.length; id++) {
            x = depthwiseBlock(x, BLOCKS[id - 1][0], BLOCKS[id - 1][1], id);
        }
        if (!includeTop) {
            return top(x, null, null);
        }
        x = new GlobalAveragePooling2D().keepdims(true).apply(x);
        x = new Dropout(dropout).name("dropout").apply(x);
        x = new Conv2D(classes, 1, 1).padding("same").name("conv_preds").apply(x);
        x = new Reshape(classes).name("reshape_2").apply(x);
        return new Activation(classifierActivation).name("predictions").apply(x);
    }

    private KerasTensor depthwiseBlock(KerasTensor x, int pointwiseFilters, int stride, int id) {
        if (stride != 1) {
            x = new ZeroPadding2D(List.of(List.of(0, 1), List.of(0, 1))).name("conv_pad_" + id).apply(x);
        }
        x = new DepthwiseConv2D(3, 3).padding(stride == 1 ? "same" : "valid").depthMultiplier(depthMultiplier)
                .strides(stride, stride).useBias(false).name("conv_dw_" + id).apply(x);
        x = new BatchNormalization().axis(-1).name("conv_dw_" + id + "_bn").apply(x);
        x = new ReLU().maxValue(6.0).name("conv_dw_" + id + "_relu").apply(x);
        x = new Conv2D((int) (pointwiseFilters * alpha), 1, 1).padding("same").useBias(false).strides(1, 1)
                .name("conv_pw_" + id).apply(x);
        x = new BatchNormalization().axis(-1).name("conv_pw_" + id + "_bn").apply(x);
        return new ReLU().maxValue(6.0).name("conv_pw_" + id + "_relu").apply(x);
    }

    private long weightRows(long[] shape) {
        return shape[0] == shape[1] && isWeightSize(shape[0]) ? shape[0] : 224;
    }

    @Override
    String defaultName(long[] shape, boolean imagenet) {
        long rows = imagenet ? weightRows(shape) : shape[0];
        return String.format(Locale.ROOT, "mobilenet_%.2f_%s", alpha, rows < 0 ? "None" : Long.toString(rows));
    }

    @Override
    WeightFiles.Remote imagenetWeights(long[] shape) {
        String alphaText = alpha == 1.0 ? "1_0" : alpha == 0.75 ? "7_5" : alpha == 0.5 ? "5_0" : "2_5";
        String file = "mobilenet_" + alphaText + "_" + weightRows(shape) + "_tf" + (includeTop ? "" : "_no_top") + ".h5";
        return WeightFiles.Remote.of(BASE_URL, file, null);
    }
}
