r"""ONNX's ``QLinearMatMul`` as ONNX Runtime 1.32 runs it on the CPU: a matrix product of codes.

.. math:: y_{ij} =
    \operatorname{clamp}\Big(\operatorname{round}\big(M \textstyle\sum_k (a_{ik} - z_a)(b_{kj} - z_b)\big) + z_y,\
    q_{min},\ q_{max}\Big), \qquad M = \frac{s_a s_b}{s_y}

The accumulator is exact (int32). The multiplier is float32, ``(s_a * s_b) / s_y``; the accumulator
is converted to float32 and multiplied by it in float32, rounded half to even, and the output zero
point is added after the rounding, as in ``QuantizeLinear``. Per-column scales and zero points of
``b`` (``axis=1``) give one multiplier per output column. TFLite instead requantizes in fixed
point (``quantviz.intarith.intkernels``).
"""
from __future__ import annotations

import numpy as np

from ..affine import QParams
from .intkernels import accumulate


def _column_params(qp: QParams, n: int):
    """Scale (float32) and zero point (int64) of ``b`` per output column, shape (n,)."""
    if qp.axis not in (None, 1):
        raise ValueError("b's parameters must be per tensor or per column (axis=1)")
    scale = np.broadcast_to(np.asarray(qp.scale, np.float32), (n,))
    zero_point = np.broadcast_to(np.asarray(qp.zero_point, np.int64), (n,))
    return scale, zero_point


def qlinear_matmul(a, a_qp: QParams, b, b_qp: QParams, y_qp: QParams) -> np.ndarray:
    """Codes ``a`` (m, k) times codes ``b`` (k, n) -> output codes (m, n) in ``y_qp``'s dtype.

    ``a_qp`` and ``y_qp`` per tensor; ``b_qp`` per tensor or per column (``axis=1``).
    """
    a, b = np.asarray(a), np.asarray(b)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
        raise ValueError(f"QLinearMatMul needs a (m, k) and b (k, n), got shapes {a.shape} and {b.shape}")
    if a_qp.axis is not None or y_qp.axis is not None:
        raise ValueError("a and y need per-tensor parameters")
    s_b, z_b = _column_params(b_qp, b.shape[1])
    acc = accumulate(a, b.T, int(a_qp.zero_point), z_b)                     # (m, n) int64
    multiplier = (np.float32(a_qp.scale) * s_b).astype(np.float32) / np.float32(y_qp.scale)  # (n,)
    scaled = np.multiply(acc.astype(np.float32), multiplier.astype(np.float32), dtype=np.float32)
    y = np.rint(scaled).astype(np.int64) + int(y_qp.zero_point)
    return np.clip(y, y_qp.qmin, y_qp.qmax).astype(y_qp.dtype)
