"""The weights page's speed: a 1M-value layer with an empty cache, the overview with a warm one.

    python -m bench.weights [--repeat 5] [--train]

Prints (median of --repeat runs, in one process):
- the whole page (AppTest run) on an uploaded 1000x1000 float32 layer, caches cleared first
  (target: under 2 s), and its steps: reading the file, statistics, histogram, channel ranges;
- the whole page on each bundled model, cold and warm;
- the overview figure of every layer of each bundled model with a warm cache: cached histograms,
  building the figure and serializing it as Streamlit does (target: under 1 s);
- the JSON sent for the 1M-value histogram against go.Histogram of the raw values;
- a legal but extreme upload, an int8 tensor of shape (20000000, 1): reading it and the page's
  summary of it (statistics, histogram, 20 M channels aggregated into runs), with the peak
  memory above what the process held before and the size of the cached summary;
- with --train, the time to rebuild every bundled model.
"""
import argparse
import io
import os
import pathlib
import re
import sys
import time

import numpy as np

from bench.timing import ROOT, median_seconds
from quantviz.nn import zoo
from quantviz.weightfiles import read_weight_file
from quantviz.weightstats import channel_ranges, histogram, tensor_stats


def row(name, seconds, target=None):
    note = "" if target is None else f"   (target < {target:g} s: {'ok' if seconds < target else 'SLOW'})"
    print(f"{name:<52}{seconds * 1e3:>10.1f} ms{note}")


def npz_of(x):
    buf = io.BytesIO()
    np.savez(buf, layer=x)
    return buf.getvalue()


def page(**query):
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/weights.py")
    return at


def clear_caches():
    import streamlit as st
    st.cache_data.clear()
    st.cache_resource.clear()


def bench_upload(x, repeat):
    data = npz_of(x)
    print(f"\nan uploaded layer of {x.size:,} float32 values ({len(data) / 2**20:.1f} MB .npz)")
    wf = read_weight_file(data, "layer.npz")
    v = wf.tensors["layer"]
    row("read_weight_file", median_seconds(lambda: read_weight_file(data, "layer.npz"), repeat))
    row("tensor_stats", median_seconds(lambda: tensor_stats(v), repeat))
    row("histogram (80 bins)", median_seconds(lambda: histogram(v, 80), repeat))
    row("channel_ranges", median_seconds(lambda: channel_ranges(v, 0), repeat))

    def cold_page():
        at = page(src="upload")
        at.run()
        clear_caches()
        at.file_uploader(key="upload").set_value(("layer.npz", data, "application/octet-stream"))
        start = time.perf_counter()
        at.run()
        elapsed = time.perf_counter() - start
        assert not at.exception and len(at.get("plotly_chart")) == 3, at.exception
        return elapsed

    row("whole page, empty cache (AppTest run)", float(np.median([cold_page() for _ in range(repeat)])), 2.0)


def bench_bundled(repeat):
    print("\nbundled models: whole page (AppTest run)")
    for name in ("mlp", "cnn", "mlp_w256"):
        at = page(model=name)
        cold = []
        for _ in range(repeat):
            clear_caches()
            start = time.perf_counter()
            at.run()
            cold.append(time.perf_counter() - start)
        warm = median_seconds(at.run, repeat)
        assert not at.exception and len(at.get("plotly_chart")) == 4
        row(f"{name}: empty cache", float(np.median(cold)), 2.0)
        row(f"{name}: warm cache", warm)


def bench_overview(repeat):
    import plotly.io as pio
    import streamlit as st  # noqa: F401  (the cached wrappers need it)

    from quantviz.app.weights import data
    from quantviz.figures.weights import overview_figure
    labels = {"title": "t", "x": "x", "y": "y", "hover": "h", "subplot": "{name} [{lo:.3g}, {hi:.3g}]"}
    print("\noverview of all layers, warm cache: cached histograms + figure + JSON")
    for name in zoo.MODEL_NAMES[:3]:
        data.model_overview(name, 80)  # warm

        def draw():
            items = data.model_overview(name, 80)
            return pio.to_json(overview_figure(items, labels, selected=items[0][0]), validate=False)
        row(f"{name} ({len(data.model_overview(name, 80))} tensors)", median_seconds(draw, repeat), 1.0)


def bench_payload(x):
    import plotly.graph_objects as go

    from quantviz.figures.weights import histogram_figure
    counts, edges = histogram(x, 80)
    labels = {"title": "t", "x": "x", "y": "y", "hover": "h", "band": "b"}
    ours = len(histogram_figure(counts, edges, labels).to_json())
    raw = len(go.Figure(go.Histogram(x=x.ravel())).to_json())
    print(f"\nhistogram JSON: pre-binned {ours / 1e3:.1f} kB, go.Histogram of raw values "
          f"{raw / 1e6:.1f} MB ({raw / ours:.0f}x)")


def peak_mib_of(fn):
    """``fn()``'s result and the peak resident memory it added (MiB), from /proc."""
    def kib(field):
        return int(re.search(field + r":\s+(\d+)", pathlib.Path("/proc/self/status").read_text()).group(1))
    pathlib.Path("/proc/self/clear_refs").write_text("5")
    before = kib("VmRSS")
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start, (kib("VmHWM") - before) / 1024


def bench_extreme():
    import pickle

    from quantviz.app.weights.data import summarize
    print(f"\nan int8 upload of shape (20000000, 1) (load average {os.getloadavg()[0]:.2f})")
    q = np.random.default_rng(0).integers(-128, 128, (20_000_000, 1)).astype(np.int8)
    buf = io.BytesIO()
    np.save(buf, q)
    wf, seconds, mib = peak_mib_of(lambda: read_weight_file(buf.getvalue(), "extreme.npy"))
    print(f"{'read_weight_file':<52}{seconds * 1e3:>10.1f} ms   peak +{mib:.0f} MiB")
    summary, seconds, mib = peak_mib_of(lambda: summarize(wf.tensors["extreme"], 80, 0))
    print(f"{'summary (stats, histogram, channel runs)':<52}{seconds * 1e3:>10.1f} ms   peak +{mib:.0f} MiB, "
          f"cached {len(pickle.dumps(summary)) / 1024:.0f} KB")


def bench_training():
    """``python -m quantviz.nn.train`` in a fresh process, into a temporary folder; checks that
    the files it writes are the bundled ones, byte for byte."""
    import subprocess
    import tempfile
    print("\nrebuilding the bundled models (python -m quantviz.nn.train, fresh process)")
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "quantviz.nn.train", "--out", out], cwd=ROOT,
                                capture_output=True, text=True, check=True)
        wall = time.perf_counter() - start
        print(result.stdout.rstrip())
        same = all((pathlib.Path(out) / f.name).read_bytes() == f.read_bytes()
                   for f in (ROOT / "assets" / "models").iterdir())
    print(f"wall clock {wall:.1f} s; files identical to assets/models: {same}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--train", action="store_true", help="also time rebuilding the models")
    args = parser.parse_args()
    import logging
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    x = (np.random.default_rng(0).standard_normal((1000, 1000)) * 0.05).astype(np.float32)
    bench_upload(x, args.repeat)
    bench_bundled(args.repeat)
    bench_overview(args.repeat * 4)
    bench_payload(x)
    bench_extreme()
    if args.train:
        bench_training()


if __name__ == "__main__":
    main()
