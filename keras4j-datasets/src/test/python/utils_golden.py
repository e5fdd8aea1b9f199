"""Prints the golden values of PadSequencesTest, TimeseriesDatasetTest and NumpyRandomStateTest.

Run with the venv that has Keras 3 and NumPy: python utils_golden.py
"""
import numpy as np
from keras.utils import pad_sequences, timeseries_dataset_from_array

seqs = [[1, 2, 3], [4, 5], [6, 7, 8, 9, 10], []]
for kw in [dict(), dict(maxlen=4), dict(maxlen=4, padding="post"), dict(maxlen=4, truncating="post"),
           dict(maxlen=2, padding="post", truncating="post", value=-1.0), dict(maxlen=3, dtype="float32", value=0.5)]:
    print("pad", kw, pad_sequences(seqs, **kw).tolist())

data = np.arange(20 * 2).reshape(20, 2)
targets = np.arange(100, 120)
for kw in [dict(sequence_length=4, batch_size=3), dict(sequence_length=3, sequence_stride=2, sampling_rate=2, batch_size=4),
           dict(sequence_length=3, batch_size=5, start_index=2, end_index=15)]:
    for x, y in timeseries_dataset_from_array(data, targets, **kw):
        print("ts", kw, "x0", x.numpy()[0].tolist(), "x.shape", x.shape, "y", y.numpy().tolist())

for seed, n in [(113, 10), (113, 7), (0, 1000), (2**32 - 1, 5)]:
    r = np.random.RandomState(seed)
    a = np.arange(n)
    r.shuffle(a)
    print("shuffle", seed, n, a[:10].tolist(), a[-3:].tolist())
r = np.random.RandomState(113)
a, b = np.arange(10), np.arange(7)
r.shuffle(a)
r.shuffle(b)
print("two shuffles from one state (imdb train then test):", a.tolist(), b.tolist())
