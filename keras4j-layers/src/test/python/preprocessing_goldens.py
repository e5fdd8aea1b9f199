"""Golden values for NormalizationTest and RescalingTest, from real Keras 3.15.1 (run with /work/venv)."""
import os
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np
import keras


def lit(a):
    return "{" + ", ".join(repr(float(v)) for v in np.asarray(a, dtype=np.float64).ravel()) + "}"


x = ((np.arange(24, dtype=np.float32).reshape(2, 3, 4) * 7) % 11 - 3.5) * 1.5
print("// data (2,3,4) =", lit(x))
for axis, invert in [(-1, False), (None, False), ((1, 2), False), (1, True)]:
    layer = keras.layers.Normalization(axis=axis, invert=invert)
    layer.adapt(x)
    print(f"// axis={axis} invert={invert} mean=", lit(layer.adapt_mean.numpy()),
          "variance=", lit(layer.adapt_variance.numpy()))
    print("//   y=", lit(layer(x).numpy()))

# Streaming adapt over a PyDataset of uneven batches equals the whole-array statistics.
class Batches(keras.utils.PyDataset):
    def __len__(self):
        return 3
    def __getitem__(self, i):
        rows = x.reshape(6, 4)
        return rows[[0, 2, 5][i]:[2, 5, 6][i]], np.zeros(1)

layer = keras.layers.Normalization()
layer.adapt(Batches())
print("// streamed axis=-1 mean=", lit(layer.adapt_mean.numpy()), "variance=", lit(layer.adapt_variance.numpy()))

layer = keras.layers.Normalization(mean=[1.0, -2.0, 0.5], variance=[4.0, 0.0, 9.0])
v = np.array([[3.0, -2.0, 2.0], [1.0, 5.0, -1.0]], np.float32)
print("// given mean/variance y=", lit(layer(v).numpy()))

r = keras.layers.Rescaling(1.0 / 127.5, offset=-1.0)
print("// rescaling y=", lit(r(np.array([0.0, 127.5, 255.0, 51.0], np.float32)).numpy()))
print("// rescaling config", r.get_config())
