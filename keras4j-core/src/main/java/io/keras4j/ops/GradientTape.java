package io.keras4j.ops;

import io.keras4j.backend.Tape;
import io.keras4j.engine.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Records operations for automatic differentiation, as {@code tf.GradientTape} (what Keras 3 on TensorFlow uses
 * in custom training loops): every {@link Ops} call, layer call and model call made on this thread while the tape
 * is open is recorded, and {@link #gradient} differentiates a result with respect to {@link Variable}s or watched
 * arrays.
 * <pre>{@code
 * try (GradientTape tape = new GradientTape()) {
 *     INDArray loss = mean(lossFn.call(y, model.apply(x, true)));
 *     grads = tape.gradient(loss, model.trainableWeights());
 * }
 * optimizer.applyGradients(grads, model.trainableWeights());
 * }</pre>
 * Variables are watched automatically; an array gets a gradient only if it was {@link #watch watched} or computed
 * on the tape, as TensorFlow returns {@code None} otherwise (here: null). A tape that is not persistent computes
 * one set of gradients. Second-order gradients are not supported: the gradient computation is not recorded.
 */
public final class GradientTape implements AutoCloseable {
    private final boolean persistent;
    private final Tape tape;
    private final Set<INDArray> watched = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean used;

    /** A tape for one {@link #gradient} call, as {@code tf.GradientTape()}. */
    public GradientTape() {
        this(false);
    }

    /** A tape, persistent or not, as {@code tf.GradientTape(persistent=...)}. */
    public GradientTape(boolean persistent) {
        this.persistent = persistent;
        this.tape = Tape.start();
    }

    /** Marks arrays (e.g. model inputs) as sources whose gradient {@link #gradient} may compute. */
    public void watch(INDArray... arrays) {
        Collections.addAll(watched, arrays);
    }

    /** The gradient of {@code target} (summed if not scalar) with respect to one array or {@link Variable}. */
    public INDArray gradient(INDArray target, Object source) {
        return gradient(target, List.of(source)).get(0);
    }

    /**
     * The gradients of {@code target} (summed if not scalar) with respect to each source, in order: a
     * {@link Variable} or an {@link INDArray}; null for a source that the target does not depend on.
     *
     * @throws IllegalStateException on a second call of a tape that is not persistent
     */
    public List<INDArray> gradient(INDArray target, List<?> sources) {
        if (used && !persistent) {
            throw new IllegalStateException("A non-persistent GradientTape can only be used to compute one set of gradients "
                    + "(or jacobians); create it as new GradientTape(true) to call gradient more than once");
        }
        used = true;
        INDArray[] arrays = new INDArray[sources.size()];
        boolean[] allowed = new boolean[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            Object s = sources.get(i);
            if (s instanceof Variable v) {
                arrays[i] = v.value();
                allowed[i] = true;
            } else if (s instanceof INDArray a) {
                arrays[i] = a;
                allowed[i] = watched.contains(a) || tape.computed(a);
            } else {
                throw new IllegalArgumentException("GradientTape.gradient: each source must be a Variable or an INDArray, got "
                        + (s == null ? "null" : s.getClass().getName()) + " at index " + i);
            }
        }
        INDArray[] grads;
        try (Tape.Pause ignored = Tape.pause()) {
            grads = tape.gradients(new INDArray[]{target}, null, arrays);
        }
        List<INDArray> out = new ArrayList<>(arrays.length);
        for (int i = 0; i < arrays.length; i++) {
            out.add(allowed[i] ? grads[i] : null);
        }
        return out;
    }

    /** Stops recording. */
    @Override
    public void close() {
        tape.stop();
    }
}
