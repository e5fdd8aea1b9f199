package io.keras4j.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of operations that reverse-mode differentiation replays, as the tape of {@code tf.GradientTape}:
 * while a tape is active on a thread, every differentiable operation on that thread adds one {@link Node} holding
 * its inputs, its outputs and its backward function ({@link #record}); {@link #gradients} then walks the nodes
 * backwards from a target to the requested sources.
 *
 * <p>An operation writes its backward function beside its forward pass, as micrograd's {@code _backward}: a lambda
 * that captures, as typed locals, exactly what the backward pass needs. A built-in layer is one node whose backward
 * is its hand-written (fused) one; a user's layer or a chain of {@code keras.ops} calls is one node per operation.
 *
 * <p>Arrays are identified by object identity. Each time an array is an operation's output it gets a new id, so an
 * operation that writes into an existing array (or returns its input) never makes the graph cyclic; a source is
 * identified by the first id its array had on the tape.
 *
 * <p>Tapes nest per thread: an operation is recorded on every active tape above the innermost {@link #pause()}. A
 * layer recorded as one node pauses recording while its own forward pass runs, so that nothing inside it is
 * recorded twice; a tape started inside the pause (a custom layer inside a model) records as usual.
 */
public final class Tape {
    /** The backward function of a recorded operation. */
    @FunctionalInterface
    public interface Backward {
        /**
         * @param outputGradients    the gradient of the target with respect to each output (zeros where none flowed)
         * @param needsInputGradient which inputs need a gradient; others may be left null
         * @return the gradient with respect to each input, shaped as that input
         */
        INDArray[] apply(INDArray[] outputGradients, boolean[] needsInputGradient);
    }

    /** The backward function of a recorded operation with one output. */
    @FunctionalInterface
    public interface Backward1 {
        /** As {@link Backward#apply}, for the gradient of the single output. */
        INDArray[] apply(INDArray outputGradient, boolean[] needsInputGradient);
    }

    /** One recorded operation: tape ids of its inputs and outputs, its outputs (for zero gradients) and backward. */
    private record Node(int[] inputs, int[] outputs, INDArray[] outputValues, Backward backward) {
    }

    private static final Object PAUSE = new Object();
    private static final ThreadLocal<List<Object>> ACTIVE = ThreadLocal.withInitial(ArrayList::new);

    private final List<Node> nodes = new ArrayList<>();
    private final Map<INDArray, Integer> latestId = new IdentityHashMap<>();
    private final Map<INDArray, Integer> firstId = new IdentityHashMap<>();
    private final java.util.BitSet produced = new java.util.BitSet();
    private int nextId;
    private boolean active;

    private Tape() {
    }

    /** Starts a tape that records what this thread computes until {@link #stop()}. */
    public static Tape start() {
        Tape tape = new Tape();
        ACTIVE.get().add(tape);
        tape.active = true;
        return tape;
    }

    /** Stops recording on this tape; what it recorded stays available to {@link #gradients}. */
    public void stop() {
        if (active) {
            ACTIVE.get().remove(this);
            active = false;
        }
    }

    /** Suspends recording on the tapes active now until the returned handle is closed. */
    public static Pause pause() {
        List<Object> stack = ACTIVE.get();
        if (stack.isEmpty()) {
            return Pause.NONE;
        }
        stack.add(PAUSE);
        return new Pause(stack);
    }

    /** The handle of a {@link #pause()}: closing it resumes recording. */
    public static final class Pause implements AutoCloseable {
        private static final Pause NONE = new Pause(null);
        private final List<Object> stack;

        private Pause(List<Object> stack) {
            this.stack = stack;
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.remove(stack.lastIndexOf(PAUSE));
            }
        }
    }

    /** Whether an operation on this thread would be recorded now. */
    public static boolean recording() {
        List<Object> stack = ACTIVE.get();
        return !stack.isEmpty() && stack.get(stack.size() - 1) != PAUSE;
    }

    /** Records an operation with one output on the active tapes (a no-op when none records). */
    public static void record(INDArray output, Backward1 backward, INDArray... inputs) {
        if (recording()) {
            record(inputs, new INDArray[]{output}, (g, needs) -> backward.apply(g[0], needs));
        }
    }

    /** Records an operation on the active tapes (a no-op when none records). */
    public static void record(INDArray[] inputs, INDArray[] outputs, Backward backward) {
        List<Object> stack = ACTIVE.get();
        for (int i = stack.size() - 1; i >= 0 && stack.get(i) != PAUSE; i--) {
            ((Tape) stack.get(i)).add(inputs, outputs, backward);
        }
    }

    private void add(INDArray[] inputs, INDArray[] outputs, Backward backward) {
        int[] in = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            in[i] = inputs[i] == null ? -1 : id(inputs[i]);
        }
        int[] out = new int[outputs.length];
        for (int o = 0; o < outputs.length; o++) {
            out[o] = nextId++;
            produced.set(out[o]);
            latestId.put(outputs[o], out[o]);
            firstId.putIfAbsent(outputs[o], out[o]);
        }
        nodes.add(new Node(in, out, outputs.clone(), backward));
    }

    private int id(INDArray array) {
        Integer id = latestId.get(array);
        if (id == null) {
            id = nextId++;
            latestId.put(array, id);
            firstId.put(array, id);
        }
        return id;
    }

    /** Whether {@code array} is the output of an operation recorded on this tape. */
    public boolean computed(INDArray array) {
        Integer first = firstId.get(array);
        return first != null && produced.get(first);
    }

    /** Whether this tape holds no operation. */
    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /**
     * The gradients of {@code sum_t <seeds[t], targets[t]>} with respect to each source: reverse accumulation over
     * the nodes that lie on a path from a source to a target.
     *
     * @param targets the arrays differentiated (their latest values on the tape)
     * @param seeds   the gradient flowing into each target (ones for a scalar loss); null entries mean ones
     * @param sources the arrays to differentiate with respect to (the first value of each on the tape)
     * @return one gradient per source, null where no recorded operation connects it to a target
     */
    public INDArray[] gradients(INDArray[] targets, INDArray[] seeds, INDArray[] sources) {
        Map<Integer, INDArray> grads = new java.util.HashMap<>();
        boolean[] relevant = new boolean[nextId];
        int[] sourceIds = new int[sources.length];
        for (int s = 0; s < sources.length; s++) {
            Integer id = firstId.get(sources[s]);
            sourceIds[s] = id == null ? -1 : id;
            if (id != null) {
                relevant[id] = true;
            }
        }
        for (Node node : nodes) {
            boolean reached = false;
            for (int in : node.inputs) {
                reached |= in >= 0 && relevant[in];
            }
            if (reached) {
                for (int out : node.outputs) {
                    relevant[out] = true;
                }
            }
        }
        for (int t = 0; t < targets.length; t++) {
            Integer id = latestId.get(targets[t]);
            if (id == null) {
                continue;
            }
            INDArray seed = seeds == null || seeds[t] == null ? targets[t].ulike().assign(1) : seeds[t];
            accumulate(grads, id, seed);
        }
        for (int n = nodes.size() - 1; n >= 0; n--) {
            Node node = nodes.get(n);
            boolean[] needs = new boolean[node.inputs.length];
            boolean anyNeeded = false;
            for (int i = 0; i < needs.length; i++) {
                needs[i] = node.inputs[i] >= 0 && relevant[node.inputs[i]];
                anyNeeded |= needs[i];
            }
            INDArray[] gOut = new INDArray[node.outputs.length];
            boolean anyFlows = false;
            for (int o = 0; o < gOut.length; o++) {
                gOut[o] = grads.get(node.outputs[o]);
                anyFlows |= gOut[o] != null;
            }
            if (!anyNeeded || !anyFlows) {
                continue;
            }
            for (int o = 0; o < gOut.length; o++) {
                if (gOut[o] == null) {
                    gOut[o] = node.outputValues[o].ulike().assign(0);
                }
            }
            INDArray[] gIn = node.backward.apply(gOut, needs);
            for (int i = 0; i < needs.length; i++) {
                if (needs[i] && gIn[i] != null) {
                    accumulate(grads, node.inputs[i], gIn[i]);
                }
            }
        }
        INDArray[] out = new INDArray[sources.length];
        for (int s = 0; s < sources.length; s++) {
            out[s] = sourceIds[s] < 0 ? null : grads.get(sourceIds[s]);
        }
        return out;
    }

    private static void accumulate(Map<Integer, INDArray> grads, int id, INDArray g) {
        INDArray previous = grads.get(id);
        grads.put(id, previous == null ? g : previous.add(g));
    }

    @Override
    public String toString() {
        return "<Tape nodes=" + nodes.size() + ", active=" + active + ">";
    }
}
