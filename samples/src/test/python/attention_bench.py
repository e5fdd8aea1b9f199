"""Training throughput of a small self-attention model in real Keras 3 (TensorFlow backend) and PyTorch.

The same measurement as io.keras4j.samples.bench.AttentionBench: Input (64 steps, 128 dims) ->
MultiHeadAttention(num_heads=4, key_dim=32) self-attention -> GlobalAveragePooling1D -> Dense(10, softmax),
batch 64, Adam, categorical crossentropy, random inputs; one warm-up epoch, then timed epochs; prints the median
samples/s (wall clock) and samples per CPU-second of the process. PyTorch uses nn.MultiheadAttention (embed_dim 128,
4 heads of 32, the same parameter count as Keras's layer).

Usage: /work/venv/bin/python samples/src/test/python/attention_bench.py keras|torch [threads] [batches] [epochs]
(threads 0 = the framework's default).
"""
import os
import statistics
import sys
import time

FRAMEWORK = sys.argv[1]
THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 0
BATCHES = int(sys.argv[3]) if len(sys.argv) > 3 else 30
EPOCHS = int(sys.argv[4]) if len(sys.argv) > 4 else 3
BATCH = 64
N = BATCHES * BATCH
if THREADS:
    os.environ["OMP_NUM_THREADS"] = str(THREADS)

import numpy as np  # noqa: E402

rng = np.random.default_rng(42)
x = rng.random((N, 64, 128), dtype=np.float32)
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
    inputs = keras.Input(shape=(64, 128))
    attended = layers.MultiHeadAttention(num_heads=4, key_dim=32)(inputs, inputs)
    outputs = layers.Dense(10, activation="softmax")(layers.GlobalAveragePooling1D()(attended))
    model = keras.Model(inputs, outputs)
    model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    return lambda: model.fit(x, y, batch_size=BATCH, epochs=1, verbose=0, shuffle=False)


def torch_epoch():
    import torch
    from torch import nn
    if THREADS:
        torch.set_num_threads(THREADS)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.mha = nn.MultiheadAttention(128, 4, batch_first=True)
            self.dense = nn.Linear(128, 10)

        def forward(self, t):
            a, _ = self.mha(t, t, t, need_weights=False)
            return self.dense(a.mean(dim=1))

    model = Net()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    xt = torch.from_numpy(x)
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
print(f"{FRAMEWORK} MultiHeadAttention(4, 32) T=64 dim=128 training: {wall:.0f} samples/s wall, {cpu:.0f} samples per "
      f"CPU-second (median of {EPOCHS} epochs of {N} samples, threads={THREADS or 'default'})")
