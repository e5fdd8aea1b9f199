"""Writes the golden files of keras4j-applications' tests with real Keras 3 (run with /work/venv/bin/python).

For each case: <case>.json.gz, the model's `to_json()` for the call below with weights=None; and for cases with an
input size, <case>.npy, the model's output on a deterministic input once its weights are set by the formula in
`seed_weights` (reproduced in Java by ApplicationGoldens.seedWeights), so no weight file is stored.
"""
import gzip
import math
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np  # noqa: E402
import keras  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "goldens")

# (case name, application, keyword arguments, batch of the output check or None)
CASES = [
    ("mobilenetv2_top32", "MobileNetV2", dict(input_shape=(32, 32, 3), classes=10, classifier_activation=None), 2),
    ("mobilenetv2_default", "MobileNetV2", dict(), None),
    ("mobilenetv2_a035_avg", "MobileNetV2", dict(alpha=0.35, include_top=False, pooling="avg", input_shape=(96, 96, 3)), None),
    ("mobilenetv2_a14_none", "MobileNetV2", dict(alpha=1.4, include_top=False, input_shape=(None, None, 3)), None),
    ("mobilenetv2_a05_max_odd", "MobileNetV2", dict(alpha=0.5, include_top=False, pooling="max", input_shape=(33, 47, 3)), None),
    ("resnet50_top32", "ResNet50", dict(input_shape=(32, 32, 3), classes=10, classifier_activation=None), 2),
    ("resnet50_default", "ResNet50", dict(), None),
    ("resnet101_max", "ResNet101", dict(include_top=False, pooling="max"), None),
    ("resnet152_none", "ResNet152", dict(include_top=False, input_shape=(64, 48, 3)), None),
    ("resnet50v2_avg32", "ResNet50V2", dict(include_top=False, pooling="avg", input_shape=(32, 32, 3)), 2),
    ("resnet50v2_default", "ResNet50V2", dict(), None),
    ("resnet101v2_none", "ResNet101V2", dict(include_top=False), None),
    ("resnet152v2_avg", "ResNet152V2", dict(include_top=False, pooling="avg", input_shape=(40, 40, 3)), None),
    ("vgg16_top32", "VGG16", dict(input_shape=(32, 32, 3), classes=10, classifier_activation=None), 2),
    ("vgg19_avg", "VGG19", dict(include_top=False, pooling="avg"), None),
    ("vgg19_max32", "VGG19", dict(include_top=False, pooling="max", input_shape=(32, 32, 3)), 1),
    ("mobilenet_top32", "MobileNet", dict(input_shape=(32, 32, 3), classes=10, classifier_activation=None), 2),
    ("mobilenet_default", "MobileNet", dict(), None),
    ("mobilenet_a025_dm2_avg", "MobileNet", dict(alpha=0.25, depth_multiplier=2, include_top=False, pooling="avg",
                                               input_shape=(128, 128, 3)), None),
    ("mobilenet_a075_none", "MobileNet", dict(alpha=0.75, include_top=False), None),
    ("densenet121_top32", "DenseNet121", dict(input_shape=(32, 32, 3), classes=10, classifier_activation=None), 2),
    ("densenet121_default", "DenseNet121", dict(), None),
    ("densenet169_max", "DenseNet169", dict(include_top=False, pooling="max"), None),
    ("densenet201_none", "DenseNet201", dict(include_top=False, input_shape=(64, 80, 3)), None),
    ("inceptionv3_top75", "InceptionV3", dict(input_shape=(75, 75, 3), classes=10, classifier_activation=None), 1),
    ("inceptionv3_default", "InceptionV3", dict(), None),
    ("inceptionv3_avg", "InceptionV3", dict(include_top=False, pooling="avg"), None),
    ("xception_top71", "Xception", dict(input_shape=(71, 71, 3), classes=10, classifier_activation=None), 1),
    ("xception_default", "Xception", dict(), None),
    ("xception_max", "Xception", dict(include_top=False, pooling="max", input_shape=(100, 120, 3)), None),
    ("efficientnetb0_top32", "EfficientNetB0", dict(input_shape=(32, 32, 3), classes=10, classifier_activation=None), 2),
    ("efficientnetb0_default", "EfficientNetB0", dict(), None),
    ("efficientnetb1_notop", "EfficientNetB1", dict(include_top=False, pooling="avg"), None),
    ("efficientnetb2_notop", "EfficientNetB2", dict(include_top=False), None),
    ("efficientnetb3_notop", "EfficientNetB3", dict(include_top=False, pooling="avg"), None),
    ("efficientnetb4_notop", "EfficientNetB4", dict(include_top=False), None),
    ("efficientnetb5_notop", "EfficientNetB5", dict(include_top=False, pooling="avg"), None),
    ("efficientnetb6_notop", "EfficientNetB6", dict(include_top=False), None),
    ("efficientnetb7_notop", "EfficientNetB7", dict(include_top=False, pooling="avg"), None),
    ("efficientnetv2b0_top32", "EfficientNetV2B0", dict(input_shape=(32, 32, 3), classes=10, classifier_activation=None), 2),
    ("efficientnetv2b0_default", "EfficientNetV2B0", dict(), None),
    ("efficientnetv2b0_noprep", "EfficientNetV2B0", dict(include_top=False, include_preprocessing=False), None),
    ("efficientnetv2b1_notop", "EfficientNetV2B1", dict(include_top=False, pooling="avg"), None),
    ("efficientnetv2b2_notop", "EfficientNetV2B2", dict(include_top=False), None),
    ("efficientnetv2b3_notop", "EfficientNetV2B3", dict(include_top=False, pooling="max"), None),
    ("efficientnetv2s_top32", "EfficientNetV2S", dict(input_shape=(32, 32, 3), classes=10, classifier_activation=None), None),
]


def seed_value(name, shape, k):
    """Deterministic weights: s = sin(0.37 * i + 1.3 * k) over the C-order index i of weight number k; 1 + 0.1 s for
    scales and variances, s * sqrt(3 / fan_in) for kernels, 0.1 s for other vectors, 0 for Normalization's count."""
    n = int(np.prod(shape)) if len(shape) else 1
    s = np.sin(0.37 * np.arange(n, dtype=np.float64) + 1.3 * k).reshape(shape)
    if name == "count":
        return np.zeros(shape, dtype="int64")
    if name in ("gamma", "moving_variance", "variance"):
        v = 1.0 + 0.1 * s
    elif len(shape) >= 2:
        fan_in = int(np.prod(shape[:-2])) if name == "depthwise_kernel" else int(np.prod(shape[:-1]))
        v = s * math.sqrt(3.0 / fan_in)
    else:
        v = 0.1 * s
    return v.astype("float32")


def seed_weights(model):
    for k, w in enumerate(model.weights):
        w.assign(seed_value(w.name, tuple(w.shape), k))


def seed_input(batch, shape):
    """x = cos(0.013 * i) over the C-order index i of the (batch, rows, cols, channels) input: values in [-1, 1]."""
    full = (batch,) + tuple(shape)
    return np.cos(0.013 * np.arange(int(np.prod(full)), dtype=np.float64)).reshape(full).astype("float32")


def main(only):
    os.makedirs(OUT, exist_ok=True)
    for case, app, kwargs, batch in CASES:
        if only and case not in only:
            continue
        keras.backend.clear_session()
        model = getattr(keras.applications, app)(weights=None, **kwargs)
        with gzip.open(os.path.join(OUT, case + ".json.gz"), "wt", encoding="utf-8") as f:
            f.write(model.to_json())
        line = f"{case}: {model.count_params()} parameters"
        if batch:
            seed_weights(model)
            x = seed_input(batch, model.input.shape[1:])
            y = model.predict(x, verbose=0)
            np.save(os.path.join(OUT, case + ".npy"), y.astype("float32"))
            line += f", output {y.shape} max |y| {np.abs(y).max():.4g}"
        print(line)


if __name__ == "__main__":
    main(set(sys.argv[1:]))
