package io.keras4j.saving;

import io.jhdf.api.Group;
import io.keras4j.engine.Variable;
import io.keras4j.models.Model;
import io.keras4j.optimizers.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's variables in Keras's saving order (keras/src/optimizers/base_optimizer.py {@code variables}):
 * {@code iterations} (int32 scalar), {@code learning_rate} (float32 scalar), then the slots created by each
 * optimizer's {@code build}: each {@code add_optimizer_variables(var_list, names)} call adds, for every trainable
 * variable in model order, one slot per name (interleaved), and calls follow one another in block order. The
 * blocks of each optimizer are listed in {@link #blocks}; an optimizer not listed there is saved without slots
 * and refuses to load slots.
 */
final class OptimizerState {
    private OptimizerState() {
    }

    /** Keras's build blocks for the optimizer's class and config (slot names per block). */
    static List<List<String>> blocks(Optimizer optimizer) {
        Map<String, Object> c = optimizer.getConfig();
        List<List<String>> blocks = new ArrayList<>();
        switch (optimizer.getClass().getSimpleName()) {
            case "SGD":
                if (number(c.get("momentum")) != 0) {
                    blocks.add(List.of("momentum"));
                }
                break;
            case "Adam":
            case "AdamW":
                blocks.add(List.of("momentum", "velocity"));
                if (Boolean.TRUE.equals(c.get("amsgrad"))) {
                    blocks.add(List.of("velocity_hat"));
                }
                break;
            case "RMSprop":
                blocks.add(List.of("velocity"));
                if (number(c.get("momentum")) > 0) {
                    blocks.add(List.of("momentum"));
                }
                if (Boolean.TRUE.equals(c.get("centered"))) {
                    blocks.add(List.of("average_gradient"));
                }
                break;
            case "Adagrad":
                blocks.add(List.of("accumulator"));
                break;
            case "Adamax":
                blocks.add(List.of("m", "u"));
                break;
            default:
                return null;
        }
        return blocks;
    }

    private static double number(Object v) {
        return v instanceof Number ? ((Number) v).doubleValue() : 0;
    }

    /** The arrays to save, in Keras's order. */
    static List<INDArray> variables(Model model) {
        Optimizer optimizer = model.optimizer();
        List<INDArray> out = new ArrayList<>();
        out.add(Nd4j.scalar((int) optimizer.iterations()));
        out.add(Nd4j.scalar((float) optimizer.learningRate()));
        List<List<String>> blocks = blocks(optimizer);
        if (blocks == null || optimizer.iterations() == 0) {
            return out;
        }
        for (List<String> block : blocks) {
            for (Variable v : model.trainableWeights()) {
                for (String slot : block) {
                    INDArray value = optimizer.slots(v).get(slot);
                    out.add(value == null ? Nd4j.zeros(v.value().dataType(), v.value().shape()) : value);
                }
            }
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
        if (count < 2) {
            throw new KerasFormatException(at, "'optimizer/vars' should hold at least iterations and learning_rate, it holds " + count);
        }
        long iterations = H5.read(vars, "0", new long[0], at).getLong(0);
        List<Variable> trainable = model.trainableWeights();
        List<List<String>> blocks = blocks(optimizer);
        List<Object[]> slots = new ArrayList<>();
        if (count > 2) {
            if (blocks == null) {
                throw new UnsupportedFeatureException(at, "restoring the state of optimizer " + optimizer.getClass().getSimpleName()
                        + " is not supported");
            }
            int expected = 2 + trainable.size() * blocks.stream().mapToInt(List::size).sum();
            if (count != expected) {
                throw new KerasFormatException(at, "expected " + expected + " optimizer variables for " + trainable.size()
                        + " trainable weights, the file holds " + count);
            }
            int i = 2;
            for (List<String> block : blocks) {
                for (Variable v : trainable) {
                    for (String slot : block) {
                        slots.add(new Object[]{v, slot, H5.read(vars, Integer.toString(i++), v.value().shape(), at)});
                    }
                }
            }
        }
        return () -> {
            optimizer.setIterations(iterations);
            for (Object[] s : slots) {
                optimizer.setSlot((Variable) s[0], (String) s[1], (INDArray) s[2]);
            }
        };
    }
}
