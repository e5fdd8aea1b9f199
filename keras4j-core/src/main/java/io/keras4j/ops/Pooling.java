package io.keras4j.ops;

import io.keras4j.backend.Tape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code keras.ops.max_pool} and {@code keras.ops.average_pool} over 1, 2 or 3 spatial axes, on ND4J's native
 * {@code maxpool2d}/{@code avgpool2d} ops (3-D: {@code maxpool3dnew}/{@code avgpool3dnew}) and their {@code _bp} twins.
 * Average pooling with "same" padding divides by the number of cells inside the input, as Keras.
 */
final class Pooling {
    private Pooling() {
    }

    static INDArray maxPool(INDArray inputs, int[] poolSize, int[] strides, String padding, String dataFormat) {
        return run("max_pool", inputs.rank() == 5 ? "maxpool3dnew" : "maxpool2d", inputs, poolSize, strides, padding, dataFormat);
    }

    static INDArray averagePool(INDArray inputs, int[] poolSize, int[] strides, String padding, String dataFormat) {
        return run("average_pool", inputs.rank() == 5 ? "avgpool3dnew" : "avgpool2d", inputs, poolSize, strides, padding, dataFormat);
    }

    private static INDArray run(String op, String nativeOp, INDArray inputs, int[] poolSize, int[] strides, String padding,
                                String dataFormat) {
        DTypes.requireFloat(op, "inputs", inputs);
        Window w = Window.of(op, inputs, poolSize, strides == null ? poolSize : strides, new int[]{1}, padding, dataFormat);
        INDArray x = inputs.dup('c').reshape('c', w.liftShape(inputs.shape()));
        int[] args = w.args(0, w.channelsLast() ? 1 : 0);
        INDArray z = Nd4j.exec(DynamicCustomOp.builder(nativeOp).addInputs(x).addIntegerArguments(args).build())[0];
        INDArray out = z.reshape('c', w.lowerShape(z.shape()));
        Tape.record(out, (g, needs) -> {
            INDArray dx = Nd4j.createUninitialized(x.dataType(), x.shape());
            Nd4j.exec(DynamicCustomOp.builder(nativeOp + "_bp").addInputs(x, g.dup('c').reshape('c', z.shape())).addOutputs(dx)
                    .addIntegerArguments(args).build());
            return new INDArray[]{dx.reshape('c', inputs.shape())};
        }, inputs);
        return out;
    }
}
