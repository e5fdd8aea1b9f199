"""Golden files for operation nodes in Keras 3 functional models (Python operators and keras.ops on KerasTensors).

Usage:
    python op_nodes.py write     # writes the goldens under ../resources/io/keras4j/saving/ops/
    python op_nodes.py check DIR # loads the models keras4j wrote into DIR (see OpNodesTest) and compares predictions

Each model NAME is saved as NAME.keras (NAME.h5 too where marked) with NAME.npz holding its inputs x0, x1, ... and
Keras's outputs y0, y1, ...; keras4j must load each file and reproduce the outputs.
"""
import os
import sys

import numpy as np
import keras
from keras import layers, ops

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "io", "keras4j", "saving", "ops")


def arithmetic():
    """The Python operators and keras.ops the brief names, after a Dense so that weights are involved."""
    x = keras.Input((4,), name="x")
    y = keras.Input((3,), name="y")
    h = layers.Dense(3, name="dense")(x)
    outs = [
        h + 3.0,
        h / 255,
        -h,
        h ** 2,
        h[:, 1:3],
        ops.mean(h, axis=-1),
        ops.maximum(h, y),
        2.0 - h,
        ops.minimum(h, 0.5) * y,
        layers.ReLU(6.0)(h + 3.0) * (1.0 / 6.0),  # MobileNetV3's hard sigmoid
    ]
    return keras.Model([x, y], outs, name="arithmetic"), 2


def zoo():
    """The other operations Keras writes into saved models."""
    x = keras.Input((2, 3), name="x")
    y = keras.Input((2, 3), name="y")
    a = ops.abs(x)
    outs = [
        ops.sqrt(a), ops.exp(x), ops.log(a + 1.0), ops.square(x), ops.subtract(x, y), ops.divide(x, y + 3.0),
        ops.multiply(x, y), ops.sum(x, axis=1), ops.max(x, axis=-1, keepdims=True), x - ops.min(x),
        ops.mean(x, axis=(1, 2), keepdims=True), ops.reshape(x, (-1, 3, 2)), ops.transpose(x, (0, 2, 1)),
        ops.squeeze(ops.expand_dims(x, 1), 1), ops.concatenate([x, y], axis=-1), ops.cast(ops.not_equal(x, 0.0), "float32"),
        ops.cast(ops.equal(ops.maximum(x, y), x), "float32"), ops.matmul(x, ops.transpose(y, (0, 2, 1))),
        ops.relu(x), ops.sigmoid(x), ops.softmax(x, axis=-1), ops.hard_sigmoid(x), ops.hard_silu(x),
        x[:, 1], x[..., None, ::2], x[:, -1:, 1:], x[:, ::-1, 2:0:-1], ops.power(a, y),
    ]
    return keras.Model([x, y], outs, name="zoo"), 2


def masked_lstm():
    """Embedding(mask_zero=True) -> LSTM: Keras saves the mask as a NotEqual node in the LSTM's kwargs."""
    x = keras.Input((5,), dtype="int32", name="tokens")
    e = layers.Embedding(7, 4, mask_zero=True, name="embedding")(x)
    h = layers.LSTM(3, name="lstm")(e)
    return keras.Model(x, layers.Dense(2, name="dense")(h), name="masked_lstm"), 1


def mobilenet_v3_small():
    """MobileNetV3Small (hard-sigmoid ops x + 3.0 and * (1/6) inside every squeeze-excite block)."""
    model = keras.applications.MobileNetV3Small(input_shape=(32, 32, 3), alpha=0.25, include_top=True, weights=None,
                                                classes=10, classifier_activation=None)
    # fresh weights make every output equal (a constant softmax): random ones, positive moving variances
    rng = np.random.default_rng(5)
    for w in model.weights:
        shape = tuple(w.shape)
        if "moving_variance" in w.path:
            w.assign(rng.uniform(0.5, 1.5, shape).astype(np.float32))
        else:
            w.assign((rng.normal(size=shape) * 0.3).astype(np.float32))
    return model, 1


MODELS = {"arithmetic": (arithmetic, True), "zoo": (zoo, False), "masked_lstm": (masked_lstm, True),
          "mobilenet_v3_small": (mobilenet_v3_small, False)}


def inputs(model, rng):
    out = []
    for t in model.inputs:
        shape = (3,) + tuple(t.shape[1:])
        if "int" in str(t.dtype):
            v = rng.integers(1, 7, size=shape).astype(np.int32)
            v[0, 3:] = 0  # padding the mask hides
            v[1, 1:] = 0
            out.append(v)
        else:
            out.append(rng.normal(size=shape).astype(np.float32))
    return out


def write():
    os.makedirs(OUT, exist_ok=True)
    for name, (build, h5) in MODELS.items():
        keras.utils.set_random_seed(7)
        model, _ = build()
        rng = np.random.default_rng(11)
        xs = inputs(model, rng)
        ys = model.predict(xs, verbose=0)
        ys = ys if isinstance(ys, list) else [ys]
        model.save(os.path.join(OUT, name + ".keras"))
        if h5:
            model.save(os.path.join(OUT, name + ".h5"))
        arrays = {f"x{i}": v for i, v in enumerate(xs)}
        arrays.update({f"y{i}": np.asarray(v) for i, v in enumerate(ys)})
        np.savez(os.path.join(OUT, name + ".npz"), **arrays)
        print(name, "params", model.count_params(), "outputs", len(ys))


def check(folder):
    """Loads what keras4j wrote (NAME.keras, NAME.json + NAME.weights.h5, NAME.npz) and compares predictions."""
    names = sorted(f[:-len(".keras")] for f in os.listdir(folder) if f.endswith(".keras"))
    assert names, "no .keras files in " + folder
    for name in names:
        data = np.load(os.path.join(folder, name + ".npz"))
        xs = [data[k] for k in sorted(k for k in data if k.startswith("x"))]
        ys = [data[k] for k in sorted((k for k in data if k.startswith("y")), key=lambda k: int(k[1:]))]
        from_keras = keras.models.load_model(os.path.join(folder, name + ".keras"))
        with open(os.path.join(folder, name + ".json")) as f:
            from_json = keras.models.model_from_json(f.read())
        from_json.load_weights(os.path.join(folder, name + ".weights.h5"))
        for label, model in (("keras", from_keras), ("json", from_json)):
            ps = model.predict(xs, verbose=0)
            ps = ps if isinstance(ps, list) else [ps]
            assert len(ps) == len(ys), f"{name}.{label}: {len(ps)} outputs, keras4j wrote {len(ys)}"
            diff = max(float(np.max(np.abs(p - y))) if y.size else 0.0 for p, y in zip(ps, ys))
            print(f"{name}.{label}: loads in Keras {keras.__version__}, max diff vs keras4j {diff:.3g}")
            assert diff < 1e-4, f"{name}.{label} predicts differently"


if __name__ == "__main__":
    if sys.argv[1:2] == ["write"]:
        write()
    elif sys.argv[1:2] == ["check"]:
        check(sys.argv[2])
    else:
        sys.exit(__doc__)
