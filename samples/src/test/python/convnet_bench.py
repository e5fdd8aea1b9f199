"""Training throughput of Keras's mnist_convnet model in real Keras 3 (TensorFlow backend) and PyTorch.

The same measurement as io.keras4j.samples.bench.ConvnetBench: batch 128, Adam, categorical
crossentropy, random 28x28x1 images; one warm-up epoch, then timed epochs; prints the median samples/s
(wall clock) and samples per CPU-second of the process.

Usage: /work/venv/bin/python samples/src/test/python/convnet_bench.py keras|torch [threads] [batches] [epochs]
(threads 0 = the framework's default).
"""
import os
import statistics
import sys
import time

FRAMEWORK = sys.argv[1]
THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 0
BATCHES = int(sys.argv[3]) if len(sys.argv) > 3 else 40
EPOCHS = int(sys.argv[4]) if len(sys.argv) > 4 else 3
BATCH = 128
N = BATCHES * BATCH
if THREADS:
    os.environ["OMP_NUM_THREADS"] = str(THREADS)

import numpy as np  # noqa: E402

rng = np.random.default_rng(42)
x = rng.random((N, 28, 28, 1), dtype=np.float32)
labels = rng.integers(0, 10, N)
y = np.eye(10, dtype=np.float32)[labels]


def timed(epoch_fn):
    epoch_fn()
    walls, cpus = [], []
    for _ in range(EPOCHS):
        w, c = time.perf_counter(), time.process_time()
        epoch_fn()
        walls.append(N / (time.perf_counter() - w))
        cpus.append(N / (time.process_time() - c))
    return statistics.median(walls), statistics.median(cpus)


def keras_epoch():
    os.environ["KERAS_BACKEND"] = "tensorflow"
    import tensorflow as tf
    if THREADS:
        tf.config.threading.set_intra_op_parallelism_threads(THREADS)
        tf.config.threading.set_inter_op_parallelism_threads(THREADS)
    import keras
    from keras import layers
    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    return lambda: model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0, shuffle=False)


def torch_epoch():
    import torch
    from torch import nn
    if THREADS:
        torch.set_num_threads(THREADS)
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    xt = torch.from_numpy(x).permute(0, 3, 1, 2).contiguous()
    yt = torch.from_numpy(labels)

    def epoch():
        model.train()
        for i in range(0, N, BATCH):
            opt.zero_grad()
            loss = loss_fn(model(xt[i:i + BATCH]), yt[i:i + BATCH])
            loss.backward()
            opt.step()
    return epoch


wall, cpu = timed(keras_epoch() if FRAMEWORK == "keras" else torch_epoch())
print(f"{FRAMEWORK} mnist_convnet training: {wall:.0f} samples/s wall, {cpu:.0f} samples per CPU-second "
      f"(median of {EPOCHS} epochs of {N} samples, threads={THREADS or 'default'})")
