package io.keras4j.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The loss terms that layers add with {@code addLoss} during one call, as Keras collects {@code layer.losses}: each
 * layer call on this thread opens a scope; closing it hands its terms to the enclosing call's scope.
 */
final class AddedLosses implements AutoCloseable {
    private static final ThreadLocal<List<AddedLosses>> OPEN = ThreadLocal.withInitial(ArrayList::new);
    private final List<INDArray> terms = new ArrayList<>();

    private AddedLosses() {
    }

    static AddedLosses open() {
        AddedLosses scope = new AddedLosses();
        OPEN.get().add(scope);
        return scope;
    }

    static void add(Layer layer, INDArray value) {
        List<AddedLosses> open = OPEN.get();
        if (open.isEmpty()) {
            throw new IllegalStateException("Layer \"" + layer.name() + "\": addLoss can only be called inside call()");
        }
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("Layer \"" + layer.name() + "\": addLoss expects a non-empty array, got "
                    + (value == null ? "null" : "an empty array"));
        }
        open.get(open.size() - 1).terms.add(value);
    }

    /** The terms added in this scope and the scopes closed inside it. */
    List<INDArray> losses() {
        return List.copyOf(terms);
    }

    @Override
    public void close() {
        List<AddedLosses> open = OPEN.get();
        open.remove(open.size() - 1);
        if (!open.isEmpty()) {
            open.get(open.size() - 1).terms.addAll(terms);
        }
    }
}
