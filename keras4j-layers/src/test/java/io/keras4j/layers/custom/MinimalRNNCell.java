package io.keras4j.layers.custom;

import io.keras4j.backend.Blas;
import io.keras4j.engine.CallContext;
import io.keras4j.engine.Config;
import io.keras4j.engine.Layer;
import io.keras4j.engine.Variable;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.RecurrentCell;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

/**
 * A user's own cell written with the public API only, as the {@code MinimalRNNCell} of the keras/src/layers/rnn/rnn.py
 * docstring: {@code output = x @ kernel + h_prev @ recurrent_kernel}, state {@code [output]}, weights initialized
 * "uniform". Registered by class name with {@code LayerProvider.register("MinimalRNNCell", MinimalRNNCell::fromConfig)}.
 */
public class MinimalRNNCell extends Layer implements RecurrentCell {
    private final int units;
    private Variable kernel;
    private Variable recurrentKernel;

    public MinimalRNNCell(int units) {
        this.units = units;
    }

    @Override
    public long[] stateSize() {
        return new long[]{units};
    }

    /** Built from the step input shape {@code (batch, input_dim)} (called directly, the state shapes follow). */
    @Override
    protected void build(List<long[]> inputShapes) {
        long[] inputShape = inputShapes.get(0);
        kernel = addWeight("kernel", new long[]{inputShape[inputShape.length - 1], units}, Initializers.get("uniform"), null, null, true);
        recurrentKernel = addWeight("recurrent_kernel", new long[]{units, units}, Initializers.get("uniform"), null, null, true);
    }

    @Override
    public List<long[]> computeOutputShapes(List<long[]> inputShapes) {
        long batch = inputShapes.get(0)[0];
        return List.of(new long[]{batch, units}, new long[]{batch, units});
    }

    @Override
    protected int outputCount() {
        return 2;
    }

    /** Inputs {@code [x (batch, input_dim), h_prev (batch, units)]}, outputs {@code [output, output]}. */
    @Override
    public INDArray[] call(INDArray[] inputs, CallContext ctx) {
        INDArray output = Nd4j.createUninitialized(inputs[0].dataType(), inputs[0].size(0), units);
        Blas.matmul(inputs[0], false, kernel.value(), false, output, 0.0);
        Blas.matmul(inputs[1], false, recurrentKernel.value(), false, output, 1.0);
        ctx.save("inputs", inputs);
        return new INDArray[]{output, output};
    }

    /** The output and the new state are the same array: their gradients add. */
    @Override
    public INDArray[] backward(INDArray[] outputGradients, CallContext ctx) {
        INDArray[] inputs = ctx.saved("inputs");
        INDArray d = outputGradients[0].add(outputGradients[1]);
        Blas.matmul(inputs[0], true, d, false, kernel.gradient(), kernel.beginGradientWrite());
        Blas.matmul(inputs[1], true, d, false, recurrentKernel.gradient(), recurrentKernel.beginGradientWrite());
        INDArray dx = ctx.needsInputGradient(0) ? Blas.matmul(d, false, kernel.value(), true, inputs[0].ulike(), 0.0) : null;
        INDArray dh = Blas.matmul(d, false, recurrentKernel.value(), true, inputs[1].ulike(), 0.0);
        return new INDArray[]{dx, dh};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("units", units);
        return config;
    }

    public static MinimalRNNCell fromConfig(Map<String, Object> map) {
        Config c = new Config("MinimalRNNCell", map).allow("units");
        return c.applyBase(new MinimalRNNCell(c.getInt("units")));
    }
}
