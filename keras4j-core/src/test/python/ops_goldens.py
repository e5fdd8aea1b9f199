"""Golden forward values and vector-Jacobian products of keras.ops, computed by Keras 3 on JAX in float64.

Writes keras4j-core/src/test/resources/ops/goldens.txt, read by io.keras4j.ops.OpsGoldenTest (which needs no Python).
Each case is a function of a few small arrays; for every case the file holds its inputs, its output, a fixed
cotangent and jax.vjp's gradient with respect to each float input. Run from the repository root:

    /work/venv/bin/python keras4j-core/src/test/python/ops_goldens.py
"""
import os

os.environ["KERAS_BACKEND"] = "jax"

import jax  # noqa: E402
import jax.scipy.special  # noqa: E402

jax.config.update("jax_enable_x64", True)

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import ops  # noqa: E402
from jax import numpy as jnp  # noqa: E402

keras.config.set_floatx("float64")
rng = np.random.RandomState(20261208)


def n(*shape):
    return rng.randn(*shape)


def pos(*shape):
    return np.abs(rng.randn(*shape)) + 0.5


def prob(*shape):
    return rng.uniform(0.05, 0.95, size=shape)


def ints(high, *shape):
    return rng.randint(0, high, size=shape).astype(np.int32)


def softmaxed(*shape):
    e = np.exp(rng.randn(*shape))
    return e / e.sum(-1, keepdims=True)


def onehot(classes, *shape):
    return np.eye(classes)[rng.randint(0, classes, size=shape)]


def attention(q, k, v, bias=None, mask=None, scale=None, is_causal=False):
    """keras/src/backend/jax/nn.py _dot_product_attention_core in float64 (Keras itself takes the softmax in float32)."""
    scale = 1.0 / np.sqrt(q.shape[-1]) if scale is None else scale
    logits = jnp.einsum("BTNH,BSNH->BNTS", q, k) * scale
    if bias is not None:
        logits = logits + bias
    allowed = jnp.ones_like(logits, dtype=bool)
    if mask is not None:
        allowed = jnp.logical_and(allowed, mask.astype(bool))
    if is_causal:
        allowed = jnp.logical_and(allowed, jnp.tril(jnp.ones(logits.shape[2:], dtype=bool))[None, None])
    logits = jnp.where(allowed, logits, -0.7 * jnp.finfo(logits.dtype).max)
    return jnp.einsum("BNTS,BSNH->BTNH", jax.nn.softmax(logits, axis=-1), v)


# name -> (function of arrays, inputs); keras.ops where it computes in float64 (Keras on JAX computes
# float64 inputs of its trigonometric functions, mean, var, norm and the attention softmax in float32, so jax.numpy's are
# used for those); the Java twin of each function is in OpCases.java under the same name.
CASES = {
    # arithmetic, broadcasting
    "add_broadcast": (lambda x, y: ops.add(x, y), [n(3, 4), n(4)]),
    "add_scalar": (lambda x: ops.add(x, 3.0), [n(2, 3)]),
    "subtract_broadcast": (lambda x, y: ops.subtract(x, y), [n(2, 1, 3), n(4, 1)]),
    "subtract_from_scalar": (lambda x: ops.subtract(1.0, x), [n(2, 3)]),
    "multiply_broadcast": (lambda x, y: ops.multiply(x, y), [n(2, 3), n(2, 1)]),
    "divide_broadcast": (lambda x, y: ops.divide(x, y), [n(2, 3), pos(3)]),
    "divide_scalar": (lambda x: ops.divide(x, 255.0), [n(2, 3)]),
    "true_divide": (lambda x, y: ops.true_divide(x, y), [n(3), pos(2, 3)]),
    "negative": (lambda x: ops.negative(x), [n(2, 3)]),
    "power": (lambda x, y: ops.power(x, y), [pos(2, 3), n(3)]),
    "power_scalar": (lambda x: ops.power(x, 3.0), [n(2, 3)]),
    "mod": (lambda x, y: ops.mod(x, y), [n(2, 3) * 3, pos(3)]),
    "floor_divide": (lambda x, y: ops.floor_divide(x, y), [n(2, 3) * 3, pos(3)]),
    "maximum_broadcast": (lambda x, y: ops.maximum(x, y), [n(3, 4), n(4)]),
    "minimum_broadcast": (lambda x, y: ops.minimum(x, y), [n(3, 1), n(4)]),
    "maximum_scalar": (lambda x: ops.maximum(x, 0.1), [n(2, 3)]),
    "where": (lambda x, y: ops.where(ops.greater(x, 0.0), x, ops.multiply(y, 2.0)), [n(3, 4), n(4)]),
    # element-wise
    "exp": (lambda x: ops.exp(x), [n(2, 3)]),
    "expm1": (lambda x: ops.expm1(x), [n(2, 3)]),
    "log": (lambda x: ops.log(x), [pos(2, 3)]),
    "log1p": (lambda x: ops.log1p(x), [pos(2, 3)]),
    "sqrt": (lambda x: ops.sqrt(x), [pos(2, 3)]),
    "square": (lambda x: ops.square(x), [n(2, 3)]),
    "abs": (lambda x: ops.abs(x), [n(2, 3)]),
    "sign": (lambda x: ops.sign(x), [n(2, 3)]),
    "reciprocal": (lambda x: ops.reciprocal(x), [pos(2, 3)]),
    "sin": (lambda x: jnp.sin(x), [n(2, 3)]),
    "cos": (lambda x: jnp.cos(x), [n(2, 3)]),
    "tan": (lambda x: jnp.tan(x), [n(2, 3) * 0.5]),
    "tanh": (lambda x: jnp.tanh(x), [n(2, 3)]),
    "sinh": (lambda x: jnp.sinh(x), [n(2, 3)]),
    "cosh": (lambda x: jnp.cosh(x), [n(2, 3)]),
    "arctan": (lambda x: jnp.arctan(x), [n(2, 3)]),
    "erf": (lambda x: jax.scipy.special.erf(x), [n(2, 3)]),
    "clip": (lambda x: ops.clip(x, -0.5, 0.7), [n(3, 4)]),
    "rsqrt": (lambda x: ops.rsqrt(x), [pos(2, 3)]),
    # reductions
    "sum_all": (lambda x: ops.sum(x), [n(2, 3)]),
    "sum_axis": (lambda x: ops.sum(x, axis=1), [n(2, 3, 2)]),
    "sum_axes_keepdims": (lambda x: ops.sum(x, axis=(0, 2), keepdims=True), [n(2, 3, 2)]),
    "mean_axis": (lambda x: jnp.mean(x, axis=-1), [n(2, 3, 2)]),
    "mean_all": (lambda x: jnp.mean(x), [n(3, 2)]),
    "max_axis": (lambda x: ops.max(x, axis=-1), [n(3, 4)]),
    "max_all": (lambda x: ops.max(x), [n(3, 4)]),
    "min_axis_keepdims": (lambda x: ops.min(x, axis=0, keepdims=True), [n(3, 4)]),
    "prod_axis": (lambda x: ops.prod(x, axis=0), [n(3, 4)]),
    "var_axis": (lambda x: jnp.var(x, axis=1), [n(3, 4)]),
    "std_all": (lambda x: ops.std(x), [n(3, 4)]),
    "logsumexp_axis": (lambda x: ops.logsumexp(x, axis=1), [n(3, 4)]),
    "logsumexp_all": (lambda x: ops.logsumexp(x), [n(3, 4)]),
    "cumsum_axis": (lambda x: ops.cumsum(x, axis=1), [n(3, 4)]),
    "cumsum_flat": (lambda x: ops.cumsum(x), [n(2, 3)]),
    # linear algebra
    "outer": (lambda x, y: ops.outer(x, y), [n(3), n(2, 2)]),
    "norm_all": (lambda x: jnp.linalg.norm(x), [n(3, 4)]),
    "norm_axis_keepdims": (lambda x: jnp.linalg.norm(x, axis=-1, keepdims=True), [n(3, 4)]),
    "tril": (lambda x: ops.tril(x, -1), [n(2, 3, 4)]),
    "triu": (lambda x: ops.triu(x, 1), [n(3, 4)]),
    "matmul_2d": (lambda x, y: ops.matmul(x, y), [n(3, 4), n(4, 2)]),
    "matmul_3d_2d": (lambda x, y: ops.matmul(x, y), [n(2, 3, 4), n(4, 2)]),
    "matmul_batched_broadcast": (lambda x, y: ops.matmul(x, y), [n(2, 1, 2, 3), n(3, 3, 2)]),
    "matmul_vector_matrix": (lambda x, y: ops.matmul(x, y), [n(4), n(2, 4, 3)]),
    "matmul_matrix_vector": (lambda x, y: ops.matmul(x, y), [n(3, 4), n(4)]),
    "matmul_vector_vector": (lambda x, y: ops.matmul(x, y), [n(4), n(4)]),
    "dot_nd": (lambda x, y: ops.dot(x, y), [n(2, 3, 4), n(5, 4, 2)]),
    "tensordot_int": (lambda x, y: ops.tensordot(x, y, axes=2), [n(2, 3, 4), n(3, 4, 5)]),
    "tensordot_pairs": (lambda x, y: ops.tensordot(x, y, axes=([0, 2], [2, 0])), [n(2, 3, 4), n(4, 5, 2)]),
    "einsum_matmul": (lambda x, y: ops.einsum("ij,jk->ik", x, y), [n(3, 4), n(4, 2)]),
    "einsum_attention": (lambda x, y: ops.einsum("bqhd,bkhd->bhqk", x, y), [n(1, 2, 2, 3), n(1, 3, 2, 3)]),
    "einsum_outer": (lambda x, y: ops.einsum("i,j->ij", x, y), [n(3), n(4)]),
    "einsum_transpose_sum": (lambda x: ops.einsum("ijk->kj", x), [n(2, 3, 4)]),
    "einsum_ellipsis": (lambda x, y: ops.einsum("...ij,...jk->...ik", x, y), [n(2, 3, 4), n(2, 4, 5)]),
    "einsum_three": (lambda x, y, z: ops.einsum("ab,bc,cd->ad", x, y, z), [n(2, 3), n(3, 4), n(4, 2)]),
    "einsum_implicit": (lambda x, y: ops.einsum("ij,jk", x, y), [n(3, 4), n(4, 2)]),
    "einsum_diagonal": (lambda x: ops.einsum("ii->i", x), [n(3, 3)]),
    "einsum_trace_implicit": (lambda x: ops.einsum("ii", x), [n(3, 3)]),
    "einsum_batch_diagonal_product": (lambda x, y: ops.einsum("bii,bj->bij", x, y), [n(2, 3, 3), n(2, 2)]),
    "einsum_full_reduction": (lambda x, y: ops.einsum("ij,ij->", x, y), [n(3, 4), n(3, 4)]),
    # shapes
    "reshape": (lambda x: ops.reshape(x, (4, -1)), [n(2, 3, 2)]),
    "transpose": (lambda x: ops.transpose(x, (2, 0, 1)), [n(2, 3, 4)]),
    "transpose_default": (lambda x: ops.transpose(x), [n(2, 3, 4)]),
    "moveaxis": (lambda x: ops.moveaxis(x, 0, -1), [n(2, 3, 4)]),
    "swapaxes": (lambda x: ops.swapaxes(x, 0, 2), [n(2, 3, 4)]),
    "flip_axis": (lambda x: ops.flip(x, axis=1), [n(2, 3, 4)]),
    "flip_all": (lambda x: ops.flip(x), [n(2, 3)]),
    "expand_dims": (lambda x: ops.expand_dims(x, -1), [n(2, 3)]),
    "squeeze": (lambda x: ops.squeeze(x, axis=1), [n(2, 1, 3)]),
    "concatenate": (lambda x, y, z: ops.concatenate([x, y, z], axis=1), [n(2, 1), n(2, 3), n(2, 2)]),
    "stack": (lambda x, y: ops.stack([x, y], axis=1), [n(2, 3), n(2, 3)]),
    "split_sections": (lambda x: (lambda p: ops.add(ops.multiply(p[0], 2.0), ops.multiply(p[1], 3.0)))(ops.split(x, 2, axis=1)),
                       [n(3, 4)]),
    "split_indices": (lambda x: (lambda p: ops.concatenate([ops.multiply(p[2], 2.0), p[0]], axis=0))(ops.split(x, [1, 3], axis=0)),
                      [n(5, 2)]),
    "tile": (lambda x: ops.tile(x, (2, 1, 3)), [n(2, 3)]),
    "repeat_axis": (lambda x: ops.repeat(x, 3, axis=1), [n(2, 3)]),
    "repeat_flat": (lambda x: ops.repeat(x, 2), [n(2, 3)]),
    "repeat_counts": (lambda x: ops.repeat(x, np.array([2, 0, 1]), axis=1), [n(2, 3)]),
    "pad_constant": (lambda x: ops.pad(x, ((1, 2), (0, 1)), constant_values=0.5), [n(2, 3)]),
    "pad_reflect": (lambda x: ops.pad(x, ((1, 2), (2, 1)), mode="reflect"), [n(3, 4)]),
    "pad_symmetric": (lambda x: ops.pad(x, ((0, 2), (3, 1)), mode="symmetric"), [n(3, 4)]),
    "pad_edge": (lambda x: ops.pad(x, ((2, 1), (0, 0)), mode="edge"), [n(3, 4)]),
    "pad_wrap": (lambda x: ops.pad(x, ((1, 1), (2, 3)), mode="wrap"), [n(3, 4)]),
    "slice": (lambda x: ops.slice(x, (1, 0, 2), (2, 3, 2)), [n(3, 4, 5)]),
    "get_item_columns": (lambda x: x[:, 1:3], [n(3, 4)]),
    "get_item_mixed": (lambda x: x[..., -1, ::2], [n(2, 3, 5)]),
    "get_item_newaxis": (lambda x: x[1, None, 1:], [n(3, 4)]),
    "get_item_reversed": (lambda x: x[::-1, 3:0:-2], [n(3, 5)]),
    "get_item_reversed_mixed": (lambda x: x[None, -1, ..., ::-1], [n(2, 3, 4)]),
    "take_axis": (lambda x, i: ops.take(x, i, axis=1), [n(3, 4), np.array([[0, 2], [3, 2], [1, 1]], dtype=np.int32)]),
    "take_negative": (lambda x, i: ops.take(x, i, axis=0), [n(3, 2), np.array([-1, 0, -3], dtype=np.int32)]),
    "take_flat": (lambda x, i: ops.take(x, i), [n(3, 4), np.array([11, 0, 5, 5], dtype=np.int32)]),
    "take_along_axis": (lambda x, i: ops.take_along_axis(x, i, axis=1), [n(3, 4), ints(4, 3, 2)]),
    "one_hot": (lambda i: ops.one_hot(i, 4), [np.array([0, 3, 1], dtype=np.int32)]),
    # nn
    "relu": (lambda x: ops.relu(x), [n(3, 4)]),
    "relu6": (lambda x: ops.relu6(x), [n(3, 4) * 4]),
    "sigmoid": (lambda x: ops.sigmoid(x), [n(3, 4)]),
    "silu": (lambda x: ops.silu(x), [n(3, 4)]),
    "softplus": (lambda x: ops.softplus(x), [n(3, 4) * 3]),
    "log_sigmoid": (lambda x: ops.log_sigmoid(x), [n(3, 4) * 3]),
    "softsign": (lambda x: ops.softsign(x), [n(3, 4)]),
    "elu": (lambda x: ops.elu(x, alpha=0.7), [n(3, 4)]),
    "selu": (lambda x: ops.selu(x), [n(3, 4)]),
    "leaky_relu": (lambda x: ops.leaky_relu(x), [n(3, 4)]),
    "hard_sigmoid": (lambda x: ops.hard_sigmoid(x), [n(3, 4) * 3]),
    "hard_silu": (lambda x: ops.hard_silu(x), [n(3, 4) * 3]),
    "mish": (lambda x: keras.activations.mish(x), [n(3, 4)]),
    "gelu_approximate": (lambda x: ops.gelu(x), [n(3, 4)]),
    "gelu_exact": (lambda x: ops.gelu(x, approximate=False), [n(3, 4)]),
    "softmax_axis0": (lambda x: ops.softmax(x, axis=0), [n(3, 4)]),
    "log_softmax": (lambda x: ops.log_softmax(x), [n(3, 4)]),
    "conv2d_valid": (lambda x, k: ops.conv(x, k), [n(1, 4, 4, 2), n(3, 2, 2, 2)]),
    "conv2d_same_strided": (lambda x, k: ops.conv(x, k, strides=2, padding="same"), [n(1, 5, 6, 2), n(3, 3, 2, 3)]),
    "conv2d_dilated": (lambda x, k: ops.conv(x, k, dilation_rate=2), [n(1, 6, 6, 2), n(2, 2, 2, 2)]),
    "conv2d_channels_first": (lambda x, k: ops.conv(x, k, padding="same", data_format="channels_first"),
                              [n(1, 2, 4, 5), n(3, 3, 2, 2)]),
    "conv1d_strided_valid": (lambda x, k: ops.conv(x, k, strides=2), [n(2, 8, 2), n(3, 2, 3)]),
    "conv1d": (lambda x, k: ops.conv(x, k, strides=1, padding="same"), [n(2, 7, 3), n(3, 3, 2)]),
    "conv3d_same": (lambda x, k: ops.conv(x, k, padding="same"), [n(1, 3, 4, 3, 2), n(2, 2, 2, 2, 2)]),
    "conv3d_strided_dilated": (lambda x, k: ops.conv(x, k, strides=(1, 2, 1), dilation_rate=(2, 1, 1)),
                               [n(1, 4, 4, 3, 1), n(2, 2, 2, 1, 2)]),
    "max_pool3d": (lambda x: ops.max_pool(x, (2, 2, 2), strides=(2, 2, 2)), [n(1, 4, 4, 2, 2)]),
    "average_pool3d_same_channels_first": (
        lambda x: ops.average_pool(x, (2, 2, 2), strides=(2, 2, 2), padding="same", data_format="channels_first"),
        [n(1, 2, 3, 3, 2)]),
    "depthwise_conv2d": (lambda x, k: ops.depthwise_conv(x, k, padding="same"), [n(1, 4, 5, 2), n(3, 3, 2, 2)]),
    "max_pool2d": (lambda x: ops.max_pool(x, (2, 2), strides=(2, 2)), [n(1, 4, 4, 2)]),
    "max_pool2d_channels_first": (lambda x: ops.max_pool(x, (2, 2), strides=(1, 1), data_format="channels_first"),
                                  [n(1, 2, 4, 4)]),
    "depthwise_conv2d_strided_channels_first": (
        lambda x, k: ops.depthwise_conv(x, k, strides=2, padding="valid", data_format="channels_first"),
        [n(1, 2, 5, 5), n(3, 3, 2, 1)]),
    "max_pool2d_same": (lambda x: ops.max_pool(x, (3, 3), strides=(2, 2), padding="same"), [n(1, 5, 5, 2)]),
    "average_pool2d_same": (lambda x: ops.average_pool(x, (2, 2), strides=(2, 2), padding="same"), [n(1, 5, 5, 2)]),
    "average_pool1d": (lambda x: ops.average_pool(x, (2,), strides=(2,)), [n(2, 6, 3)]),
    "moments": (lambda x: (lambda mv: ops.add(mv[0], ops.multiply(mv[1], 2.0)))(ops.moments(x, axes=[0, 1])), [n(3, 2, 4)]),
    "batch_normalization": (lambda x, m, v, b, s: ops.batch_normalization(x, m, v, axis=-1, offset=b, scale=s, epsilon=1e-3),
                            [n(3, 4), n(4), pos(4), n(4), n(4)]),
    "binary_crossentropy": (lambda t, o: ops.binary_crossentropy(t, o), [prob(3, 4), prob(3, 4)]),
    "binary_crossentropy_logits": (lambda t, o: ops.binary_crossentropy(t, o, from_logits=True), [prob(3, 4), n(3, 4)]),
    "categorical_crossentropy": (lambda t, o: ops.categorical_crossentropy(t, o), [onehot(4, 3), softmaxed(3, 4)]),
    "categorical_crossentropy_logits": (lambda t, o: ops.categorical_crossentropy(t, o, from_logits=True),
                                        [softmaxed(3, 4), n(3, 4)]),
    "sparse_categorical_crossentropy_logits": (
        lambda t, o: ops.sparse_categorical_crossentropy(t, o, from_logits=True), [ints(4, 3), n(3, 4)]),
    "sparse_categorical_crossentropy": (lambda t, o: ops.sparse_categorical_crossentropy(t, o), [ints(4, 3, 1), softmaxed(3, 4)]),
    "dot_product_attention": (lambda q, k, v: attention(q, k, v), [n(1, 2, 2, 3), n(1, 3, 2, 3), n(1, 3, 2, 3)]),
    "dot_product_attention_causal_scaled": (lambda q, k, v: attention(q, k, v, scale=0.3, is_causal=True),
                                            [n(1, 3, 1, 2), n(1, 3, 1, 2), n(1, 3, 1, 2)]),
    "dot_product_attention_mask_bias": (
        lambda q, k, v, b, m: attention(q, k, v, bias=b, mask=m),
        [n(1, 2, 1, 3), n(1, 3, 1, 3), n(1, 3, 1, 3), n(1, 1, 2, 3),
         np.array([[[[1, 0, 1], [0, 1, 1]]]], dtype=np.int32)]),
}


def fmt(a):
    a = np.asarray(a)
    shape = ",".join(str(d) for d in a.shape)
    kind = "int" if np.issubdtype(a.dtype, np.integer) or a.dtype == bool else "float"
    values = " ".join(repr(int(v)) if kind == "int" else repr(float(v)) for v in a.reshape(-1))
    return kind, shape, values


def main():
    out_path = os.path.join(os.path.dirname(__file__), "..", "resources", "ops", "goldens.txt")
    lines = ["# keras.ops on JAX (Keras %s, jax %s), float64: input<i>, output, cotangent and grad<i> = jax.vjp(f)(cotangent)[i]"
             % (keras.__version__, jax.__version__),
             "# case<TAB>field<TAB>kind<TAB>shape<TAB>values; written by keras4j-core/src/test/python/ops_goldens.py"]
    for name, (fn, inputs) in CASES.items():
        arrays = [jax.numpy.asarray(a) for a in inputs]
        floats = [i for i, a in enumerate(arrays) if jax.numpy.issubdtype(a.dtype, jax.numpy.floating)]

        def f(*fl):
            args = list(arrays)
            for i, v in zip(floats, fl):
                args[i] = v
            return fn(*args)

        out, vjp = jax.vjp(f, *[arrays[i] for i in floats])
        if out.dtype != jax.numpy.float64 and floats:
            raise SystemExit("case %s computes in %s, not float64" % (name, out.dtype))
        cot = rng.randn(*out.shape)
        grads = vjp(jax.numpy.asarray(cot)) if floats else []
        for i, a in enumerate(inputs):
            lines.append("\t".join([name, "input%d" % i, *fmt(a)]))
        lines.append("\t".join([name, "output", *fmt(out)]))
        lines.append("\t".join([name, "cotangent", *fmt(cot)]))
        for i, g in zip(floats, grads):
            lines.append("\t".join([name, "grad%d" % i, *fmt(g)]))
    tmp = out_path + ".tmp"
    with open(tmp, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    os.replace(tmp, out_path)
    print("wrote %d cases to %s" % (len(CASES), out_path))


if __name__ == "__main__":
    main()
