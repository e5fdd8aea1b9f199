package io.keras4j.ops;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.stream.Stream;

import static io.keras4j.ops.Ops.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad arguments fail before ND4J runs, with a message naming the op and the argument, expected and actual. */
class OpsErrorsTest {
    private static INDArray a(long... shape) {
        return Nd4j.zeros(DataType.DOUBLE, shape);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of((Executable) () -> add(a(2, 3), a(4)),
                        "ops.add: shapes (2, 3) and (4,) cannot be broadcast together (axis 1: 3 vs 4)"),
                Arguments.of((Executable) () -> matmul(a(2, 3), a(4, 5)),
                        "ops.matmul: x of shape (2, 3) and y of shape (4, 5) are incompatible: the last axis of x (3) must equal "
                                + "the second-to-last axis of y (4)"),
                Arguments.of((Executable) () -> matmul(a(2, 2, 3), a(3, 3, 2)),
                        "ops.matmul: shapes (2,) and (3,) cannot be broadcast together (axis 0: 2 vs 3)"),
                Arguments.of((Executable) () -> reshape(a(2, 3), 4, -1),
                        "ops.reshape: cannot reshape an array of size 6 and shape (2, 3) into shape (4, -1)"),
                Arguments.of((Executable) () -> sum(a(2, 3), 2),
                        "ops.sum: axis 2 is out of bounds for an array of rank 2 (expected -2 <= axis < 2)"),
                Arguments.of((Executable) () -> concatenate(List.of(a(2, 3), a(3, 3)), 1),
                        "ops.concatenate: all arrays must have the same shape except on axis 1; array 0 has shape (2, 3), "
                                + "array 1 has shape (3, 3)"),
                Arguments.of((Executable) () -> split(a(5, 2), 2),
                        "ops.split: axis 0 of size 5 (shape (5, 2)) cannot be split into 2 equal sections"),
                Arguments.of((Executable) () -> squeeze(a(2, 3), 0),
                        "ops.squeeze: cannot squeeze axis 0 of size 2 (shape (2, 3)); only axes of size 1"),
                Arguments.of((Executable) () -> einsum("ij,jk->ik", a(2, 3), a(4, 5)),
                        "ops.einsum: invalid subscripts \"ij,jk->ik\": subscript 'j' has size 3 in one operand and 4 in "
                                + "operand 1 (shape (4, 5))"),
                Arguments.of((Executable) () -> einsum("ii->i", a(2, 3)),
                        "ops.einsum: invalid subscripts \"ii->i\": subscript 'i' is repeated in operand 0 on axes of sizes 2 "
                                + "and 3 (shape (2, 3))"),
                Arguments.of((Executable) () -> getItem(a(2, 3), "0, 1, 2"),
                        "ops.getItem: invalid index \"0, 1, 2\" for x of shape (2, 3): too many indices: 3 for an array of rank 2"),
                Arguments.of((Executable) () -> getItem(a(2, 3), ":, 5"),
                        "ops.getItem: invalid index \":, 5\" for x of shape (2, 3): index 5 is out of bounds for axis 1 with size 3"),
                Arguments.of((Executable) () -> getItem(a(2, 3), "::0"),
                        "ops.getItem: invalid index \"::0\" for x of shape (2, 3): slice step cannot be zero in '::0'"),
                Arguments.of((Executable) () -> getItem(a(2, 3), ":, 1:2:-1"),
                        "ops.getItem: invalid index \":, 1:2:-1\" for x of shape (2, 3): the slice '1:2:-1' of axis 1 (size 3) is empty"),
                Arguments.of((Executable) () -> repeat(a(2, 3), new int[]{1, 2}, 1),
                        "ops.repeat: repeats must have one count per element of axis 1 (size 3, shape (2, 3)), got 2 counts"),
                Arguments.of((Executable) () -> slice(a(3, 4), new long[]{2, 0}, new long[]{2, 4}),
                        "ops.slice: the block starting at [2, 0] of shape (2, 4) does not fit in x of shape (3, 4)"),
                Arguments.of((Executable) () -> take(a(3, 4), Nd4j.createFromArray(0, 4), 1),
                        "ops.take: indices must be in [-4, 4) for an axis of size 4, got values from 0 to 4"),
                Arguments.of((Executable) () -> conv(a(1, 5, 5, 3), a(3, 3, 2, 4)),
                        "ops.conv: the kernel's in_channels (axis -2 of kernel shape (3, 3, 2, 4)) must equal the inputs' "
                                + "channels (3, inputs shape (1, 5, 5, 3)); grouped convolutions are not supported"),
                Arguments.of((Executable) () -> conv(a(1, 2, 2, 3), a(3, 3, 3, 4)),
                        "ops.conv: the window (3 with dilation) is larger than spatial axis 0 of size 2 with padding 'valid' "
                                + "(inputs shape (1, 2, 2, 3))"),
                Arguments.of((Executable) () -> maxPool(a(4, 4), 2),
                        "ops.max_pool: inputs must have rank 3 (1-D: batch, steps, channels), 4 (2-D) or 5 (3-D), got shape (4, 4)"),
                Arguments.of((Executable) () -> depthwiseConv(a(1, 4, 4, 4, 2), a(2, 2, 2, 2, 1)),
                        "ops.depthwise_conv: 3-D inputs are not supported (ND4J has no 3-D depthwise convolution), got inputs "
                                + "shape (1, 4, 4, 4, 2)"),
                Arguments.of((Executable) () -> conv(a(1, 4, 4, 2), a(2, 2, 2, 2), new int[]{1}, "full", null, new int[]{1}),
                        "ops.conv: padding must be 'valid' or 'same', got 'full'"),
                Arguments.of((Executable) () -> categoricalCrossentropy(a(2, 3), a(2, 4)),
                        "ops.categorical_crossentropy: target and output must have the same shape of rank >= 1, got "
                                + "target.shape=(2, 3), output.shape=(2, 4)"),
                Arguments.of((Executable) () -> sparseCategoricalCrossentropy(a(3), a(2, 4)),
                        "ops.sparse_categorical_crossentropy: target and output must have the same shape up until the last "
                                + "dimension, got target.shape=(3,), output.shape=(2, 4)"),
                Arguments.of((Executable) () -> dotProductAttention(a(1, 2, 3), a(1, 2, 3), a(1, 2, 3)),
                        "ops.dot_product_attention: only 4-D inputs (batch, time, heads, depth) are supported, got "
                                + "query.shape=(1, 2, 3), key.shape=(1, 2, 3), value.shape=(1, 2, 3)"),
                Arguments.of((Executable) () -> pad(a(2, 3), new long[][]{{1, 1}}, "median"),
                        "ops.pad: mode 'median' is not supported; supported: 'constant', 'reflect', 'symmetric', 'edge', 'wrap'"),
                Arguments.of((Executable) () -> pad(a(2, 3), new long[][]{{0, 0}, {3, 0}}, "reflect"),
                        "ops.pad: mode 'reflect' can pad axis 1 of size 3 by at most 2 on each side, got 3 and 0"),
                Arguments.of((Executable) () -> cast(a(2), "float128"),
                        "Unknown ops.cast dtype 'float128'; expected one of float16, bfloat16, float32, float64, int8, int16, "
                                + "int32, int64, uint8, bool"),
                Arguments.of((Executable) () -> clip(a(2), 1.0, 0.0), "ops.clip: x_min 1.0 is greater than x_max 0.0"),
                Arguments.of((Executable) () -> batchNormalization(a(2, 3), a(4), a(3), -1),
                        "ops.batch_normalization: mean must have 3 values (axis 1 of x shape (2, 3)), got shape (4,)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("errors")
    void badArgumentsGetAClearMessage(Executable call, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
