"""What the Keras / PyTorch twins of the keras4j training benchmarks share.

Arguments ``keras|torch [threads] [batches] [epochs]`` (threads 0 = the framework's default), random float32 inputs
with 10 one-hot classes, one warm-up epoch then timed epochs (median samples/s wall clock and per CPU-second of the
process), TensorFlow's thread settings, and the PyTorch loop (Adam with Keras's epsilon, crossentropy).
"""
import os
import statistics
import sys
import time


class Run:
    """The parsed arguments; sets OMP_NUM_THREADS before numpy or a framework is imported."""

    def __init__(self, batch, default_batches):
        self.framework = sys.argv[1]
        self.threads = int(sys.argv[2]) if len(sys.argv) > 2 else 0
        self.batch = batch
        self.n = (int(sys.argv[3]) if len(sys.argv) > 3 else default_batches) * batch
        self.epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
        if self.threads:
            os.environ["OMP_NUM_THREADS"] = str(self.threads)

    def data(self, shape):
        """Random inputs of shape (n,) + shape, class labels and their one-hot targets (seed 42)."""
        import numpy as np
        rng = np.random.default_rng(42)
        x = rng.random((self.n,) + shape, dtype=np.float32)
        labels = rng.integers(0, 10, self.n)
        return x, labels, np.eye(10, dtype=np.float32)[labels]

    def keras(self):
        """Keras on TensorFlow, with this run's intra- and inter-op threads."""
        os.environ["KERAS_BACKEND"] = "tensorflow"
        import tensorflow as tf
        if self.threads:
            tf.config.threading.set_intra_op_parallelism_threads(self.threads)
            tf.config.threading.set_inter_op_parallelism_threads(self.threads)
        import keras
        return keras

    def keras_epoch(self, model, x, y):
        """One epoch of fit with Adam and categorical crossentropy, in order."""
        model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
        return lambda: model.fit(x, y, batch_size=self.batch, epochs=1, verbose=0, shuffle=False)

    def torch_epoch(self, model, xt, labels):
        """One epoch of PyTorch training of model (logits) on xt and class labels, in order."""
        import torch
        if self.threads:
            torch.set_num_threads(self.threads)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
        loss_fn = torch.nn.CrossEntropyLoss()
        yt = torch.from_numpy(labels)

        def epoch():
            model.train()
            for i in range(0, self.n, self.batch):
                opt.zero_grad()
                loss = loss_fn(model(xt[i:i + self.batch]), yt[i:i + self.batch])
                loss.backward()
                opt.step()
        return epoch

    def report(self, label, epoch_fn):
        """Runs a warm-up epoch and the timed ones, and prints the medians under label."""
        epoch_fn()
        walls, cpus = [], []
        for _ in range(self.epochs):
            w, c = time.perf_counter(), time.process_time()
            epoch_fn()
            walls.append(self.n / (time.perf_counter() - w))
            cpus.append(self.n / (time.process_time() - c))
        print(f"{self.framework} {label} training: {statistics.median(walls):.0f} samples/s wall, "
              f"{statistics.median(cpus):.0f} samples per CPU-second (median of {self.epochs} epochs of {self.n} samples, "
              f"threads={self.threads or 'default'})")
