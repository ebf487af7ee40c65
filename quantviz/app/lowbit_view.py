"""Streamlit glue of the "Beyond int8" page: the layers on offer, cached approximations of each
by every low-bit method, and the XNOR / popcount worked example."""
from __future__ import annotations

import unicodedata

import numpy as np
import streamlit as st

from .. import choose_qparams, fake_quantize
from ..lowbit import METHODS, approximate, approximation_error, popcount_dot
from ..synthetic import synthetic_weight_tensors

REFERENCES = ("int8", "int4")  # symmetric per-tensor integers, for comparison
BINS = 80


@st.cache_resource
def weight_tensors() -> dict[str, np.ndarray]:
    """The layers this page offers, by name (read-only). The only place that knows where weights
    come from: for a trained model return ``quantviz.nn.zoo.weight_tensors(model_name)``."""
    return synthetic_weight_tensors(seed=0)


def _approximation(w: np.ndarray, method: str) -> tuple[np.ndarray, tuple[float, ...], float]:
    """(w_hat, thresholds, bits per weight) for a low-bit method or a symmetric integer reference."""
    if method in REFERENCES:
        bits = int(method[3:])
        amax = float(np.max(np.abs(w)))
        qp = choose_qparams(-amax, amax, bits=bits, signed=True, symmetric=True, narrow_range=True)
        return fake_quantize(w, qp).astype(np.float64), (), bits + 32 / w.size
    r = approximate(w, method)
    return r.w_hat, r.thresholds, r.bits_per_weight


@st.cache_data(max_entries=64)
def method_rows(layer: str) -> list[dict]:
    """Every method on one layer: bits per weight, MSE and SQNR (keyed on the layer's name)."""
    w = weight_tensors()[layer]
    rows = []
    for method in (*REFERENCES, *METHODS):
        w_hat, _, bits = _approximation(w, method)
        rows.append({"method": method, "bits": bits, **approximation_error(w, w_hat)})
    return rows


@st.cache_data(max_entries=64)
def histograms(layer: str, method: str) -> dict:
    """Pre-binned histograms of the weights before and after, on shared bins, with the
    method's thresholds, error and storage (keyed on two short strings)."""
    w = weight_tensors()[layer]
    w_hat, thresholds, bits = _approximation(w, method)
    lo, hi = float(min(w.min(), w_hat.min())), float(max(w.max(), w_hat.max()))
    edges = np.linspace(lo, hi, BINS + 1)
    before, _ = np.histogram(w, edges)
    after, _ = np.histogram(w_hat, edges)
    return {"edges": edges, "before": before, "after": after, "thresholds": thresholds, "bits": bits,
            "levels": int(np.unique(w_hat).size), "shape": w.shape, **approximation_error(w, w_hat)}


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
