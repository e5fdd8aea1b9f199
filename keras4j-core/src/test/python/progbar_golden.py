"""Writes what real Keras 3 prints for ProgbarTest (run with the Keras venv, from this directory).

Keras's clock is replaced by a fake one (the times below), stdout by a buffer, and Progbar's
`_dynamic_display` is forced: True gives the terminal output ("\\b" and "\\r" redraw one line), False the
plain output Keras writes when stdout is not a terminal (a new line per update). keras4j's plain mode is that
output with the ANSI colour codes removed, which is what this script stores for the `*_plain` cases.
Each case is written as the raw bytes printed (UTF-8), one file per case.
"""
import contextlib
import io
import os
import re

import keras.src.utils.progbar as progbar_module
from keras.callbacks import ProgbarLogger
from keras.utils import Progbar

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "../resources/io/keras4j/utils/progbar")
ANSI = re.compile("\x1b\\[[0-9;]*m")
NOW = [0.0]


class FakeTime:
    @staticmethod
    def time():
        return NOW[0]


progbar_module.time = FakeTime
_init = Progbar.__init__
DYNAMIC = [True]


def init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self._dynamic_display = DYNAMIC[0]


Progbar.__init__ = init

# (time, step, loss, accuracy): an interval skip (10.52), a shrinking ETA and a loss that turns to "e" notation
STEPS = [(10.5, 1, 2.30258, 0.25), (10.52, 2, 2.0, 0.3), (11.0, 3, 1.5, 0.5), (12.5, 6, 0.5, 0.75),
         (13.9, 9, 0.00012, 0.875)]


def progbar_case(verbose, target):
    NOW[0] = 10.0
    p = Progbar(target, verbose=verbose)
    for t, step, loss, acc in STEPS:
        NOW[0] = t
        p.update(step, [("loss", loss), ("accuracy", acc)])
    NOW[0] = 14.2
    p.update(10, [("loss", 0.0004), ("accuracy", 0.9)], finalize=True)


def logger_case(verbose, epochs, steps):
    cb = ProgbarLogger()
    cb.set_params({"verbose": verbose, "epochs": epochs, "steps": steps})
    NOW[0] = 100.0
    cb.on_train_begin()
    for epoch in range(epochs):
        cb.on_epoch_begin(epoch)
        for batch in range(3):
            NOW[0] += 0.25 + 0.5 * batch
            cb.on_train_batch_end(batch, {"loss": 1.0 / (batch + 1 + epoch), "accuracy": 0.5 + 0.1 * batch})
        NOW[0] += 0.01
        cb.on_epoch_end(epoch, {"loss": 0.5 / (epoch + 1), "accuracy": 0.75, "val_loss": 0.6})
    cb.on_train_end()


CASES = {
    "progbar_v1": lambda: progbar_case(1, 10),
    "progbar_v2": lambda: progbar_case(2, 10),
    "progbar_unknown_target": lambda: progbar_case(1, None),
    "logger_v1": lambda: logger_case(1, 2, 3),
    "logger_v2": lambda: logger_case(2, 2, 3),
    "logger_unknown_steps": lambda: logger_case(1, 2, None),
}

for name, run in CASES.items():
    for dynamic in (True, False):
        DYNAMIC[0] = dynamic
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            run()
        text = buf.getvalue() if dynamic else ANSI.sub("", buf.getvalue())
        if name.endswith("v2") and not dynamic:
            assert text == buf.getvalue(), "verbose=2 prints no ANSI codes"
        with open(os.path.join(OUT, f"{name}_{'terminal' if dynamic else 'plain'}.txt"), "w",
                  encoding="utf-8", newline="") as f:
            f.write(text)
