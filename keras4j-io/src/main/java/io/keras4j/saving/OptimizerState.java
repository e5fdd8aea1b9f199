package io.keras4j.saving;

import io.jhdf.api.Group;
import io.keras4j.models.Model;
import io.keras4j.optimizers.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's variables in Keras's saving order (keras/src/optimizers/base_optimizer.py {@code variables}):
 * {@code iterations} (int32 scalar, as the reference files hold it), {@code learning_rate} (float32 scalar,
 * absent with a schedule), then the slots in the order {@code Optimizer.variables()} gives them (per build
 * block, interleaved per trainable variable, as Keras's {@code add_optimizer_variables}).
 */
final class OptimizerState {
    private OptimizerState() {
    }

    /** The arrays to save, in Keras's order. */
    static List<INDArray> variables(Model model) {
        List<INDArray> out = new ArrayList<>();
        for (Map.Entry<String, INDArray> v : model.optimizer().variables()) {
            out.add(v.getKey().equals("iteration") ? v.getValue().castTo(DataType.INT) : v.getValue());
        }
        return out;
    }

    /** Reads and checks {@code optimizer/vars}; the returned action restores them (null if the file has none). */
    static Runnable reader(Model model, Group h5, String where) {
        Group vars = H5.group(h5, "optimizer/vars", where);
        if (vars == null) {
            return null;
        }
        String at = where + ": optimizer";
        Optimizer optimizer = model.optimizer();
        int count = H5.children(vars, at).size();
        List<Map.Entry<String, INDArray>> unbuilt = optimizer.variables();
        optimizer.build(model.trainableWeights());
        List<Map.Entry<String, INDArray>> expected = optimizer.variables();
        if (count != expected.size() && count != unbuilt.size()) {
            throw new KerasFormatException(at, "expected " + expected.size() + " optimizer variables for "
                    + model.trainableWeights().size() + " trainable weights, the file holds " + count);
        }
        List<INDArray> values = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            INDArray current = expected.get(i).getValue();
            values.add(i < count ? H5.read(vars, Integer.toString(i), current.shape(), at) : current.dup());
        }
        return () -> optimizer.setVariables(values);
    }
}
