"""Checks that real Keras loads the .keras files keras4j writes for the models of FidelityFilesTest (a manual
cross-check; Java tests never need Python).

Usage:
    mvn -q -B test -pl keras4j-io -am -Dtest=FidelityFilesTest -Dsurefire.failIfNoSpecifiedTests=false \
        -Dkeras4j.exportDir=/tmp/k4j
    python check_fidelity_files.py /tmp/k4j

The export holds Keras's golden models re-saved by keras4j (NAME.keras, compared with the golden NAME_io.npz) and
models built with keras4j's API (keras4j_NAME.keras with keras4j's inputs and predictions in keras4j_NAME_io.npz):
a seq2seq LSTM whose decoder takes the encoder's states as initial_state, and a MultiHeadAttention model.
"""
import glob
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np
import keras

GOLDEN = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "keras4j", "saving", "fidelity")


def main(folder):
    worst = 0.0
    for path in sorted(glob.glob(os.path.join(folder, "*.keras"))):
        name = os.path.basename(path)[:-len(".keras")]
        io_path = os.path.join(folder if name.startswith("keras4j_") else GOLDEN, name + "_io.npz")
        io = np.load(io_path)
        xs = [io[f"x{i}"] for i in range(len([k for k in io.files if k.startswith("x")]))]
        model = keras.models.load_model(path)
        y = model.predict(xs if len(xs) > 1 else xs[0], verbose=0)
        diff = float(np.max(np.abs(y - io["y0"])))
        worst = max(worst, diff)
        print(f"{name}: loads in Keras {keras.__version__}, max diff {diff:.3g}")
        assert diff <= 1e-5, name
    print("all files load in Keras; worst diff", worst)


if __name__ == "__main__":
    main(sys.argv[1])
