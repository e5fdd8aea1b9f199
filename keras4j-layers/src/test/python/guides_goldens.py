"""Golden values for keras4j's ports of three Keras guides (custom layers, subclassed models with a custom
train_step, a training loop from scratch): losses and final weights after a few steps from deterministic weights
and data, computed by real Keras 3 (TensorFlow backend). Writes ../resources/io/keras4j/layers/guides_goldens.txt
in the format of rnn_goldens.txt (name TAB shape TAB values).

Run: /path/to/venv/bin/python guides_goldens.py
Weights and data follow formulas the Java test repeats: value k of weight w (flattened, C order) is
0.1 * sin(1.3 * k + w + 1); x[i, j] = sin(0.37 * i + 0.91 * j); y[i] = one_hot(i % classes).
"""
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np
import keras
from keras import ops
import tensorflow as tf


def fill(model):
    model.set_weights([
        (0.1 * np.sin(1.3 * np.arange(w.size) + i + 1)).reshape(w.shape).astype("float32")
        for i, w in enumerate(model.get_weights())])


def data(n, features, classes):
    i = np.arange(n)[:, None]
    j = np.arange(features)[None, :]
    x = np.sin(0.37 * i + 0.91 * j).astype("float32")
    y = np.eye(classes, dtype="float32")[np.arange(n) % classes]
    return x, y


class Linear(keras.layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, x):
        return ops.matmul(x, self.w) + self.b


class ActivityRegularization(keras.layers.Layer):
    def __init__(self, rate):
        super().__init__()
        self.rate = rate

    def call(self, x):
        self.add_loss(self.rate * ops.mean(x))
        return x


class Mlp(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(8, activation="relu")
        self.out = keras.layers.Dense(3, activation="softmax")

    def call(self, x, training=False):
        return self.out(self.hidden(x, training=training), training=training)


class CustomStep(Mlp):
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(y=y, y_pred=y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)
        for m in self.metrics:
            if m.name == "loss":
                m.update_state(loss)
            else:
                m.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


def weights(model):
    return [np.asarray(w, dtype=float) for w in model.get_weights()]


out = {}

# 1. "Making new layers and models via subclassing": Linear + add_loss in a Sequential, three train_on_batch steps
x, y = data(16, 4, 2)
model = keras.Sequential([keras.Input((4,)), Linear(3), ActivityRegularization(0.05), keras.layers.Dense(2, activation="softmax")])
fill(model)
model.compile(keras.optimizers.SGD(0.5), "categorical_crossentropy")
out["custom_layer"] = {"losses": np.array([float(model.train_on_batch(x, y)) for _ in range(3)]), "weights": weights(model)}

# 2. "Customizing what happens in fit()": a subclassed model with its own train_step, fit 2 epochs of 4 batches
x, y = data(32, 4, 3)
model = CustomStep()
model(x[:1])
fill(model)
model.compile(keras.optimizers.SGD(0.3), "categorical_crossentropy", metrics=["accuracy"])
history = model.fit(x, y, epochs=2, batch_size=8, shuffle=False, verbose=0)
out["custom_train_step"] = {"loss": np.array(history.history["loss"]), "accuracy": np.array(history.history["accuracy"]),
                            "weights": weights(model)}

# 3. "Writing a training loop from scratch": GradientTape over a functional model, three steps
inputs = keras.Input((4,))
model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(keras.layers.Dense(8, activation="relu")(inputs)))
fill(model)
optimizer = keras.optimizers.SGD(0.2)
loss_fn = keras.losses.CategoricalCrossentropy()
losses = []
for step in range(3):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=True))
    grads = tape.gradient(loss, model.trainable_weights)
    optimizer.apply(grads, model.trainable_weights)
    losses.append(float(loss))
out["training_loop"] = {"losses": np.array(losses), "weights": weights(model)}

path = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "keras4j", "layers", "guides_goldens.txt")
with open(path, "w") as f:
    f.write("# written by src/test/python/guides_goldens.py with Keras %s\n" % keras.__version__)
    for case, values in out.items():
        for key, value in values.items():
            arrays = value if isinstance(value, list) else [value]
            for i, a in enumerate(arrays):
                name = case + "." + key + (str(i) if isinstance(value, list) else "")
                f.write("%s\t%s\t%s\n" % (name, ",".join(str(d) for d in a.shape) or "1",
                                          " ".join(repr(float(v)) for v in a.reshape(-1))))
print("wrote", path)
