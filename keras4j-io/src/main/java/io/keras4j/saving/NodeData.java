package io.keras4j.saving;

import io.keras4j.engine.KerasTensor;
import io.keras4j.ops.Ellipsis;
import io.keras4j.ops.Slice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tensors a saved functional node refers to, in the three forms Keras has written: Keras 3's
 * {@code {"args": [tensor or [tensors]], "kwargs": {}}} with {@code {"class_name": "__keras_tensor__",
 * "config": {"keras_history": [layer, node, tensor]}}}, Keras 2's {@code [[layer, node, tensor, {kwargs}], ...]}
 * and Keras 1's {@code [[layer, node, tensor], ...]}. A recurrent layer's {@code kwargs} {@code initial_state}
 * tensors follow the {@code args} tensors.
 */
final class NodeData {
    /**
     * The keyword a recurrent layer's initial states are passed under ({@code LSTM(...)(x, initial_state=[h, c])}):
     * keras4j takes them as extra inputs after the sequence ({@code lstm.applyAll(x, h, c)}).
     */
    static final String INITIAL_STATE = "initial_state";

    private NodeData() {
    }

    /** Whether a saved node passes tensors as {@code initial_state}. */
    static boolean hasInitialState(Object node) {
        return node instanceof Map && ((Map<?, ?>) node).get("kwargs") instanceof Map
                && ((Map<?, ?>) ((Map<?, ?>) node).get("kwargs")).get(INITIAL_STATE) != null;
    }

    /**
     * The input tensors of one saved node, or null while one of them has not been produced yet.
     *
     * @param produced per layer name, the outputs of each node replayed so far
     */
    static List<KerasTensor> inputs(Object node, Map<String, List<List<KerasTensor>>> produced, Origin at) {
        List<Object> refs = new ArrayList<>();
        if (node instanceof Map) {
            Map<String, Object> data = Shape.map(node, at, "inbound node");
            collect(Shape.list(data.get("args"), at, "inbound node 'args'"), refs, at);
            Object kwargs = data.get("kwargs");
            if (kwargs != null) {
                for (Map.Entry<String, Object> e : Shape.map(kwargs, at, "inbound node 'kwargs'").entrySet()) {
                    if (e.getKey().equals(INITIAL_STATE) && e.getValue() != null) {
                        collect(e.getValue() instanceof List ? Shape.list(e.getValue(), at, INITIAL_STATE) : List.of(e.getValue()), refs, at);
                    } else if (!e.getKey().equals("mask") && isTensor(e.getValue())) {
                        throw new UnsupportedFeatureException(at.where(), "tensor keyword argument '" + e.getKey()
                                + "' in a layer call is not supported");
                    }
                }
            }
        } else {
            for (Object ref : Shape.list(node, at, "inbound node")) {
                refs.add(Shape.list(ref, at, "inbound node entry"));
            }
        }
        if (refs.isEmpty()) {
            throw new KerasFormatException(at.where(), "an inbound node has no input tensors");
        }
        List<KerasTensor> out = new ArrayList<>();
        for (Object ref : refs) {
            KerasTensor t = resolve((List<?>) ref, produced, at, "inbound node");
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return out;
    }

    /**
     * The explicit masks of a Keras 3 node, its {@code "mask"} keyword ({@code layer(x, mask=m)}, as Keras 3 saves a
     * mask between layers): one entry per input (null where none), an empty list when there is no mask keyword, or
     * null while a mask tensor has not been produced yet.
     */
    static List<KerasTensor> masks(Object node, int inputCount, Map<String, List<List<KerasTensor>>> produced, Origin at) {
        if (!(node instanceof Map) || !(((Map<?, ?>) node).get("kwargs") instanceof Map<?, ?> kwargs) || kwargs.get("mask") == null) {
            return List.of();
        }
        Object mask = kwargs.get("mask");
        List<?> entries = mask instanceof List<?> list ? list : java.util.Collections.singletonList(mask);
        if (entries.size() != inputCount) {
            throw new KerasFormatException(at.where(), "inbound node 'mask' has " + entries.size() + " entries for " + inputCount + " input(s)");
        }
        List<KerasTensor> out = new ArrayList<>();
        for (Object entry : entries) {
            if (entry == null) {
                out.add(null);
                continue;
            }
            if (!isTensor(entry)) {
                throw new KerasFormatException(at.where(), "inbound node 'mask' is neither a tensor nor null: " + Shape.describe(entry));
            }
            KerasTensor t = resolve(history(entry, at), produced, at, "inbound node mask");
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return out;
    }

    /**
     * The call arguments of an operation node ({@code {"args": [<tensor>, 3.0], "kwargs": {}}}): tensors resolved,
     * {@code __slice__}/{@code __ellipsis__} as {@link Slice}/{@link Ellipsis}, other constants as read; null while
     * one of its tensors has not been produced yet.
     */
    static List<Object> arguments(Object node, Map<String, List<List<KerasTensor>>> produced, Origin at) {
        Map<String, Object> data = Shape.map(node, at, "operation node");
        Object kwargs = data.get("kwargs");
        if (kwargs != null && !Shape.map(kwargs, at, "operation node 'kwargs'").isEmpty()) {
            throw new UnsupportedFeatureException(at.where(), "keyword arguments in an operation call are not supported: "
                    + ModelConfig.jsonSafe(kwargs));
        }
        boolean[] missing = new boolean[1];
        List<Object> out = new ArrayList<>();
        for (Object arg : Shape.list(data.get("args"), at, "operation node 'args'")) {
            out.add(argument(arg, produced, at, missing));
        }
        return missing[0] ? null : out;
    }

    private static Object argument(Object arg, Map<String, List<List<KerasTensor>>> produced, Origin at, boolean[] missing) {
        if (isTensor(arg)) {
            KerasTensor t = resolve(history(arg, at), produced, at, "operation argument");
            missing[0] |= t == null;
            return t;
        }
        if (arg instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object a : list) {
                out.add(argument(a, produced, at, missing));
            }
            return out;
        }
        if (arg instanceof Map<?, ?> map && "__slice__".equals(map.get("class_name"))) {
            Map<String, Object> c = Shape.map(map.get("config"), at, "slice config");
            try {
                return new Slice(index(c.get("start"), at), index(c.get("stop"), at), index(c.get("step"), at));
            } catch (IllegalArgumentException e) {
                throw new UnsupportedFeatureException(at.where(), e.getMessage());
            }
        }
        if (arg instanceof Map<?, ?> map && "__ellipsis__".equals(map.get("class_name"))) {
            return Ellipsis.INSTANCE;
        }
        if (arg == null || arg instanceof Number || arg instanceof String || arg instanceof Boolean) {
            return arg;
        }
        throw new UnsupportedFeatureException(at.where(), "operation argument " + ModelConfig.jsonSafe(arg) + " is not supported");
    }

    private static Integer index(Object value, Origin at) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long) || Math.abs(((Number) value).longValue()) > Integer.MAX_VALUE) {
            throw new KerasFormatException(at.where(), "slice bound: expected an integer or null, got " + Shape.describe(value));
        }
        return ((Number) value).intValue();
    }

    private static List<Object> history(Object tensor, Origin at) {
        Map<String, Object> config = Shape.map(((Map<?, ?>) tensor).get("config"), at, "keras tensor config");
        return Shape.list(config.get("keras_history"), at, "keras_history");
    }

    private static void collect(List<Object> args, List<Object> refs, Origin at) {
        for (Object arg : args) {
            if (arg instanceof List) {
                collect(Shape.list(arg, at, "inbound node argument"), refs, at);
            } else if (isTensor(arg)) {
                refs.add(history(arg, at));
            } else if (arg != null && !(arg instanceof Number) && !(arg instanceof String) && !(arg instanceof Boolean)) {
                throw new KerasFormatException(at.where(), "inbound node argument is neither a tensor nor a constant: "
                        + Shape.describe(arg));
            }
        }
    }

    private static boolean isTensor(Object value) {
        return value instanceof Map && "__keras_tensor__".equals(((Map<?, ?>) value).get("class_name"));
    }

    /** The tensor named by {@code [layer, node_index, tensor_index, ...]}, or null if not produced yet. */
    private static KerasTensor resolve(List<?> ref, Map<String, List<List<KerasTensor>>> produced, Origin at, String what) {
        if (ref.size() < 3) {
            throw new KerasFormatException(at.where(), what + ": expected [layer_name, node_index, tensor_index], got "
                    + Shape.describe(ref));
        }
        String layer = Shape.string(ref.get(0), at, what + " layer name");
        int node = Shape.integer(ref.get(1), at, what + " node index");
        int tensor = Shape.integer(ref.get(2), at, what + " tensor index");
        List<List<KerasTensor>> nodes = produced.get(layer);
        if (nodes == null) {
            throw new KerasFormatException(at.where(), what + " refers to layer '" + layer + "', which is not in the model");
        }
        if (node >= nodes.size()) {
            return null;
        }
        List<KerasTensor> outputs = nodes.get(node);
        if (tensor >= outputs.size()) {
            throw new KerasFormatException(at.where(), what + " refers to output " + tensor + " of layer '" + layer
                    + "', which has " + outputs.size());
        }
        return outputs.get(tensor);
    }

    /** Whether {@code input_layers}/{@code output_layers} holds one unnested triple ({@code ["name", 0, 0]}). */
    static boolean isSingle(Object value) {
        return value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String;
    }

    /** The model inputs or outputs from {@code input_layers}/{@code output_layers} (one triple or a list of them). */
    static List<KerasTensor> endpoints(Object value, Map<String, List<List<KerasTensor>>> produced, Origin origin, String what) {
        List<Object> list = Shape.list(value, origin, what);
        List<Object> refs = new ArrayList<>();
        if (!list.isEmpty() && list.get(0) instanceof String) {
            refs.add(list);
        } else {
            refs.addAll(list);
        }
        if (refs.isEmpty()) {
            throw new KerasFormatException(origin.where(), what + " is empty");
        }
        List<KerasTensor> out = new ArrayList<>();
        for (Object ref : refs) {
            KerasTensor t = resolve(Shape.list(ref, origin, what + " entry"), produced, origin, what);
            if (t == null) {
                throw new KerasFormatException(origin.where(), what + " refers to a node that is never produced: " + Shape.describe(ref));
            }
            out.add(t);
        }
        return out;
    }
}
