"""Writes src/test/resources/attention_goldens.txt: Keras 3 outputs of Attention, AdditiveAttention and
MultiHeadAttention for fixed inputs and weights, with value/query masks, causal masks and explicit attention masks.
Run with /work/venv/bin/python (Keras 3.15.1, TensorFlow backend). Each line: name|shape|comma-separated values.
"""
import os
import numpy as np
import keras

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "attention_goldens.txt")
lines = []


def put(name, a):
    a = np.asarray(a, dtype=np.float64)
    lines.append(name + "|" + ",".join(str(d) for d in a.shape) + "|" + ",".join(repr(float(x)) for x in a.ravel()))


def data(shape, offset):
    n = int(np.prod(shape))
    return (np.sin(0.37 * np.arange(n) + offset) * 0.8).reshape(shape).astype("float32")


q = data((2, 3, 4), 0.1)
v = data((2, 4, 4), 1.3)
k = data((2, 4, 4), 2.7)
qmask = np.array([[1, 1, 0], [1, 0, 1]], dtype=bool)
vmask = np.array([[1, 1, 1, 0], [1, 0, 1, 1]], dtype=bool)
for name, a in [("q", q), ("v", v), ("k", k), ("qmask", qmask), ("vmask", vmask)]:
    put(name, a)

# Attention, dot, no scale, masks, scores returned
layer = keras.layers.Attention()
out, sc = layer([q, v], mask=[qmask, vmask], return_attention_scores=True)
put("att_dot_masked", out)
put("att_dot_masked_scores", sc)
# Attention, dot, scale 0.7, causal, separate key
layer = keras.layers.Attention(use_scale=True)
layer.build([q.shape, v.shape, k.shape])
layer.set_weights([np.array(0.7)])
put("att_dot_scale_causal", layer([q, v, k], use_causal_mask=True))
# Attention, concat, scale 0.5 and concat weight 1.3, value mask + causal
layer = keras.layers.Attention(use_scale=True, score_mode="concat")
layer.build([q.shape, v.shape])
layer.set_weights([np.array(0.5), np.array(1.3)])
put("att_concat", layer([q, v, k], mask=[None, vmask], use_causal_mask=True))
# AdditiveAttention with scale vector, value mask + causal
layer = keras.layers.AdditiveAttention()
layer.build([q.shape, v.shape])
scale = np.array([0.3, -0.6, 0.9, 0.2], dtype="float32")
layer.set_weights([scale])
put("add_scale", scale)
put("add_masked_causal", layer([q, v, k], mask=[qmask, vmask], use_causal_mask=True))
put("add_noscale", keras.layers.AdditiveAttention(use_scale=False)([q, v]))

# MultiHeadAttention: query (2,3,4), value (2,4,5), key (2,4,3); 2 heads, key_dim 3, value_dim 2, output 6
mq = data((2, 3, 4), 0.4)
mv = data((2, 4, 5), 1.9)
mk = data((2, 4, 3), 3.1)
amask = np.array([[[1, 1, 0, 1], [0, 1, 1, 1], [1, 0, 0, 0]], [[1, 1, 1, 1], [1, 0, 1, 0], [0, 0, 1, 1]]], dtype=bool)
for name, a in [("mq", mq), ("mv", mv), ("mk", mk), ("amask", amask)]:
    put(name, a)
mha = keras.layers.MultiHeadAttention(num_heads=2, key_dim=3, value_dim=2, output_shape=6)
mha.build(mq.shape, mv.shape, mk.shape)
weights = []
for i, w in enumerate(mha.weights):
    arr = (np.cos(0.23 * np.arange(w.numpy().size) + i) * 0.5).reshape(w.shape).astype("float32")
    weights.append(arr)
    put("mha_w%d_%s" % (i, w.path.replace("/", ".")), arr)
mha.set_weights(weights)
put("mha_plain", mha(mq, mv, mk))
put("mha_causal", mha(mq, mv, mk, use_causal_mask=True))
put("mha_masks", mha(mq, mv, mk, query_mask=qmask, value_mask=vmask, attention_mask=amask))
o, s = mha(mq, mv, mk, query_mask=qmask, value_mask=vmask, attention_mask=amask, return_attention_scores=True)
put("mha_masks_ret", o)
put("mha_masks_scores", s)
# the query and key masks are read from the tensors' Keras masks (as mask propagation sets them)
tq = keras.ops.convert_to_tensor(mq)
keras.src.backend.set_keras_mask(tq, keras.ops.convert_to_tensor(qmask))
tk = keras.ops.convert_to_tensor(mk)
kmask = np.array([[1, 0, 1, 1], [1, 1, 1, 0]], dtype=bool)
put("kmask", kmask)
keras.src.backend.set_keras_mask(tk, keras.ops.convert_to_tensor(kmask))
put("mha_qkmask", mha(tq, mv, tk, value_mask=vmask))
keras.src.backend.set_keras_mask(tq, keras.ops.convert_to_tensor(qmask))
keras.src.backend.set_keras_mask(tk, keras.ops.convert_to_tensor(kmask))
o, s = mha(tq, mv, tk, value_mask=vmask, return_attention_scores=True)
put("mha_qkmask_ret", o)
put("mha_qkmask_scores", s)
# self-attention (key = value) with the default projections: 4 weights per projection
sa = keras.layers.MultiHeadAttention(num_heads=2, key_dim=2)
sa.build(mq.shape, mq.shape)
sw = [(np.sin(0.41 * np.arange(w.numpy().size) + i) * 0.5).reshape(w.shape).astype("float32") for i, w in enumerate(sa.weights)]
for i, w in enumerate(sw):
    put("sa_w%d" % i, w)
sa.set_weights(sw)
put("sa_causal", sa(mq, mq, use_causal_mask=True))
lines.append("sa_paths|" + ",".join(w.path for w in sa.weights))

# attention_axes on inputs of rank > 3, same weights as `mha` (their shapes do not depend on the rank)
def axes_case(name, axes, qs, vs, ks, causal=False, amask=None, qmask=None, vmask=None):
    layer = keras.layers.MultiHeadAttention(num_heads=2, key_dim=3, value_dim=2, output_shape=6, attention_axes=axes)
    aq, av, ak = data(qs, 0.6), data(vs, 1.1), data(ks, 2.3)
    layer.build(aq.shape, av.shape, ak.shape)
    layer.set_weights(weights)
    for suffix, a in [("q", aq), ("v", av), ("k", ak)]:
        put(name + "_" + suffix, a)
    tq = keras.ops.convert_to_tensor(aq)
    if qmask is not None:
        put(name + "_qmask", qmask)
        keras.src.backend.set_keras_mask(tq, keras.ops.convert_to_tensor(qmask))
    if vmask is not None:
        put(name + "_vmask", vmask)
    if amask is not None:
        put(name + "_amask", amask)
    o, sc = layer(tq, av, ak, value_mask=vmask, attention_mask=amask, use_causal_mask=causal, return_attention_scores=True)
    put(name, o)
    put(name + "_scores", sc)
    lines.append(name + "_axes|" + ",".join(str(a) for a in layer.get_config()["attention_axes"]))


rng = np.random.default_rng(5)
axes_case("ax2", (2,), (2, 3, 2, 4), (2, 3, 5, 5), (2, 3, 5, 3), amask=rng.random((2, 3, 2, 5)) > 0.3,
          qmask=np.array([[[1, 1], [0, 1], [1, 0]], [[1, 1], [1, 1], [0, 0]]], dtype=bool),
          vmask=rng.random((2, 3, 5)) > 0.2)
axes_case("ax12", (1, 2), (2, 2, 3, 4), (2, 3, 2, 5), (2, 3, 2, 3), amask=rng.random((2, 2, 3, 3, 2)) > 0.3)
axes_case("axnone", None, (2, 2, 3, 4), (2, 3, 2, 5), (2, 3, 2, 3))
axes_case("ax21", (2, 1), (2, 2, 3, 4), (2, 3, 2, 5), (2, 3, 2, 3))
axes_case("axneg", (-3,), (2, 3, 2, 4), (2, 4, 2, 5), (2, 4, 2, 3), causal=True)
axes_case("ax13", (1, 3), (2, 2, 3, 2, 4), (2, 3, 3, 1, 5), (2, 3, 3, 1, 3))

with open(OUT, "w") as f:
    f.write("\n".join(lines) + "\n")
print(OUT, sum(len(l) for l in lines))
