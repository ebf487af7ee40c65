r"""llama.cpp's original block formats: ``Q8_0``, ``Q4_0``, ``Q4_1``, ``Q5_0`` and the ternary ``TQ2_0``.

Each block stores a float16 scale ``d`` (and for ``Q4_1`` a float16 minimum ``m``) beside its
integer codes ``q``; a weight reads back as

.. math:: \hat{x} = d \, (q - q_0) \quad (\texttt{Q8\_0}, \texttt{Q4\_0}, \texttt{Q5\_0}, \texttt{TQ2\_0}), \qquad
    \hat{x} = d \, q + m \quad (\texttt{Q4\_1})

with :math:`q_0` the code of zero (0, 8, 16 and 1). Scales are chosen as llama.cpp's reference
routines (``quantize_row_*_ref`` in ``ggml-quants.c``) choose them, in float32, so that the bytes
equal those of ``gguf.quants``. Layouts, one block each (bytes, little-endian)::

    Q8_0  (32 values, 34 bytes, 8.5 bits per weight)
      | d f16 | q0 q1 ... q31 (int8) |
    Q4_0  (32 values, 18 bytes, 4.5)           Q4_1 (32 values, 20 bytes, 5.0)
      | d f16 | 16 bytes: q_j | q_(j+16) << 4 |    | d f16 | m f16 | 16 bytes as Q4_0 |
    Q5_0  (32 values, 22 bytes, 5.5)
      | d f16 | qh u32: bit j = bit 4 of q_j | 16 bytes: low 4 bits as Q4_0 |
    TQ2_0 (256 values, 66 bytes, 2.0625)
      | 64 bytes: byte 32c + m holds q_(128c + 32n + m) + 1 in bits 2n..2n+1 | d f16 |
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .blocks import (
    F16_MAX,
    Grid,
    as_blocks,
    float16_bytes,
    float16_scale,
    pack_nibbles,
    read_float16,
    round_half_away,
    unpack_nibbles,
)
from .ggml_fp4 import fit_mxfp4_gguf, fit_nvfp4_gguf, mxfp4_bytes, mxfp4_read, nvfp4_bytes, nvfp4_read
from .kquants import fit_q4_k, q4_k_bytes, q4_k_read

F32 = np.float32


def _reciprocal(d: np.ndarray) -> np.ndarray:
    """``1 / d`` in float32, 0 where ``d`` is 0 (an all-zero block), inf where it overflows."""
    with np.errstate(divide="ignore", over="ignore"):
        return np.where(d == 0, F32(0), F32(1) / d).astype(F32)


def _as_int(v: np.ndarray, inv: np.ndarray) -> np.ndarray:
    """``v`` where finite, else 0. A block of values below about 1e-37 has a float32 scale whose
    reciprocal overflows to inf, and llama.cpp converts the resulting inf or NaN to an integer:
    undefined in C, 0 on x86 and in ``gguf.quants``. Its float16 scale is 0 either way, so the
    block reads back as zeros."""
    if np.all(np.isfinite(inv)):
        return v
    return np.where(np.isfinite(v), v, F32(0))


def _signed_max(blocks: np.ndarray) -> np.ndarray:
    """Each block's value of largest magnitude, with its sign (the first one on a tie)."""
    index = np.abs(blocks).argmax(axis=1)[:, None]
    return np.take_along_axis(blocks, index, axis=1)


@dataclass(frozen=True)
class OffsetGrid(Grid):
    r"""``Q8_0``, ``Q4_0``, ``Q5_0``, ``TQ2_0``: codes ``q = clamp(round(x / d) + q_0)``, values ``d (q - q_0)``.

    ``inv`` is the reciprocal of the float32 scale the reference rounds with; ``d`` the float16
    scale stored (as float32). ``rounding`` is how the reference rounds: ``"half away"`` (C's
    ``roundf``) or ``"floor"`` of ``x / d + q_0 + 1/2`` (ties up).
    """

    inv: np.ndarray       # (n_blocks, 1) float32
    d: np.ndarray         # (n_blocks, 1) float32, the stored float16 scale
    zero: int
    qmax: int
    rounding: str
    block_size: int

    def codes(self, x, cols=slice(None)):
        with np.errstate(invalid="ignore"):             # inf * 0: see _as_int
            v = x * self.inv
            if self.rounding == "half away":
                q = _as_int(round_half_away(v), self.inv) + self.zero
            else:
                q = _as_int(np.floor(v + F32(self.zero + 0.5)), self.inv)
        return np.clip(q, 0, self.qmax).astype(np.uint8)

    def values(self, codes, cols=slice(None)):
        return self.d * (codes.astype(np.int16) - self.zero).astype(F32)


@dataclass(frozen=True)
class MinGrid(Grid):
    r"""``Q4_1``: codes ``q = clamp(\lfloor (x - min) / d + 1/2 \rfloor, 0, 15)``, values ``d q + m``."""

    inv: np.ndarray
    low: np.ndarray       # the float32 minimum the reference subtracts
    d: np.ndarray
    m: np.ndarray         # the stored float16 minimum, as float32
    qmax: int = 15
    block_size: int = 32

    def codes(self, x, cols=slice(None)):
        with np.errstate(invalid="ignore"):
            q = _as_int(np.floor((x - self.low) * self.inv + F32(0.5)), self.inv)
        return np.clip(q, 0, self.qmax).astype(np.uint8)

    def values(self, codes, cols=slice(None)):
        return self.d * codes.astype(F32) + self.m


def fit_q8_0(blocks: np.ndarray) -> OffsetGrid:
    """``d = max|x| / 127``; codes rounded half away from zero."""
    d = (np.abs(blocks).max(axis=1, keepdims=True) / F32(127)).astype(F32)
    return OffsetGrid(_reciprocal(d), float16_scale(d, "Q8_0", 127 * F16_MAX), 128, 255, "half away", 32)


def fit_q4_0(blocks: np.ndarray) -> OffsetGrid:
    """``d = max / -8`` with ``max`` the signed value of largest magnitude: it becomes code 0 (-8)."""
    d = (_signed_max(blocks) / F32(-8)).astype(F32)
    return OffsetGrid(_reciprocal(d), float16_scale(d, "Q4_0", 8 * F16_MAX), 8, 15, "floor", 32)


def fit_q5_0(blocks: np.ndarray) -> OffsetGrid:
    """``d = max / -16``, as ``Q4_0`` with 5-bit codes."""
    d = (_signed_max(blocks) / F32(-16)).astype(F32)
    return OffsetGrid(_reciprocal(d), float16_scale(d, "Q5_0", 16 * F16_MAX), 16, 31, "floor", 32)


def fit_q4_1(blocks: np.ndarray) -> MinGrid:
    """``d = (max - min) / 15`` and ``m = min``."""
    low = blocks.min(axis=1, keepdims=True)
    d = ((blocks.max(axis=1, keepdims=True) - low) / F32(15)).astype(F32)
    return MinGrid(_reciprocal(d), low, float16_scale(d, "Q4_1", F16_MAX),
                   float16_scale(low, "Q4_1", F16_MAX, "minimum"))


def fit_tq2_0(blocks: np.ndarray) -> OffsetGrid:
    """``d = max|x|``: every weight becomes -d, 0 or +d (rounded half away from zero)."""
    d = np.abs(blocks).max(axis=1, keepdims=True)
    return OffsetGrid(_reciprocal(d), float16_scale(d, "TQ2_0", F16_MAX), 1, 2, "half away", 256)


def _q8_0_bytes(g: OffsetGrid, q):
    return np.concatenate([float16_bytes(g.d), (q.astype(np.int16) - 128).astype(np.int8).view(np.uint8)], axis=1)


def _q8_0_read(b):
    d = read_float16(b[:, :2], "Q8_0")
    codes = (b[:, 2:].view(np.int8).astype(np.int16) + 128).astype(np.uint8)
    return OffsetGrid(_reciprocal(d), d, 128, 255, "half away", 32), codes


def _q4_0_bytes(g: OffsetGrid, q):
    return np.concatenate([float16_bytes(g.d), pack_nibbles(q)], axis=1)


def _q4_0_read(b):
    d = read_float16(b[:, :2], "Q4_0")
    return OffsetGrid(_reciprocal(d), d, 8, 15, "floor", 32), unpack_nibbles(b[:, 2:])


def _q4_1_bytes(g: MinGrid, q):
    return np.concatenate([float16_bytes(g.d), float16_bytes(g.m), pack_nibbles(q)], axis=1)


def _q4_1_read(b):
    d, m = read_float16(b[:, :2], "Q4_1"), read_float16(b[:, 2:4], "Q4_1")
    return MinGrid(_reciprocal(d), m, d, m), unpack_nibbles(b[:, 4:])


def _q5_0_bytes(g: OffsetGrid, q):
    high = np.packbits(q >> np.uint8(4), axis=1, bitorder="little")           # (n, 4): the qh word
    return np.concatenate([float16_bytes(g.d), high, pack_nibbles(q & np.uint8(0x0F))], axis=1)


def _q5_0_read(b):
    d = read_float16(b[:, :2], "Q5_0")
    high = np.unpackbits(b[:, 2:6], axis=1, bitorder="little")
    return OffsetGrid(_reciprocal(d), d, 16, 31, "floor", 32), unpack_nibbles(b[:, 6:]) | (high << np.uint8(4))


def _tq2_0_bytes(g: OffsetGrid, q):
    pairs = q.reshape(-1, 2, 4, 32) << (np.arange(4, dtype=np.uint8) * 2)[None, None, :, None]
    packed = np.bitwise_or.reduce(pairs, axis=2).reshape(-1, 64)
    return np.concatenate([packed, float16_bytes(g.d)], axis=1)


def _tq2_0_read(b):
    d = read_float16(b[:, 64:], "TQ2_0")
    shifts = (np.arange(4, dtype=np.uint8) * 2)[None, None, :, None]
    q = (b[:, :64].reshape(-1, 2, 1, 32) >> shifts) & np.uint8(3)
    return OffsetGrid(_reciprocal(d), d, 1, 2, "half away", 256), q.reshape(-1, 256)


@dataclass(frozen=True)
class BlockType:
    """One llama.cpp block format: values and bytes per block, how to fit, write and read it."""

    name: str
    block_size: int
    type_size: int
    fit: Callable[[np.ndarray], Grid]
    to_bytes: Callable
    from_bytes: Callable

    @property
    def bits_per_weight(self) -> float:
        """Bits per weight, scales included: ``8 * type_size / block_size``."""
        return 8 * self.type_size / self.block_size


TYPES = {t.name: t for t in (
    BlockType("Q8_0", 32, 34, fit_q8_0, _q8_0_bytes, _q8_0_read),
    BlockType("Q5_0", 32, 22, fit_q5_0, _q5_0_bytes, _q5_0_read),
    BlockType("Q4_1", 32, 20, fit_q4_1, _q4_1_bytes, _q4_1_read),
    BlockType("Q4_0", 32, 18, fit_q4_0, _q4_0_bytes, _q4_0_read),
    BlockType("Q4_K", 256, 144, fit_q4_k, q4_k_bytes, q4_k_read),
    BlockType("TQ2_0", 256, 66, fit_tq2_0, _tq2_0_bytes, _tq2_0_read),
    BlockType("MXFP4", 32, 17, fit_mxfp4_gguf, mxfp4_bytes, mxfp4_read),
    BlockType("NVFP4", 64, 36, fit_nvfp4_gguf, nvfp4_bytes, nvfp4_read),
)}


def quantize(w, name: str) -> np.ndarray:
    """Rows of weights to llama.cpp's block bytes: ``(..., n)`` float to ``(..., n / block_size *
    type_size)`` uint8, equal to ``gguf.quants.quantize`` where it implements the format."""
    t = block_type(name)
    w = np.asarray(w)
    blocks = as_blocks(w, t.block_size, name)
    grid = t.fit(blocks)
    data = t.to_bytes(grid, grid.codes(blocks))
    return data.reshape(*w.shape[:-1], -1) if w.ndim else data.ravel()


def dequantize(data, name: str) -> np.ndarray:
    """Block bytes back to float32 weights, bit for bit as ``gguf.quants.dequantize``.

    Raises ``ValueError`` for data that cannot be this format: not bytes, a row that is not a
    whole number of blocks, or a scale that is NaN or inf.
    """
    t = block_type(name)
    data = np.asarray(data)
    if data.dtype != np.uint8:
        raise ValueError(f"{name} data are bytes (uint8), got {data.dtype}")
    if data.ndim == 0 or data.shape[-1] % t.type_size:
        raise ValueError(f"{name} stores {t.type_size} bytes per block of {t.block_size} values; "
                         f"rows of {data.shape[-1] if data.ndim else 0} bytes are not whole blocks")
    grid, codes = t.from_bytes(np.ascontiguousarray(data).reshape(-1, t.type_size))
    return grid.values(codes).reshape(*data.shape[:-1], -1)


def block_type(name: str) -> BlockType:
    if name not in TYPES:
        raise ValueError(f"unknown llama.cpp block format {name!r}: choose one of {', '.join(TYPES)}")
    return TYPES[name]
