"""Golden values for activity_regularizer on Dense, Conv1D, LSTM and Dropout (every layer takes it in Keras 3):
the evaluate loss (mse + regularizer(output) / batch_size) and the weights after one SGD step, from deterministic
weights (0.1 * sin(1.3 k + w + 1)) and data (sin(0.37 i + 0.91 j)). Writes
../resources/io/keras4j/layers/activity_regularizer_goldens.txt (format of rnn_goldens.txt).
Run: /path/to/venv/bin/python activity_regularizer_goldens.py
"""
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np
import keras


def fill(model):
    model.set_weights([(0.1 * np.sin(1.3 * np.arange(w.size) + i + 1)).reshape(w.shape).astype("float32")
                       for i, w in enumerate(model.get_weights())])


def data(*shape):
    flat = np.sin(0.37 * np.arange(shape[0])[:, None] + 0.91 * np.arange(int(np.prod(shape[1:])))[None, :])
    return flat.reshape(shape).astype("float32")


cases = {
    "dense": (lambda: keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activity_regularizer=keras.regularizers.L2(0.5)),
                                        keras.layers.Dense(2)]), data(6, 4), (6, 2)),
    "conv1d": (lambda: keras.Sequential([keras.Input((5, 2)), keras.layers.Conv1D(3, 2, activation="relu",
                                                                                  activity_regularizer=keras.regularizers.L1(0.1)),
                                         keras.layers.Flatten(), keras.layers.Dense(2)]), data(6, 5, 2), (6, 2)),
    "lstm": (lambda: keras.Sequential([keras.Input((3, 2)), keras.layers.LSTM(4, activity_regularizer=keras.regularizers.L2(0.3)),
                                       keras.layers.Dense(2)]), data(6, 3, 2), (6, 2)),
    "dropout": (lambda: keras.Sequential([keras.Input((4,)), keras.layers.Dense(3),
                                          keras.layers.Dropout(0.0, activity_regularizer=keras.regularizers.L1L2(0.1, 0.2)),
                                          keras.layers.Dense(2)]), data(6, 4), (6, 2)),
}
path = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "keras4j", "layers", "activity_regularizer_goldens.txt")
with open(path, "w") as f:
    f.write("# written by src/test/python/activity_regularizer_goldens.py with Keras %s\n" % keras.__version__)
    for name, (make, x, yshape) in cases.items():
        model = make()
        fill(model)
        y = data(*yshape) * 0.5
        model.compile(keras.optimizers.SGD(0.1), "mse")
        loss = model.evaluate(x, y, verbose=0)
        model.train_on_batch(x, y)
        f.write("%s.loss\t1\t%r\n" % (name, float(loss)))
        for i, w in enumerate(model.get_weights()):
            f.write("%s.weights%d\t%s\t%s\n" % (name, i, ",".join(map(str, w.shape)), " ".join(repr(float(v)) for v in w.reshape(-1))))
print("wrote", path)
