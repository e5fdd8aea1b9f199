"""Keras's predictions for legacy example files whose inputs_and_outputs.h5 holds only the training targets.

simple_lstm_tf_keras_2_inputs_and_outputs.h5 stores inputs and the targets ("outputs"), no predictions. This
script rebuilds the model in Keras 3 with tf.keras 2's hard_sigmoid (0.2 x + 0.5, clipped), loads the stored
weights and writes Keras's predictions to
src/test/resources/io/keras4j/saving/simple_lstm_tf_keras_2_dense_1.npy.

Run: KERAS_BACKEND=torch /work/venv/bin/python src/test/python/generate_keras2_predictions.py (from keras4j-io).
"""
import os

import h5py
import keras
import numpy as np
from keras import ops

DIR = os.path.join(os.environ.get("KERAS4J_SHARED", "/work/shared"), "keras/legacy/examples/simple_lstm")
OUT = "src/test/resources/io/keras4j/saving/simple_lstm_tf_keras_2_dense_1.npy"


def keras2_hard_sigmoid(x):
    return ops.clip(0.2 * x + 0.5, 0.0, 1.0)


def layer_weights(h5, name):
    group = h5[name]
    names = [n.decode() if isinstance(n, bytes) else n for n in group.attrs["weight_names"]]
    return [group[n][:] for n in names]


def main():
    model = keras.Sequential([
        keras.Input((1, 1)),
        keras.layers.LSTM(50, recurrent_activation=keras2_hard_sigmoid),
        keras.layers.Dense(1),
    ])
    with h5py.File(os.path.join(DIR, "simple_lstm_tf_keras_2_weights.h5")) as w:
        model.layers[0].set_weights(layer_weights(w, "lstm_1"))
        model.layers[1].set_weights(layer_weights(w, "dense_1"))
    with h5py.File(os.path.join(DIR, "simple_lstm_tf_keras_2_inputs_and_outputs.h5")) as io:
        x = io["inputs/lstm_1_input"][:]
    np.save(OUT, model.predict(x, verbose=0).astype(np.float32))


if __name__ == "__main__":
    main()
