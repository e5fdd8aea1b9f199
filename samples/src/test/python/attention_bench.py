"""Training throughput of a small self-attention model in real Keras 3 (TensorFlow backend) and PyTorch.

The same measurement as io.keras4j.samples.bench.AttentionBench: Input (64 steps, 128 dims) ->
MultiHeadAttention(num_heads=4, key_dim=32) self-attention -> GlobalAveragePooling1D -> Dense(10, softmax),
batch 64, Adam, categorical crossentropy, random inputs; one warm-up epoch, then timed epochs; prints the median
samples/s (wall clock) and samples per CPU-second of the process. PyTorch uses nn.MultiheadAttention (embed_dim 128,
4 heads of 32, the same parameter count as Keras's layer).

Usage: /work/venv/bin/python samples/src/test/python/attention_bench.py keras|torch [threads] [batches] [epochs]
(threads 0 = the framework's default).
"""
from bench_harness import Run

run = Run(batch=64, default_batches=30)
x, labels, y = run.data((64, 128))


def keras_epoch():
    keras = run.keras()
    from keras import layers
    inputs = keras.Input(shape=(64, 128))
    attended = layers.MultiHeadAttention(num_heads=4, key_dim=32)(inputs, inputs)
    outputs = layers.Dense(10, activation="softmax")(layers.GlobalAveragePooling1D()(attended))
    return run.keras_epoch(keras.Model(inputs, outputs), x, y)


def torch_epoch():
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.mha = nn.MultiheadAttention(128, 4, batch_first=True)
            self.dense = nn.Linear(128, 10)

        def forward(self, t):
            a, _ = self.mha(t, t, t, need_weights=False)
            return self.dense(a.mean(dim=1))

    return run.torch_epoch(Net(), torch.from_numpy(x), labels)


run.report("MultiHeadAttention(4, 32) T=64 dim=128", keras_epoch() if run.framework == "keras" else torch_epoch())
