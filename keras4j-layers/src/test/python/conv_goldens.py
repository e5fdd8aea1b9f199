"""Writes the golden forward values of the convolution and pooling layers, computed by real Keras 3.

Run with the project venv:  /work/venv/bin/python keras4j-layers/src/test/python/conv_goldens.py
Output: keras4j-layers/src/test/resources/io/keras4j/layers/conv_goldens.json, a list of cases
{class_name, config (Keras's get_config), x, weights, y}, each array as {shape, data} (float32 values).
"""
import json
import os

# Not TensorFlow: its depthwise_conv2d with channels_first, strides 2 and padding "same" (DepthwiseConv1D and
# SeparableConv2D cases below) disagrees with the numpy and jax backends and with the convolution formula.
os.environ.setdefault("KERAS_BACKEND", "jax")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "keras4j", "layers", "conv_goldens.json")

CASES = [
    # (layer, input shape without batch)
    (layers.Conv2D(3, 3), (5, 6, 2)),
    (layers.Conv2D(2, (2, 3), strides=2, padding="same", activation="relu"), (5, 6, 2)),
    (layers.Conv2D(2, 3, padding="same", dilation_rate=2, use_bias=False), (6, 5, 2)),
    (layers.Conv2D(3, 2, strides=(1, 2), data_format="channels_first"), (2, 4, 5)),
    (layers.Conv2D(4, 2, groups=2, padding="same", strides=2), (5, 5, 4)),
    (layers.Conv1D(3, 2), (7, 2)),
    (layers.Conv1D(2, 3, strides=2, padding="same", activation="tanh"), (8, 3)),
    (layers.Conv1D(2, 3, padding="causal", dilation_rate=2), (7, 2)),
    (layers.Conv1D(2, 2, padding="same", data_format="channels_first"), (3, 6)),
    (layers.Conv1D(4, 3, groups=2), (6, 4)),
    (layers.Conv3D(2, 2), (3, 4, 3, 2)),
    (layers.Conv3D(2, (2, 3, 2), strides=2, padding="same"), (3, 5, 4, 1)),
    (layers.Conv3D(2, 2, data_format="channels_first"), (2, 3, 3, 4)),
    (layers.DepthwiseConv2D(3), (5, 6, 2)),
    (layers.DepthwiseConv2D((2, 3), strides=2, padding="same", depth_multiplier=2, activation="relu"), (5, 6, 3)),
    (layers.DepthwiseConv2D(2, dilation_rate=2, use_bias=False, data_format="channels_first"), (2, 5, 4)),
    (layers.DepthwiseConv1D(3, depth_multiplier=2), (7, 2)),
    (layers.DepthwiseConv1D(2, strides=2, padding="same", data_format="channels_first"), (3, 6)),
    (layers.SeparableConv2D(3, 3, depth_multiplier=2), (5, 6, 2)),
    (layers.SeparableConv2D(2, 2, strides=2, padding="same", activation="tanh", data_format="channels_first"), (3, 5, 4)),
    (layers.SeparableConv1D(3, 3, padding="same", dilation_rate=2), (7, 2)),
    (layers.Conv2DTranspose(3, 3), (4, 3, 2)),
    (layers.Conv2DTranspose(2, (2, 3), strides=2, padding="same", activation="relu"), (3, 4, 2)),
    (layers.Conv2DTranspose(2, 3, strides=(2, 3), output_padding=1, data_format="channels_first"), (2, 3, 2)),
    (layers.Conv2DTranspose(2, 3, padding="same", strides=2, output_padding=(1, 0)), (3, 3, 2)),
    (layers.Conv1DTranspose(2, 3, dilation_rate=2), (5, 3)),
    (layers.Conv1DTranspose(3, 4, strides=3, padding="same", use_bias=False), (4, 2)),
    (layers.MaxPooling2D(), (5, 6, 2)),
    (layers.MaxPooling2D(3, strides=2, padding="same"), (5, 6, 2)),
    (layers.MaxPooling2D((2, 3), strides=1, data_format="channels_first"), (2, 4, 5)),
    (layers.AveragePooling2D(2), (5, 6, 2)),
    (layers.AveragePooling2D(3, strides=2, padding="same"), (5, 6, 2)),
    (layers.AveragePooling2D(2, strides=1, padding="same", data_format="channels_first"), (2, 3, 4)),
    (layers.MaxPooling1D(), (7, 2)),
    (layers.MaxPooling1D(3, strides=2, padding="same"), (8, 2)),
    (layers.AveragePooling1D(3, strides=2, padding="same"), (8, 2)),
    (layers.AveragePooling1D(2, data_format="channels_first"), (2, 5)),
    (layers.MaxPooling3D(), (4, 5, 4, 2)),
    (layers.MaxPooling3D(2, strides=2, padding="same", data_format="channels_first"), (2, 3, 5, 3)),
    (layers.AveragePooling3D(3, strides=2, padding="same"), (4, 5, 3, 2)),
    (layers.GlobalMaxPooling1D(), (5, 3)),
    (layers.GlobalMaxPooling1D(data_format="channels_first", keepdims=True), (3, 5)),
    (layers.GlobalAveragePooling1D(keepdims=True), (5, 3)),
    (layers.GlobalMaxPooling2D(), (3, 4, 2)),
    (layers.GlobalAveragePooling2D(data_format="channels_first"), (2, 3, 4)),
    (layers.GlobalAveragePooling2D(keepdims=True), (3, 4, 2)),
    (layers.GlobalMaxPooling3D(keepdims=True), (2, 3, 2, 2)),
    (layers.GlobalAveragePooling3D(), (2, 3, 2, 2)),
    (layers.GlobalAveragePooling3D(data_format="channels_first", keepdims=True), (2, 2, 3, 2)),
]


def array(a):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "data": [round(float(v), 6) for v in a.reshape(-1)]}


def main():
    rng = np.random.default_rng(20240501)
    cases = []
    for layer, shape in CASES:
        x = rng.standard_normal((2,) + shape).astype(np.float32)
        layer.build((None,) + shape)
        weights = [rng.standard_normal(w.shape).astype(np.float32) * 0.5 for w in layer.get_weights()]
        layer.set_weights(weights)
        y = np.asarray(layer(x))
        cases.append({"class_name": type(layer).__name__, "config": layer.get_config(), "x": array(x),
                      "weights": [array(w) for w in weights], "y": array(y)})
    with open(OUT, "w") as f:
        json.dump({"keras_version": keras.__version__, "backend": keras.backend.backend(), "cases": cases}, f)
    print("wrote", len(cases), "cases to", os.path.normpath(OUT), os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
