"""Training throughput of the LstmBench model in real Keras 3 (TensorFlow backend) and plain PyTorch.

Model: input (batch, 100, 32) -> LSTM(64) -> Dense(1, sigmoid); binary cross-entropy, Adam, batch 128,
float32; one warm-up epoch, then samples/s over the timed epochs (as io.keras4j.samples.bench.LstmBench).
Run: /work/venv/bin/python lstm_bench.py [samples] [epochs]
"""
import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2048
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
rng = np.random.default_rng(1)
x = (rng.random((n, 100, 32), dtype=np.float32) - 0.5)
y = (x.sum(axis=(1, 2)) > 0).astype("float32").reshape(n, 1)


def keras_bench():
    import keras
    model = keras.Sequential([keras.Input((100, 32)), keras.layers.LSTM(64), keras.layers.Dense(1, activation="sigmoid")])
    model.compile("adam", "binary_crossentropy")
    model.fit(x, y, batch_size=128, epochs=1, verbose=0)
    start = time.perf_counter()
    model.fit(x, y, batch_size=128, epochs=epochs, verbose=0)
    return n * epochs / (time.perf_counter() - start)


def torch_bench():
    import torch
    torch.manual_seed(1)

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = torch.nn.LSTM(32, 64, batch_first=True)
            self.dense = torch.nn.Linear(64, 1)

        def forward(self, inputs):
            _, (h, _) = self.lstm(inputs)
            return torch.sigmoid(self.dense(h[-1]))

    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = torch.nn.BCELoss()
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)

    def epoch():
        perm = torch.randperm(n)
        for i in range(0, n, 128):
            idx = perm[i:i + 128]
            opt.zero_grad()
            loss = loss_fn(net(xt[idx]), yt[idx])
            loss.backward()
            opt.step()

    epoch()
    start = time.perf_counter()
    for _ in range(epochs):
        epoch()
    return n * epochs / (time.perf_counter() - start)


if __name__ == "__main__":
    which = os.environ.get("BENCH", "keras,torch").split(",")
    if "keras" in which:
        print(f"Keras 3 (TensorFlow) LSTM(64) T=100 F=32 batch=128: {keras_bench():.1f} samples/s")
    if "torch" in which:
        import torch
        print(f"PyTorch {torch.__version__} LSTM(64) T=100 F=32 batch=128: {torch_bench():.1f} samples/s "
              f"(threads={torch.get_num_threads()})")
