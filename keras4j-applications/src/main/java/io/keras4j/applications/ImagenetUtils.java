package io.keras4j.applications;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * ImageNet input preprocessing and prediction decoding, as keras/src/applications/imagenet_utils.py.
 *
 * <pre>{@code
 * INDArray x = ImagenetUtils.preprocessInput(images, "torch");       // images (batch, rows, cols, 3) in [0, 255]
 * List<List<ImagenetUtils.Prediction>> top5 = ImagenetUtils.decodePredictions(model.predict(x), 5);
 * }</pre>
 */
public final class ImagenetUtils {
    /** Keras's class index file (1000 entries {@code "i": [wordnet id, name]}). */
    static final WeightFiles.Remote CLASS_INDEX = WeightFiles.Remote.of(
            "https://storage.googleapis.com/download.tensorflow.org/data/", "imagenet_class_index.json",
            "c2c37ea517e94d9795004a39431a14cb");
    private static final double[] CAFFE_MEAN_BGR = {103.939, 116.779, 123.68};
    private static final double[] TORCH_MEAN = {0.485, 0.456, 0.406};
    private static final double[] TORCH_STD = {0.229, 0.224, 0.225};

    private static volatile List<String[]> classIndex;

    private ImagenetUtils() {
    }

    /** One decoded class: WordNet id, class name, score. */
    public record Prediction(String classId, String description, double score) {
    }

    /**
     * Preprocesses a batch of channels_last images with values in [0, 255] into a new float32 array, by {@code mode}:
     * <ul>
     *   <li>{@code "caffe"}: RGB to BGR, then minus the ImageNet channel means {@code [103.939, 116.779, 123.68]} (BGR);</li>
     *   <li>{@code "tf"}: {@code x / 127.5 - 1}, to [-1, 1];</li>
     *   <li>{@code "torch"}: {@code (x / 255 - [0.485, 0.456, 0.406]) / [0.229, 0.224, 0.225]} per channel.</li>
     * </ul>
     *
     * @param x    images {@code (..., 3)}
     * @param mode "caffe", "tf" or "torch"
     */
    public static INDArray preprocessInput(INDArray x, String mode) {
        if (!"caffe".equals(mode) && !"tf".equals(mode) && !"torch".equals(mode)) {
            throw new IllegalArgumentException("preprocessInput: mode must be \"caffe\", \"tf\" or \"torch\", got " + (mode == null ? "null" : "\"" + mode + "\""));
        }
        if (x.rank() < 1 || x.size(-1) != 3) {
            throw new IllegalArgumentException("preprocessInput: expected channels_last images with 3 channels (shape (..., 3)), got shape "
                    + Arrays.toString(x.shape()));
        }
        INDArray out = x.castTo(DataType.FLOAT).dup();
        if (mode.equals("tf")) {
            return out.divi(127.5).subi(1.0);
        }
        INDArray flat = out.reshape(-1, 3);
        if (mode.equals("torch")) {
            flat.divi(255.0);
            flat.subiRowVector(Nd4j.createFromArray(TORCH_MEAN).castTo(DataType.FLOAT));
            flat.diviRowVector(Nd4j.createFromArray(TORCH_STD).castTo(DataType.FLOAT));
            return out;
        }
        INDArray bgr = Nd4j.hstack(flat.getColumn(2, true), flat.getColumn(1, true), flat.getColumn(0, true));
        bgr.subiRowVector(Nd4j.createFromArray(CAFFE_MEAN_BGR).castTo(DataType.FLOAT));
        return bgr.reshape(x.shape());
    }

    /** The identity, for the families whose models rescale inside (EfficientNet, ConvNeXt): a float32 copy. */
    static INDArray passThrough(INDArray x) {
        return x.castTo(DataType.FLOAT).dup();
    }

    /**
     * The {@code top} most likely classes of each row of {@code preds} {@code (samples, 1000)}, best first, as Keras's
     * {@code decode_predictions}. The class index file {@code imagenet_class_index.json} is found as weights are
     * ({@link WeightFiles}) and checked against Keras's MD5.
     */
    public static List<List<Prediction>> decodePredictions(INDArray preds, int top) {
        checkPredictions(preds);
        List<String[]> index = classIndex;
        if (index == null) {
            index = readClassIndex(WeightFiles.fromSystem().resolve(CLASS_INDEX, null));
            classIndex = index;
        }
        return decode(preds, top, index);
    }

    /** As {@link #decodePredictions(INDArray, int)} with the class index read from the given file. */
    public static List<List<Prediction>> decodePredictions(INDArray preds, int top, Path classIndexFile) {
        checkPredictions(preds);
        return decode(preds, top, readClassIndex(classIndexFile));
    }

    private static void checkPredictions(INDArray preds) {
        if (preds.rank() != 2 || preds.size(1) != 1000) {
            throw new IllegalArgumentException("`decodePredictions` expects a batch of predictions (i.e. a 2D array of shape (samples, 1000)). "
                    + "Received array with shape: " + Arrays.toString(preds.shape()));
        }
    }

    private static List<List<Prediction>> decode(INDArray preds, int top, List<String[]> index) {
        if (top < 1 || top > 1000) {
            throw new IllegalArgumentException("decodePredictions: top must be in [1, 1000], got " + top);
        }
        List<List<Prediction>> results = new ArrayList<>();
        for (int row = 0; row < preds.rows(); row++) {
            double[] scores = preds.getRow(row).toDoubleVector();
            Integer[] order = new Integer[scores.length];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> -i));
            List<Prediction> result = new ArrayList<>();
            for (int k = 0; k < top; k++) {
                String[] entry = index.get(order[k]);
                result.add(new Prediction(entry[0], entry[1], scores[order[k]]));
            }
            results.add(result);
        }
        return results;
    }

    private static List<String[]> readClassIndex(Path file) {
        Map<String, List<String>> map;
        try {
            map = new ObjectMapper().readValue(file.toFile(), new TypeReference<Map<String, List<String>>>() { });
        } catch (IOException e) {
            throw new IllegalStateException(file + ": not an ImageNet class index (JSON {\"0\": [id, name], ...}): " + e.getMessage(), e);
        }
        List<String[]> index = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            List<String> entry = map.get(Integer.toString(i));
            if (entry == null || entry.size() != 2) {
                throw new IllegalStateException(file + ": class index has no [id, name] entry for class " + i);
            }
            index.add(entry.toArray(String[]::new));
        }
        return index;
    }
}
