"""Training throughput of Keras's mnist_convnet model in real Keras 3 (TensorFlow backend) and PyTorch.

The same measurement as io.keras4j.samples.bench.ConvnetBench: batch 128, Adam, categorical
crossentropy, random 28x28x1 images; one warm-up epoch, then timed epochs; prints the median samples/s
(wall clock) and samples per CPU-second of the process.

Usage: /work/venv/bin/python samples/src/test/python/convnet_bench.py keras|torch [threads] [batches] [epochs]
(threads 0 = the framework's default).
"""
from bench_harness import Run

run = Run(batch=128, default_batches=40)
x, labels, y = run.data((28, 28, 1))


def keras_epoch():
    keras = run.keras()
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
    return run.keras_epoch(model, x, y)


def torch_epoch():
    import torch
    from torch import nn
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10))
    return run.torch_epoch(model, torch.from_numpy(x).permute(0, 3, 1, 2).contiguous(), labels)


run.report("mnist_convnet", keras_epoch() if run.framework == "keras" else torch_epoch())
