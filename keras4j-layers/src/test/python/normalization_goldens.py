"""Prints the golden values used by NormalizationGoldenTest (run with the venv's Keras 3, TensorFlow backend).

Input: x[i] = sin(i + 1) reshaped to (2, 3, 4); gamma[j] = 1 + 0.1 j, beta[j] = 0.05 j - 0.1.
"""
import os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras

x = np.sin(np.arange(1, 25, dtype="float64")).reshape(2, 3, 4)


def run(layer, weights):
    layer.build(x.shape)
    layer.set_weights(weights)
    y = np.asarray(layer(x))
    return ", ".join(repr(float(v)) for v in y.reshape(-1))


g4 = 1 + 0.1 * np.arange(4)
b4 = 0.05 * np.arange(4) - 0.1
cases = {
    "layer_norm": run(keras.layers.LayerNormalization(dtype="float64"), [g4, b4]),
    "layer_norm_rms": run(keras.layers.LayerNormalization(rms_scaling=True, dtype="float64"), [g4]),
    "layer_norm_axes_1_2": run(keras.layers.LayerNormalization(axis=[1, 2], dtype="float64"),
                               [1 + 0.1 * np.arange(12).reshape(3, 4), 0.05 * np.arange(12).reshape(3, 4)]),
    "group_norm_2": run(keras.layers.GroupNormalization(groups=2, dtype="float64"), [g4, b4]),
    "rms_norm": run(keras.layers.RMSNormalization(dtype="float64"), [g4]),
    "unit_norm": run(keras.layers.UnitNormalization(dtype="float64"), []),
}
print("keras", keras.__version__)
for name, values in cases.items():
    print(name, "=", values)
