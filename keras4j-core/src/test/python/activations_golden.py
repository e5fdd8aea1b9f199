"""Writes the golden activation values for ActivationsTest from real Keras.

Run: /work/venv/bin/python keras4j-core/src/test/python/activations_golden.py
Each output line: name TAB config (k=v,...) TAB the outputs of keras.activations.<name>(X, **config), float64,
flattened in C order. X is the [2, 6] input below (also in ActivationsTest), away from every kink.
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras

X = np.array([[-4.2, -2.7, -1.6, -0.7, -0.2, 0.3], [0.8, 1.4, 2.2, 3.5, 7.1, -0.45]], dtype="float64")

CASES = [
    ("relu", {}), ("relu", {"negative_slope": 0.1, "max_value": 5.0, "threshold": 0.6}),
    ("relu", {"negative_slope": 0.5}), ("relu", {"max_value": 2.0}), ("relu6", {}),
    ("leaky_relu", {}), ("leaky_relu", {"negative_slope": 0.1}), ("elu", {}), ("elu", {"alpha": 0.5}),
    ("selu", {}), ("celu", {}), ("celu", {"alpha": 2.0}), ("gelu", {}), ("gelu", {"approximate": True}),
    ("glu", {}), ("glu", {"axis": 0}), ("sigmoid", {}), ("hard_sigmoid", {}), ("sparse_sigmoid", {}),
    ("log_sigmoid", {}), ("silu", {}), ("swish", {}), ("hard_silu", {}), ("hard_swish", {}), ("mish", {}),
    ("softplus", {}), ("softsign", {}), ("sparse_plus", {}), ("soft_shrink", {}), ("soft_shrink", {"threshold": 1.5}),
    ("hard_shrink", {}), ("hard_shrink", {"threshold": 1.5}), ("tanh", {}), ("hard_tanh", {}), ("tanh_shrink", {}),
    ("exponential", {}), ("linear", {}), ("softmax", {}), ("softmax", {"axis": 0}), ("log_softmax", {}),
    ("log_softmax", {"axis": 0}), ("sparsemax", {}), ("sparsemax", {"axis": 0}), ("squareplus", {}),
    ("squareplus", {"b": 1.0}), ("threshold", {"threshold": 0.5, "default_value": -1.0}),
]


def fmt(v):
    return str(v).lower() if isinstance(v, bool) else repr(float(v))


out = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "keras4j", "activations", "golden.txt")
with open(out, "w") as f:
    f.write("# keras.activations.<name>(X, **config) from Keras %s (%s backend); see activations_golden.py\n"
            % (keras.__version__, keras.backend.backend()))
    for name, config in CASES:
        y = np.asarray(keras.ops.convert_to_numpy(getattr(keras.activations, name)(X, **config)), dtype="float64")
        cfg = ",".join("%s=%s" % (k, fmt(v)) for k, v in config.items())
        f.write("%s\t%s\t%s\n" % (name, cfg, " ".join(repr(float(v)) for v in y.ravel())))
