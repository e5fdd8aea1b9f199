"""Golden masks from real Keras 3: for every layer keras4j registers (but the cells, Lambda and Keras 2's
ThresholdedReLU), a small input with a mask attached (backend.set_keras_mask, as a functional model passes it), the
layer's outputs and the masks Keras 3 attaches to them (what __call__ sets through supports_masking/compute_mask, the
mask the next layer sees), from a functional model called with mask=, with the layer's config and weights. Also two models: Embedding(mask_zero) -> Dropout ->
LSTM with deterministic weights, and Embedding(mask_zero) -> GlobalAveragePooling1D (masked mean 0.45, plain mean 0.225).
Writes ../resources/io/keras4j/layers/mask_goldens.json.
Run: /path/to/venv/bin/python mask_goldens.py
"""
import json
import os
import warnings

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np
import keras

warnings.simplefilter("ignore")
from keras import layers as L
from keras.src import backend


def data(*shape, offset=0.0):
    return np.sin(0.37 * np.arange(int(np.prod(shape))) + 0.5 + offset).reshape(shape).astype("float32")


def fill(layer):
    layer.set_weights([(0.3 * np.sin(1.3 * np.arange(w.size) + i + 1) + (1.0 if "variance" in v.path else 0.0))
                       .reshape(w.shape).astype("float32") for i, (w, v) in enumerate(zip(layer.get_weights(), layer.weights))])


def steps_mask(*shape):
    """A mask with the first sample fully kept but its last step, the others keeping fewer steps."""
    m = np.ones(shape, bool)
    flat = m.reshape(shape[0], -1)
    for b in range(shape[0]):
        flat[b, flat.shape[1] - 1 - b:] = False
    return m


def arr(a):
    a = np.asarray(a)
    return {"shape": list(a.shape), "dtype": str(a.dtype), "data": [float("%.9g" % v) for v in a.reshape(-1).astype(float)]}


SEQ = (2, 4, 3)
M_SEQ = steps_mask(2, 4)
IMG = (2, 4, 4, 2)
M_IMG = steps_mask(2, 4, 4)
VOL = (2, 3, 3, 3, 2)
M_VOL = steps_mask(2, 3, 3, 3)
Q = (2, 3, 4)
V = (2, 4, 4)

# (label, layer factory, input arrays, input masks (None for none), training, call style)
cases = []


def case(label, make, inputs, masks, training=False, style="single"):
    cases.append((label, make, inputs, masks, training, style))


seq = [data(*SEQ)]
for name, make in [
    ("Dense", lambda: L.Dense(2)),
    ("Activation", lambda: L.Activation("tanh")),
    ("ReLU", lambda: L.ReLU()),
    ("LeakyReLU", lambda: L.LeakyReLU()),
    ("PReLU", lambda: L.PReLU()),
    ("ELU", lambda: L.ELU()),
    ("Dropout", lambda: L.Dropout(0.5)),
    ("AlphaDropout", lambda: L.AlphaDropout(0.5)),
    ("GaussianNoise", lambda: L.GaussianNoise(0.1)),
    ("GaussianDropout", lambda: L.GaussianDropout(0.1)),
    ("SpatialDropout1D", lambda: L.SpatialDropout1D(0.5)),
    ("ActivityRegularization", lambda: L.ActivityRegularization(l1=0.1)),
    ("Identity", lambda: L.Identity()),
    ("BatchNormalization", lambda: L.BatchNormalization()),
    ("LayerNormalization", lambda: L.LayerNormalization()),
    ("GroupNormalization", lambda: L.GroupNormalization(groups=3)),
    ("UnitNormalization", lambda: L.UnitNormalization()),
    ("RMSNormalization", lambda: L.RMSNormalization()),
    ("Normalization", lambda: L.Normalization(mean=[0.1, 0.2, 0.3], variance=[1.0, 2.0, 4.0])),
    ("Rescaling", lambda: L.Rescaling(2.0, 0.5)),
    ("Conv1D", lambda: L.Conv1D(2, 2)),
    ("DepthwiseConv1D", lambda: L.DepthwiseConv1D(2)),
    ("SeparableConv1D", lambda: L.SeparableConv1D(2, 2)),
    ("Conv1DTranspose", lambda: L.Conv1DTranspose(2, 2)),
    ("MaxPooling1D", lambda: L.MaxPooling1D(2)),
    ("AveragePooling1D", lambda: L.AveragePooling1D(2)),
    ("GlobalMaxPooling1D", lambda: L.GlobalMaxPooling1D()),
    ("GlobalAveragePooling1D", lambda: L.GlobalAveragePooling1D()),
    ("Flatten", lambda: L.Flatten()),
    ("Reshape", lambda: L.Reshape((3, 4))),
    ("Permute", lambda: L.Permute((2, 1))),
    ("Cropping1D", lambda: L.Cropping1D(1)),
    ("ZeroPadding1D", lambda: L.ZeroPadding1D(1)),
    ("UpSampling1D", lambda: L.UpSampling1D(2)),
    ("EinsumDense", lambda: L.EinsumDense("abc,cd->abd", (4, 2))),
    ("SimpleRNN", lambda: L.SimpleRNN(2, return_sequences=True)),
    ("LSTM", lambda: L.LSTM(2, return_sequences=True)),
    ("GRU", lambda: L.GRU(2, return_sequences=True)),
    ("LSTM last", lambda: L.LSTM(2)),
    ("GRU state", lambda: L.GRU(2, return_sequences=True, return_state=True)),
    ("RNN", lambda: L.RNN(L.LSTMCell(2), return_sequences=True)),
    ("RNN stacked", lambda: L.RNN(L.StackedRNNCells([L.SimpleRNNCell(2), L.GRUCell(2)]), return_sequences=True)),
    ("Bidirectional", lambda: L.Bidirectional(L.LSTM(2, return_sequences=True))),
    ("Bidirectional none", lambda: L.Bidirectional(L.GRU(2, return_sequences=True), merge_mode=None)),
    ("Bidirectional last", lambda: L.Bidirectional(L.SimpleRNN(2))),
    ("TimeDistributed", lambda: L.TimeDistributed(L.Dense(2))),
]:
    case(name, make, seq, [M_SEQ])
case("BatchNormalization training", lambda: L.BatchNormalization(), seq, [M_SEQ], training=True)
case("Softmax", lambda: L.Softmax(), [data(4, 4, 4)], [steps_mask(4, 4)])
case("Masking", lambda: L.Masking(0.0), [data(*SEQ) * np.array([1, 1, 0, 1], "float32")[None, :, None]], [None])
case("Embedding", lambda: L.Embedding(5, 2, mask_zero=True), [np.array([[1, 2, 0, 0], [3, 0, 4, 0]], "int32")], [None])
case("Embedding no mask_zero", lambda: L.Embedding(5, 2), [np.array([[1, 2, 0, 0], [3, 0, 4, 0]], "int32")], [M_SEQ])

img = [data(*IMG)]
for name, make in [
    ("Conv2D", lambda: L.Conv2D(2, 2)),
    ("DepthwiseConv2D", lambda: L.DepthwiseConv2D(2)),
    ("SeparableConv2D", lambda: L.SeparableConv2D(2, 2)),
    ("Conv2DTranspose", lambda: L.Conv2DTranspose(2, 2)),
    ("MaxPooling2D", lambda: L.MaxPooling2D(2)),
    ("AveragePooling2D", lambda: L.AveragePooling2D(2)),
    ("GlobalMaxPooling2D", lambda: L.GlobalMaxPooling2D()),
    ("GlobalAveragePooling2D", lambda: L.GlobalAveragePooling2D()),
    ("SpatialDropout2D", lambda: L.SpatialDropout2D(0.5)),
    ("Cropping2D", lambda: L.Cropping2D(1)),
    ("ZeroPadding2D", lambda: L.ZeroPadding2D(1)),
    ("UpSampling2D", lambda: L.UpSampling2D(2)),
]:
    case(name, make, img, [M_IMG])
vol = [data(*VOL)]
for name, make in [
    ("Conv3D", lambda: L.Conv3D(2, 2)),
    ("MaxPooling3D", lambda: L.MaxPooling3D(2)),
    ("AveragePooling3D", lambda: L.AveragePooling3D(2)),
    ("GlobalMaxPooling3D", lambda: L.GlobalMaxPooling3D()),
    ("GlobalAveragePooling3D", lambda: L.GlobalAveragePooling3D()),
    ("SpatialDropout3D", lambda: L.SpatialDropout3D(0.5)),
    ("Cropping3D", lambda: L.Cropping3D(1)),
    ("ZeroPadding3D", lambda: L.ZeroPadding3D(1)),
    ("UpSampling3D", lambda: L.UpSampling3D(2)),
]:
    case(name, make, vol, [M_VOL])
case("TimeDistributed LSTM", lambda: L.TimeDistributed(L.LSTM(2)), [data(2, 3, 4, 2)], [steps_mask(2, 3, 4)])
case("TimeDistributed GlobalAveragePooling1D", lambda: L.TimeDistributed(L.GlobalAveragePooling1D()), [data(2, 3, 4, 2)],
     [steps_mask(2, 3, 4)])
case("RepeatVector", lambda: L.RepeatVector(2), [data(2, 3)], [np.array([True, False])])

two = [data(*SEQ), data(*SEQ, offset=1.0)]
m2 = np.array([[False, False, False, True], [False, False, True, False]])
for name in ["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"]:
    case(name, lambda n=name: getattr(L, n)(), two, [M_SEQ, m2], style="list")
case("Add one mask", lambda: L.Add(), two, [M_SEQ, None], style="list")
case("Concatenate", lambda: L.Concatenate(), two, [M_SEQ, m2], style="list")
case("Concatenate one mask", lambda: L.Concatenate(), two, [M_SEQ, None], style="list")
case("Concatenate time", lambda: L.Concatenate(axis=1), two, [M_SEQ, None], style="list")
case("Dot", lambda: L.Dot(axes=2), two, [M_SEQ, m2], style="list")
case("Attention", lambda: L.Attention(), [data(*Q), data(*V, offset=1.0)], [steps_mask(2, 3), steps_mask(2, 4)], style="list")
case("AdditiveAttention", lambda: L.AdditiveAttention(), [data(*Q), data(*V, offset=1.0)], [steps_mask(2, 3), steps_mask(2, 4)],
     style="list")
case("MultiHeadAttention", lambda: L.MultiHeadAttention(2, 2), [data(*Q), data(*V, offset=1.0)],
     [steps_mask(2, 3), steps_mask(2, 4)], style="args")


out_cases = []
for label, make, inputs, masks, training, style in cases:
    keras.utils.set_random_seed(1)
    layer = make()
    xs = [keras.Input(x.shape[1:], dtype=str(x.dtype)) for x in inputs]
    y = layer(xs[0]) if style == "single" else layer(xs) if style == "list" else layer(*xs)
    model = keras.Model(xs, y)
    fill(layer)
    before = [w.copy() for w in layer.get_weights()]
    # Functional.call(mask=...) attaches the masks to the inputs as an upstream Masking or Embedding does; the
    # layer's __call__ then passes them to call and attaches its output masks (tree.flatten drops None entries, so
    # inputs without a mask come last)
    assert all(m is None for m in masks[next((i for i, m in enumerate(masks) if m is None), len(masks)):])
    given = [m for m in masks if m is not None]
    out = model(list(inputs), mask=given or None, training=training)
    ys = list(out) if isinstance(out, (list, tuple)) else [out]
    entry = {"label": label, "class_name": layer.__class__.__name__, "config": layer.get_config(),
             "inputs": [arr(x) for x in inputs], "masks": [None if m is None else arr(m) for m in masks],
             "training": training, "weights": [arr(w) for w in before],
             "outputs": [arr(keras.ops.convert_to_numpy(t)) for t in ys],
             "output_masks": [None if backend.get_keras_mask(t) is None else arr(keras.ops.convert_to_numpy(backend.get_keras_mask(t)))
                              for t in ys]}
    if training:
        entry["weights_after"] = [arr(w) for w in layer.get_weights()]
    out_cases.append(entry)

# models
tokens = np.array([[3, 1, 4, 1, 5, 0, 0], [2, 7, 0, 0, 0, 0, 0], [9, 2, 6, 5, 3, 5, 8]], "int32")


def lstm_model(mask_zero):
    keras.utils.set_random_seed(1)
    m = keras.Sequential([keras.Input((7,), dtype="int32"), L.Embedding(10, 4, mask_zero=mask_zero), L.Dropout(0.5), L.LSTM(3)])
    m.set_weights([(0.5 * np.sin(1.3 * np.arange(w.size) + i + 1)).reshape(w.shape).astype("float32")
                   for i, w in enumerate(m.get_weights())])
    return m


masked = lstm_model(True)
models = [{"name": "embedding_dropout_lstm", "input": arr(tokens), "weights": [arr(w) for w in masked.get_weights()],
           "output": arr(masked.predict(tokens, verbose=0)),
           "output_without_mask": arr(lstm_model(False).predict(tokens, verbose=0))}]
pool = keras.Sequential([keras.Input((4,), dtype="int32"), L.Embedding(3, 1, mask_zero=True), L.GlobalAveragePooling1D()])
pool.set_weights([np.array([[0.0], [0.4], [0.5]], "float32")])
pool_x = np.array([[1, 2, 0, 0]], "int32")
models.append({"name": "embedding_global_average_pooling", "input": arr(pool_x), "weights": [arr(w) for w in pool.get_weights()],
               "output": arr(pool.predict(pool_x, verbose=0))})

path = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "keras4j", "layers", "mask_goldens.json")
tmp = path + ".tmp"
with open(tmp, "w") as f:
    json.dump({"keras_version": keras.__version__, "backend": keras.backend.backend(), "cases": out_cases, "models": models}, f)
os.replace(tmp, path)
print("wrote", path, len(out_cases), "cases")
