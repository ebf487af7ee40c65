r"""Group-wise integer quantization, as GPTQ and AWQ checkpoints store 2- to 8-bit weights.

Each row of a weight matrix is cut into groups of ``g`` consecutive weights (8 to 1024, or the
whole row: per channel, or the whole tensor: per tensor); each group has its own scale, stored
as float16, and the affine mapping of ``quantviz.affine``:

.. math:: \hat{x} = s \, (q - z), \qquad \text{symmetric: } s = \frac{\max |x|}{2^{b-1} - 1},\ z = 0, \qquad
    \text{asymmetric: } s = \frac{\max x - \min x}{2^b - 1},\ z = \operatorname{round}\Big(-\frac{\min x}{s}\Big)

(symmetric codes :math:`-(2^{b-1} - 1) \dots 2^{b-1} - 1`; asymmetric codes :math:`0 \dots 2^b - 1`
with the range widened to contain 0, and a ``b``-bit zero point stored beside the scale)::

    one group:   | s: float16 | (z: b bits, asymmetric) | q_0 q_1 ... q_(g-1): b bits each |
    bits per weight = b + 16 / g (symmetric),   b + (16 + b) / g (asymmetric)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..affine import QParams, choose_qparams, dequantize, quantize
from .blocks import F16_MAX, Grid, as_blocks, float16_scale

MIN_GROUP, MAX_GROUP = 8, 1024
MIN_BITS, MAX_BITS = 2, 8
F16_TINY = float(np.finfo(np.float16).smallest_subnormal)


def check_settings(bits: int, group_size) -> None:
    if isinstance(bits, bool) or not isinstance(bits, (int, np.integer)) or not MIN_BITS <= bits <= MAX_BITS:
        raise ValueError(f"bits must be a whole number from {MIN_BITS} to {MAX_BITS}, got {bits!r}")
    if group_size in ("channel", "tensor"):
        return
    if isinstance(group_size, bool) or not isinstance(group_size, (int, np.integer)) \
            or not MIN_GROUP <= group_size <= MAX_GROUP:
        raise ValueError(f"group size must be a whole number from {MIN_GROUP} to {MAX_GROUP}, "
                         f"'channel' or 'tensor', got {group_size!r}")


def bits_per_weight(bits: int, group_values: int, symmetric: bool) -> float:
    """Code bits plus the group's float16 scale (and ``bits``-bit zero point) shared by its values."""
    return bits + (16 if symmetric else 16 + bits) / group_values


def group_blocks(w, group_size) -> np.ndarray:
    """``w`` as groups ``(n_groups, g)``: rows cut into groups, one group per row, or one in all."""
    w = np.asarray(w)
    if group_size == "tensor":
        return as_blocks(w.reshape(1, -1), max(w.size, 1), "per-tensor quantization")
    size = (w.shape[-1] if w.ndim else 1) if group_size == "channel" else group_size
    return as_blocks(w, size, f"group-wise quantization (groups of {size})")


@dataclass(frozen=True)
class IntGrid(Grid):
    """One ``QParams`` per group (``axis=0``: one scale and zero point per row of blocks)."""

    qparams: QParams
    block_size: int

    def codes(self, x, cols=slice(None)):
        return quantize(x, self.qparams)

    def values(self, codes, cols=slice(None)):
        return dequantize(codes, self.qparams)


def fit_groupwise(blocks: np.ndarray, bits: int = 4, symmetric: bool = True) -> IntGrid:
    """Scale (rounded to float16, as stored) and zero point of each group ``(n, g)``."""
    if symmetric:
        absmax = np.abs(blocks).max(axis=1).astype(np.float64)
        qp = choose_qparams(-absmax, absmax, bits, signed=True, symmetric=True, narrow_range=True, axis=0)
    else:
        qp = choose_qparams(blocks.min(axis=1), blocks.max(axis=1), bits, signed=False, axis=0)
    holds = F16_MAX * (qp.qmax - qp.qmin) / (2 if symmetric else 1)
    scale = float16_scale(qp.scale.astype(np.float32), f"INT{bits}", holds).astype(np.float64)
    scale = np.maximum(scale, F16_TINY)       # below float16's smallest scale the group reads as 0
    return IntGrid(QParams(scale, qp.zero_point, qp.qmin, qp.qmax, axis=0), blocks.shape[1])


@dataclass(frozen=True)
class GroupwiseInt:
    """A group-wise quantized tensor: integer codes per group and the groups' parameters."""

    shape: tuple
    bits: int
    symmetric: bool
    codes: np.ndarray        # (n_groups, g)
    qparams: QParams         # scale (float16 values) and zero point per group

    @property
    def bits_per_weight(self) -> float:
        return bits_per_weight(self.bits, self.codes.shape[1], self.symmetric)


def groupwise_quantize(w, bits: int = 4, group_size=128, symmetric: bool = True) -> GroupwiseInt:
    """Quantize ``w`` group-wise along its rows (``group_size``: 8..1024, ``"channel"``, ``"tensor"``)."""
    check_settings(bits, group_size)
    blocks = group_blocks(w, group_size)
    grid = fit_groupwise(blocks, bits, symmetric)
    return GroupwiseInt(np.shape(w), bits, symmetric, grid.codes(blocks), grid.qparams)


def groupwise_dequantize(q: GroupwiseInt) -> np.ndarray:
    """The weights as stored, float32, in the original shape."""
    return dequantize(q.codes, q.qparams).reshape(q.shape)
