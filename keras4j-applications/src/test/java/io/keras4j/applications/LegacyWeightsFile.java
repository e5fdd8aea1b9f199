package io.keras4j.applications;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.models.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a model's weights as Keras's published ImageNet files are laid out (Keras 2's weights-only HDF5: root attribute
 * {@code layer_names}, one group per layer with attribute {@code weight_names} such as {@code Conv1/kernel:0} and the
 * datasets below it), for tests that cannot download the real files.
 */
final class LegacyWeightsFile {
    private LegacyWeightsFile() {
    }

    static void write(Model model, Path file) {
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            List<String> layerNames = new ArrayList<>();
            for (Layer layer : model.layers()) {
                List<Variable> weights = layer.weights();
                if (weights.isEmpty()) {
                    continue;   // Keras's files hold empty groups here; jhdf cannot write those, and loaders skip them
                }
                layerNames.add(layer.name());
                WritableGroup group = h5.putGroup(layer.name());
                WritableGroup inner = group.putGroup(layer.name());
                String[] names = new String[weights.size()];
                for (int i = 0; i < weights.size(); i++) {
                    names[i] = layer.name() + "/" + weights.get(i).name() + ":0";
                    inner.putDataset(weights.get(i).name() + ":0", javaArray(weights.get(i).value()));
                }
                group.putAttribute("weight_names", names);
            }
            h5.putAttribute("layer_names", layerNames.toArray(new String[0]));
            h5.putAttribute("backend", "tensorflow");
            h5.putAttribute("keras_version", "2.2.4");
            h5.removeAttribute("_jHDF");
        }
    }

    /** A float array of the array's rank and shape ({@code float[][][][]} for a 4D kernel). */
    private static Object javaArray(INDArray value) {
        long[] shape = value.shape();
        float[] flat = value.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int[] dims = java.util.Arrays.stream(shape).mapToInt(d -> (int) d).toArray();
        Object out = Array.newInstance(float.class, dims);
        fill(out, dims, 0, flat, new int[] {0});
        return out;
    }

    private static void fill(Object array, int[] dims, int axis, float[] flat, int[] next) {
        if (axis == dims.length - 1) {
            float[] row = (float[]) array;
            System.arraycopy(flat, next[0], row, 0, row.length);
            next[0] += row.length;
            return;
        }
        for (int i = 0; i < dims[axis]; i++) {
            fill(Array.get(array, i), dims, axis + 1, flat, next);
        }
    }
}
