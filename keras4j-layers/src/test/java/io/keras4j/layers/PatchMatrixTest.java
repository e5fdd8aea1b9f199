package io.keras4j.layers;

import io.keras4j.engine.CallContext;
import io.keras4j.engine.Layer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The output (in training), kernel and bias gradients of a first convolution (no input gradient wanted: the float32
 * PatchMatrix path) against
 * a float64 twin with the same weights whose input gradient is wanted (the native or im2col path, gradient-checked
 * elsewhere).
 */
class PatchMatrixTest {
    private static Layer conv(int rank, int filters, int kernel, int stride, String padding, String dtype) {
        Layer layer = rank == 1 ? new Conv1D(filters, kernel).strides(stride).padding(padding)
                : new Conv2D(filters, kernel).strides(stride).padding(padding);
        return layer.dtype(dtype);
    }

    private static INDArray[] gradients(Layer layer, INDArray x, INDArray dy, boolean needInput) {
        CallContext ctx = new CallContext();
        ctx.begin(true, new boolean[]{needInput});
        INDArray y = layer.call(new INDArray[]{x}, ctx)[0];
        layer.trainableWeights().forEach(v -> v.resetGradient());
        INDArray[] dx = layer.backward(new INDArray[]{dy.castTo(y.dataType())}, ctx);
        if (!needInput) {
            assertNull(dx[0]);
        }
        return new INDArray[]{layer.trainableWeights().get(0).gradient().castTo(DataType.DOUBLE),
            layer.trainableWeights().get(1).gradient().castTo(DataType.DOUBLE), y.castTo(DataType.DOUBLE)};
    }

    @ParameterizedTest
    @CsvSource({"2,1,4,3,1,valid", "2,1,3,3,1,same", "2,1,2,4,1,same", "2,3,5,3,2,same", "2,2,3,2,1,same", "1,1,4,3,1,valid",
        "1,1,2,5,1,same", "1,2,3,5,2,same"})
    void firstLayerGradientsMatchTheGeneralPath(int rank, int channels, int filters, int kernel, int stride, String padding) {
        long[] shape = rank == 1 ? new long[]{5, 11, channels} : new long[]{5, 9, 8, channels};
        Layer fast = conv(rank, filters, kernel, stride, padding, "float32");
        Layer reference = conv(rank, filters, kernel, stride, padding, "float64");
        long[] buildShape = shape.clone();
        buildShape[0] = -1;
        fast.ensureBuilt(List.of(buildShape));
        reference.ensureBuilt(List.of(buildShape));
        fast.trainableWeights().get(1).value().assign(Nd4j.rand(DataType.FLOAT, filters).subi(0.5));
        for (int i = 0; i < 2; i++) {
            reference.trainableWeights().get(i).value().assign(fast.trainableWeights().get(i).value());
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
        INDArray dy = Nd4j.rand(DataType.DOUBLE, fast.computeOutputShape(shape)).subi(0.5);
        INDArray[] f = gradients(fast, x, dy, false);
        INDArray[] r = gradients(reference, x.castTo(DataType.DOUBLE), dy, true);
        for (int i = 0; i < 3; i++) {
            double diff = f[i].sub(r[i]).amaxNumber().doubleValue();
            assertTrue(diff <= 1e-5 * Math.max(1, r[i].amaxNumber().doubleValue()), (i == 0 ? "kernel" : i == 1 ? "bias" : "output")
                    + " differs by " + diff);
        }
    }
}
