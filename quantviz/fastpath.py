r"""Large float32 tensors, per-tensor parameters: the same results as ``schemes.scaled_codes``, faster.

The reference path divides in float64 (or emulates PyTorch's fused multiply-add), which on a
million values costs several times more than float32 arithmetic. Here the quotient is first
estimated in float32,

.. math:: y = \mathrm{fl}_{32}(x / s) \approx x / s, \qquad k = \operatorname{round}(y),

and only the few values whose estimate lies within the estimate's error of a rounding tie
(:math:`|y - k| \ge \tfrac12 - \varepsilon`) are recomputed with the reference arithmetic. For
ONNX Runtime and TFLite the float32 division *is* the framework's arithmetic: ONNX Runtime needs
no recomputation, TFLite only at exact ties (it rounds them away from zero). The result is
bit-identical to the reference for every input.
"""
from __future__ import annotations

import numpy as np

from .schemes import fuses_zero_point, scaled_codes

MIN_SIZE = 4096                       # below this the reference path is just as fast
BLOCK = 1024


def applies(x: np.ndarray, qp) -> bool:
    return qp.axis is None and x.dtype == np.float32 and x.size >= MIN_SIZE


def steps(x: np.ndarray, qp) -> np.ndarray:
    """``round(x / s)`` per ``qp.scheme`` as a float32 array, unclamped: codes are ``steps + z``.

    NaN inputs give NaN. Equal to ``scaled_codes(x, s, z, scheme) - z`` element for element.
    """
    s32 = np.float32(qp.scale)
    with np.errstate(over="ignore"):      # float32 as in the frameworks: beyond its range, ±inf
        if qp.scheme == "pytorch":
            y = np.multiply(x, np.float32(1) / s32)
        else:
            y = np.divide(x, s32, dtype=np.float32)
    k = np.rint(y)
    if qp.scheme != "onnxruntime":
        _recompute_near_ties(x, y, k, qp)
    return k


def _recompute_near_ties(x: np.ndarray, y: np.ndarray, k: np.ndarray, qp) -> None:
    """Where ``y`` may round differently from the reference arithmetic, use the reference.

    ``y`` differs from the reference quotient by at most two float32 roundings, a relative
    2^-23; beyond the clamp range a wrong neighbour would be clamped anyway, so the bound is
    taken at the range's edge (with a factor 2 to spare). Overwrites ``y``. Suspects are found
    block by block (a max per block of 1024) because listing them over the whole array costs
    more than everything else here.
    """
    zp = int(qp.zero_point)
    reach = max(abs(qp.qmin - zp), abs(qp.qmax - zp)) + 2
    if qp.scheme == "pytorch":
        reach += abs(zp)          # PyTorch adds the zero point before it rounds to an integer
    if qp.scheme == "tflite":     # y is exact; only true ties, rounded away from zero, differ
        threshold = np.float32(0.5)
    else:
        threshold = np.float32(0.5 - reach * 2.0**-22)
    with np.errstate(invalid="ignore"):   # inf - inf: NaN, flagged below like NaN inputs
        distance = np.subtract(y, k, out=y).reshape(-1)
    np.abs(distance, out=distance)
    block_max = np.maximum.reduceat(distance, np.arange(0, distance.size, BLOCK))
    blocks = np.flatnonzero(~(block_max < threshold))      # NaN compares False: caught too
    if blocks.size == 0:
        return
    candidates = (blocks[:, None] * BLOCK + np.arange(BLOCK)).reshape(-1)
    candidates = candidates[candidates < distance.size]
    suspects = candidates[~(distance[candidates] < threshold)]
    flat_k = k.reshape(-1)
    flat_k[suspects] = scaled_codes(x.reshape(-1)[suspects], qp.scale, zp, qp.scheme, fuses_zero_point(qp)) - zp


def codes(x: np.ndarray, qp) -> np.ndarray:
    """Clamped codes ``clamp(round(x / s) + z)`` as float32, NaN mapped to the zero point."""
    k = steps(x, qp)
    zp = int(qp.zero_point)
    np.clip(k, qp.qmin - zp, qp.qmax - zp, out=k)
    if np.isnan(k.max()):
        k[np.isnan(k)] = 0
    k += zp
    return k
