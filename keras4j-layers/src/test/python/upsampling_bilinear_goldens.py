"""Prints the golden values used by UpSamplingBilinearTest (run with the venv's Keras 3, TensorFlow backend).

Input x[i] = sin(i + 1) (flattened c-order), float64; output of UpSampling2D(size, data_format, "bilinear").
"""
import os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras

CASES = [((2, 2), "channels_last", (1, 3, 4, 2)), ((2, 3), "channels_last", (2, 2, 3, 1)),
         ((3, 2), "channels_first", (1, 2, 2, 3))]

for size, data_format, shape in CASES:
    x = np.sin(np.arange(1, int(np.prod(shape)) + 1, dtype="float64")).reshape(shape)
    layer = keras.layers.UpSampling2D(size, data_format=data_format, interpolation="bilinear", dtype="float64")
    y = np.asarray(layer(x))
    print(f"size={size} {data_format} input={shape} output={y.shape}")
    print("  {" + ", ".join(repr(float(v)) for v in y.reshape(-1)) + "}")
