r"""Many floats, one integer: which input values share each integer code.

Quantization is monotone (a larger ``x`` never gets a smaller code), so on *sorted* values the
inputs of each code form one contiguous run. Sorting once (per tensor) turns every per-code
question into a lookup of run boundaries: ``O(levels log n)`` per new set of parameters instead
of ``O(n)``. With the prefix sums of ``x`` and ``x^2``, the squared error of code ``k`` is

.. math:: \sum_{x \in \text{run}_k} (x - \hat{x}_k)^2 = S_2 - 2 \hat{x}_k S_1 + N_k \hat{x}_k^2

The boundaries are found with the quantizer itself (``quantviz.affine.codes``), so they follow
each scheme's rounding exactly, ties included.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .affine import QParams, codes, dequantize
from .calibrate import finite_values
from .metrics import sqnr_from_sums
from .schemes import fuses_zero_point, scaled_codes


@dataclass(frozen=True)
class SortedValues:
    """The finite values of a tensor, sorted, with the prefix sums the run lookups need."""

    x: np.ndarray          # (n,) float32 (or float64), ascending
    sum_x: np.ndarray      # (n + 1,) float64: sum_x[i] = x[:i].sum()
    sum_x2: np.ndarray     # (n + 1,) float64
    distinct: np.ndarray   # (n + 1,) int64: number of distinct values among x[:i]
    nonfinite: int         # NaN and ±inf entries that were excluded

    @property
    def n(self) -> int:
        return int(self.x.size)


def sort_values(x) -> SortedValues:
    """Sort the finite entries of ``x`` once; everything else reads the result."""
    values, nonfinite = finite_values(x)
    xs = np.sort(values)
    x64 = xs.astype(np.float64)
    new = np.ones(xs.size, dtype=bool)
    new[1:] = xs[1:] != xs[:-1]
    return SortedValues(xs, np.concatenate(([0.0], np.cumsum(x64))),
                        np.concatenate(([0.0], np.cumsum(x64 * x64))),
                        np.concatenate(([0], np.cumsum(new))), nonfinite)


def first_index_at_least(xs: np.ndarray, f, targets: np.ndarray, guess: np.ndarray) -> np.ndarray:
    """For each target ``t``: the first index ``i`` with ``f(xs[i]) >= t`` (``xs.size`` if none).

    ``f`` is monotone non-decreasing on the sorted ``xs``. ``guess`` is an estimate of each answer;
    where it is exact, two evaluations confirm it, elsewhere a binary search finds the answer.
    """
    n = xs.size
    idx = np.clip(guess, 0, n).astype(np.int64)
    if n == 0:
        return idx
    here = f(xs[np.minimum(idx, n - 1)]) >= targets
    before = f(xs[np.maximum(idx - 1, 0)]) >= targets
    ok = ((idx == n) | here) & ((idx == 0) | ~before)
    ok &= ~((idx == n) & before)
    if np.all(ok):
        return idx
    bad = np.flatnonzero(~ok)
    lo, hi, t = np.zeros(bad.size, np.int64), np.full(bad.size, n, np.int64), targets[bad]
    while np.any(lo < hi):
        mid = (lo + hi) // 2
        right = f(xs[np.minimum(mid, n - 1)]) < t
        right &= lo < hi
        lo = np.where(right, mid + 1, lo)
        hi = np.where(~right & (lo < hi), mid, hi)
    idx[bad] = lo
    return idx


def runs(sv: SortedValues, qp: QParams) -> np.ndarray:
    """Run boundaries: the inputs stored as code ``qmin + k`` are ``sv.x[b[k]:b[k + 1]]``.

    Returns ``b`` of length ``levels + 1`` with ``b[0] = 0`` and ``b[-1] = n``.
    """
    _check_per_tensor(qp)
    ks = np.arange(qp.qmin + 1, qp.qmax + 1, dtype=np.float64)
    thresholds = (ks - 0.5 - qp.zero_point) * qp.scale        # where x / s + z crosses k - 1/2
    guess = np.searchsorted(sv.x, thresholds, side="left")
    inner = first_index_at_least(sv.x, lambda v: codes(v, qp), ks, guess)
    return np.concatenate(([0], inner, [sv.n])).astype(np.int64)


def clipped_counts(sv: SortedValues, qp: QParams) -> tuple[int, int]:
    """How many values the clamp changes: below ``qmin`` and above ``qmax`` (before clamping)."""
    _check_per_tensor(qp)
    targets = np.array([qp.qmin, qp.qmax + 1], dtype=np.float64)
    guess = np.searchsorted(sv.x, (targets - 0.5 - qp.zero_point) * qp.scale)

    def unclamped(v):
        return scaled_codes(v, qp.scale, qp.zero_point, qp.scheme, fuses_zero_point(qp))

    lo, hi = first_index_at_least(sv.x, unclamped, targets, guess)
    return int(lo), int(sv.n - hi)


@dataclass(frozen=True)
class CodeStats:
    """Per code ``q = qmin .. qmax``: how many inputs, how many distinct, their squared error."""

    q: np.ndarray           # (levels,) int64 codes
    xhat: np.ndarray        # (levels,) float64 real value each code stands for (float32-rounded)
    count: np.ndarray       # (levels,) int64 inputs stored as q
    distinct: np.ndarray    # (levels,) int64 distinct input values stored as q
    sse: np.ndarray         # (levels,) float64 sum of (x - xhat)^2 over those inputs
    max_abs: np.ndarray     # (levels,) float64 largest |x - xhat| (0 where no input)
    lo: np.ndarray          # (levels,) smallest input stored as q (NaN where none)
    hi: np.ndarray          # (levels,) largest input stored as q (NaN where none)


def code_stats(sv: SortedValues, qp: QParams) -> CodeStats:
    """Per-code statistics of the sorted values, in ``O(levels log n)``."""
    b = runs(sv, qp)
    q = np.arange(qp.qmin, qp.qmax + 1, dtype=np.int64)
    xhat = dequantize(q, qp).astype(np.float64)
    a, e = b[:-1], b[1:]
    count = e - a
    s1, s2 = sv.sum_x[e] - sv.sum_x[a], sv.sum_x2[e] - sv.sum_x2[a]
    used = count > 0
    with np.errstate(invalid="ignore", over="ignore"):   # an unused code may stand for ±inf
        sse = np.where(used, np.maximum(s2 - 2.0 * xhat * s1 + count * xhat * xhat, 0.0), 0.0)
    first = np.where(used, sv.x[np.minimum(a, sv.n - 1)] if sv.n else 0.0, np.nan).astype(np.float64)
    last = np.where(used, sv.x[np.maximum(e - 1, 0)] if sv.n else 0.0, np.nan).astype(np.float64)
    max_abs = np.where(used, np.maximum(np.abs(first - xhat), np.abs(last - xhat)), 0.0)
    return CodeStats(q, xhat, count, sv.distinct[e] - sv.distinct[a], sse, max_abs, first, last)


def error_histogram(sv: SortedValues, qp: QParams, edges: np.ndarray, stats: CodeStats | None = None) -> np.ndarray:
    r"""Counts of the reconstruction error :math:`\hat{x} - x` in the bins ``edges`` (ascending).

    Within the run of code ``k`` the error falls in ``[e_j, e_{j+1})`` exactly when
    ``x`` lies in ``(xhat_k - e_{j+1}, xhat_k - e_j]``: one ``searchsorted`` per code and edge.
    Errors outside ``[edges[0], edges[-1]]`` are not counted.
    """
    stats = stats or code_stats(sv, qp)
    used = np.flatnonzero(stats.count)
    b = runs(sv, qp)
    a, e = b[:-1][used][:, None], b[1:][used][:, None]
    xhat = stats.xhat[used][:, None]
    # number of x in the run with x <= xhat - edge, i.e. error >= edge
    at_least = np.clip(np.searchsorted(sv.x, xhat - edges[None, :], side="right"), a, e) - a
    counts = (at_least[:, :-1] - at_least[:, 1:]).sum(axis=0)
    return counts.astype(np.int64)


def _check_per_tensor(qp: QParams) -> None:
    if qp.axis is not None:
        raise ValueError("per-code runs need per-tensor parameters (axis=None)")


REL_TOL = 1e-6  # the run formula is used when its estimated relative error is below this


def cancellation_estimate(sv: SortedValues, stats: CodeStats) -> float:
    r"""Estimated relative error of the run formula's total squared error.

    Each run's :math:`S_2 - 2\hat{x}S_1 + N\hat{x}^2` cancels terms as large as the prefix sums
    (about :math:`n \max x^2`) down to that run's squared error; the rounding errors of the
    ``L`` used runs add up like a random walk (with a margin): :math:`64 \epsilon \sqrt{L}\, n \max x^2 / \text{SSE}`
    (checked against direct sums from 2 to 16 bits in tests/core/test_levels.py).
    """
    sse = float(stats.sse.sum())
    used = int(np.count_nonzero(stats.count))
    if sv.n == 0 or used == 0:
        return 0.0
    xmax = max(float(np.abs(sv.x[[0, -1]]).max()), float(np.nanmax(np.abs(stats.xhat[stats.count > 0]))))
    magnitude = 64 * np.finfo(np.float64).eps * np.sqrt(used) * sv.n * xmax * xmax
    return float("inf") if sse == 0 and magnitude > 0 else magnitude / max(sse, np.finfo(np.float64).tiny)


def direct_sse(x: np.ndarray, qp: QParams, chunk: int = 1 << 16) -> float:
    r""":math:`\sum (\hat{x} - x)^2` summed directly in float64, block by block."""
    total = 0.0
    for start in range(0, x.size, chunk):
        block = x[start:start + chunk]
        error = dequantize(codes(block, qp), qp).astype(np.float64) - block
        total += float(np.dot(error, error))
    return total


def report(sv: SortedValues, qp: QParams, stats: CodeStats | None = None) -> dict:
    """``quantviz.error_report`` of the sorted values, from the per-code runs.

    The same keys and values as ``error_report(x, qp)`` (plus ``clipped_below``/``clipped_above``),
    with the squared error summed in float64 (``error_report`` may sum large float32 tensors in
    float32, to about 1e-5 relative).
    When the run formula could cost more than ``REL_TOL`` of the squared error (many levels,
    tiny steps, or an exact reconstruction), the squared error is summed directly instead.
    """
    stats = stats or code_stats(sv, qp)
    n = sv.n
    below, above = clipped_counts(sv, qp)
    sse = float(stats.sse.sum())
    if cancellation_estimate(sv, stats) > REL_TOL:
        sse = direct_sse(sv.x, qp)
    return {"mse": sse / max(n, 1), "sqnr_db": sqnr_from_sums(float(sv.sum_x2[-1]), sse),
            "max_abs_error": float(stats.max_abs.max(initial=0.0)),
            "clipped_fraction": (below + above) / max(n, 1), "levels_used": int(np.count_nonzero(stats.count)),
            "n": n, "nonfinite": sv.nonfinite, "clipped_below": below, "clipped_above": above}
