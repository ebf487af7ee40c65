"""What a weight or activation tensor looks like: statistics, histogram, per-channel ranges.

NaN and inf are left out of every number here and counted instead (``finite``).
"""
from __future__ import annotations

import numpy as np

from . import binning

PERCENTILES = (0.1, 1.0, 25.0, 50.0, 75.0, 99.0, 99.9)
CHUNK = 1 << 20


def finite(x: np.ndarray) -> tuple[np.ndarray, int, int]:
    """The finite values of ``x`` (flattened), the number of NaN and the number of +-inf."""
    flat = np.asarray(x).ravel()
    ok = np.isfinite(flat)
    if ok.all():
        return flat, 0, 0
    nan = int(np.isnan(flat).sum())
    return flat[ok], nan, int(flat.size - ok.sum() - nan)


def tensor_stats(x: np.ndarray) -> dict:
    r"""Summary of the finite values :math:`x_1 \dots x_n` of a tensor:

    .. math:: \mu = \frac{1}{n}\sum_i x_i, \qquad \sigma = \sqrt{\frac{1}{n}\sum_i (x_i - \mu)^2},
              \qquad \text{kurtosis} = \frac{\frac{1}{n}\sum_i (x_i - \mu)^4}{\sigma^4} - 3

    (excess kurtosis: 0 for a Gaussian, large for heavy tails, i.e. rare far outliers), the
    percentiles in ``PERCENTILES``, and the share of values with :math:`|x_i - \mu| \le 3\sigma`
    (99.73 % for a Gaussian). Computed in float64, a chunk of values at a time.
    """
    values, nan, inf = finite(x)
    out = {"count": int(np.asarray(x).size), "finite": int(values.size), "nan": nan, "inf": inf}
    if values.size == 0:
        return out
    ordered = np.sort(values)                       # in the tensor's own dtype: exact and fast
    abs_max = float(max(-float(ordered[0]), float(ordered[-1])))
    unit = abs_max if abs_max > 0 else 1.0          # moments of x / unit: no under- or overflow
    n = values.size
    chunks = list(_scaled(values, unit)) if n <= CHUNK else None     # one chunk: convert it once
    mean_u = sum(float(u.sum()) for u in chunks or _scaled(values, unit)) / n
    var_u = sum(float(((u - mean_u) ** 2).sum()) for u in chunks or _scaled(values, unit)) / n
    fourth = within = 0.0                           # plain sums: no BLAS call for a reduction
    for u in chunks or _scaled(values, unit):
        d2 = (u - mean_u) ** 2
        within += np.count_nonzero(d2 <= 9 * var_u)
        if var_u > 0:
            z2 = d2 / var_u                         # squared z-scores
            fourth += float((z2 * z2).sum())
    out.update(min=float(ordered[0]), max=float(ordered[-1]), mean=mean_u * unit,
               std=var_u ** 0.5 * unit, kurtosis=fourth / n - 3.0 if var_u > 0 else 0.0,
               percentiles=dict(zip(PERCENTILES, map(float, sorted_percentiles(ordered, PERCENTILES)))),
               within_3std=float(within / n), abs_max=abs_max)
    return out


def _scaled(values: np.ndarray, unit: float):
    """``values / unit`` in float64, ``CHUNK`` values at a time (a 20 M-value tensor then needs
    a few megabytes of temporaries, not a gigabyte)."""
    for start in range(0, values.size, CHUNK):
        yield values[start:start + CHUNK].astype(np.float64) / unit


def sorted_percentiles(ordered: np.ndarray, percents) -> np.ndarray:
    r"""Percentiles of sorted values, interpolated linearly as ``np.percentile`` does: at
    :math:`h = \frac{p}{100}(n - 1)`, :math:`x_{(\lfloor h \rfloor)} + (h - \lfloor h \rfloor)
    (x_{(\lfloor h \rfloor + 1)} - x_{(\lfloor h \rfloor)})` (0-based order statistics)."""
    h = np.asarray(percents, np.float64) / 100 * (ordered.size - 1)
    lo = np.floor(h).astype(np.int64)
    hi = np.minimum(lo + 1, ordered.size - 1)
    a, b = ordered[lo].astype(np.float64), ordered[hi].astype(np.float64)
    return a + (h - lo) * (b - a)


def histogram(x: np.ndarray, bins: int = 80, value_range: tuple[float, float] | None = None):
    """Counts of the finite values in ``bins`` equal bins over ``value_range`` (default: min..max);
    returns ``(counts, edges)`` (``edges`` one longer). A constant tensor gets one bin around it."""
    values, _, _ = finite(x)
    if values.size == 0:
        return np.zeros(bins, np.int64), np.linspace(-1.0, 1.0, bins + 1)
    return binning.histogram(values, bins, value_range)


def channel_ranges(x: np.ndarray, axis: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Min and max of the finite values of each slice along ``axis`` (an output channel of a
    weight: axis 0 for dense (out, in) and conv (out, in, kh, kw)). A slice with no finite
    value gets NaN for both."""
    x = np.moveaxis(np.asarray(x), axis, 0)
    flat = x.reshape(x.shape[0], -1)
    ok = np.isfinite(flat)
    dtype = np.promote_types(flat.dtype, np.float32)      # float32 stays float32: min and max are exact
    lo = np.where(ok, flat, np.inf).min(axis=1).astype(dtype)
    hi = np.where(ok, flat, -np.inf).max(axis=1).astype(dtype)
    empty = ~ok.any(axis=1)
    lo[empty] = np.nan
    hi[empty] = np.nan
    return lo, hi


def range_usage(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    r"""The share of the per-tensor range that each channel's own range spans:
    :math:`(\max_c - \min_c) / (\max_t - \min_t)`. With one range for the whole tensor, a channel
    with usage 0.1 gets only a tenth of the integer codes; its own (per-channel) range gives it all."""
    span = np.nanmax(hi) - np.nanmin(lo)
    return (hi - lo) / span if span > 0 else np.ones_like(lo)


def channel_buckets(lo: np.ndarray, hi: np.ndarray, buckets: int, order: np.ndarray | None = None) -> dict:
    """Channel ranges aggregated for a tensor with too many channels to draw one bar each.

    The channels (in ``order``, default their own) are cut into at most ``buckets`` runs of
    ``size`` neighbours (the last one shorter); for each run: its first position, its size, the
    lowest min and highest max (its envelope), and the median of its mins and of its maxes (a
    typical channel of the run). Channels with no finite value (NaN ranges) are left out.
    """
    n = lo.size
    size = -(-n // buckets)
    first = np.arange(0, n, size, dtype=np.int64)
    runs = {"first": first, "size": np.minimum(size, n - first)}
    runs.update({key: np.full(first.size, np.nan) for key in ("min", "max", "median_lo", "median_hi")})
    for r, start in enumerate(first):
        pick = slice(start, start + size) if order is None else order[start:start + size]
        run_lo, run_hi = lo[pick], hi[pick]
        kept = ~np.isnan(run_lo)
        if kept.any():
            run_lo, run_hi = run_lo[kept], run_hi[kept]
            runs["min"][r], runs["max"][r] = run_lo.min(), run_hi.max()
            runs["median_lo"][r], runs["median_hi"][r] = np.median(run_lo), np.median(run_hi)
    return runs
