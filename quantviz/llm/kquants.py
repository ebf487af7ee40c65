r"""llama.cpp's ``Q4_K``: 256-value super-blocks of eight 32-value sub-blocks, each sub-block with its
own 6-bit scale and 6-bit minimum, themselves scaled by two float16 numbers per super-block.

.. math:: \hat{x} = (d \cdot s_j) \, q - (d_{min} \cdot m_j), \qquad
    q \in \{0, \dots, 15\},\ s_j, m_j \in \{0, \dots, 63\}

for a weight in sub-block :math:`j`. A super-block costs 144 bytes: 4.5 bits per weight::

    | d f16 | dmin f16 | 12 bytes of 6-bit s_j, m_j | 128 bytes: 4-bit codes |

    the 12 bytes:  byte j    (j < 4): s_j     in bits 0-5, bits 4-5 of s_(j+4) in bits 6-7
                   byte 4+j  (j < 4): m_j     in bits 0-5, bits 4-5 of m_(j+4) in bits 6-7
                   byte 8+j  (j < 4): bits 0-3 of s_(j+4) in bits 0-3, of m_(j+4) in bits 4-7
    the 128 bytes: four runs of 32; byte l of run c holds q_(64c + l) | q_(64c + 32 + l) << 4

The quantizer follows llama.cpp's reference ``quantize_row_q4_K_ref`` (no importance matrix):
each sub-block's scale and minimum come from ``make_qkx2_quants``, a search over 21 candidate
scales that refits scale and minimum by weighted least squares, weights :math:`w_i = \sqrt{\overline{x^2}} + |x_i|`.
Then the eight scales and minimums are rounded to 6 bits against the largest of each. Arithmetic is
float32 and every sum runs left to right, as in the C code (a compiler that fuses multiply-adds
may round a last bit differently there).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .blocks import F16_MAX, Grid, float16_scale, on_sub_blocks, pack_nibbles, read_float16, unpack_nibbles

F32 = np.float32
SUPER, SUB = 256, 32
HOLDS = 15 * 63 * F16_MAX      # a sub-block range of 15 steps of at most 63 * d


def sum_in_order(a: np.ndarray) -> np.ndarray:
    """Sum along the first axis, left to right in float32 as a C loop adds (numpy's ``sum``
    adds in pairs, which rounds differently)."""
    total = a[0].copy()
    for row in a[1:]:
        total += row
    return total


def _weighted_error(x, w, scale, low, levels):
    r""":math:`\sum_i w_i (s\,l_i + min - x_i)^2` per sub-block, in the C code's order."""
    diff = levels * scale
    diff += low
    diff -= x
    diff *= diff
    diff *= w
    return sum_in_order(diff)


def make_qkx2_quants(x: np.ndarray, w: np.ndarray, nmax: int = 15, rmin: float = -1.0,
                     rdelta: float = 0.1, nstep: int = 20):
    r"""Scale, minimum and codes of sub-blocks: ``x`` and the weights ``w`` are float32 of shape
    ``(32, n)``, one sub-block per column (so that each sum runs over contiguous rows).

    Start from the min-max grid, :math:`s = (\max - \min) / n_{max}` with the range widened to
    contain 0; then for :math:`k = 0 \dots n_{step}` round with :math:`1/s_k = (n_{max} + r_{min} +
    k\,r_{\delta}) / (\max - \min)` and refit scale and minimum to those codes by weighted least
    squares (the minimum kept :math:`\le 0`); whenever that lowers the weighted error, keep the new
    grid, and its minimum for the candidates after it. Returns ``(scale, minus_min, codes)``,
    ``minus_min = -min >= 0``, codes of shape ``(32, n)``.
    """
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _search(x, w, nmax, rmin, rdelta, nstep)


def _search(x, w, nmax, rmin, rdelta, nstep):
    top = x.max(axis=0)
    low = start_low = np.minimum(x.min(axis=0), F32(0))
    flat = top == low                                  # every value equal: codes 0, scale 0
    sum_w, sum_x = sum_in_order(w), sum_in_order(w * x)
    inv = F32(nmax) / (top - low)
    scale = F32(1) / inv
    levels = _levels(x, low, inv, nmax)
    best = _weighted_error(x, w, scale, low, levels)
    for k in range(nstep + 1):
        inv = (F32(rmin) + F32(rdelta) * F32(k) + F32(nmax)) / (top - low)
        trial = _levels(x, low, inv, nmax)
        this_scale, this_min, ok = _refit(x, w, trial, sum_w, sum_x)
        error = _weighted_error(x, w, this_scale, this_min, trial)
        better = ok & (error < best)
        if better.any():
            np.copyto(levels, trial, where=better)
            best = np.where(better, error, best)
            scale = np.where(better, this_scale, scale)
            low = np.where(better, this_min, low)
    levels[:, flat] = 0
    low = np.where(flat, start_low, low)
    return np.where(flat, F32(0), scale).astype(F32), (-low).astype(F32), levels.astype(np.uint8)


def _refit(x, w, levels, sum_w, sum_x):
    r"""Weighted least squares of :math:`x \approx s\,l + m` for fixed codes, :math:`m \le 0`:
    the scale, the minimum, and where the fit exists (:math:`D > 0`)."""
    lw = w * levels
    sum_l, sum_l2, sum_xl = sum_in_order(lw), sum_in_order(lw * levels), sum_in_order(lw * x)
    det = sum_w * sum_l2 - sum_l * sum_l
    ok = det > 0
    det = np.where(ok, det, F32(1))
    this_scale = (sum_w * sum_xl - sum_x * sum_l) / det
    this_min = (sum_l2 * sum_x - sum_l * sum_xl) / det
    positive = this_min > 0                            # a minimum above 0: fit the scale alone
    this_scale = np.where(positive, sum_xl / np.where(ok, sum_l2, F32(1)), this_scale)
    return this_scale, np.where(positive, F32(0), this_min), ok


def _levels(x, low, inv, nmax):
    """``nearest_int(inv * (x - min))`` clamped to ``[0, nmax]``, as float32. llama.cpp's
    ``nearest_int`` (a float trick) gives 0 or less for inf and NaN, which appear when a
    sub-block's values are so small that ``inv`` overflows: those codes are 0."""
    v = x - low
    v *= inv
    np.rint(v, out=v)
    if not np.all(np.isfinite(inv)):
        v[~np.isfinite(v)] = 0
    return np.clip(v, 0, nmax, out=v)


@dataclass(frozen=True)
class Q4KGrid(Grid):
    r"""Per super-block: eight sub-block scales :math:`d s_j` and minimums :math:`d_{min} m_j` (float32)."""

    scale: np.ndarray      # (n, 8) d * s_j
    minus_min: np.ndarray  # (n, 8) dmin * m_j
    d: np.ndarray          # (n, 1) stored float16, as float32
    dmin: np.ndarray
    s6: np.ndarray         # (n, 8) uint8, the 6-bit s_j
    m6: np.ndarray
    fallback: np.ndarray | None = None   # codes kept where a sub-block's scale is 0 (as llama.cpp)
    block_size: int = SUPER

    def codes(self, x, cols=slice(None)):
        q = on_sub_blocks(_nearest_level, x, (self.scale, self.minus_min), SUB, cols, SUPER)
        if self.fallback is not None and not np.all(self.scale):
            zero = np.repeat(self.scale == 0, SUB, axis=1)[:, cols]
            q = np.where(zero, self.fallback[:, cols], q)
        return q

    def values(self, codes, cols=slice(None)):
        return on_sub_blocks(lambda q, s, m: s * q.astype(F32) - m, codes, (self.scale, self.minus_min),
                             SUB, cols, SUPER)


def _nearest_level(x, scale, minus_min):
    """``clamp(nearest_int((x + dm) / d), 0, 15)``; a sub-block whose scale is 0 gets codes 0."""
    zero = scale == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.rint((x + minus_min) / np.where(zero, F32(1), scale))
    return np.clip(q, 0, 15).astype(np.uint8)


def fit_q4_k(blocks: np.ndarray) -> Q4KGrid:
    """Scales of super-blocks ``(n, 256)`` as ``quantize_row_q4_K_ref`` chooses them."""
    n = blocks.shape[0]
    largest = float(np.abs(blocks).max(initial=0.0))
    if largest > HOLDS:                  # refused before its squares overflow float32
        float16_scale(np.array([largest / (15 * 63)]), "Q4_K", HOLDS)
    sub_scale, sub_min, levels = _sub_blocks(blocks.reshape(n * 8, SUB))
    sub_scale, sub_min = sub_scale.reshape(n, 8), sub_min.reshape(n, 8)
    max_scale = np.maximum(sub_scale.max(axis=1), F32(0))
    max_min = np.maximum(sub_min.max(axis=1), F32(0))
    s6 = _six_bits(sub_scale, max_scale)
    m6 = _six_bits(sub_min, max_min)
    d = float16_scale((max_scale / F32(63))[:, None], "Q4_K", HOLDS)
    dmin = float16_scale((max_min / F32(63))[:, None], "Q4_K", HOLDS, "minimum")
    return Q4KGrid(d * s6.astype(F32), dmin * m6.astype(F32), d, dmin, s6, m6, levels.reshape(n, SUPER))


def _sub_blocks(x: np.ndarray, chunk: int = 8192):
    r"""``make_qkx2_quants`` over sub-blocks ``(m, 32)``, a chunk at a time (temporaries stay in
    the CPU cache), with llama.cpp's weights :math:`\sqrt{\overline{x^2}} + |x_i|`."""
    scale, minus_min = np.empty(x.shape[0], F32), np.empty(x.shape[0], F32)
    levels = np.empty(x.shape, np.uint8)
    for start in range(0, x.shape[0], chunk):
        part = np.ascontiguousarray(x[start:start + chunk].T)          # (32, chunk)
        average = np.sqrt(sum_in_order(part * part) / F32(SUB))
        s, m, q = make_qkx2_quants(part, average + np.abs(part))
        scale[start:start + chunk], minus_min[start:start + chunk] = s, m
        levels[start:start + chunk] = q.T
    return scale, minus_min, levels


def _six_bits(values, largest):
    """Round each of a super-block's eight values to 6 bits against the largest (63). When the
    largest is so small that ``63 / largest`` overflows, llama.cpp's ``nearest_int`` turns the
    inf into 0 (stored as 0); the super-block's float16 scale is 0 then anyway."""
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        inv = np.where(largest > 0, F32(63) / largest, F32(0)).astype(F32)
        v = np.rint(inv[:, None] * values)
    return np.clip(np.where(np.isfinite(v), v, 0), 0, 63).astype(np.uint8)


def q4_k_bytes(grid: Q4KGrid, codes: np.ndarray) -> np.ndarray:
    """The 144-byte super-blocks of the layout above."""
    s, m = grid.s6, grid.m6
    packed = np.concatenate([
        s[:, :4] | ((s[:, 4:] >> 4) << 6),
        m[:, :4] | ((m[:, 4:] >> 4) << 6),
        (s[:, 4:] & 0x0F) | ((m[:, 4:] & 0x0F) << 4),
    ], axis=1).astype(np.uint8)
    quants = pack_nibbles(codes.reshape(-1, 4, 64)).reshape(-1, 128)
    halves = np.concatenate([grid.d, grid.dmin], axis=1).astype(np.float16).view(np.uint8)
    return np.concatenate([halves, packed, quants], axis=1)


def q4_k_read(data: np.ndarray) -> tuple[Q4KGrid, np.ndarray]:
    """Super-blocks ``(n, 144)`` bytes to their grid and codes."""
    d, dmin = read_float16(data[:, 0:2], "Q4_K"), read_float16(data[:, 2:4], "Q4_K")
    low, mid, high = data[:, 4:8], data[:, 8:12], data[:, 12:16]
    s6 = np.concatenate([low & 0x3F, (high & 0x0F) | ((low >> 6) << 4)], axis=1)
    m6 = np.concatenate([mid & 0x3F, (high >> 4) | ((mid >> 6) << 4)], axis=1)
    codes = unpack_nibbles(data[:, 16:].reshape(-1, 4, 32)).reshape(-1, SUPER)
    return Q4KGrid(d * s6.astype(F32), dmin * m6.astype(F32), d, dmin, s6, m6), codes
