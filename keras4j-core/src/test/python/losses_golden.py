"""Writes the golden loss values for LossesTest from real Keras.

Run: /work/venv/bin/python keras4j-core/src/test/python/losses_golden.py
Each output line (TAB-separated): class name, config (k=v,...), y_pred shape, y_true, y_pred, sample_weight
(or "-"), and keras.losses.<Class>(**config)(y_true, y_pred, sample_weight) in float64.
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras

rng = np.random.default_rng(7)
real_t = rng.uniform(0.1, 2.0, (3, 4))
real_p = rng.uniform(0.1, 2.0, (3, 4))
prob = rng.uniform(0.05, 0.95, (3, 4))
binary = np.array([[1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0]], dtype="float64")
onehot = np.eye(4)[[2, 0, 3]]
logits = rng.normal(0, 1.5, (3, 4))
labels = np.array([2, 0, 3], dtype="float64")
sw = np.array([0.5, 2.0, 1.0])

CASES = [
    ("MeanSquaredError", {}, real_t, real_p, None),
    ("MeanSquaredError", {"reduction": "sum"}, real_t, real_p, sw),
    ("MeanSquaredError", {"reduction": "mean_with_sample_weight"}, real_t, real_p, sw),
    ("MeanAbsoluteError", {}, real_t, real_p, sw),
    ("MeanAbsolutePercentageError", {}, real_t, real_p, None),
    ("MeanSquaredLogarithmicError", {}, real_t, real_p, None),
    ("CosineSimilarity", {}, real_t - 1, real_p - 1, None),
    ("Huber", {}, real_t, real_p, None),
    ("Huber", {"delta": 0.5}, real_t, real_p, sw),
    ("LogCosh", {}, real_t, real_p, None),
    ("Hinge", {}, binary, logits, None),
    ("Hinge", {}, 2 * binary - 1, logits, None),
    ("SquaredHinge", {}, binary, logits, sw),
    ("CategoricalHinge", {}, onehot, logits, None),
    ("KLDivergence", {}, prob / prob.sum(1, keepdims=True), onehot * 0.7 + 0.075, None),
    ("Poisson", {}, real_t, real_p, None),
    ("BinaryCrossentropy", {}, binary, prob, None),
    ("BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, binary, logits, sw),
    ("CategoricalCrossentropy", {}, onehot, prob, None),
    ("CategoricalCrossentropy", {"from_logits": True, "label_smoothing": 0.2}, onehot, logits, sw),
    ("SparseCategoricalCrossentropy", {}, labels, prob, None),
    ("SparseCategoricalCrossentropy", {"from_logits": True}, labels, logits, sw),
    ("SparseCategoricalCrossentropy", {"from_logits": True, "ignore_class": 0}, labels, logits, None),
    ("SparseCategoricalCrossentropy", {"from_logits": True, "ignore_class": 0, "reduction": "sum"}, labels, logits, sw),
    ("BinaryFocalCrossentropy", {}, binary, prob, None),
    ("BinaryFocalCrossentropy", {"apply_class_balancing": True, "alpha": 0.4, "gamma": 1.5, "label_smoothing": 0.1},
     binary, prob, sw),
    ("BinaryFocalCrossentropy", {"from_logits": True, "gamma": 3.0}, binary, logits, None),
    ("BinaryFocalCrossentropy", {"from_logits": True, "apply_class_balancing": True, "gamma": 0.0}, binary, logits, sw),
    ("CategoricalFocalCrossentropy", {}, onehot, prob, None),
    ("CategoricalFocalCrossentropy", {"alpha": 0.5, "gamma": 1.5, "label_smoothing": 0.1}, onehot, prob, sw),
    ("CategoricalFocalCrossentropy", {"from_logits": True, "gamma": 3.0}, onehot, logits, None),
    ("CategoricalFocalCrossentropy", {"from_logits": True, "gamma": 0.0, "reduction": "sum"}, onehot, logits, sw),
    ("Dice", {}, binary, prob, None),
    ("Tversky", {}, binary, prob, None),
    # alpha != beta is left out: Keras before 3.16 swapped them (keras-team/keras#23333); LossesTest checks
    # the 3.16 formula by hand.
]


def fmt(v):
    return str(v).lower() if isinstance(v, bool) else (v if isinstance(v, str) else repr(v))


def flat(a):
    return " ".join(repr(float(v)) for v in np.asarray(a, dtype="float64").ravel())


out = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "keras4j", "losses", "golden.txt")
with open(out, "w") as f:
    f.write("# keras.losses.<Class>(**config)(y_true, y_pred, sample_weight) from Keras %s (%s); see losses_golden.py\n"
            % (keras.__version__, keras.backend.backend()))
    for cls, config, t, p, w in CASES:
        value = float(keras.ops.convert_to_numpy(getattr(keras.losses, cls)(**config)(t, p, sample_weight=w)))
        cfg = ",".join("%s=%s" % (k, fmt(v)) for k, v in config.items())
        f.write("\t".join([cls, cfg, " ".join(str(d) for d in p.shape), flat(t), flat(p),
                           "-" if w is None else flat(w), repr(value)]) + "\n")
