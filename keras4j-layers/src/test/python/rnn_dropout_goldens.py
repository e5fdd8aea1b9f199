"""Writes golden values of Keras 3 recurrent cells with dropout and recurrent_dropout for RecurrentDropoutTest.

Run with /work/venv/bin/python rnn_dropout_goldens.py (from this directory). Output:
../resources/io/keras4j/layers/rnn_dropout_goldens.txt, in the format of rnn_goldens.txt.
Each case runs keras.layers.RNN(cell, return_sequences=True, return_state=True) in training mode over 3 steps
with the cell's cached dropout masks set by hand (cell._dropout_mask, cell._recurrent_dropout_mask), so the
same known masks are used at every step, as keras/src/layers/rnn/dropout_rnn_cell.py caches them per call.
Keys: x, w<i> (weights), din (input masks, (count, B, F)), drec (recurrent masks, (count, B, U)),
y0 (the output sequence) and y1... (the final states).
"""
import os
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np
import keras

rng = np.random.default_rng(11)
B, T, F, U = 2, 3, 3, 4
DROPOUT, RECURRENT = 0.25, 0.4
lines = []


def put(case, name, a):
    a = np.asarray(a, dtype="float64")
    lines.append(f"{case}/{name}\t{','.join(str(d) for d in a.shape)}\t{' '.join(repr(float(v)) for v in a.ravel())}")


def masks(count, width, rate):
    keep = rng.uniform(0, 1, (count, B, width)) >= rate
    return keep / (1 - rate)


def run(case, cell, count):
    x = rng.uniform(-1, 1, (B, T, F))
    layer = keras.layers.RNN(cell, return_sequences=True, return_state=True, dtype="float64")
    layer.build((None, T, F))
    weights = [rng.uniform(-0.8, 0.8, w.shape) for w in layer.get_weights()]
    layer.set_weights(weights)
    din, drec = masks(count, F, DROPOUT), masks(count, U, RECURRENT)
    as_cached = (lambda m: list(m)) if count > 1 else (lambda m: m[0])
    cell._dropout_mask = as_cached(din)
    cell._recurrent_dropout_mask = as_cached(drec)
    out = layer(x, training=True)
    put(case, "x", x)
    for i, w in enumerate(weights):
        put(case, f"w{i}", w)
    put(case, "din", din)
    put(case, "drec", drec)
    for i, y in enumerate(out):
        put(case, f"y{i}", np.asarray(y))


kw = dict(dropout=DROPOUT, recurrent_dropout=RECURRENT, dtype="float64")
run("lstm", keras.layers.LSTMCell(U, **kw), 4)
run("gru", keras.layers.GRUCell(U, **kw), 3)
run("gru_before", keras.layers.GRUCell(U, reset_after=False, **kw), 3)
run("simple_rnn", keras.layers.SimpleRNNCell(U, **kw), 1)

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "io", "keras4j", "layers", "rnn_dropout_goldens.txt")
with open(out, "w") as f:
    f.write(f"# Keras {keras.__version__} ({keras.backend.backend()}) recurrent dropout goldens, written by src/test/python/rnn_dropout_goldens.py\n")
    f.write("\n".join(lines) + "\n")
