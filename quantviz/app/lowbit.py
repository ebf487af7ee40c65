"""Streamlit glue of the "Beyond int8" page: the bundled models' layers, cached approximations of
each by every low-bit format, the whole network under each format, and the XNOR / popcount example.

Caches are keyed on short strings (model, layer, method); models are read-only resources.
"""
from __future__ import annotations

import unicodedata

import numpy as np
import streamlit as st

from quantviz.app.shell import models
from quantviz.app.shell.i18n import t
from quantviz.app.shell.models import model
from quantviz.lowbit import approximation_error, popcount_dot
from quantviz.nn import lowbitnet
from quantviz.nn.layers import WEIGHT_KINDS

REFERENCES = lowbitnet.REFERENCES  # int8, int4: symmetric per tensor, for comparison
METHODS = lowbitnet.FORMATS       # every method offered for a layer
BINS = 80


@st.cache_data(show_spinner=False)
def layer_shapes(name: str) -> dict[str, tuple[int, ...]]:
    """The weight tensors of a model (biases left out: one number per channel, nothing to
    binarize), with their shapes."""
    return {key: tuple(w.shape) for key, w in model(name).weight_tensors().items() if w.ndim >= 2}


def weights(name: str, layer: str) -> np.ndarray:
    return model(name).weight_tensors()[layer]


@st.cache_data(show_spinner=False, max_entries=64)
def method_rows(name: str, layer: str) -> list[dict]:
    """Every method on one layer: bits per weight, MSE and SQNR."""
    w = weights(name, layer)
    rows = []
    for method in METHODS:
        r = lowbitnet.approximate_weights(w, method)
        rows.append({"method": method, "bits": r.bits_per_weight, **approximation_error(w, r.w_hat)})
    return rows


@st.cache_data(show_spinner=False, max_entries=128)
def histograms(name: str, layer: str, method: str) -> dict:
    """Pre-binned histograms of the weights before and after, on shared bins, with the
    method's thresholds, error and storage."""
    w = weights(name, layer)
    r = lowbitnet.approximate_weights(w, method)
    lo, hi = float(min(w.min(), r.w_hat.min())), float(max(w.max(), r.w_hat.max()))
    edges = np.linspace(lo, hi, BINS + 1)
    before, _ = np.histogram(w, edges)
    after, _ = np.histogram(r.w_hat, edges)
    return {"edges": edges, "before": before, "after": after, "thresholds": r.thresholds,
            "bits": r.bits_per_weight, "bytes": lowbitnet.tensor_bytes(w.shape, method),
            "float_bytes": lowbitnet.tensor_bytes(w.shape, "float32"),
            "levels": int(np.unique(r.w_hat).size), "shape": w.shape, **approximation_error(w, r.w_hat)}


@st.cache_data(show_spinner=False, max_entries=16)
def network_rows(name: str) -> list[dict]:
    """The whole model under every variant (float32, each format, XNOR with binary inputs)."""
    digits = models.digits()
    return lowbitnet.network_rows(model(name), digits.test_x, digits.test_labels)


def layer_table(name: str, layer: str, names: dict[str, str]) -> list[dict]:
    """Rows of the every-method table, with translated headers and method ``names``."""
    return [{t("lowbit.col.method"): names[r["method"]], t("lowbit.col.bits"): round(r["bits"], 3),
             t("lowbit.col.mse"): float(f"{r['mse']:.3g}"), t("lowbit.col.sqnr"): round(r["sqnr_db"], 1)}
            for r in method_rows(name, layer)]


def network_table(rows: list[dict], names: dict[str, str]) -> list[dict]:
    """Rows of the whole-network table; sizes compared with the first row (float32)."""
    cols = {k: t(f"lowbit.net.col.{k}") for k in ("format", "bits", "bytes", "ratio", "acc", "correct")}
    return [{cols["format"]: names[r["variant"]], cols["bits"]: round(r["bits_per_weight"], 3),
             cols["bytes"]: r["bytes"], cols["ratio"]: round(rows[0]["bytes"] / r["bytes"], 2),
             cols["acc"]: round(100 * r["accuracy"], 2), cols["correct"]: r["correct"]} for r in rows]


def family(variant: str) -> str:
    """The group a variant is drawn with: floats, integers, 1-2-bit weights, or binarized inputs."""
    if variant == lowbitnet.XNOR_ACTIVATIONS:
        return "xnor_acts"
    if variant in REFERENCES:
        return "int"
    return "lowbit" if variant in ("binary", "ternary", "xnor") else "float"


def size_text(n_bytes: float) -> str:
    return t("lowbit.size.bytes", n=f"{n_bytes:,.0f}") if n_bytes < 1000 else t("lowbit.size.kb", n=n_bytes / 1000)


def network_points(rows: list[dict]) -> list[dict]:
    """The rows of ``network_rows`` as labelled points (accuracy in %)."""
    return [{"variant": r["variant"], "label": t(f"lowbit.short.{r['variant']}"), "family": family(r["variant"]),
             "bits": r["bits_per_weight"], "accuracy": 100 * r["accuracy"], "correct": r["correct"],
             "size": size_text(r["bytes"])} for r in rows]


def size_ticks(name: str, bits=(1, 2, 4, 8, 16, 32)) -> list[tuple[int, str]]:
    """x-axis ticks: each number of bits per weight with the model's size at that width
    (weights packed, biases float32, scales left out)."""
    layers = [layer for layer in model(name).layers if layer.kind in WEIGHT_KINDS]
    n_weights, n_biases = sum(layer.weight.size for layer in layers), sum(layer.bias.size for layer in layers)
    return [(b, t("lowbit.tick", bits=b, size=size_text(n_weights * b / 8 + 4 * n_biases))) for b in bits]


def popcount_example(n: int, seed: int) -> dict:
    """Two random ±1 vectors of length ``n`` and their dot product by XNOR and popcount."""
    rng = np.random.default_rng(seed)
    a, b = rng.choice([-1.0, 1.0], n), rng.choice([-1.0, 1.0], n)
    r = popcount_dot(a, b)
    return {"a": a, "b": b, "padding": 8 * r["packed_a"].size - n, **r}


def popcount_text(r: dict, labels: dict) -> str:
    """The worked example as aligned monospace lines (signs, packed bytes, XNOR)."""
    def signs(v):  # grouped by 8, under the bits they become
        text = "".join("+" if x > 0 else "-" for x in v)
        return " ".join(text[i:i + 8] for i in range(0, len(text), 8))

    def bits(packed):
        return " ".join(f"{byte:08b}" for byte in packed.tolist())

    width = max(_display_width(v) for v in labels.values()) + 2
    lines = [(labels["a"], signs(r["a"])), (labels["b"], signs(r["b"])), (labels["bits_a"], bits(r["packed_a"])),
             (labels["bits_b"], bits(r["packed_b"])), (labels["xnor"], bits(r["xnor"]))]
    return "\n".join(name + " " * (width - _display_width(name)) + value for name, value in lines)


def _display_width(text: str) -> int:
    """Columns taken in a monospace font: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
