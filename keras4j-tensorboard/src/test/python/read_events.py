"""Reads a TensorBoard log directory with TensorBoard's own event reader and checks what keras4j wrote.

    /work/venv/bin/python keras4j-tensorboard/src/test/python/read_events.py LOGDIR [--epochs N]
        [--compare KERAS_LOGDIR]

LOGDIR is what `new TensorBoard(LOGDIR)` wrote (for example the seed model's logs from the opt-in
SeedModelLogsTest, see its javadoc). For each run directory (train/, validation/) it loads the events with
tensorboard.backend.event_processing.plugin_event_accumulator.EventAccumulator (the loader the TensorBoard server
uses), prints every scalar series (steps and values), every histogram series (steps, bucket count, total count,
range) and the Keras model graph (turned into a GraphDef by TensorBoard's Graphs plugin code), and checks:
  * every file starts with file_version "brain.Event:2" and every record's CRCs are valid (the loader checks them);
  * scalar series have strictly increasing steps and finite values; epoch_* series have N points, steps 0..N-1;
  * histograms are [k, 3] with ascending edges and the same total count at every step;
  * the "keras" graph summary parses and the Graphs plugin turns it into nodes.
With --compare, the tag names and the sequence of (tag, step) per run are compared with a log directory written by
real Keras (keras_seed_logs.py) and the differences printed. Exits non-zero on a failed check.
"""
import argparse
import glob
import json
import math
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from tensorboard.backend.event_processing import event_file_loader  # noqa: E402
from tensorboard.backend.event_processing import plugin_event_accumulator  # noqa: E402
from tensorboard.plugins.graph import keras_util  # noqa: E402
from tensorboard.util import tensor_util  # noqa: E402

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("  FAILED:", message)


def load(run_dir):
    acc = plugin_event_accumulator.EventAccumulator(run_dir, size_guidance={"tensors": 0})
    acc.Reload()
    return acc


def tags_by_plugin(acc):
    return {plugin: sorted(acc.PluginTagToContent(plugin)) for plugin in acc.ActivePlugins()}


def read_run(run_dir, epochs):
    print(f"== {run_dir}")
    for path in sorted(glob.glob(os.path.join(run_dir, "events.out.tfevents.*"))):
        first = next(iter(event_file_loader.LegacyEventFileLoader(path).Load()))
        check(first.file_version == "brain.Event:2", f"{path}: first event is not file_version brain.Event:2")
        print(f"  {os.path.basename(path)}: {os.path.getsize(path)} bytes, file_version {first.file_version}")
    acc = load(run_dir)
    plugins = tags_by_plugin(acc)
    for tag in plugins.get("scalars", []):
        events = acc.Tensors(tag)
        steps = [e.step for e in events]
        values = [float(tensor_util.make_ndarray(e.tensor_proto)) for e in events]
        check(all(b > a for a, b in zip(steps, steps[1:])), f"{tag}: steps not increasing: {steps}")
        check(all(math.isfinite(v) for v in values), f"{tag}: non-finite values")
        if tag.startswith("epoch_") and epochs is not None:
            check(steps == list(range(epochs)), f"{tag}: steps {steps}, expected 0..{epochs - 1}")
        shown = ", ".join(f"{s}:{v:.6g}" for s, v in zip(steps, values))
        if len(values) > 8:
            shown = ", ".join(f"{s}:{v:.6g}" for s, v in list(zip(steps, values))[:3]) + f", ... ({len(values)} points)"
        print(f"  scalar {tag}: {shown}")
    for tag in plugins.get("histograms", []):
        events = acc.Tensors(tag)
        totals = []
        for e in events:
            h = tensor_util.make_ndarray(e.tensor_proto)
            check(h.ndim == 2 and h.shape[1] == 3, f"{tag}: shape {h.shape}, expected [k, 3]")
            check(all(h[i, 0] <= h[i, 1] for i in range(len(h))), f"{tag}: an edge pair is not ascending")
            check(all(h[i, 1] <= h[i + 1, 0] + 1e-12 for i in range(len(h) - 1)), f"{tag}: buckets overlap")
            totals.append(int(h[:, 2].sum()))
        check(len(set(totals)) == 1, f"{tag}: total counts differ between steps: {totals}")
        last = tensor_util.make_ndarray(events[-1].tensor_proto)
        print(f"  histogram {tag}: steps {[e.step for e in events]}, {len(last)} buckets, count {totals[-1]}, "
              f"range [{last[0, 0]:.4g}, {last[-1, 1]:.4g}]")
    for tag in plugins.get("graph_keras_model", []):
        config = json.loads(tensor_util.make_ndarray(acc.Tensors(tag)[0].tensor_proto).item())
        graph = keras_util.keras_model_to_graph_def(config)
        check(len(graph.node) > 0, f"{tag}: the Graphs plugin made no nodes from the model JSON")
        print(f"  graph {tag}: {config['class_name']} '{config['config']['name']}', Graphs plugin nodes: "
              f"{[n.name for n in graph.node]}")
    return plugins


def tag_steps(run_dir):
    """The (tag, step) of every summary value of a run, in file order."""
    out = []
    for path in sorted(glob.glob(os.path.join(run_dir, "events.out.tfevents.*"))):
        for event in event_file_loader.LegacyEventFileLoader(path).Load():
            out.extend((value.tag, event.step) for value in event.summary.value)
    return out


def compare(ours, theirs, run, our_dir, their_dir):
    a, b = tag_steps(our_dir), tag_steps(their_dir)
    print(f"  {run}: {len(a)} vs {len(b)} summaries, (tag, step) sequence {'identical' if a == b else 'differs'}")
    for plugin in sorted(set(ours) | set(theirs)):
        a, b = set(ours.get(plugin, [])), set(theirs.get(plugin, []))
        if a == b:
            print(f"  {run} {plugin}: same {len(a)} tags")
        else:
            print(f"  {run} {plugin}: only keras4j {sorted(a - b)}; only Keras {sorted(b - a)}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("logdir")
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--compare")
    args = parser.parse_args()
    runs = [r for r in ("train", "validation") if os.path.isdir(os.path.join(args.logdir, r))]
    check("train" in runs, f"{args.logdir} has no train/ directory")
    ours = {run: read_run(os.path.join(args.logdir, run), args.epochs) for run in runs}
    if args.compare:
        print(f"== tags compared with {args.compare}")
        for run in runs:
            their_dir = os.path.join(args.compare, run)
            compare(ours[run], tags_by_plugin(load(their_dir)), run, os.path.join(args.logdir, run), their_dir)
    print("FAILED" if failures else "OK", f"({len(failures)} failed checks)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
