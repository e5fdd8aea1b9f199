"""Writes small golden values of Keras 3 recurrent layers for RecurrentGoldenTest.

Run with /work/venv/bin/python rnn_goldens.py (from this directory). Output:
../resources/io/keras4j/layers/rnn_goldens.txt, one array per line:
"<case>/<name>\t<shape comma-separated>\t<values space-separated>".
Weights are drawn from a seeded NumPy generator and set into the Keras layer; inputs likewise.
"""
import os
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np
import keras

rng = np.random.default_rng(7)
B, T, F, U = 2, 5, 3, 4
x = rng.uniform(-1, 1, (B, T, F)).astype("float32")
mask = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 0, 1]], dtype=bool)
lines = []


def put(case, name, a):
    a = np.asarray(a, dtype="float64")
    lines.append(f"{case}/{name}\t{','.join(str(d) for d in a.shape)}\t{' '.join(repr(float(v)) for v in a.ravel())}")


def run(case, layer, use_mask=False, initial=None):
    inputs = keras.Input((T, F))
    layer.build((None, T, F))
    weights = [rng.uniform(-0.8, 0.8, w.shape).astype("float32") for w in layer.get_weights()]
    layer.set_weights(weights)
    kwargs = {}
    if use_mask:
        kwargs["mask"] = mask
    if initial is not None:
        kwargs["initial_state"] = initial
    out = layer(x, **kwargs)
    out = out if isinstance(out, (list, tuple)) else [out]
    put(case, "x", x)
    for i, w in enumerate(weights):
        put(case, f"w{i}", w)
    if use_mask:
        put(case, "mask", mask.astype("float64"))
    if initial is not None:
        for i, s in enumerate(initial):
            put(case, f"s{i}", s)
    for i, o in enumerate(out):
        put(case, f"y{i}", keras.ops.convert_to_numpy(o))


L = keras.layers
run("lstm", L.LSTM(U, return_sequences=True, return_state=True))
run("lstm_backwards", L.LSTM(U, return_sequences=True, go_backwards=True))
run("lstm_mask", L.LSTM(U, return_sequences=True, return_state=True), use_mask=True)
run("lstm_mask_zero", L.LSTM(U, return_sequences=True, zero_output_for_mask=True), use_mask=True)
h0 = rng.uniform(-1, 1, (B, U)).astype("float32")
c0 = rng.uniform(-1, 1, (B, U)).astype("float32")
run("lstm_initial", L.LSTM(U, return_sequences=True, return_state=True), initial=[h0, c0])
run("gru", L.GRU(U, return_sequences=True, return_state=True))
run("gru_before", L.GRU(U, return_sequences=True, reset_after=False))
run("gru_mask_backwards", L.GRU(U, return_sequences=True, go_backwards=True), use_mask=True)
run("simple_rnn", L.SimpleRNN(U, return_sequences=True, return_state=True))
run("simple_rnn_mask", L.SimpleRNN(U, return_state=True), use_mask=True)
run("lstm_relu", L.LSTM(U, activation="relu", return_sequences=True))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "io", "keras4j", "layers", "rnn_goldens.txt")
with open(out, "w") as f:
    f.write(f"# Keras {keras.__version__} ({keras.backend.backend()}) recurrent layer goldens, written by src/test/python/rnn_goldens.py\n")
    f.write("\n".join(lines) + "\n")
print("wrote", out, len(lines), "arrays")
