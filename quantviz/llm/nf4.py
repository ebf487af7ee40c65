r"""NF4, the 4-bit NormalFloat of QLoRA (Dettmers et al. 2023), with double quantization.

A block of 64 weights is divided by its absolute maximum :math:`c` and each value takes the
nearest of 16 fixed levels :math:`v_k` in [-1, 1], placed at quantiles of a standard normal
distribution (where normally distributed weights are dense, the levels are dense):

.. math:: q_i = \arg\min_k \left| \frac{x_i}{c} - v_k \right|, \qquad \hat{x}_i = c \, v_{q_i}, \qquad
    c = \max_{i \in \text{block}} |x_i|

The levels: 8 quantiles of :math:`N(0, 1)` at probabilities evenly spaced from 0.5 to
:math:`\delta = 0.9677083` for the positive side, 7 for the negative side, and an exact 0, all
divided by the largest (``normal_float_levels``; the table is bitsandbytes' float32 one).

**Double quantization** stores the float32 absmax values themselves in 8 bits: their mean is
subtracted and each group of 256 is scaled by its own float32 absmax and cast to 8-bit float
(E4M3, per the paper's "8-bit Floats"; bitsandbytes uses its own 8-bit code). Layout::

    per 64 weights:   | 32 bytes: 4-bit codes | c: float32 (or 8 bits with double quantization) |
    per 256 blocks:   | float32 scale of the c's |        (+ one float32 mean per tensor)
    bits per weight:  4 + 32/64 = 4.5;   double quantization: 4 + 8/64 + 32/(64 * 256) = 4.127
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from .blocks import Grid, as_blocks, nearest_in_codebook
from .microscaling import E4M3

F32 = np.float32
BLOCK, SCALE_GROUP = 64, 256
OFFSET = 0.9677083
LEVELS = np.array([
    -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
    -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
    0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
    0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0], dtype=F32)


def normal_float_levels(offset: float = OFFSET) -> np.ndarray:
    r"""The 16 NF4 levels from normal quantiles :math:`\Phi^{-1}(p)` (float64, ascending).

    .. math:: v = \operatorname{sort}\Big(\{\Phi^{-1}(p_j)\}_{j=1}^{8} \cup \{0\} \cup
        \{-\Phi^{-1}(p'_j)\}_{j=1}^{7}\Big) \Big/ \max_k v_k

    with :math:`p_j` and :math:`p'_j` evenly spaced from :math:`\delta` down to 0.5 (9 and 8
    points, the last one, 0.5, dropped).
    """
    quantile = NormalDist().inv_cdf
    positive = [quantile(p) for p in np.linspace(offset, 0.5, 9)[:-1]]
    negative = [-quantile(p) for p in np.linspace(offset, 0.5, 8)[:-1]]
    levels = np.sort(np.array(positive + [0.0] + negative))
    return levels / levels.max()


@dataclass(frozen=True)
class NF4Grid(Grid):
    """Levels times a per-block absmax: ``absmax`` divides when rounding, ``stored`` (the absmax
    as stored, after double quantization) multiplies when reading back."""

    absmax: np.ndarray       # (n, 1) float32
    stored: np.ndarray       # (n, 1) float32
    block_size: int = BLOCK

    def codes(self, x, cols=slice(None)):
        zero = self.absmax == 0
        with np.errstate(divide="ignore", invalid="ignore"):
            normalized = np.where(zero, F32(0), x / np.where(zero, F32(1), self.absmax))
        return nearest_in_codebook(normalized, LEVELS)

    def values(self, codes, cols=slice(None)):
        return LEVELS[codes] * self.stored


@dataclass(frozen=True)
class DoubleQuant:
    """Absmax values in 8 bits: E4M3 codes, a float32 scale per 256, one float32 mean."""

    codes: np.ndarray        # (n,) uint8
    scales: np.ndarray       # (ceil(n / 256),) float32
    mean: float

    def values(self) -> np.ndarray:
        r""":math:`\hat{c} = \operatorname{E4M3}(q) \, s_g + \bar{c}` as float32."""
        group_scale = np.repeat(self.scales, SCALE_GROUP)[:self.codes.size]
        return E4M3.decode(self.codes) * group_scale + F32(self.mean)


def double_quantize(absmax: np.ndarray) -> DoubleQuant:
    r"""Absmax values ``(n,)`` to 8 bits: :math:`q = \operatorname{E4M3}\big((c - \bar{c}) / s_g\big)`,
    :math:`s_g = \max_{g} |c - \bar{c}| / 448` per group of 256."""
    absmax = np.asarray(absmax, dtype=F32).ravel()
    mean = F32(absmax.mean(dtype=np.float64))
    centred = absmax - mean
    padded = np.zeros(-(-absmax.size // SCALE_GROUP) * SCALE_GROUP, F32)
    padded[:absmax.size] = centred
    group_max = np.abs(padded.reshape(-1, SCALE_GROUP)).max(axis=1)
    scales = np.where(group_max > 0, group_max / F32(E4M3.max), F32(1)).astype(F32)
    codes = E4M3.cast(centred / np.repeat(scales, SCALE_GROUP)[:absmax.size])
    return DoubleQuant(codes, scales, float(mean))


def fit_nf4(blocks: np.ndarray, double_quant: bool = False) -> NF4Grid:
    """Each block's absmax; with ``double_quant`` the values read back use the 8-bit absmax."""
    absmax = np.abs(blocks).max(axis=1, keepdims=True)
    stored = double_quantize(absmax).values()[:, None] if double_quant else absmax
    return NF4Grid(absmax, stored)


@dataclass(frozen=True)
class NF4:
    """An NF4 tensor: 4-bit level indices per block, and the absmax (float32, or double-quantized)."""

    shape: tuple
    codes: np.ndarray                    # (n_blocks, 64) uint8, indices into LEVELS
    absmax: np.ndarray | None            # (n_blocks,) float32, without double quantization
    double_quant: DoubleQuant | None

    @property
    def bits_per_weight(self) -> float:
        return bits_per_weight(self.double_quant is not None)


def bits_per_weight(double_quant: bool) -> float:
    """4 + 32/64 = 4.5, or with double quantization 4 + 8/64 + 32/(64 * 256) = 4.127."""
    if double_quant:
        return 4 + 8 / BLOCK + 32 / (BLOCK * SCALE_GROUP)
    return 4 + 32 / BLOCK


def nf4_quantize(w, double_quant: bool = True) -> NF4:
    """Rows of ``w`` (a multiple of 64 values each) to NF4; codes are chosen with the exact absmax."""
    blocks = as_blocks(w, BLOCK, "NF4")
    grid = fit_nf4(blocks)
    absmax = grid.absmax[:, 0]
    if double_quant:
        return NF4(np.shape(w), grid.codes(blocks), None, double_quantize(absmax))
    return NF4(np.shape(w), grid.codes(blocks), absmax, None)


def nf4_dequantize(q: NF4) -> np.ndarray:
    """The weights as stored, float32 (with the 8-bit absmax after double quantization)."""
    absmax = q.double_quant.values() if q.double_quant is not None else q.absmax
    return (LEVELS[q.codes] * absmax[:, None]).reshape(q.shape)
