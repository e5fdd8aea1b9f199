package io.keras4j.layers;

/**
 * What {@link RNN} needs from a cell besides being a {@link io.keras4j.engine.Layer}, as the contract of
 * keras/src/layers/rnn/rnn.py {@code RNN(cell)}: {@code state_size} and, optionally, {@code output_size}. The
 * layer's {@code call(inputs, ctx)} is one timestep: inputs {@code [x_t (batch, input_dim), state_1, ...]},
 * outputs {@code [output_t, new_state_1, ...]}; its {@code backward} returns the gradients of
 * {@code [x_t, state_1, ...]} and adds the weight gradients (the RNN calls it once per step, so they accumulate).
 * The RNN builds the cell with the step input shape {@code (batch, input_dim)}, as Keras's {@code cell.build}
 * (called directly, the cell also gets the state shapes: override {@code build(List)} and read the first).
 *
 * <p>As Keras's {@code MinimalRNNCell} (keras/src/layers/rnn/rnn.py docstring):
 * <pre>{@code
 * class MinimalRNNCell extends Layer implements RecurrentCell {
 *     final int units;  Variable kernel, recurrentKernel;
 *     public long[] stateSize() { return new long[]{units}; }
 *     protected void build(List<long[]> inputShapes) {
 *         kernel = addWeight("kernel", new long[]{inputShapes.get(0)[1], units}, Initializers.get("glorot_uniform"), null, null, true);
 *         recurrentKernel = addWeight("recurrent_kernel", new long[]{units, units}, Initializers.get("orthogonal"), null, null, true);
 *     }
 *     public INDArray[] call(INDArray[] in, CallContext ctx) {       // output = x @ kernel + h @ recurrent_kernel
 *         INDArray h = in[0].mmul(kernel.value()).addi(in[1].mmul(recurrentKernel.value()));
 *         ctx.save("in", in);
 *         return new INDArray[]{h, h};
 *     }
 *     public INDArray[] backward(INDArray[] g, CallContext ctx) { ... }
 * }
 * new RNN(new MinimalRNNCell(32)).returnSequences(true)
 * }</pre>
 * A functional {@code Model} with inputs {@code [x_t, states...]} and outputs {@code [output_t, new_states...]}
 * is a cell too (its state sizes are its state inputs' last axes), with gradients from its layers.
 */
public interface RecurrentCell {
    /** The size of each state, in order, as Keras's {@code state_size}. */
    long[] stateSize();

    /** The size of the output, as Keras's {@code output_size}; by default the first state's size. */
    default long outputSize() {
        return stateSize()[0];
    }
}
