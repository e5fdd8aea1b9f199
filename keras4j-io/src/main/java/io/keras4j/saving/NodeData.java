package io.keras4j.saving;

import io.keras4j.engine.KerasTensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tensors a saved functional node refers to, in the three forms Keras has written: Keras 3's
 * {@code {"args": [tensor or [tensors]], "kwargs": {}}} with {@code {"class_name": "__keras_tensor__",
 * "config": {"keras_history": [layer, node, tensor]}}}, Keras 2's {@code [[layer, node, tensor, {kwargs}], ...]}
 * and Keras 1's {@code [[layer, node, tensor], ...]}.
 */
final class NodeData {
    private NodeData() {
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
                    if (isTensor(e.getValue())) {
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

    private static void collect(List<Object> args, List<Object> refs, Origin at) {
        for (Object arg : args) {
            if (arg instanceof List) {
                collect(Shape.list(arg, at, "inbound node argument"), refs, at);
            } else if (isTensor(arg)) {
                Map<String, Object> config = Shape.map(((Map<?, ?>) arg).get("config"), at, "keras tensor config");
                refs.add(Shape.list(config.get("keras_history"), at, "keras_history"));
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
