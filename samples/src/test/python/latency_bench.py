"""Single-sample inference latency of the LatencyBench models in PyTorch eager and Keras 3 on TensorFlow.

Models (untrained, as io.keras4j.samples.bench.LatencyBench): the seed MLP 784-512(relu)-10(softmax); the MNIST
convnet (Conv2D 32 3x3 relu, MaxPool 2, Conv2D 64 3x3 relu, MaxPool 2, Flatten, Dropout 0.5, Dense 10 softmax);
LSTM(64) over 20 steps of 8 features then Dense(1, sigmoid). Batch of one, float32, one thread; median and p99 of
each call after a warm-up: PyTorch ``model(x)`` under ``torch.no_grad()``, Keras ``model(x)`` and
``model.predict_on_batch(x)``.
Run: taskset -c 1 /work/venv/bin/python latency_bench.py keras|torch [calls=5000]
"""
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np

framework = sys.argv[1] if len(sys.argv) > 1 else "keras"
calls = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
rng = np.random.default_rng(1)
inputs = {"mlp": rng.random((1, 784), dtype=np.float32), "convnet": rng.random((1, 28, 28, 1), dtype=np.float32),
          "lstm": rng.random((1, 20, 8), dtype=np.float32)}


def report(name, method, call, n):
    for _ in range(max(200, n // 5)):
        call()
    times = []
    for _ in range(n):
        start = time.perf_counter_ns()
        call()
        times.append(time.perf_counter_ns() - start)
    times.sort()
    print(f"{name:8s} {method:15s} median {times[n // 2] / 1e3:8.1f} us  p99 {times[int(n * 0.99)] / 1e3:8.1f} us  ({n} calls)")


def keras_models():
    import tensorflow as tf
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    import keras
    from keras import layers
    keras.utils.set_random_seed(1)
    return {
        "mlp": keras.Sequential([keras.Input((784,)), layers.Dense(512, activation="relu"),
                                 layers.Dense(10, activation="softmax")]),
        "convnet": keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(32, 3, activation="relu"),
                                     layers.MaxPooling2D(2), layers.Conv2D(64, 3, activation="relu"),
                                     layers.MaxPooling2D(2), layers.Flatten(), layers.Dropout(0.5),
                                     layers.Dense(10, activation="softmax")]),
        "lstm": keras.Sequential([keras.Input((20, 8)), layers.LSTM(64), layers.Dense(1, activation="sigmoid")]),
    }


def torch_models():
    import torch
    from torch import nn
    torch.set_num_threads(1)
    torch.manual_seed(1)

    class Lstm(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(8, 64, batch_first=True)
            self.dense = nn.Linear(64, 1)

        def forward(self, x):
            return torch.sigmoid(self.dense(self.lstm(x)[0][:, -1]))

    convnet = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                            nn.MaxPool2d(2), nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10), nn.Softmax(dim=1))
    models = {"mlp": nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 10), nn.Softmax(dim=1)),
              "convnet": convnet, "lstm": Lstm()}
    for m in models.values():
        m.eval()
    return models


if framework == "keras":
    for name, model in keras_models().items():
        x = inputs[name]
        report(name, "model(x)", lambda: model(x, training=False), calls if name == "mlp" else calls // 5)
        report(name, "predict_on_batch", lambda: model.predict_on_batch(x), calls if name == "mlp" else calls // 5)
else:
    import torch
    for name, model in torch_models().items():
        x = torch.from_numpy(inputs[name])
        if name == "convnet":
            x = x.permute(0, 3, 1, 2).contiguous()

        def call():
            with torch.no_grad():
                return model(x)
        report(name, "no_grad model(x)", call, calls if name == "mlp" else calls // 5)
print(f"({framework}, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}, load average {os.getloadavg()[0]:.1f})")
