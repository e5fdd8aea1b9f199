"""Writes tiny dataset files in Keras's real formats and what real Keras loads from them.

Output (keras4j-datasets/src/test/resources/fixtures/):
  cifar-10-python.tar.gz, cifar-100-python.tar.gz  pickled batches as Python 2 wrote them (protocol 2,
                                                   bytes as BINSTRING), 2-3 images per batch
  imdb.npz, reuters.npz                            object arrays of int lists (np.savez, pickle inside)
  boston_housing.npz, california_housing.npz      float64 x and y
  expected.json                                    keras.datasets.*.load_data outputs for several arguments
Run: /work/venv/bin/python make_fixtures.py
"""
import io
import json
import os
import pickle
import tarfile
import tempfile

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures")
os.makedirs(OUT, exist_ok=True)


class Py2Pickler(pickle._Pickler):
    """Pickles bytes as Python 2 str (BINSTRING), as the CIFAR files were written."""

    def save_bytes(self, obj):
        n = len(obj)
        if n < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([n]) + obj)
        else:
            self.write(pickle.BINSTRING + n.to_bytes(4, "little") + obj)
        self.memoize(obj)

    dispatch = dict(pickle._Pickler.dispatch)
    dispatch[bytes] = save_bytes


def py2_pickle(obj):
    buf = io.BytesIO()
    Py2Pickler(buf, protocol=2).dump(obj)
    return buf.getvalue()


rng = np.random.RandomState(0)


def cifar_batch(n, labels):
    d = {b"batch_label": b"training batch", b"data": rng.randint(0, 256, size=(n, 3072)).astype(np.uint8),
         b"filenames": [b"img%d.png" % i for i in range(n)]}
    d.update(labels)
    return d


def tar_gz(path, members):
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


c10 = {f"cifar-10-batches-py/data_batch_{i}": py2_pickle(cifar_batch(2, {b"labels": [i, (i * 3) % 10]}))
       for i in range(1, 6)}
c10["cifar-10-batches-py/test_batch"] = py2_pickle(cifar_batch(2, {b"labels": [9, 0]}))
c10["cifar-10-batches-py/batches.meta"] = py2_pickle({b"label_names": [b"airplane"]})
tar_gz(os.path.join(OUT, "cifar-10-python.tar.gz"), c10)
c100 = {"cifar-100-python/train": py2_pickle(cifar_batch(3, {b"fine_labels": [5, 99, 42], b"coarse_labels": [1, 19, 7]})),
        "cifar-100-python/test": py2_pickle(cifar_batch(2, {b"fine_labels": [0, 63], b"coarse_labels": [4, 12]}))}
tar_gz(os.path.join(OUT, "cifar-100-python.tar.gz"), c100)


def ragged(n, lo, hi, vocab):
    out = np.empty(n, dtype=object)
    for i in range(n):
        out[i] = [int(w) for w in rng.randint(1, vocab, size=rng.randint(lo, hi))]
    return out


np.savez(os.path.join(OUT, "imdb.npz"), x_train=ragged(12, 1, 9, 30), y_train=rng.randint(0, 2, 12).astype(np.int64),
         x_test=ragged(9, 1, 9, 30), y_test=rng.randint(0, 2, 9).astype(np.int64))
np.savez(os.path.join(OUT, "reuters.npz"), x=ragged(15, 1, 8, 25), y=rng.randint(0, 46, 15).astype(np.int64))
np.savez(os.path.join(OUT, "boston_housing.npz"), x=rng.rand(11, 3), y=rng.rand(11) * 50)
np.savez(os.path.join(OUT, "california_housing.npz"), x=rng.rand(700, 2), y=rng.rand(700) * 1e5)
with open(os.path.join(OUT, "imdb_word_index.json"), "w") as f:
    json.dump({"the": 1, "and": 2, "film": 3}, f)

# ---- what Keras loads from them --------------------------------------------------------------
import keras.src.datasets.boston_housing as boston
import keras.src.datasets.california_housing as california
import keras.src.datasets.cifar10 as cifar10
import keras.src.datasets.cifar100 as cifar100
import keras.src.datasets.imdb as imdb
import keras.src.datasets.reuters as reuters

extract = tempfile.mkdtemp()
for archive in ["cifar-10-python.tar.gz", "cifar-100-python.tar.gz"]:
    with tarfile.open(os.path.join(OUT, archive)) as tar:
        tar.extractall(extract)
for module, name in [(imdb, "imdb.npz"), (reuters, "reuters.npz"), (boston, "boston_housing.npz"),
                     (california, "california_housing.npz")]:
    module.get_file = (lambda p: lambda *a, **k: p)(os.path.join(OUT, name))
cifar10.get_file = cifar100.get_file = lambda *a, **k: extract


def seqs(x):
    return [list(map(int, s)) for s in x]


expected = {}
# cifar10.load_data hard-codes 10,000 images per batch, so its steps are replayed with Keras's load_batch
from keras.src.datasets.cifar import load_batch

base = os.path.join(extract, "cifar-10-batches-py")
parts = [load_batch(os.path.join(base, f"data_batch_{i}")) for i in range(1, 6)]
xt = np.concatenate([p[0] for p in parts]).transpose(0, 2, 3, 1)
yt = np.concatenate([p[1] for p in parts]).astype(np.uint8).reshape(-1, 1)
xs, ys = load_batch(os.path.join(base, "test_batch"))
xs, ys = xs.transpose(0, 2, 3, 1), np.reshape(ys, (len(ys), 1))
expected["cifar10"] = {"x_train_shape": list(xt.shape), "x_train_sum": int(xt.astype(np.int64).sum()),
                       "x_train_0_1_2": xt[1, 2].astype(int).tolist(), "y_train": yt.ravel().tolist(),
                       "y_test": ys.ravel().tolist(), "x_test_last": xs[-1, -1, -1].astype(int).tolist()}
for mode in ["fine", "coarse"]:
    (xt, yt), (xs, ys) = cifar100.load_data(label_mode=mode)
    expected["cifar100_" + mode] = {"y_train": yt.ravel().tolist(), "y_test": ys.ravel().tolist(),
                                    "x_train_2_31": xt[2, 31].astype(int).tolist()}
imdb_cases = [dict(), dict(num_words=20, skip_top=2, seed=7), dict(maxlen=6, oov_char=None, start_char=None),
              dict(index_from=0, start_char=5, num_words=15, maxlen=8)]
expected["imdb"] = []
for kw in imdb_cases:
    (xt, yt), (xs, ys) = imdb.load_data(**kw)
    expected["imdb"].append({"args": kw, "x_train": seqs(xt), "y_train": yt.tolist(), "x_test": seqs(xs), "y_test": ys.tolist()})
expected["reuters"] = []
for kw in [dict(), dict(num_words=10, test_split=0.4, seed=1), dict(maxlen=5, skip_top=3, oov_char=None)]:
    (xt, yt), (xs, ys) = reuters.load_data(**kw)
    expected["reuters"].append({"args": kw, "x_train": seqs(xt), "y_train": yt.tolist(), "x_test": seqs(xs), "y_test": ys.tolist()})
expected["boston"] = []
for kw in [dict(), dict(test_split=0.3, seed=5)]:
    (xt, yt), (xs, ys) = boston.load_data(**kw)
    expected["boston"].append({"args": kw, "x_train": xt.tolist(), "y_train": yt.tolist(), "x_test": xs.tolist(), "y_test": ys.tolist()})
expected["california"] = []
for kw in [dict(version="small"), dict(version="large", test_split=0.1, seed=3)]:
    (xt, yt), (xs, ys) = california.load_data(**kw)
    expected["california"].append({"args": kw, "train_rows": len(xt), "test_rows": len(xs), "x_train_0": xt[0].tolist(),
                                   "y_test_last": float(ys[-1]), "y_train_sum": float(yt.sum())})
with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(expected, f)
