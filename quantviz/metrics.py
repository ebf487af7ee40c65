r"""How much a quantization loses: one report per (tensor, parameters).

.. math:: \text{MSE} = \frac{1}{N}\sum (x - \hat{x})^2, \qquad
    \text{SQNR} = 10 \log_{10} \frac{\sum x^2}{\sum (x - \hat{x})^2}\ \text{dB}

A value is *clipped* when the clamp changes its code: ``round(x / s) + z`` falls outside
``[q_min, q_max]`` (so it lies more than half a step beyond the grid's last level).
Non-finite inputs (NaN, ±inf) are excluded from every figure and counted in ``nonfinite``.
"""
from __future__ import annotations

import numpy as np

from . import fastpath
from .affine import QParams, broadcast_params, dequantize
from .schemes import fuses_zero_point, scaled_codes

CHUNK = 1 << 16  # values per block: keeps every temporary in the CPU cache


def sqnr_from_sums(signal: float, noise: float) -> float:
    r"""Signal-to-quantization-noise ratio in dB, :math:`10 \log_{10}(\sum x^2 / \sum (x - \hat{x})^2)`:
    inf for an exact reconstruction, -inf for an all-zero signal reconstructed with error."""
    if noise == 0:
        return float("inf")
    if signal == 0:
        return float("-inf")
    return float(10 * np.log10(signal / noise))


def error_report(x, qp: QParams) -> dict:
    """``mse``, ``sqnr_db``, ``max_abs_error``, ``clipped_fraction``, ``levels_used``, ``n``, ``nonfinite``.

    ``levels_used`` counts the distinct integer codes that occur, out of ``qp.levels``.
    An exact reconstruction has ``sqnr_db = inf``; an empty (or all non-finite) input
    reports zeros.
    """
    x = np.asarray(x)
    if fastpath.applies(x, qp):
        return _report_float32(x, qp)
    finite = np.isfinite(x)
    nonfinite = x.size - int(np.count_nonzero(finite))
    totals = _Totals(qp)
    if qp.axis is not None:
        totals.add(np.where(finite, x, 0.0), finite)
    else:
        flat = x.ravel() if nonfinite == 0 else x[finite]
        for start in range(0, flat.size, CHUNK):
            totals.add(flat[start:start + CHUNK], None)
    return totals.report(nonfinite)


class _Totals:
    """Running sums over blocks of values."""

    def __init__(self, qp: QParams):
        self.qp = qp
        self.n = 0
        self.sum_x2 = self.sum_e2 = self.max_abs = 0.0
        self.clipped = 0
        self.code_counts = np.zeros(qp.levels, dtype=np.int64)

    def add(self, x: np.ndarray, mask: np.ndarray | None):
        qp = self.qp
        scale, zp = broadcast_params(qp, x.ndim)
        q = scaled_codes(x, scale, zp, qp.scheme, fuses_zero_point(qp))
        outside = (q < qp.qmin) | (q > qp.qmax)
        np.clip(q, qp.qmin, qp.qmax, out=q)
        error = np.subtract(dequantize(q, qp), x, dtype=np.float64)
        if mask is not None:  # per channel: zero the excluded entries out of every sum
            error = np.where(mask, error, 0.0)
            outside &= mask
            q = q[mask]
        x64 = np.asarray(x, dtype=np.float64).ravel()
        error = error.ravel()
        self.n += q.size
        self.sum_x2 += float(np.dot(x64, x64))
        self.sum_e2 += float(np.dot(error, error))
        if error.size:
            self.max_abs = max(self.max_abs, float(np.max(np.abs(error))))
        self.clipped += int(np.count_nonzero(outside))
        self.code_counts += np.bincount((q.ravel().astype(np.int64) - qp.qmin), minlength=qp.levels)

    def report(self, nonfinite: int) -> dict:
        n = max(self.n, 1)
        return {"mse": self.sum_e2 / n, "sqnr_db": sqnr_from_sums(self.sum_x2, self.sum_e2),
                "max_abs_error": self.max_abs,
                "clipped_fraction": self.clipped / n,
                "levels_used": int(np.count_nonzero(self.code_counts)), "n": self.n,
                "nonfinite": nonfinite}


def _report_float32(x: np.ndarray, qp: QParams) -> dict:
    """The same report for a large float32 tensor with per-tensor parameters, in float32.

    Steps ``k = round(x / s)`` come exact from ``fastpath``; the error ``s * clamp(k) - x`` and its
    sums are computed in float32 (relative error of the sums ~1e-6, far below what is shown).
    """
    lo, hi = float(x.min()), float(x.max())    # NaN and inf show up here
    nonfinite = 0
    if not (np.isfinite(lo) and np.isfinite(hi)):
        finite = np.isfinite(x)
        nonfinite = x.size - int(np.count_nonzero(finite))
        x = x[finite]
        if x.size == 0:
            return _Totals(qp).report(nonfinite)
    x = x.reshape(-1)
    k = fastpath.steps(x, qp)
    zp = int(qp.zero_point)
    kmin, kmax = qp.qmin - zp, qp.qmax - zp
    levels_used, clipped = _levels_and_clipped(k, kmin, kmax)
    np.clip(k, kmin, kmax, out=k)
    k *= np.float32(qp.scale)      # now x_hat
    k -= x                          # now the error x_hat - x
    sum_e2, sum_x2 = float(np.dot(k, k)), float(np.dot(x, x))
    totals = _Totals(qp)
    totals.n, totals.sum_e2, totals.sum_x2 = x.size, sum_e2, sum_x2
    totals.max_abs = max(float(k.max()), -float(k.min()))
    totals.clipped = clipped
    totals.code_counts[:levels_used] = 1    # only the count of used codes is reported
    return totals.report(nonfinite)


def _levels_and_clipped(k: np.ndarray, kmin: int, kmax: int) -> tuple[int, int]:
    """How many distinct codes ``clamp(k)`` takes, and how many ``k`` lie outside [kmin, kmax].

    Counting every code with ``np.bincount`` costs more than the rest of the report, so a strided
    sample first proves a run of codes present; only values outside that run are counted.
    """
    levels = kmax - kmin + 1
    sample = np.clip(k[::97], kmin, kmax).astype(np.int64) - kmin
    present = np.bincount(sample, minlength=levels) > 0
    first, last = _longest_run(present)
    core_lo, core_hi = np.float32(kmin + first), np.float32(kmin + last)
    tails = k[(k < core_lo) | (k > core_hi)]
    clipped = int(np.count_nonzero(tails < kmin)) + int(np.count_nonzero(tails > kmax))
    present[np.clip(tails, kmin, kmax).astype(np.int64) - kmin] = True
    return int(np.count_nonzero(present)), clipped


def _longest_run(present: np.ndarray) -> tuple[int, int]:
    """First and last index of the longest run of True (``present`` has at least one True)."""
    edges = np.diff(np.concatenate([[0], present.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    best = int(np.argmax(ends - starts))
    return int(starts[best]), int(ends[best]) - 1
