package io.keras4j.ops;

import io.keras4j.backend.Backend;
import io.keras4j.backend.Tape;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.KerasTensor;
import io.keras4j.engine.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code keras.ops} call on symbolic tensors, as Keras's {@code Operation}: one node of a functional graph that
 * runs the eager op when the model runs (and so trains through the tape, with no backward of its own). Created by the
 * symbolic overloads of {@link Ops} ({@code add(x, 3.0)} on a {@link KerasTensor}) and by loading a saved model.
 *
 * <p>Keras saves it as a layer entry {@code {"module": "keras.src.ops.numpy", "class_name": "Add", "config":
 * {"name": "add"}, "registered_name": "Add", "inbound_nodes": [{"args": [<tensor>, 3.0], "kwargs": {}}]}}: the
 * op's own arguments (axis, keepdims, ...) in {@code config}, its call arguments, tensors and constants, in the
 * node. The constants of the call are kept here, in call order, with a {@link TensorArg} at each tensor's place
 * ({@link #arguments()}); {@link Slice}, {@link Ellipsis} and null (a new axis) for a {@code GetItem} index.
 */
public final class Operation extends Layer {
    /** The place of the {@code index}-th tensor input among an operation's call arguments. */
    public record TensorArg(int index) {
    }

    private final Operations.Kind kind;
    private final Map<String, Object> params;
    private List<Object> arguments;
    private List<DataType> inputDtypes = List.of();

    Operation(Operations.Kind kind, Map<String, Object> params) {
        this.kind = kind;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Keras's class name of the operation ("Add", "GetItem", "NotEqual"). */
    @Override
    public String className() {
        return kind.className();
    }

    /** The Keras module that defines the operation ("keras.src.ops.numpy", "keras.src.ops.nn", "keras.src.ops.core"). */
    public String module() {
        return kind.module();
    }

    /** {@code {"name": ..., <the op's own arguments>}}, as Keras's {@code Operation.get_config}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.putAll(params);
        return config;
    }

    /** The call arguments, constants as given and a {@link TensorArg} for each tensor; null before the first call. */
    public List<Object> arguments() {
        return arguments;
    }

    /**
     * Calls the operation on symbolic arguments, as Keras's {@code symbolic_call}: {@link KerasTensor}s (also inside
     * lists, as {@code concatenate}'s) become the node's inputs, everything else is kept as a constant.
     *
     * @throws IllegalArgumentException if no argument is a tensor, or if the operation was called before with other
     *                                  constants (one operation, one call pattern)
     */
    public KerasTensor symbolicCall(Object... args) {
        List<KerasTensor> tensors = new ArrayList<>();
        List<Object> template = template(Arrays.asList(args), tensors);
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("Operation \"" + name() + "\" (" + className() + ") was called without a KerasTensor argument");
        }
        if (arguments != null && !arguments.equals(template)) {
            throw new IllegalArgumentException("Operation \"" + name() + "\" (" + className() + ") was called with " + template
                    + " after " + arguments + "; create one operation per call pattern");
        }
        arguments = template;
        inputDtypes = tensors.stream().map(KerasTensor::dtype).toList();
        return applyAll(tensors.toArray(new KerasTensor[0])).get(0);
    }

    private static List<Object> template(List<?> args, List<KerasTensor> tensors) {
        List<Object> out = new ArrayList<>();
        for (Object a : args) {
            if (a instanceof KerasTensor t) {
                out.add(new TensorArg(tensors.size()));
                tensors.add(t);
            } else if (a instanceof List<?> list) {
                out.add(template(list, tensors));
            } else if (a == null || a instanceof Number || a instanceof Boolean || a instanceof String || a instanceof Slice
                    || a instanceof Ellipsis) {
                out.add(a);
            } else {
                throw new IllegalArgumentException("Operation argument must be a KerasTensor, a number, a Slice, Ellipsis, null or a "
                        + "list of these, got " + a.getClass().getName());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** An operation has no weights: nothing to build, for any number of inputs. */
    @Override
    protected void build(List<long[]> inputShapes) {
    }

    @Override
    public INDArray[] call(INDArray[] inputs, CallContext ctx) {
        return new INDArray[]{kind.kernel().apply(substitute(arguments, inputs), new io.keras4j.engine.Config(className(), params))};
    }

    private static List<Object> substitute(List<Object> template, INDArray[] inputs) {
        List<Object> out = new ArrayList<>();
        for (Object a : template) {
            if (a instanceof TensorArg t) {
                out.add(inputs[t.index()]);
            } else if (a instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> inner = (List<Object>) list;
                out.add(substitute(inner, inputs));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * The output shape, found by running the op on zeros twice, with the unknown dimensions (-1) of the inputs as 4 and
     * as 6: an output dimension that differs between the two runs is unknown. Also sets the output dtype.
     */
    @Override
    public List<long[]> computeOutputShapes(List<long[]> inputShapes) {
        INDArray a;
        INDArray b;
        try (Tape.Pause ignored = Tape.pause()) {
            a = call(probes(inputShapes, 4), null)[0];
            b = call(probes(inputShapes, 6), null)[0];
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Operation \"" + name() + "\" (" + className() + ") cannot be applied to inputs of shape(s) "
                    + inputShapes.stream().map(Arrays::toString).toList() + ": " + e.getMessage(), e);
        }
        long[] shape = a.shape().clone();
        for (int i = 0; i < shape.length; i++) {
            if (b.rank() != a.rank() || b.size(i) != shape[i]) {
                shape[i] = -1;
            }
        }
        dtype(Backend.dtypeName(a.dataType()));
        return List.of(shape);
    }

    private INDArray[] probes(List<long[]> shapes, long unknown) {
        INDArray[] out = new INDArray[shapes.size()];
        for (int i = 0; i < out.length; i++) {
            long[] shape = Arrays.stream(shapes.get(i)).map(d -> d < 0 ? unknown : d).toArray();
            out[i] = Nd4j.zeros(i < inputDtypes.size() ? inputDtypes.get(i) : Backend.floatxType(), shape);
        }
        return out;
    }

    @Override
    public String toString() {
        return "<Operation " + className() + " name=" + name() + ">";
    }
}
