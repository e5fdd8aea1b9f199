package io.keras4j.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The executable form of a functional graph, as Keras's {@code Functional}: the nodes between the
 * given inputs and outputs in topological order, run forward in order and backward in reverse.
 *
 * <p>Each tensor gets a slot index so that a step looks nothing up by hash. A layer called by several
 * nodes (a shared layer) sees its weight gradients accumulate across them. An activation that commutes with the
 * next layer runs after it (ActivationSinking).
 */
public final class Graph {
    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs;
    private final List<Node> nodes;
    private final Map<KerasTensor, Integer> slots = new IdentityHashMap<>();
    private final int[][] nodeInputSlots;
    private final int[][] nodeOutputSlots;
    private final int[] inputSlots;
    private final int[] outputSlots;
    private final List<Layer> layers;
    private final ActivationSinking sinking;

    /** Per-execution state: the values, gradients and node contexts of one model (reused across steps). */
    public final class State {
        final INDArray[] values = new INDArray[slots.size()];
        final INDArray[] gradients = new INDArray[slots.size()];
        final INDArray[] masks = new INDArray[slots.size()];
        final CallContext[] contexts = new CallContext[nodes.size()];
        final boolean[] carriesGradient = new boolean[slots.size()];

        State() {
            for (int i = 0; i < contexts.length; i++) {
                contexts[i] = new CallContext();
                contexts[i].deferActivation(sinking.deferred(i));
            }
        }

        /** Whether this state was made by {@code graph}. */
        boolean belongsTo(Graph graph) {
            return graph == Graph.this;
        }
    }

    /**
     * Builds the execution order of the nodes that connect {@code inputs} to {@code outputs}.
     *
     * @throws IllegalArgumentException if an output depends on a tensor that is not one of the inputs
     */
    public Graph(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        for (KerasTensor t : inputs) {
            if (!t.node().isInput()) {
                throw new IllegalArgumentException("Model inputs must come from Input.of(...); tensor " + t.name()
                        + " is an output of layer \"" + t.node().layer().name() + "\"");
            }
        }
        this.nodes = topologicalOrder();
        for (KerasTensor t : inputs) {
            slot(t);
        }
        nodeInputSlots = new int[nodes.size()][];
        nodeOutputSlots = new int[nodes.size()][];
        for (int n = 0; n < nodes.size(); n++) {
            Node node = nodes.get(n);
            nodeInputSlots[n] = node.inputs().stream().mapToInt(this::slot).toArray();
            nodeOutputSlots[n] = node.outputs().stream().mapToInt(this::slot).toArray();
        }
        inputSlots = inputs.stream().mapToInt(this::slot).toArray();
        outputSlots = outputs.stream().mapToInt(this::slot).toArray();
        layers = kerasLayerOrder();
        sinking = new ActivationSinking(nodes, nodeInputSlots, nodeOutputSlots, outputSlots, slots.size());
    }

    /**
     * The layers in Keras's order, as keras/src/ops/function.py {@code map_graph}: by decreasing depth
     * (inputs first), ties broken by the order in which a depth-first walk from the outputs first met them.
     * This order fixes {@code model.layers}, {@code get_weights()} and the layer list of saved configs.
     */
    private List<Layer> kerasLayerOrder() {
        Map<Layer, Integer> firstSeen = new IdentityHashMap<>();
        List<Node> finished = new ArrayList<>();
        Set<Node> done = new HashSet<>();
        for (KerasTensor out : outputs) {
            visit(out.node(), firstSeen, finished, done);
        }
        Map<Node, Integer> nodeDepth = new IdentityHashMap<>();
        Map<Layer, Integer> layerDepth = new IdentityHashMap<>();
        for (int i = finished.size() - 1; i >= 0; i--) {
            Node node = finished.get(i);
            int depth = Math.max(nodeDepth.getOrDefault(node, 0), layerDepth.getOrDefault(node.layer(), 0));
            layerDepth.put(node.layer(), depth);
            nodeDepth.put(node, depth);
            for (KerasTensor t : node.inputs()) {
                nodeDepth.merge(t.node(), depth + 1, Math::max);
            }
        }
        for (KerasTensor t : inputs) {
            if (!layerDepth.containsKey(t.node().layer())) {
                layerDepth.put(t.node().layer(), 0);
                firstSeen.put(t.node().layer(), -1);
            }
        }
        List<Layer> order = new ArrayList<>(layerDepth.keySet());
        order.sort((a, b) -> layerDepth.get(a).equals(layerDepth.get(b))
                ? Integer.compare(firstSeen.get(a), firstSeen.get(b))
                : Integer.compare(layerDepth.get(b), layerDepth.get(a)));
        return List.copyOf(order);
    }

    private void visit(Node start, Map<Layer, Integer> firstSeen, List<Node> finished, Set<Node> done) {
        Set<Node> inputNodes = new HashSet<>();
        for (KerasTensor t : inputs) {
            inputNodes.add(t.node());
        }
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[]{start, 0});
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Node node = (Node) frame[0];
            int next = (int) frame[1];
            if (next == 0) {
                if (done.contains(node)) {
                    stack.pop();
                    continue;
                }
                firstSeen.putIfAbsent(node.layer(), firstSeen.size());
            }
            if (!inputNodes.contains(node) && next < node.inputs().size()) {
                frame[1] = next + 1;
                stack.push(new Object[]{node.inputs().get(next).node(), 0});
            } else {
                stack.pop();
                if (done.add(node)) {
                    finished.add(node);
                }
            }
        }
    }

    private int slot(KerasTensor t) {
        return slots.computeIfAbsent(t, k -> slots.size());
    }

    private List<Node> topologicalOrder() {
        Set<Node> inputNodes = new HashSet<>();
        for (KerasTensor t : inputs) {
            inputNodes.add(t.node());
        }
        List<Node> order = new ArrayList<>();
        Set<Node> done = new HashSet<>();
        Set<Node> active = new HashSet<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        for (KerasTensor out : outputs) {
            stack.push(new Object[]{out.node(), 0});
            while (!stack.isEmpty()) {
                Object[] frame = stack.peek();
                Node node = (Node) frame[0];
                int next = (int) frame[1];
                if (next == 0) {
                    if (done.contains(node)) {
                        stack.pop();
                        continue;
                    }
                    if (node.isInput() && !inputNodes.contains(node)) {
                        throw new IllegalArgumentException("Graph disconnected: output depends on input \"" + node.layer().name()
                                + "\", which is not among the model inputs " + names(inputs));
                    }
                    active.add(node);
                }
                if (next < node.inputs().size()) {
                    frame[1] = next + 1;
                    Node parent = node.inputs().get(next).node();
                    if (active.contains(parent)) {
                        throw new IllegalArgumentException("The graph has a cycle through layer \"" + parent.layer().name() + "\"");
                    }
                    if (!done.contains(parent)) {
                        stack.push(new Object[]{parent, 0});
                    }
                } else {
                    stack.pop();
                    active.remove(node);
                    done.add(node);
                    if (!node.isInput()) {
                        order.add(node);
                    }
                }
            }
        }
        return order;
    }

    private static String names(List<KerasTensor> tensors) {
        List<String> names = new ArrayList<>();
        for (KerasTensor t : tensors) {
            names.add(t.node().layer().name());
        }
        return names.toString();
    }

    public List<KerasTensor> inputs() {
        return inputs;
    }

    public List<KerasTensor> outputs() {
        return outputs;
    }

    /** The non-input nodes in execution order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The distinct layers of the graph in Keras's order (see {@link #kerasLayerOrder()}). */
    public List<Layer> layers() {
        return layers;
    }

    /** A fresh execution state. */
    public State newState() {
        return new State();
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<State> idleStates = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * An execution state for one call, owned by the caller until {@link #releaseState}: a reused idle one or a new one,
     * so that concurrent inference calls never share values, contexts or buffers.
     */
    public State acquireState() {
        State state = idleStates.poll();
        return state != null ? state : new State();
    }

    /** Returns a state from {@link #acquireState} for reuse; the caller no longer reads what it holds. */
    public void releaseState(State state) {
        idleStates.offer(state);
    }

    /**
     * Runs the graph forward.
     *
     * @param state     the execution state (contexts and buffers are reused across calls)
     * @param x         one array per input, in input order
     * @param training  whether this is a training call
     * @param gradients whether a backward pass will follow (contexts then mark which inputs need gradients)
     * @return one array per output, in output order
     */
    public INDArray[] forward(State state, INDArray[] x, boolean training, boolean gradients) {
        return forward(state, x, training, gradients, false);
    }

    /**
     * Runs the graph forward; with {@code inputGradients} the following {@link #backward} also computes the
     * gradients with respect to the graph inputs (for a model used as a layer).
     */
    public INDArray[] forward(State state, INDArray[] x, boolean training, boolean gradients, boolean inputGradients) {
        INDArray[] values = state.values;
        INDArray[] masks = state.masks;
        java.util.Arrays.fill(values, null);
        java.util.Arrays.fill(masks, null);
        // a tensor carries a gradient when it depends on a trainable weight (or on an input whose gradient is
        // wanted): only then does its consumer compute the gradient with respect to it (a Flatten after the
        // input spares the next Dense its input-gradient GEMM)
        boolean[] carries = state.carriesGradient;
        java.util.Arrays.fill(carries, false);
        for (int i = 0; i < inputSlots.length; i++) {
            values[inputSlots[i]] = x[i];
            carries[inputSlots[i]] = gradients && inputGradients;
        }
        for (int n = 0; n < nodes.size(); n++) {
            Node node = nodes.get(n);
            int[] in = nodeInputSlots[n];
            INDArray[] args = new INDArray[in.length];
            boolean[] needs = new boolean[in.length];
            boolean outCarries = gradients && !node.layer().trainableWeights().isEmpty();
            for (int i = 0; i < in.length; i++) {
                args[i] = values[in[i]];
                needs[i] = carries[in[i]];
                outCarries |= needs[i];
            }
            INDArray[] inMasks = null;
            for (int i = 0; i < in.length; i++) {
                if (masks[in[i]] != null) {
                    inMasks = inMasks == null ? new INDArray[in.length] : inMasks;
                    inMasks[i] = masks[in[i]];
                }
            }
            CallContext ctx = state.contexts[n];
            ctx.begin(training, needs);
            ctx.setInputMasks(inMasks);
            INDArray[] out = sinking.forward(n, node.layer().callInGraph(args, ctx, gradients), ctx);
            INDArray[] outMasks = node.layer().computeMask(args, inMasks);
            int[] outSlots = nodeOutputSlots[n];
            for (int o = 0; o < outSlots.length; o++) {
                values[outSlots[o]] = out[o];
                carries[outSlots[o]] = outCarries;
                masks[outSlots[o]] = outMasks == null || o >= outMasks.length ? null : outMasks[o];
            }
        }
        INDArray[] result = new INDArray[outputSlots.length];
        for (int o = 0; o < result.length; o++) {
            result[o] = values[outputSlots[o]];
        }
        return result;
    }

    /** The sum of the loss terms the layers added ({@link CallContext#addLoss}) in the last forward pass. */
    public double addedLoss(State state) {
        double sum = 0;
        for (CallContext ctx : state.contexts) {
            sum += ctx.addedLoss();
        }
        return sum;
    }

    /**
     * Runs the graph backward after {@link #forward} with {@code gradients = true}: weight gradients are
     * added to the layers' variables. Outputs whose gradient is null contribute nothing.
     *
     * @param outputGradients the loss gradient with respect to each output
     * @return the gradient with respect to each graph input (null where none flowed or none was asked for)
     */
    public INDArray[] backward(State state, INDArray[] outputGradients) {
        INDArray[] grads = state.gradients;
        java.util.Arrays.fill(grads, null);
        for (int o = 0; o < outputSlots.length; o++) {
            accumulate(grads, outputSlots[o], outputGradients[o]);
        }
        for (int n = nodes.size() - 1; n >= 0; n--) {
            int[] outSlots = nodeOutputSlots[n];
            INDArray[] gOut = new INDArray[outSlots.length];
            boolean any = false;
            for (int o = 0; o < outSlots.length; o++) {
                gOut[o] = grads[outSlots[o]];
                if (gOut[o] == null) {
                    gOut[o] = state.values[outSlots[o]].ulike().assign(0);
                } else {
                    any = true;
                }
            }
            if (!any) {
                continue;
            }
            CallContext ctx = state.contexts[n];
            INDArray[] gIn = nodes.get(n).layer().backwardInGraph(sinking.backward(n, gOut, ctx), ctx);
            int[] inSlots = nodeInputSlots[n];
            for (int i = 0; i < inSlots.length; i++) {
                if (ctx.needsInputGradient(i) && gIn[i] != null) {
                    accumulate(grads, inSlots[i], gIn[i]);
                }
            }
        }
        INDArray[] inputGrads = new INDArray[inputSlots.length];
        for (int i = 0; i < inputSlots.length; i++) {
            inputGrads[i] = grads[inputSlots[i]];
        }
        return inputGrads;
    }

    private static void accumulate(INDArray[] grads, int slot, INDArray g) {
        if (grads[slot] == null) {
            grads[slot] = g;
        } else {
            grads[slot] = grads[slot].add(g);
        }
    }
}
