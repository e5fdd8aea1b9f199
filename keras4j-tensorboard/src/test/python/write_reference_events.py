"""Writes reference event files with TensorFlow's own summary writer, for TensorBoardReferenceTest.

Run from the repository root with the venv that holds TensorFlow and Keras 3:

    /work/venv/bin/python keras4j-tensorboard/src/test/python/write_reference_events.py

It writes src/test/resources/io/keras4j/tensorboard/reference/events.out.tfevents.* (one file) holding, in order:
the file_version event, scalars as keras.callbacks.TensorBoard writes them (tf.summary.scalar), histograms
(tf.summary.histogram, 30 buckets) of the data `histogram_data(n)` below, and the Keras model summary that
TensorBoard(write_graph=True) writes (tag "keras", plugin "graph_keras_model"). The Java test re-encodes every
event with keras4j's encoder from the decoded values and compares the bytes.
"""
import glob
import os
import shutil

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras.src.callbacks.tensorboard import keras_model_summary  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "keras4j", "tensorboard", "reference")


def histogram_data(n):
    """n float32 values in [-1, 1] with repeats; the Java test computes the same sequence."""
    return np.array([((i * 7) % 13 - 6) / 6.0 for i in range(n)], dtype=np.float32)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    writer = tf.summary.create_file_writer(OUT)
    with writer.as_default():
        tf.summary.scalar("epoch_loss", 0.8125, step=0)
        tf.summary.scalar("batch_accuracy", 0.3333333, step=7)
        tf.summary.scalar("evaluation_loss_vs_iterations", 1.25e-3, step=123456789)
        tf.summary.histogram("sequential/dense/kernel/histogram", histogram_data(40), step=1)
        tf.summary.histogram("sequential/dense/bias/histogram", np.full(5, 0.5, np.float32), step=2)
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, name="dense")], name="sequential")
        keras_model_summary("keras", model, step=0)
    writer.close()
    files = glob.glob(os.path.join(OUT, "events.out.tfevents.*"))
    assert len(files) == 1, files
    print(files[0], os.path.getsize(files[0]), "bytes")


if __name__ == "__main__":
    main()
