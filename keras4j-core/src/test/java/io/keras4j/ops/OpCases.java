package io.keras4j.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.keras4j.ops.Ops.*;

/**
 * The Java twin of each case of keras4j-core/src/test/python/ops_goldens.py, by the same name: a function of the
 * case's inputs written with {@link Ops}, as the Python one is written with {@code keras.ops}.
 */
final class OpCases {
    static final Map<String, Function<INDArray[], INDArray>> CASES = new LinkedHashMap<>();

    private static void put(String name, Function<INDArray[], INDArray> f) {
        CASES.put(name, f);
    }

    private OpCases() {
    }

    static {
        put("add_broadcast", a -> add(a[0], a[1]));
        put("add_scalar", a -> add(a[0], 3.0));
        put("subtract_broadcast", a -> subtract(a[0], a[1]));
        put("subtract_from_scalar", a -> subtract(1.0, a[0]));
        put("multiply_broadcast", a -> multiply(a[0], a[1]));
        put("divide_broadcast", a -> divide(a[0], a[1]));
        put("divide_scalar", a -> divide(a[0], 255.0));
        put("true_divide", a -> trueDivide(a[0], a[1]));
        put("negative", a -> negative(a[0]));
        put("power", a -> power(a[0], a[1]));
        put("power_scalar", a -> power(a[0], 3.0));
        put("mod", a -> mod(a[0], a[1]));
        put("floor_divide", a -> floorDivide(a[0], a[1]));
        put("maximum_broadcast", a -> maximum(a[0], a[1]));
        put("minimum_broadcast", a -> minimum(a[0], a[1]));
        put("maximum_scalar", a -> maximum(a[0], 0.1));
        put("where", a -> where(greater(a[0], 0.0), a[0], multiply(a[1], 2.0)));

        put("exp", a -> exp(a[0]));
        put("expm1", a -> expm1(a[0]));
        put("log", a -> log(a[0]));
        put("log1p", a -> log1p(a[0]));
        put("sqrt", a -> sqrt(a[0]));
        put("square", a -> square(a[0]));
        put("abs", a -> abs(a[0]));
        put("sign", a -> sign(a[0]));
        put("reciprocal", a -> reciprocal(a[0]));
        put("sin", a -> sin(a[0]));
        put("cos", a -> cos(a[0]));
        put("tan", a -> tan(a[0]));
        put("tanh", a -> tanh(a[0]));
        put("sinh", a -> sinh(a[0]));
        put("cosh", a -> cosh(a[0]));
        put("arctan", a -> arctan(a[0]));
        put("erf", a -> erf(a[0]));
        put("clip", a -> clip(a[0], -0.5, 0.7));
        put("rsqrt", a -> rsqrt(a[0]));

        put("sum_all", a -> sum(a[0]));
        put("sum_axis", a -> sum(a[0], 1));
        put("sum_axes_keepdims", a -> sum(a[0], new int[]{0, 2}, true));
        put("mean_axis", a -> mean(a[0], -1));
        put("mean_all", a -> mean(a[0]));
        put("max_axis", a -> max(a[0], -1));
        put("max_all", a -> max(a[0]));
        put("min_axis_keepdims", a -> min(a[0], 0, true));
        put("prod_axis", a -> prod(a[0], 0));
        put("var_axis", a -> var(a[0], 1));
        put("std_all", a -> std(a[0]));
        put("logsumexp_axis", a -> logsumexp(a[0], 1));
        put("logsumexp_all", a -> logsumexp(a[0]));
        put("cumsum_axis", a -> cumsum(a[0], 1));
        put("cumsum_flat", a -> cumsum(a[0]));

        put("outer", a -> outer(a[0], a[1]));
        put("norm_all", a -> norm(a[0]));
        put("norm_axis_keepdims", a -> norm(a[0], new int[]{-1}, true));
        put("tril", a -> tril(a[0], -1));
        put("triu", a -> triu(a[0], 1));
        put("matmul_2d", a -> matmul(a[0], a[1]));
        put("matmul_3d_2d", a -> matmul(a[0], a[1]));
        put("matmul_batched_broadcast", a -> matmul(a[0], a[1]));
        put("matmul_vector_matrix", a -> matmul(a[0], a[1]));
        put("matmul_matrix_vector", a -> matmul(a[0], a[1]));
        put("matmul_vector_vector", a -> matmul(a[0], a[1]));
        put("dot_nd", a -> dot(a[0], a[1]));
        put("tensordot_int", a -> tensordot(a[0], a[1], 2));
        put("tensordot_pairs", a -> tensordot(a[0], a[1], new int[]{0, 2}, new int[]{2, 0}));
        put("einsum_matmul", a -> einsum("ij,jk->ik", a[0], a[1]));
        put("einsum_attention", a -> einsum("bqhd,bkhd->bhqk", a[0], a[1]));
        put("einsum_outer", a -> einsum("i,j->ij", a[0], a[1]));
        put("einsum_transpose_sum", a -> einsum("ijk->kj", a[0]));
        put("einsum_ellipsis", a -> einsum("...ij,...jk->...ik", a[0], a[1]));
        put("einsum_three", a -> einsum("ab,bc,cd->ad", a[0], a[1], a[2]));
        put("einsum_implicit", a -> einsum("ij,jk", a[0], a[1]));
        put("einsum_diagonal", a -> einsum("ii->i", a[0]));
        put("einsum_trace_implicit", a -> einsum("ii", a[0]));
        put("einsum_batch_diagonal_product", a -> einsum("bii,bj->bij", a[0], a[1]));
        put("einsum_full_reduction", a -> einsum("ij,ij->", a[0], a[1]));

        put("reshape", a -> reshape(a[0], 4, -1));
        put("transpose", a -> transpose(a[0], 2, 0, 1));
        put("transpose_default", a -> transpose(a[0]));
        put("moveaxis", a -> moveaxis(a[0], 0, -1));
        put("swapaxes", a -> swapaxes(a[0], 0, 2));
        put("flip_axis", a -> flip(a[0], 1));
        put("flip_all", a -> flip(a[0]));
        put("expand_dims", a -> expandDims(a[0], -1));
        put("squeeze", a -> squeeze(a[0], 1));
        put("concatenate", a -> concatenate(List.of(a[0], a[1], a[2]), 1));
        put("stack", a -> stack(List.of(a[0], a[1]), 1));
        put("split_sections", a -> {
            List<INDArray> p = split(a[0], 2, 1);
            return add(multiply(p.get(0), 2.0), multiply(p.get(1), 3.0));
        });
        put("split_indices", a -> {
            List<INDArray> p = split(a[0], new int[]{1, 3}, 0);
            return concatenate(List.of(multiply(p.get(2), 2.0), p.get(0)), 0);
        });
        put("tile", a -> tile(a[0], 2, 1, 3));
        put("repeat_axis", a -> repeat(a[0], 3, 1));
        put("repeat_flat", a -> repeat(a[0], 2));
        put("repeat_counts", a -> repeat(a[0], new int[]{2, 0, 1}, 1));
        put("pad_constant", a -> pad(a[0], new long[][]{{1, 2}, {0, 1}}, "constant", 0.5));
        put("pad_reflect", a -> pad(a[0], new long[][]{{1, 2}, {2, 1}}, "reflect"));
        put("pad_symmetric", a -> pad(a[0], new long[][]{{0, 2}, {3, 1}}, "symmetric"));
        put("pad_edge", a -> pad(a[0], new long[][]{{2, 1}, {0, 0}}, "edge"));
        put("pad_wrap", a -> pad(a[0], new long[][]{{1, 1}, {2, 3}}, "wrap"));
        put("slice", a -> slice(a[0], new long[]{1, 0, 2}, new long[]{2, 3, 2}));
        put("get_item_columns", a -> getItem(a[0], ":, 1:3"));
        put("get_item_mixed", a -> getItem(a[0], "..., -1, ::2"));
        put("get_item_newaxis", a -> getItem(a[0], "1, None, 1:"));
        put("get_item_reversed", a -> getItem(a[0], "::-1, 3:0:-2"));
        put("get_item_reversed_mixed", a -> getItem(a[0], "None, -1, ..., ::-1"));
        put("take_axis", a -> take(a[0], a[1], 1));
        put("take_negative", a -> take(a[0], a[1], 0));
        put("take_flat", a -> take(a[0], a[1]));
        put("take_along_axis", a -> takeAlongAxis(a[0], a[1], 1));
        put("one_hot", a -> oneHot(a[0], 4));

        put("relu", a -> relu(a[0]));
        put("relu6", a -> relu6(a[0]));
        put("sigmoid", a -> sigmoid(a[0]));
        put("silu", a -> silu(a[0]));
        put("softplus", a -> softplus(a[0]));
        put("log_sigmoid", a -> logSigmoid(a[0]));
        put("softsign", a -> softsign(a[0]));
        put("elu", a -> elu(a[0], 0.7));
        put("selu", a -> selu(a[0]));
        put("leaky_relu", a -> leakyRelu(a[0]));
        put("hard_sigmoid", a -> hardSigmoid(a[0]));
        put("hard_silu", a -> hardSilu(a[0]));
        put("mish", a -> mish(a[0]));
        put("gelu_approximate", a -> gelu(a[0]));
        put("gelu_exact", a -> gelu(a[0], false));
        put("softmax_axis0", a -> softmax(a[0], 0));
        put("log_softmax", a -> logSoftmax(a[0]));
        put("conv2d_valid", a -> conv(a[0], a[1]));
        put("conv2d_same_strided", a -> conv(a[0], a[1], 2, "same"));
        put("conv2d_dilated", a -> conv(a[0], a[1], new int[]{1}, "valid", null, new int[]{2}));
        put("conv2d_channels_first", a -> conv(a[0], a[1], new int[]{1}, "same", "channels_first", new int[]{1}));
        put("conv1d", a -> conv(a[0], a[1], 1, "same"));
        put("conv1d_strided_valid", a -> conv(a[0], a[1], 2, "valid"));
        put("conv3d_same", a -> conv(a[0], a[1], 1, "same"));
        put("conv3d_strided_dilated", a -> conv(a[0], a[1], new int[]{1, 2, 1}, "valid", null, new int[]{2, 1, 1}));
        put("max_pool3d", a -> maxPool(a[0], 2));
        put("average_pool3d_same_channels_first", a -> averagePool(a[0], new int[]{2}, null, "same", "channels_first"));
        put("depthwise_conv2d", a -> depthwiseConv(a[0], a[1], 1, "same"));
        put("max_pool2d", a -> maxPool(a[0], 2));
        put("max_pool2d_channels_first", a -> maxPool(a[0], new int[]{2}, new int[]{1}, "valid", "channels_first"));
        put("depthwise_conv2d_strided_channels_first",
                a -> depthwiseConv(a[0], a[1], new int[]{2}, "valid", "channels_first", new int[]{1}));
        put("max_pool2d_same", a -> maxPool(a[0], new int[]{3}, new int[]{2}, "same", null));
        put("average_pool2d_same", a -> averagePool(a[0], new int[]{2}, null, "same", null));
        put("average_pool1d", a -> averagePool(a[0], 2));
        put("moments", a -> {
            INDArray[] mv = moments(a[0], new int[]{0, 1});
            return add(mv[0], multiply(mv[1], 2.0));
        });
        put("batch_normalization", a -> batchNormalization(a[0], a[1], a[2], -1, a[3], a[4], 1e-3));
        put("binary_crossentropy", a -> binaryCrossentropy(a[0], a[1]));
        put("binary_crossentropy_logits", a -> binaryCrossentropy(a[0], a[1], true));
        put("categorical_crossentropy", a -> categoricalCrossentropy(a[0], a[1]));
        put("categorical_crossentropy_logits", a -> categoricalCrossentropy(a[0], a[1], true, -1));
        put("sparse_categorical_crossentropy_logits", a -> sparseCategoricalCrossentropy(a[0], a[1], true, -1));
        put("sparse_categorical_crossentropy", a -> sparseCategoricalCrossentropy(a[0], a[1]));
        put("dot_product_attention", a -> dotProductAttention(a[0], a[1], a[2]));
        put("dot_product_attention_causal_scaled", a -> dotProductAttention(a[0], a[1], a[2], null, null, 0.3, true));
        put("dot_product_attention_mask_bias", a -> dotProductAttention(a[0], a[1], a[2], a[3], a[4], null, false));
    }
}
