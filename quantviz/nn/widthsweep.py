r"""The width sweep: how much accuracy post-training quantization costs MLPs of growing width.

For every model of the width family (64-width-10, ``zoo.WIDTH_MODELS``) and every bit width in
``BITS``, quantize it as ``simulate`` describes (weights per channel, activations calibrated
min-max on the calibration images), once with weights and activations at that width and once
with weights only, and count the test images classified right. The gap is

.. math:: \Delta_b = A_{\mathrm{float32}} - A_b

with :math:`A` the test accuracy in percent, so :math:`\Delta_b` is in percentage points
(positive: accuracy lost).

    results = sweep(progress=lambda done, total: ...)   # a JSON-ready dict
    save(results, path); load(path)                     # assets/width_sweep.json

Deterministic: no randomness, and every count is an integer, so a rerun reproduces the stored
file exactly (``scripts/width_sweep.py --check``).
"""
from __future__ import annotations

import json
import pathlib

import numpy as np

from . import zoo
from .data import ASSETS
from .simulate import calibrate_model, correct

BITS = (8, 6, 4, 3, 2)
MODES = ("weights_activations", "weights")   # what is quantized
RESULTS = ASSETS / "width_sweep.json"
FORMAT = 1
RISE_IMAGES = 4  # a loss "grows again" only if by more than three test images (noise: one or two)


def evaluations(widths=zoo.WIDTHS, bits=BITS) -> int:
    """How many accuracy measurements one sweep makes (float + every bits x mode)."""
    return len(widths) * (1 + len(bits) * len(MODES))


def sweep(widths=zoo.WIDTHS, bits=BITS, progress=None) -> dict:
    """Run the sweep; ``progress(done, total)`` is called after each measurement."""
    split = zoo.load_digits_split()
    x_calib, x_test = zoo.to_input(split.calib.images), zoo.to_input(split.test.images)
    labels = split.test.labels
    total, done = evaluations(widths, bits), 0
    models = []
    for width in widths:
        model = zoo.load_model(zoo.WIDTH_MODELS[width])
        row = {"width": int(width), "name": model.name,
               "parameters": int(sum(t.size for t in model.tensors().values())),
               "float": correct(model, x_test, labels)}
        done += 1
        if progress:
            progress(done, total)
        for mode in MODES:
            row[mode] = []
            for b in bits:
                sim = calibrate_model(model, x_calib, b, activation_bits=b if mode == "weights_activations" else 0)
                row[mode].append(correct(sim, x_test, labels))
                done += 1
                if progress:
                    progress(done, total)
        models.append(row)
    return {"format": FORMAT, "bits": list(bits), "modes": list(MODES),
            "test_images": int(len(labels)), "calibration_images": int(len(x_calib)), "models": models}


def dumps(results: dict) -> str:
    """The JSON text stored in ``assets/`` (stable key order, one model per line)."""
    head = {k: v for k, v in results.items() if k != "models"}
    lines = [json.dumps(m, sort_keys=True) for m in results["models"]]
    body = json.dumps(head, sort_keys=True)[:-1]
    return body + ', "models": [\n  ' + ",\n  ".join(lines) + "\n]}\n"


def save(results: dict, path: pathlib.Path = RESULTS) -> None:
    pathlib.Path(path).write_text(dumps(results))


def load(path: pathlib.Path = RESULTS) -> dict:
    """The stored results; raises ValueError if the file is not a sweep of this format."""
    results = json.loads(pathlib.Path(path).read_text())
    if results.get("format") != FORMAT or not results.get("models"):
        raise ValueError(f"{path} is not a width sweep of format {FORMAT}: rerun scripts/width_sweep.py")
    return results


def table(results: dict) -> dict[str, np.ndarray]:
    """Arrays for plotting: ``widths``, ``parameters``, ``float`` accuracy (%), and per mode an
    (n_widths, n_bits) array of accuracy (%) and of the gap to float (percentage points)."""
    n = results["test_images"]
    models = results["models"]
    out = {"widths": np.array([m["width"] for m in models]),
           "parameters": np.array([m["parameters"] for m in models]),
           "bits": np.array(results["bits"]),
           "float": 100.0 * np.array([m["float"] for m in models]) / n}
    for mode in results["modes"]:
        acc = 100.0 * np.array([m[mode] for m in models], dtype=np.float64) / n
        out[f"{mode}.accuracy"] = acc
        out[f"{mode}.gap"] = out["float"][:, None] - acc
    return out


def findings(results: dict, mode: str) -> dict:
    """The numbers the page's reading of the figure quotes, for one mode (gaps in percentage
    points): the worst 8- and 6-bit loss beyond the narrowest model, the narrowest model's
    losses (and the bit widths at which it loses more than any other), the fall of the 4- and
    3-bit losses with width (and whether they grow again beyond their smallest), the range at 2 bits."""
    if not set(BITS) <= set(results["bits"]):
        raise ValueError(f"the reading needs the bit widths {BITS}, the results have {results['bits']}")
    t = table(results)
    widths, gaps = t["widths"], t[f"{mode}.gap"]
    col = {b: results["bits"].index(b) for b in BITS}
    one_image = 100.0 / results["test_images"]
    wider = widths > widths.min()
    high = float(gaps[wider][:, [col[8], col[6]]].max())
    narrowest_worst = [b for b in BITS if gaps[0, col[b]] > gaps[1:, col[b]].max()]
    out = {"one_image": one_image, "narrowest_worst": narrowest_worst, "narrowest": int(widths[0]),
           "widest": int(widths[-1]),
           "narrowest_float": float(t["float"][0]), "high_max": high, "high_images": int(round(high / one_image)),
           "narrow_8": float(gaps[0, col[8]]), "narrow_6": float(gaps[0, col[6]]),
           "low2": float(gaps[:, col[2]].min()), "high2": float(gaps[:, col[2]].max())}
    for b in (4, 3):
        g = gaps[:, col[b]]
        best = int(np.argmin(g))
        out |= {f"first{b}": float(g[0]), f"min{b}": float(g[best]), f"min{b}_width": int(widths[best]),
                f"last{b}": float(g[-1]), f"rises{b}": bool(g[-1] > g[best] + RISE_IMAGES * one_image)}
    return out
