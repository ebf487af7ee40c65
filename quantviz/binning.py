"""Histogram bins that always work: equal bins over a range, however narrow or wide it is."""
from __future__ import annotations

import numpy as np

F64_MAX = float(np.finfo(np.float64).max)


def bin_range(lo: float, hi: float, bins: int) -> tuple[float, float]:
    """``(lo, hi)`` widened where needed so that ``bins`` equal bins have distinct edges.

    A constant tensor (``lo == hi``) or a range narrower than float64 can split into ``bins``
    (e.g. ``[0, 5e-324]``) gets a small symmetric pad: 0.1 % of its magnitude, at least 1e-6.
    """
    lo, hi = float(lo), float(hi)
    with np.errstate(over="ignore", invalid="ignore"):
        edges = np.linspace(lo / 4, hi / 4, bins + 1)      # a quarter: no overflow near F64_MAX
    if hi > lo and np.all(np.diff(edges) > 0) and (hi - lo) / bins > 1e-300:
        return lo, hi
    pad = max(abs(lo) * 1e-3, abs(hi) * 1e-3, 1e-6)
    return max(lo - pad, -F64_MAX), min(hi + pad, F64_MAX)


def histogram(values: np.ndarray, bins: int, value_range: tuple[float, float] | None = None):
    """``np.histogram`` of finite ``values`` with a range from ``bin_range`` (default: min..max).

    Ranges reaching beyond ±1e300 (numpy's bin arithmetic would overflow) are binned at a quarter
    scale.
    """
    if value_range is None:
        value_range = (float(values.min()), float(values.max())) if values.size else (-1.0, 1.0)
    lo, hi = bin_range(*value_range, bins)
    if max(abs(lo), abs(hi)) < 1e300:
        return np.histogram(values, bins=bins, range=(lo, hi))
    counts, edges = np.histogram(np.asarray(values, dtype=np.float64) / 4, bins=bins, range=(lo / 4, hi / 4))
    with np.errstate(over="ignore"):
        return counts, np.clip(edges * 4, -F64_MAX, F64_MAX)
