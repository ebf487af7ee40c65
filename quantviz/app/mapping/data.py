"""Cached computations of the mapping page, keyed on small values (never on big arrays).

The values of a source are loaded, sorted and pre-binned once per (source, size, seed, NaN/inf)
and kept read-only in ``st.cache_resource``; calibrations and the range sweep are cached on that
key plus the few integer options they depend on. Each new range or scale is then answered by
``quantviz.levels`` in ``O(levels log n)``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from quantviz import datasets
from quantviz.affine import QParams, choose_qparams
from quantviz.binning import histogram
from quantviz.calibrate import METHODS, calibrate, range_sweep
from quantviz.levels import SortedValues, code_stats, error_histogram, report, sort_values
from quantviz.metrics import error_report
from quantviz.schemes import scheme_qrange

HIST_BINS = 120
ERROR_BINS = 60
MAX_RUN_LEVELS = 2048  # beyond this many codes the error histogram is binned directly


@dataclass(frozen=True)
class Data:
    sv: SortedValues
    nan: int
    pinf: int
    ninf: int
    lo: float               # smallest finite value
    hi: float               # largest finite value
    edges: np.ndarray       # (HIST_BINS + 1,) histogram of the finite values
    counts: np.ndarray      # (HIST_BINS,)


@st.cache_resource(max_entries=6, show_spinner=False)
def load_data(source: str, n: int, seed: int, nonfinite: bool) -> Data:
    """Values of ``source`` (with a few NaN/inf when asked), sorted and binned. Read-only."""
    x = datasets.load(source, n or 1, seed)
    if nonfinite:
        x = datasets.with_nonfinite(x, seed)
    nan = int(np.count_nonzero(np.isnan(x)))
    pinf = int(np.count_nonzero(x == np.inf))
    ninf = int(np.count_nonzero(x == -np.inf))
    sv = sort_values(x)
    for array in (sv.x, sv.sum_x, sv.sum_x2, sv.distinct):
        array.setflags(write=False)
    if sv.n == 0:
        return Data(sv, nan, pinf, ninf, 0.0, 0.0, np.array([-0.5, 0.5]), np.zeros(1, np.int64))
    lo, hi = float(sv.x[0]), float(sv.x[-1])
    counts, edges = histogram(sv.x, HIST_BINS, (lo, hi) if lo < hi else (lo - 0.5, hi + 0.5))
    return Data(sv, nan, pinf, ninf, lo, hi, edges, counts)


def usable_bits(bits: int, signed: bool, symmetric: bool, scheme: str) -> int:
    """``bits``, or 8 where the scheme cannot map with so few (1 bit where it forces narrow
    range), as the page's mapping then falls back to the default 8 bits."""
    try:
        scheme_qrange(bits, signed, False, symmetric, False, scheme)
    except ValueError:
        return 8
    return bits


@st.cache_data(max_entries=64, show_spinner=False)
def calibrations(key: tuple, bits: int, signed: bool, symmetric: bool, pct: float, scheme: str) -> dict:
    """Each calibration method's range ``(rmin, rmax)`` for the values of ``key``."""
    data = load_data(*key)
    bits = usable_bits(bits, signed, symmetric, scheme)
    picks = {}
    for method in METHODS:
        rmin, rmax = calibrate(data.sv.x, method=method, bits=bits, signed=signed, symmetric=symmetric,
                               p=pct, scheme=scheme)
        picks[method] = (float(rmin), float(rmax))
    return picks


@st.cache_data(max_entries=64, show_spinner=False)
def sweep(key: tuple, bits: int, signed: bool, symmetric: bool, scheme: str) -> dict:
    """``range_sweep`` of the values: rounding, clipping and total MSE per clipping threshold."""
    return range_sweep(load_data(*key).sv.x, usable_bits(bits, signed, symmetric, scheme), signed, symmetric, scheme)


@st.cache_data(max_entries=64, show_spinner=False)
def pick_errors(key: tuple, bits: int, signed: bool, symmetric: bool, narrow: bool, pct: float,
                scheme: str) -> dict:
    """The total MSE of each calibration method's range (with the page's other options)."""
    data = load_data(*key)
    out = {}
    bits = usable_bits(bits, signed, symmetric, scheme)
    for method, (rmin, rmax) in calibrations(key, bits, signed, symmetric, pct, scheme).items():
        try:
            qp = choose_qparams(rmin, rmax, bits=bits, signed=signed, symmetric=symmetric,
                                narrow_range=narrow, scheme=scheme)
        except ValueError:
            qp = choose_qparams(rmin, rmax, bits=bits, signed=signed, symmetric=symmetric, scheme=scheme)
        out[method] = report(data.sv, qp)["mse"]
    return out


def analysis(data: Data, qp: QParams):
    """Per-code statistics and the error report of the values under ``qp`` (a few ms on 1M values)."""
    stats = code_stats(data.sv, qp)
    return stats, report(data.sv, qp, stats)


def error_bins(data: Data, qp: QParams, stats, max_abs: float) -> tuple[np.ndarray, np.ndarray]:
    """Histogram of the reconstruction errors over ``±max(max_abs, s/2)``."""
    limit = max(max_abs, qp.scale / 2) * (1 + 1e-9)
    edges = np.linspace(-limit, limit, ERROR_BINS + 1)
    if qp.levels <= MAX_RUN_LEVELS:
        return edges, error_histogram(data.sv, qp, edges, stats)
    from quantviz.affine import fake_quantize
    error = fake_quantize(data.sv.x, qp).astype(np.float64) - data.sv.x
    return edges, np.histogram(error, bins=edges)[0]


def alpha_of(rmin: float, rmax: float, data: Data, symmetric: bool) -> float:
    """A range as the share of the min-max range it keeps (the range sweep's ``alpha``)."""
    if symmetric:
        full = max(-data.lo, data.hi, 0.0)
        return max(-rmin, rmax, 0.0) / full if full > 0 else 1.0
    full = max(data.hi, 0.0) - min(data.lo, 0.0)
    return (max(rmax, 0.0) - min(rmin, 0.0)) / full if full > 0 else 1.0


__all__ = ["Data", "load_data", "calibrations", "sweep", "pick_errors", "analysis", "error_bins",
           "alpha_of", "error_report"]
