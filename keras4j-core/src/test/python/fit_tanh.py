"""Fits the rational approximation tanh(x) ~ x * P(s) / Q(s), s = x^2 / CLAMP^2, of io.keras4j.backend.HostMath.

P has degree 6 and Q degree 3 in s, Q(0) = 1; fitted on (0, CLAMP] for the minimax relative error by
Sanathanan-Koerner iterations of weighted linear least squares with Lawson reweighting. Prints the
coefficients as Java float literals and the error of float32 evaluation against numpy's float64 tanh.
Run: /work/venv/bin/python keras4j-core/src/test/python/fit_tanh.py
"""
import numpy as np

CLAMP = 9.0  # |x| >= 9: tanh(x) rounds to +-1.0f
NP, NQ = 7, 3

x = np.concatenate([np.geomspace(1e-4, 1, 20000), np.linspace(1, CLAMP, 40001)[1:]])
t = np.tanh(x)
s = (x / CLAMP) ** 2
A = np.hstack([np.stack([x * s**k for k in range(NP)], 1), np.stack([-t * s**k for k in range(1, NQ + 1)], 1)])
lawson = np.ones_like(x) / len(x)
q_prev = np.ones_like(x)
best = None
for _ in range(300):
    scale = np.sqrt(lawson) / (t * q_prev)  # residual x*P - t*Q divided by t*Q: the relative error
    coef, *_ = np.linalg.lstsq(A * scale[:, None], t * scale, rcond=None)
    p, q = coef[:NP], np.concatenate([[1.0], coef[NP:]])
    q_prev = np.polyval(q[::-1], s)
    err = np.abs(x * np.polyval(p[::-1], s) / q_prev / t - 1)
    if best is None or err.max() < best[0]:
        best = (err.max(), p.copy(), q.copy())
    lawson *= err + 1e-12
    lawson /= lawson.sum()
_, p, q = best


def evaluate(xs):
    xs = np.clip(xs.astype(np.float32), -np.float32(CLAMP), np.float32(CLAMP))
    ss = xs * xs * np.float32(1 / CLAMP**2)
    pp = np.float32(0)
    for c in p[::-1]:
        pp = pp * ss + np.float32(c)
    qq = np.float32(0)
    for c in q[::-1]:
        qq = qq * ss + np.float32(c)
    return xs * pp / qq


grid = np.linspace(-12, 12, 4_000_001).astype(np.float32)
ref = np.tanh(grid.astype(np.float64))
got = evaluate(grid).astype(np.float64)
print("fit max rel error (float64): %.3g" % best[0])
print("max abs error (float32 evaluation): %.3g" % np.max(np.abs(got - ref)))
nz = np.abs(ref) > 1e-30
print("max rel error (float32 evaluation): %.3g" % np.max(np.abs(got[nz] / ref[nz] - 1)))
print("Q positive on [0,1]:", bool(np.all(np.polyval(q[::-1], np.linspace(0, 1, 1001)) > 0)))
print("P:", ", ".join("%.9ef" % c for c in p))
print("Q:", ", ".join("%.9ef" % c for c in q))
