"""Keras twin of samples/src/main/java/io/keras4j/samples/Fgsm.java: FGSM against the seed MLP, same weights, same table.

Usage, from the repository root, after the Java sample saved its weights:
    KERAS4J_DATASETS=../shared/data /work/venv/bin/python samples/src/main/python/fgsm.py [weights] [--float64-loss]

Prints the test accuracy on x_adv = clip(x + eps * sign(d loss / d x), 0, 1) with the loss gradient taken two ways:
  - "probabilities": the crossentropy of the softmax output (renormalized, clipped to [1e-7, 1 - 1e-7]); the softmax's
    hidden logits are dropped with tf.identity, else Keras on TensorFlow would silently use them;
  - "softmax logits": the crossentropy from the logits, what `categorical_crossentropy(y, model(x))` differentiates on
    TensorFlow (it reads the logits the softmax attaches to its output).
--float64-loss computes the loss on the model's outputs cast to float64, as keras4j's losses compute in double.
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
    """An IDX file (MNIST's format) as a uint8 array."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def seed_model(output_activation):
    return keras.Sequential([keras.Input((784,)), keras.layers.Dense(512, activation="relu"),
                             keras.layers.Dense(10, activation=output_activation)])


def attack(model, net, from_logits, x, y, labels, dtype):
    """Accuracies per epsilon of model on FGSM images from the gradient of the loss on net's outputs; zero-gradient rows."""
    correct = np.zeros(len(EPSILONS), np.int64)
    zero_rows = 0
    for start in range(0, len(x), 1000):
        xb = tf.constant(x[start:start + 1000])
        with tf.GradientTape() as tape:
            tape.watch(xb)
            out = tf.cast(tf.identity(net(xb)), dtype)
            loss = tf.reduce_sum(keras.losses.categorical_crossentropy(y[start:start + 1000].astype(dtype), out,
                                                                       from_logits=from_logits))
        sign = tf.sign(tape.gradient(loss, xb))
        zero_rows += int(np.sum(np.all(sign.numpy() == 0, axis=1)))
        for e, eps in enumerate(EPSILONS):
            adv = tf.clip_by_value(xb + eps * sign, 0.0, 1.0)
            correct[e] += int(np.sum(np.argmax(model.predict_on_batch(adv), axis=1) == labels[start:start + 1000]))
    return correct / len(x), zero_rows


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    dtype = "float64" if "--float64-loss" in sys.argv else "float32"
    weights = args[0] if args else "target/fgsm_mlp.weights.h5"
    mnist = os.path.join(os.environ.get("KERAS4J_DATASETS", "../shared/data"), "mnist")
    x = idx(os.path.join(mnist, "t10k-images-idx3-ubyte.gz")).reshape(10000, 784).astype("float32") / np.float32(255)
    labels = idx(os.path.join(mnist, "t10k-labels-idx1-ubyte.gz")).astype("int64")
    y = keras.utils.to_categorical(labels, 10)
    model = seed_model("softmax")
    model.load_weights(weights)
    logits = seed_model(None)
    logits.set_weights(model.get_weights())
    print(f"Loaded the seed model's weights from {weights}; loss computed in {dtype}")
    probs, probs_zero = attack(model, model, False, x, y, labels, dtype)
    from_logits, logits_zero = attack(model, logits, True, x, y, labels, dtype)
    print(f"probabilities: {probs_zero} test images have a zero input gradient")
    print(f"softmax logits: {logits_zero} test images have a zero input gradient")
    print("epsilon  test_acc (probabilities)  test_acc (softmax logits)")
    for e, eps in enumerate(EPSILONS):
        print(f"{eps:<8.2f} {probs[e]:<25.4f} {from_logits[e]:.4f}")


if __name__ == "__main__":
    main()
