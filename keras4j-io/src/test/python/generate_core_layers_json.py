"""Writes core_layers.json: Keras's to_json() of a Sequential and a functional model using the seed layers
(InputLayer, Flatten, Dense, Dropout, Activation). ModelJsonTest rebuilds both in keras4j and expects the same
text. Reshape is left out: Keras 3.15 builds it at __init__ (no build_config) and Keras 3.16, the version keras4j
follows, does not. Run with the Keras of /work/venv: python generate_core_layers_json.py OUTPUT_DIR"""
import json
import sys

import keras


def main(out):
    keras.backend.clear_session()
    seq = keras.Sequential([
        keras.Input(shape=(12,)),
        keras.layers.Flatten(),
        keras.layers.Dense(8, activation="tanh", use_bias=False),
        keras.layers.Dropout(0.25),
        keras.layers.Activation("relu"),
        keras.layers.Dense(3, activation="softmax"),
    ], name="core_sequential")
    keras.backend.clear_session()
    a = keras.Input(shape=(6,), name="in_a")
    h = keras.layers.Dense(4, activation="relu", name="hidden")(a)
    y1 = keras.layers.Activation("sigmoid", name="out_1")(h)
    y2 = keras.layers.Dense(2, name="out_2")(keras.layers.Dropout(0.5)(h))
    fun = keras.Model([a], [y1, y2], name="core_functional")
    with open(f"{out}/core_layers.json", "w") as f:
        json.dump({"keras_version": keras.__version__, "sequential": seq.to_json(), "functional": fun.to_json()}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
