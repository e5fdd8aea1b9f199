"""Keras twin of samples/src/main/java/io/keras4j/samples/Fgsm.java: FGSM on the seed MLP with the same weights.

Usage (from the repository root, after the Java sample saved its weights):
    KERAS4J_DATASETS=../shared/data /work/venv/bin/python samples/src/main/python/fgsm.py [target/fgsm_mlp.weights.h5]

Prints the test accuracy on x_adv = clip(x + eps * sign(d loss / d x), 0, 1) for the Java sample's epsilons, twice:
  - "probabilities": the crossentropy of the softmax output as computed from probabilities (renormalized, clipped to
    [1e-7, 1 - 1e-7], then -sum(y log p)), the formula keras4j differentiates and Keras uses on the JAX and torch
    backends; a sample whose true-class probability rounds to 1.0f has a zero gradient and is not perturbed.
  - "softmax logits": what `keras.losses.categorical_crossentropy(y, model(x))` differentiates on TensorFlow, which
    reads the logits the softmax attaches to its output (`_keras_logits`) and never clips.
"""
import gzip
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

EPSILONS = [0.0, 0.05, 0.1, 0.15, 0.2, 0.25]


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    weights = sys.argv[1] if len(sys.argv) > 1 else "target/fgsm_mlp.weights.h5"
    mnist = os.path.join(os.environ.get("KERAS4J_DATASETS", "../shared/data"), "mnist")
    x = idx(os.path.join(mnist, "t10k-images-idx3-ubyte.gz")).reshape(10000, 784).astype("float32") / np.float32(255)
    labels = idx(os.path.join(mnist, "t10k-labels-idx1-ubyte.gz")).astype("int64")
    y = keras.utils.to_categorical(labels, 10)
    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(512, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.load_weights(weights)
    print(f"Loaded the seed model's weights from {weights}")

    tables = {}
    for variant in ("probabilities", "softmax logits"):
        correct = np.zeros(len(EPSILONS), np.int64)
        zero_rows = 0
        for start in range(0, 10000, 1000):
            xb = tf.constant(x[start:start + 1000])
            yb = y[start:start + 1000]
            with tf.GradientTape() as tape:
                tape.watch(xb)
                probs = model(xb)
                if variant == "probabilities":
                    probs = tf.identity(probs)  # a plain tensor: no _keras_logits, the formula on probabilities
                loss = tf.reduce_sum(keras.losses.categorical_crossentropy(yb, probs))
            sign = tf.sign(tape.gradient(loss, xb))
            zero_rows += int(tf.reduce_sum(tf.cast(tf.reduce_all(sign == 0, axis=1), tf.int32)))
            for e, eps in enumerate(EPSILONS):
                adv = tf.clip_by_value(xb + eps * sign, 0.0, 1.0)
                pred = np.argmax(model.predict_on_batch(adv), axis=1)
                correct[e] += int(np.sum(pred == labels[start:start + 1000]))
        tables[variant] = correct / 10000
        print(f"{variant}: {zero_rows} test images have a zero input gradient")
    print("epsilon  test_acc (probabilities)  test_acc (softmax logits)")
    for e, eps in enumerate(EPSILONS):
        print(f"{eps:<8.2f} {tables['probabilities'][e]:<25.4f} {tables['softmax logits'][e]:.4f}")


if __name__ == "__main__":
    main()
