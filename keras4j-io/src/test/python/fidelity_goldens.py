"""Golden files for FidelityFilesTest: models whose configs and weights Keras 3.15 writes in ways keras4j used to
ignore or refuse.

Writes ../resources/io/keras4j/saving/fidelity/, per model NAME: NAME.keras (model.save) and NAME_io.npz
(x0..x{n-1} the inputs in model.inputs order, y0.. the outputs of model.predict). Weights are set to
0.3 * sin(1.7 k + i + 1) so that nothing is trivial.
- seq2seq_lstm, seq2seq_gru: Keras's character-level seq2seq shape, tiny: an encoder LSTM (GRU) with
  return_state whose states are the decoder's initial_state; Dense softmax on the decoder.
- efficientnet_stem: Rescaling(1/255), Rescaling with a per-channel scale and offset, Conv2D and Dense with
  EfficientNet's VarianceScaling initializers (as saved, with input_axes/output_axes keys).
- mha: MultiHeadAttention(num_heads=2, key_dim=3) self-attention then Dense; also mha.weights.h5.
- keras2_tf_hard_sigmoid.h5: tf.keras 2.x is not installable here, so this is Keras 3's legacy .h5 of a
  Dense(hard_sigmoid) + Activation(hard_sigmoid) model whose root attributes are set as tf.keras 2.2.4 writes them
  (keras_version "2.2.4-tf", backend "tensorflow") and whose training_config carries a Keras 2 loss with
  reduction "auto". Its expected outputs use Keras 2's hard_sigmoid, clip(0.2 x + 0.5, 0, 1) (tf.keras 2.x
  keras/backend.py hard_sigmoid), computed here with NumPy from the weights.
- variance_scaling_fans.json: (shape, input_axes, output_axes) -> (fan_in, fan_out) from Keras's compute_fans.
Run: /path/to/venv/bin/python fidelity_goldens.py
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import h5py
import numpy as np
import keras
from keras import layers
from keras.src.initializers.random_initializers import compute_fans

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "keras4j", "saving", "fidelity")


def set_weights(model):
    model.set_weights([(0.3 * np.sin(1.7 * np.arange(w.size) + i + 1)).reshape(w.shape).astype("float32")
                       for i, w in enumerate(model.get_weights())])


def inputs(shapes):
    return [np.sin(0.37 * np.arange(np.prod(s)) + 0.5 * i).reshape(s).astype("float32") for i, s in enumerate(shapes)]


def save(model, name, shapes, weights_h5=False):
    set_weights(model)
    xs = inputs(shapes)
    ys = model.predict(xs if len(xs) > 1 else xs[0], verbose=0)
    ys = ys if isinstance(ys, list) else [ys]
    model.save(os.path.join(OUT, name + ".keras"))
    if weights_h5:
        model.save_weights(os.path.join(OUT, name + ".weights.h5"))
    arrays = {f"x{i}": x for i, x in enumerate(xs)}
    arrays.update({f"y{i}": y for i, y in enumerate(ys)})
    np.savez(os.path.join(OUT, name + "_io.npz"), **arrays)


def seq2seq(rnn, name):
    enc_in = keras.Input((None, 5), name="encoder_inputs")
    enc = rnn(4, return_state=True, name="encoder")(enc_in)
    states = enc[1:]
    dec_in = keras.Input((None, 6), name="decoder_inputs")
    dec = rnn(4, return_sequences=True, return_state=True, name="decoder")(dec_in, initial_state=states)
    out = layers.Dense(6, activation="softmax", name="decoder_dense")(dec[0])
    save(keras.Model([enc_in, dec_in], out), name, [(2, 3, 5), (2, 4, 6)])


def efficientnet_stem():
    conv_init = {"class_name": "VarianceScaling",
                 "config": {"scale": 2.0, "mode": "fan_out", "distribution": "truncated_normal"}}
    dense_init = {"class_name": "VarianceScaling",
                  "config": {"scale": 1.0 / 3.0, "mode": "fan_out", "distribution": "uniform"}}
    x_in = keras.Input((6, 6, 3))
    x = layers.Rescaling(1.0 / 255.0)(x_in)
    x = layers.Rescaling(scale=[1 / 0.229, 1 / 0.224, 1 / 0.225], offset=[-0.485, -0.456, -0.406])(x)
    x = layers.Conv2D(4, 3, kernel_initializer=conv_init)(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dense(3, kernel_initializer=dense_init)(x)
    save(keras.Model(x_in, x), "efficientnet_stem", [(2, 6, 6, 3)])


def mha():
    x_in = keras.Input((4, 6))
    x = layers.MultiHeadAttention(num_heads=2, key_dim=3)(x_in, x_in)
    x = layers.Dense(2)(x)
    save(keras.Model(x_in, x), "mha", [(2, 4, 6)], weights_h5=True)


def keras2_hard_sigmoid():
    model = keras.Sequential([keras.Input((4,)), layers.Dense(3, activation="hard_sigmoid"),
                              layers.Dense(3), layers.Activation("hard_sigmoid")])
    set_weights(model)
    model.compile(optimizer="sgd", loss="mse")
    path = os.path.join(OUT, "keras2_tf_hard_sigmoid.h5")
    model.save(path)
    with h5py.File(path, "r+") as f:
        f.attrs["keras_version"] = "2.2.4-tf"
        f.attrs["backend"] = "tensorflow"
        training = json.loads(f.attrs["training_config"])
        training["loss"] = {"class_name": "MeanSquaredError",
                            "config": {"reduction": "auto", "name": "mean_squared_error"}}
        f.attrs["training_config"] = json.dumps(training)
    (x,) = inputs([(5, 4)])
    k0, b0, k1, b1 = model.get_weights()
    hs = lambda v: np.clip(0.2 * v + 0.5, 0.0, 1.0)
    y = hs(hs(x @ k0 + b0) @ k1 + b1)
    np.savez(os.path.join(OUT, "keras2_tf_hard_sigmoid_io.npz"), x0=x, y0=y.astype("float32"))


def fans():
    cases = [((3, 3, 16, 32), [2], [3]), ((8, 2, 5), [0], [1, 2]), ((2, 4, 6, 3), [-3, -2], [-1]), ((5, 7), None, None)]
    out = [{"shape": list(s), "input_axes": i, "output_axes": o, "fans": list(compute_fans(s, i, o))} for s, i, o in cases]
    with open(os.path.join(OUT, "variance_scaling_fans.json"), "w") as f:
        json.dump(out, f, indent=1)


os.makedirs(OUT, exist_ok=True)
seq2seq(layers.LSTM, "seq2seq_lstm")
seq2seq(layers.GRU, "seq2seq_gru")
efficientnet_stem()
mha()
keras2_hard_sigmoid()
fans()
print("wrote", OUT, "with Keras", keras.__version__)
