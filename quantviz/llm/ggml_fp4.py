r"""The 4-bit float formats in llama.cpp's files: ``MXFP4`` and ``NVFP4`` blocks, byte for byte.

Both store FP4 E2M1 codes (the element's bit pattern, values 0, ±0.5, ±1, ±1.5, ±2, ±3, ±4, ±6)
in llama.cpp's nibble order, with a per-block scale and no tensor scale::

    MXFP4 (32 values, 17 bytes, 4.25 bits per weight)
      | e: E8M0 byte, X = 2^(e - 127) | 16 bytes: byte j holds code j | code (j + 16) << 4 |
    NVFP4 (64 values as 4 sub-blocks of 16, 36 bytes, 4.5 bits per weight)
      | 4 bytes: E4M3 scale s_k of sub-block k | 4 x 8 bytes: byte 8k + j holds code j | code (j + 8) << 4 |

.. math:: \hat{x} = X \cdot P \quad (\text{MXFP4}), \qquad \hat{x} = s_k \cdot P \quad (\text{NVFP4})

The quantizers follow llama.cpp's reference routines (``quantize_row_mxfp4_ref``,
``quantize_row_nvfp4_ref``), which differ from the OCP and NVIDIA rules of
``quantviz.llm.microscaling`` in three small ways, kept here so that the bytes match:

- each value takes the nearest E2M1 value with **ties toward zero** (IEEE casts: ties to even),
  and a value that rounds to zero is stored as +0 (code 0), whatever its sign;
- MXFP4's exponent is :math:`\lfloor \log_2 \max|x| \rfloor - 2` computed with a float32
  ``log2``: a block maximum a few units in the last place below a power of two gets the next
  exponent up; below :math:`2^{-125}` (where llama.cpp's byte wraps around) it stays at
  :math:`2^{-127}`;
- NVFP4's sub-block scale is :math:`\max|x| / 6` rounded to E4M3 by ``ml_dtypes`` (ties to
  even). llama.cpp's own conversion differs for three kinds of scale: exact ties (it rounds them
  up), the largest subnormals from 0.014648 to 0.015625 (it cannot round them up to the
  smallest normal number, :math:`2^{-6}`), and every scale from 248 up (it stores 448).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .blocks import Grid, on_sub_blocks, pack_nibbles, unpack_nibbles
from .microscaling import E2M1, E4M3, SCALE_BIAS, e4m3_scale, e8m0_scale

F32 = np.float32
MAGNITUDES = E2M1.decode(np.arange(8, dtype=np.uint8))          # 0, 0.5, 1, 1.5, 2, 3, 4, 6
MIDPOINTS = (MAGNITUDES[1:] + MAGNITUDES[:-1]) / 2                  # 0.25, 0.75, ..., 5
VALUES = E2M1.decode(np.arange(16, dtype=np.uint8)) + F32(0)      # llama.cpp's table: code 8 is +0, not -0


def e2m1_toward_zero(x: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """E2M1 codes of ``x / scale``: nearest value, ties toward zero, zero always code 0.

    Compares ``|x|`` with each midpoint times the scale (exact in float32: both have few
    significant bits), as llama.cpp's search over the 16 codes decides; a zero scale gives code 0.
    """
    magnitude = np.abs(x)
    index = np.zeros(x.shape, np.uint8)
    for midpoint in MIDPOINTS:
        index += magnitude > F32(midpoint) * scale
    index = np.where(scale == 0, np.uint8(0), index)
    return np.where((x < 0) & (index > 0), index | np.uint8(8), index).astype(np.uint8)


@dataclass(frozen=True)
class FP4Grid(Grid):
    """E2M1 elements times a scale per (sub-)block: ``scale_bytes`` and their values ``scale``,
    both of shape ``(n, n_sub)``."""

    scale_bytes: np.ndarray
    scale: np.ndarray
    block_size: int
    sub_size: int

    def codes(self, x, cols=slice(None)):
        return on_sub_blocks(e2m1_toward_zero, x, (self.scale,), self.sub_size, cols, self.block_size)

    def values(self, codes, cols=slice(None)):
        with np.errstate(over="ignore"):       # 6 * 2^127 is beyond float32: inf, as in llama.cpp
            return on_sub_blocks(lambda q, s: VALUES[q] * s, codes, (self.scale,), self.sub_size, cols,
                                 self.block_size)


def mxfp4_exponent_byte(blocks: np.ndarray) -> np.ndarray:
    """llama.cpp's E8M0 byte, :math:`\\lfloor \\log_2 \\max|x| \\rfloor - 2 + 127` (float32 log2), at least 0."""
    amax = np.abs(blocks).max(axis=1, keepdims=True)
    with np.errstate(divide="ignore"):
        exponent = np.floor(np.log2(amax)) - F32(2) + F32(SCALE_BIAS)
    return np.where(amax > 0, np.maximum(exponent, 0), 0).astype(np.uint8)


def fit_mxfp4_gguf(blocks: np.ndarray) -> FP4Grid:
    e = mxfp4_exponent_byte(blocks)
    return FP4Grid(e, e8m0_scale(e), 32, 32)


def mxfp4_bytes(grid: FP4Grid, codes: np.ndarray) -> np.ndarray:
    return np.concatenate([grid.scale_bytes, pack_nibbles(codes)], axis=1)


def mxfp4_read(data: np.ndarray):
    e = np.ascontiguousarray(data[:, :1])
    return FP4Grid(e, e8m0_scale(e), 32, 32), unpack_nibbles(data[:, 1:])


def fit_nvfp4_gguf(blocks: np.ndarray) -> FP4Grid:
    s = E4M3.cast(np.abs(blocks.reshape(-1, 4, 16)).max(axis=2) / F32(E2M1.max))
    return FP4Grid(s, e4m3_scale(s), 64, 16)


def nvfp4_bytes(grid: FP4Grid, codes: np.ndarray) -> np.ndarray:
    quants = pack_nibbles(codes.reshape(-1, 4, 16)).reshape(-1, 32)
    return np.concatenate([grid.scale_bytes, quants], axis=1)


def nvfp4_read(data: np.ndarray):
    s = np.ascontiguousarray(data[:, :4])
    return FP4Grid(s, e4m3_scale(s), 64, 16), unpack_nibbles(data[:, 4:].reshape(-1, 4, 8)).reshape(-1, 64)
