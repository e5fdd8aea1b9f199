"""Checks that real Keras loads the files keras4j writes (a manual cross-check; Java tests never need Python).

Usage:
    mvn -o -q verify -pl keras4j-core,keras4j-layers,keras4j-io -Dtest=SavingRoundTripTest \
        -Dsurefire.failIfNoSpecifiedTests=false -Dkeras4j.exportDir=/tmp/k4j
    python check_keras4j_files.py /tmp/k4j

SavingRoundTripTest exports model.keras, model.h5 and m.weights.h5 of the same trained model (Dense 6-5 relu,
Dropout, Dense 3 softmax, compiled with Adam). Keras must load all three, restore Adam with its iterations and
slots, predict the same values from each, and keep training.
"""
import json
import sys
import zipfile

import numpy as np
import keras


def main(folder):
    x = np.linspace(-1, 1, 48, dtype=np.float32).reshape(8, 6)
    from_keras = keras.models.load_model(f"{folder}/model.keras")
    print("optimizer", type(from_keras.optimizer).__name__, "iterations", int(from_keras.optimizer.iterations.numpy()),
          "variables", len(from_keras.optimizer.variables), "loss", from_keras.loss)
    from_h5 = keras.models.load_model(f"{folder}/model.h5")
    config = json.loads(zipfile.ZipFile(f"{folder}/model.keras").read("config.json"))
    config.pop("compile_config")
    from_weights = keras.models.model_from_json(json.dumps(config))
    from_weights.load_weights(f"{folder}/m.weights.h5")
    p = from_keras.predict(x, verbose=0)
    assert np.array_equal(p, from_h5.predict(x, verbose=0)), "legacy .h5 predicts differently"
    assert np.array_equal(p, from_weights.predict(x, verbose=0)), ".weights.h5 predicts differently"
    from_keras.fit(x, np.array([0, 1, 2, 0, 1, 2, 0, 1]), epochs=1, verbose=0)
    print("all three files load in Keras", keras.__version__, "and predict identically:", p[0])


if __name__ == "__main__":
    main(sys.argv[1])
