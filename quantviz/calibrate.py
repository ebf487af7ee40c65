r"""Calibration: choosing the range ``[rmin, rmax]`` that a tensor is quantized over.

Min-max keeps every value but spends levels on rare outliers; clipping the range shrinks the
step ``s`` (less rounding error) at the price of clipping error on the values outside. The
range sweep measures both over a family of clipping thresholds:

.. math:: \text{MSE}(r) =
    \underbrace{\tfrac{1}{N}\textstyle\sum_{x \in [r_{min},
    r_{max}]} (x - \hat{x})^2}_{\text{rounding}} + \underbrace{\tfrac{1}{N}\textstyle\sum_{x \notin [r_{min},
    r_{max}]} (x - \operatorname{clamp}(x))^2}_{\text{clipping}}

Non-finite values (NaN, ±inf) are excluded before calibrating.
"""
from __future__ import annotations

import numpy as np

from .binning import histogram
from .numbers import check_bits
from .schemes import code_range, compute_params, scheme_qrange

METHODS = ("minmax", "percentile", "mse", "entropy")
SWEEP_BINS = 4096


def finite_values(x) -> tuple[np.ndarray, int]:
    """The finite entries of ``x`` (flattened) and how many were NaN or ±inf."""
    x = np.asarray(x).ravel()
    finite = np.isfinite(x)
    n_bad = x.size - int(np.count_nonzero(finite))
    return (x if n_bad == 0 else x[finite]), n_bad


def calibrate(x, method: str = "minmax", bits: int = 8, signed: bool = False,
              symmetric: bool = False, p: float = 99.99, scheme: str = "exact") -> tuple[float, float]:
    """The range to quantize ``x`` over, chosen by ``method``.

    - ``minmax``: the smallest and largest value.
    - ``percentile``: the ``100 - p`` and ``p`` percentiles (symmetric: the ``p`` percentile of |x|);
      with ``scheme="onnxruntime"`` as its ``PercentileCalibrater`` reads them from a histogram
      (``percentile_onnxruntime``).
    - ``mse``: the clipping threshold that minimizes rounding + clipping error (``range_sweep``).
    - ``entropy``: the threshold minimizing KL(P || Q) between the histogram of |x| and its
      quantized version (TensorRT's method, 2048 bins).
    """
    if method not in METHODS:
        raise ValueError(f"unknown calibration method {method!r}: choose one of {', '.join(METHODS)}")
    bits = check_bits(bits)
    values, _ = finite_values(x)
    if values.size == 0:
        raise ValueError("there are no finite values to calibrate on")
    lo, hi = float(values.min()), float(values.max())
    if method == "minmax" or lo == hi:
        return lo, hi
    if method == "percentile":
        if not 50 < p <= 100:
            raise ValueError(f"the percentile p must be in (50, 100], got {p}")
        if scheme == "onnxruntime":
            return percentile_onnxruntime(values, p, symmetric)
        if symmetric:
            amax = float(np.percentile(np.abs(values), p))
            return -amax, amax
        return float(np.percentile(values, 100 - p)), float(np.percentile(values, p))
    if method == "mse":
        sweep = range_sweep(values, bits, signed, symmetric, scheme)
        best = int(np.argmin(sweep["total"]))
        return float(sweep["rmin"][best]), float(sweep["rmax"][best])
    amax = entropy_threshold(values, num_quant_bins=max(2 ** (bits - 1), 1))
    return (-amax, amax) if symmetric else (max(lo, -amax), min(hi, amax))


def percentile_onnxruntime(x, p: float, symmetric: bool, bins: int = 2048) -> tuple[float, float]:
    """ONNX Runtime's ``PercentileCalibrater`` on finite values ``x`` (one batch, float32).

    A histogram of ``bins`` bins, its cumulative share ``cdf``; the range ends are the bin edges
    where ``cdf`` first reaches the share kept. Symmetric: the histogram of |x|, the edge at
    ``p / 100``, range ``[-t, t]``. Otherwise: the histogram of x over ``[-max|x|, max|x|]``, cutting
    ``(100 - p) / 200`` on each side. Both ends then stay within the values' own minimum and maximum.
    """
    x = np.asarray(x, dtype=np.float32).ravel()
    lo, hi = x.min(), x.max()
    if symmetric:
        counts, edges = np.histogram(np.abs(x), bins=bins)
        cdf = np.cumsum(counts / counts.sum())
        t = edges.astype(np.float32)[np.searchsorted(cdf, p / 100.0)]
        rmin, rmax = -t, t
    else:
        t = np.float32(max(abs(lo), abs(hi)))
        counts, edges = np.histogram(x, bins, range=(-t, t))
        cdf = np.cumsum(counts / counts.sum())
        cut = (100.0 - p) / 200.0
        rmin, rmax = edges[np.searchsorted(cdf, cut)], edges[np.searchsorted(cdf, 1.0 - cut)]
    return float(max(rmin, lo)), float(min(rmax, hi))


def _candidate_ranges(lo: float, hi: float, symmetric: bool, num: int):
    """Clipping thresholds as fractions ``alpha`` of the min-max range, and their ranges."""
    alpha = np.linspace(1.0 / num, 1.0, num)
    if symmetric:
        amax = max(-lo, hi)
        return alpha, -alpha * amax, alpha * amax
    return alpha, alpha * min(lo, 0.0), alpha * max(hi, 0.0)


def _sawtooth_integral(u: np.ndarray) -> np.ndarray:
    r""":math:`H(u) = \int_0^u (t - \operatorname{round} t)^2 dt = k/12 + v^3/3` with ``k = round(u)``, ``v =
    u - k``."""
    k = np.floor(u + 0.5)
    v = u - k
    return k / 12.0 + v**3 / 3.0


def range_sweep(x, bits: int = 8, signed: bool = False, symmetric: bool = False,
                scheme: str = "exact", num: int = 100) -> dict[str, np.ndarray]:
    """Mean squared error split into rounding and clipping error, for ``num`` clipping thresholds.

    Returns ``alpha`` (the threshold as a fraction of the min-max range), ``rmin``, ``rmax``,
    ``rounding``, ``clipping`` and ``total`` (each of length ``num``). Computed on a fine
    histogram (4096 bins) with the density taken as uniform within each bin, which integrates
    the sawtooth rounding error exactly: fast on a million values and accurate to the bin width.
    """
    values, _ = finite_values(x)
    if values.size == 0:
        raise ValueError("there are no finite values to sweep over")
    lo, hi = float(values.min()), float(values.max())
    counts, edges = histogram(values, SWEEP_BINS, (lo, hi))
    keep = counts > 0
    density = (counts / np.diff(edges))[keep][None, :]          # (1, bins)
    a, b = edges[:-1][keep][None, :], edges[1:][keep][None, :]  # bin edges, (1, bins)
    alpha, rmin, rmax = _candidate_ranges(lo, hi, symmetric, num)
    qmin, qmax = scheme_qrange(bits, signed, False, symmetric, False, scheme)
    scale, _, zp = compute_params(rmin, rmax, qmin, qmax, symmetric, signed, scheme)
    qmin, qmax = code_range(bits, signed, False, symmetric, False, scheme)      # where codes saturate
    s = scale[:, None]
    grid_lo, grid_hi = s * (qmin - zp[:, None]), s * (qmax - zp[:, None])   # (num, 1)
    inner_a, inner_b = np.clip(a, grid_lo, grid_hi), np.clip(b, grid_lo, grid_hi)
    rounding = s**3 * (_sawtooth_integral(inner_b / s) - _sawtooth_integral(inner_a / s))
    above = (b - grid_hi).clip(0) ** 3 - (a - grid_hi).clip(0) ** 3
    below = (grid_lo - a).clip(0) ** 3 - (grid_lo - b).clip(0) ** 3
    n = values.size
    rounding = (density * rounding).sum(axis=1) / n
    clipping = (density * (above + below) / 3.0).sum(axis=1) / n
    return {"alpha": alpha, "rmin": rmin, "rmax": rmax, "rounding": rounding,
            "clipping": clipping, "total": rounding + clipping}


def entropy_threshold(x, num_bins: int = 2048, num_quant_bins: int = 128) -> float:
    """TensorRT's entropy calibration on the histogram of |x|: the amax minimizing KL(P || Q).

    For each candidate ``i``: ``P`` is the first ``i`` bins with the tail folded into the last;
    ``Q`` merges ``P`` into ``num_quant_bins`` groups and spreads each group evenly over its
    non-empty bins. The threshold is the upper edge of the best candidate's last bin.
    """
    values = np.abs(np.asarray(x, dtype=np.float64))
    counts, edges = histogram(values, num_bins, (0.0, float(values.max())))
    counts = counts.astype(np.float64)
    start = min(num_quant_bins, num_bins)
    candidates = np.unique(np.linspace(start, num_bins, 256).astype(int))
    best, best_kl = num_bins, np.inf
    for i in candidates:
        p = counts[:i].copy()
        p[-1] += counts[i:].sum()
        q = _merge_and_expand(counts[:i], num_quant_bins)
        kl = _kl_divergence(p, q)
        if kl < best_kl:
            best, best_kl = i, kl
    return float(edges[best])


def _merge_and_expand(p: np.ndarray, groups: int) -> np.ndarray:
    """Sum ``p`` into ``groups`` contiguous groups, then spread each sum over its non-empty bins."""
    group_of = (np.arange(p.size) * groups) // p.size
    nonzero = p > 0
    sums = np.bincount(group_of, weights=p, minlength=groups)
    sizes = np.bincount(group_of, weights=nonzero.astype(np.float64), minlength=groups)
    per_bin = np.divide(sums, sizes, out=np.zeros(groups), where=sizes > 0)
    return np.where(nonzero, per_bin[group_of], 0.0)


def _kl_divergence(p: np.ndarray, q: np.ndarray) -> float:
    p = p / p.sum()
    q = q / q.sum() if q.sum() > 0 else q
    support = p > 0
    if np.any(q[support] == 0):
        return np.inf
    return float(np.sum(p[support] * np.log(p[support] / q[support])))
