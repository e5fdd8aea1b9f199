"""Writes TensorBoard logs with real Keras 3 for the seed model, to compare with keras4j's (read_events.py --compare).

    /work/venv/bin/python keras4j-tensorboard/src/test/python/keras_seed_logs.py OUT [--epochs 5]

The seed script (Flatten, Dense(512, relu), Dense(10, softmax), rmsprop, 5 epochs of batch 128) on the MNIST files in
shared/data/mnist, with the options of SeedModelLogsTest: OUT/seed gets TensorBoard's defaults, OUT/full gets
histogram_freq=1, update_freq="batch", write_steps_per_second=True and validation on the test set.
"""
import argparse
import gzip
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import keras  # noqa: E402

MNIST = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "..", "shared", "data", "mnist")


def idx(name, offset):
    with gzip.open(os.path.join(MNIST, name)) as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()
    x_train = idx("train-images-idx3-ubyte.gz", 16).reshape(60000, 784).astype("float32") / 255
    x_test = idx("t10k-images-idx3-ubyte.gz", 16).reshape(10000, 784).astype("float32") / 255
    y_train = keras.utils.to_categorical(idx("train-labels-idx1-ubyte.gz", 8))
    y_test = keras.utils.to_categorical(idx("t10k-labels-idx1-ubyte.gz", 8))
    for run, full in (("seed", False), ("full", True)):
        keras.utils.set_random_seed(1)
        model = keras.Sequential([keras.Input((784,)), keras.layers.Flatten(), keras.layers.Dense(512, activation="relu"),
                                  keras.layers.Dense(10, activation="softmax")])
        model.compile("rmsprop", "categorical_crossentropy", metrics=["accuracy"])
        options = dict(histogram_freq=1, update_freq="batch", write_steps_per_second=True) if full else {}
        callback = keras.callbacks.TensorBoard(os.path.join(args.out, run), **options)
        model.fit(x_train, y_train, epochs=args.epochs, batch_size=128, verbose=0, callbacks=[callback],
                  validation_data=(x_test, y_test) if full else None)


if __name__ == "__main__":
    main()
