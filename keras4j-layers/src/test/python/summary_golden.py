"""Writes Keras 3's model.summary() text for the models of SummaryTest (golden files).

Run with a Python that has keras installed, from the repository root:
    python keras4j-layers/src/test/python/summary_golden.py
"""
import os

os.environ.setdefault("KERAS_BACKEND", "numpy")
os.environ["COLUMNS"] = "200"  # a wide terminal: Keras caps its table at 88 / 108 columns
import keras  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "summary")


def write(name, model):
    lines = []
    model.summary(print_fn=lambda s, **kw: lines.append(s))
    with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


write("sequential_mlp", keras.Sequential(
    [keras.Input((784,)), keras.layers.Flatten(), keras.layers.Dense(512, activation="relu"),
     keras.layers.Dense(10, activation="softmax")], name="sequential"))

a = keras.Input((3,), name="a")
b = keras.Input((3,), name="b")
shared = keras.layers.Dense(2, name="shared")
write("functional_shared", keras.Model([a, b], [shared(a), keras.layers.Dense(1, name="out2")(shared(b))], name="two"))
