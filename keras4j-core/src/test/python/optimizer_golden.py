"""Writes optimizers_golden.txt: 4 steps of every Keras optimizer (and base option) on two float64 variables.

Run with the Keras venv: python optimizer_golden.py > ../resources/io/keras4j/optimizers/optimizers_golden.txt
Each case: a `case` line (class name and config), then per step the values of test/w1 and test/w2, then
`optimizer.variables` (Keras names and order) after the last step.
"""
import os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras

keras.config.set_floatx("float64")
STEPS = 4
W1 = np.array([[1.0, -2.0], [0.5, 3.0]])
W2 = np.array([0.2, -0.4, 0.6])


def grads(t):
    g1 = np.array([[0.1, -0.2], [0.3, 0.05]]) * (t + 1) - 0.1 * t
    g2 = np.array([0.5, -1.5, 2.0]) * (1 - 0.3 * t)
    return g1, g2


class Holder(keras.layers.Layer):
    def build(self, shape):
        self.w1 = self.add_weight(name="w1", shape=W1.shape, initializer=keras.initializers.Constant(W1))
        self.w2 = self.add_weight(name="w2", shape=W2.shape, initializer=keras.initializers.Constant(W2))


CASES = [
    ("sgd", "SGD", {"learning_rate": 0.1}),
    ("sgd_momentum", "SGD", {"learning_rate": 0.1, "momentum": 0.9}),
    ("sgd_nesterov", "SGD", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
    ("rmsprop", "RMSprop", {"learning_rate": 0.01}),
    ("rmsprop_momentum", "RMSprop", {"learning_rate": 0.01, "momentum": 0.5}),
    ("rmsprop_centered", "RMSprop", {"learning_rate": 0.01, "centered": True}),
    ("rmsprop_centered_momentum", "RMSprop", {"learning_rate": 0.01, "centered": True, "momentum": 0.5, "rho": 0.8}),
    ("adam", "Adam", {"learning_rate": 0.01}),
    ("adam_amsgrad", "Adam", {"learning_rate": 0.01, "amsgrad": True}),
    ("adamw", "AdamW", {"learning_rate": 0.01}),
    ("adamw_amsgrad", "AdamW", {"learning_rate": 0.01, "weight_decay": 0.1, "amsgrad": True}),
    ("adagrad", "Adagrad", {"learning_rate": 0.1}),
    ("adadelta", "Adadelta", {"learning_rate": 1.0}),
    ("adamax", "Adamax", {"learning_rate": 0.01}),
    ("nadam", "Nadam", {"learning_rate": 0.01}),
    ("ftrl", "Ftrl", {"learning_rate": 0.1}),
    ("ftrl_regularized", "Ftrl", {"learning_rate": 0.1, "learning_rate_power": -0.7, "l1_regularization_strength": 0.01,
                                  "l2_regularization_strength": 0.02, "l2_shrinkage_regularization_strength": 0.03,
                                  "beta": 0.1}),
    ("lion", "Lion", {"learning_rate": 0.01}),
    ("lamb", "Lamb", {"learning_rate": 0.01}),
    ("adam_weight_decay", "Adam", {"learning_rate": 0.01, "weight_decay": 0.1}),
    ("adam_clipnorm", "Adam", {"learning_rate": 0.01, "clipnorm": 0.3}),
    ("sgd_clipnorm", "SGD", {"learning_rate": 0.1, "clipnorm": 0.3}),
    ("sgd_clipvalue", "SGD", {"learning_rate": 0.1, "clipvalue": 0.25}),
    ("sgd_global_clipnorm", "SGD", {"learning_rate": 0.1, "global_clipnorm": 1.0}),
    ("sgd_ema", "SGD", {"learning_rate": 0.1, "use_ema": True, "ema_momentum": 0.9}),
    ("sgd_ema_overwrite", "SGD", {"learning_rate": 0.1, "use_ema": True, "ema_momentum": 0.9,
                                  "ema_overwrite_frequency": 2}),
    ("adam_accumulation", "Adam", {"learning_rate": 0.01, "gradient_accumulation_steps": 2}),
    ("sgd_accumulation_ema_decay", "SGD", {"learning_rate": 0.1, "momentum": 0.5, "gradient_accumulation_steps": 2,
                                           "use_ema": True, "weight_decay": 0.05, "clipnorm": 1.0}),
    ("sgd_loss_scale", "SGD", {"learning_rate": 0.1, "loss_scale_factor": 4.0}),
]


def fmt(a):
    return " ".join(repr(float(x)) for x in np.asarray(a, dtype=np.float64).ravel())


for case, cls, config in CASES:
    holder = Holder(name="test")
    holder.build(None)
    opt = getattr(keras.optimizers, cls)(**config)
    print("case " + case + " " + cls + " " + " ".join(f"{k}={str(v).lower() if isinstance(v, bool) else v}"
                                                       for k, v in config.items()))
    for t in range(STEPS):
        g1, g2 = grads(t)
        opt.apply([g1, g2], [holder.w1, holder.w2])
        print(f"step {t + 1} test/w1 " + fmt(holder.w1.numpy()))
        print(f"step {t + 1} test/w2 " + fmt(holder.w2.numpy()))
    for v in opt.variables:
        print("var " + v.name + " " + fmt(v.numpy()))
