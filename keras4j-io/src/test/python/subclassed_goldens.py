"""Golden files for a subclassed model (SubclassedModelIOTest): Keras 3 saves its weights under attribute paths
(hidden/vars, layers/dense_1/vars) and prints its summary with the shapes of the first call.

Writes ../resources/io/keras4j/saving/subclassed/: mlp.weights.h5 (weights 0.1 * sin(1.3 k + w + 1)), summary.txt
(model.summary() after a call on a batch of 2), predictions.txt (outputs for x[i, j] = sin(0.37 i + 0.91 j), 5 x 4).
Run: /path/to/venv/bin/python subclassed_goldens.py
"""
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ["COLUMNS"] = "200"  # summary width not cut to a terminal, as summary_golden.py
import numpy as np
import keras


class Mlp(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(8, activation="relu")
        self.out = keras.layers.Dense(3, activation="softmax")

    def call(self, x, training=False):
        return self.out(self.hidden(x, training=training), training=training)


out_dir = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "keras4j", "saving", "subclassed")
model = Mlp()
model(np.zeros((2, 4), "float32"))
model.set_weights([(0.1 * np.sin(1.3 * np.arange(w.size) + i + 1)).reshape(w.shape).astype("float32")
                   for i, w in enumerate(model.get_weights())])
model.save_weights(os.path.join(out_dir, "mlp.weights.h5"))
lines = []
model.summary(print_fn=lambda line, **kwargs: lines.append(line))
with open(os.path.join(out_dir, "summary.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")
x = np.sin(0.37 * np.arange(5)[:, None] + 0.91 * np.arange(4)[None, :]).astype("float32")
np.savetxt(os.path.join(out_dir, "predictions.txt"), model.predict(x, verbose=0), fmt="%.9g")
print("wrote", out_dir)
