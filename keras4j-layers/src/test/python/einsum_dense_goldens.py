"""Prints the golden values used by EinsumDenseTest (run with the venv's Keras 3, TensorFlow backend).

For each case: input x[i] = sin(i + 1), kernel[i] = 0.5 cos(i + 1), bias[i] = 0.1 (i + 1) (flattened c-order),
and the printed kernel shape, bias shape and output of EinsumDense(equation, output_shape, bias_axes=...).
"""
import os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras

CASES = [
    ("ab,bc->ac", (4,), "c", (2, 3)),
    ("abc,cd->abd", (None, 4), "d", (2, 3, 5)),
    ("abc,cde->abde", (3, 2, 4), "de", (2, 3, 5)),
    ("...b,bc->...c", (4,), "c", (2, 3, 5)),
    ("abc,bcd->abd", (3, 4), "d", (2, 3, 5)),
    ("ab...,bc->ac...", (4,), "c", (2, 3, 2)),
    ("abc,cd->ad", (4,), None, (2, 3, 5)),
    ("abcd,cde->abe", (3, 4), "b", (2, 3, 2, 5)),
]


def fill(shape, f):
    n = int(np.prod(shape))
    return f(np.arange(1, n + 1, dtype="float64")).reshape(shape)


def literal(a):
    return ", ".join(repr(float(v)) for v in np.asarray(a).reshape(-1))


for equation, output_shape, bias_axes, input_shape in CASES:
    layer = keras.layers.EinsumDense(equation, output_shape, bias_axes=bias_axes, dtype="float64")
    layer.build(input_shape)
    weights = [fill(layer.kernel.shape, lambda i: 0.5 * np.cos(i))]
    if layer.bias is not None:
        weights.append(fill(layer.bias.shape, lambda i: 0.1 * i))
    layer.set_weights(weights)
    y = np.asarray(layer(fill(input_shape, np.sin)))
    bias_shape = None if layer.bias is None else tuple(layer.bias.shape)
    print(f'{equation!r} output_shape={output_shape} bias_axes={bias_axes!r} input={input_shape}')
    print(f'  kernel={tuple(layer.kernel.shape)} bias={bias_shape} output={y.shape} '
          f'compute_output_shape={layer.compute_output_shape((None,) + input_shape[1:])}')
    print(f'  {{{literal(y)}}}')
