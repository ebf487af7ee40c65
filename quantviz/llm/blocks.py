r"""What every block format shares: weights cut into blocks, checks with a clear message, grids.

A block format stores a row of weights as blocks of ``block_size`` consecutive values, each block
with its own scale (and sometimes a minimum). Quantizing one block has two steps:

1. **fit**: choose the block's scales from its values; they fix the *grid*, the set of values
   the block can take;
2. **round**: put each value on that grid (integer codes), then read the codes back as reals.

Every format here is written as ``fit_<format>(blocks) -> Grid`` and the grid's ``codes`` and
``values``. Round-to-nearest quantization is ``fit`` then ``round`` on the same values; GPTQ fits
a group once and then rounds its columns one at a time, after earlier columns' errors have moved
them (``quantviz.llm.gptq``).
"""
from __future__ import annotations

import numpy as np

F16_MAX = 65504.0


def as_blocks(w, block_size: int, name: str) -> np.ndarray:
    """``w`` as a float32 array of shape ``(n_blocks, block_size)``: rows cut into blocks.

    Blocks run along the last axis (a dense layer's input features). Raises ``ValueError`` for
    NaN or inf, an empty tensor, or rows that are not a whole number of blocks.
    """
    w = np.asarray(w)
    if w.size == 0:
        raise ValueError(f"{name}: the tensor is empty, pass at least one block of {block_size} values")
    check_finite(w, name)
    row = w.shape[-1] if w.ndim else 1
    if row % block_size:
        raise ValueError(f"{name} stores rows in blocks of {block_size} values, but these rows have "
                         f"{row}: choose a layer whose rows are a multiple of {block_size} "
                         "or a format with smaller blocks")
    return np.ascontiguousarray(w, dtype=np.float32).reshape(-1, block_size)


def check_finite(w: np.ndarray, name: str) -> None:
    """Raise ``ValueError`` naming the first NaN or inf (no format here can store one), or a
    value beyond float32's range (every format here computes in float32). bfloat16 and other
    ``ml_dtypes`` floats are checked as float32."""
    w = np.asarray(w)
    if w.dtype.kind == "V":
        w = w.astype(np.float32)
    if w.dtype.kind != "f" or w.size == 0:
        return
    lo, hi = w.min(), w.max()                      # NaN and inf show up here
    if not (np.isfinite(lo) and np.isfinite(hi)):
        bad = np.flatnonzero(~np.isfinite(w.ravel()))
        index = tuple(int(i) for i in np.unravel_index(int(bad[0]), w.shape))
        raise ValueError(f"{name} cannot store {w.ravel()[bad[0]]} (at index {index}, {bad.size} "
                         "such values): replace NaN and inf first")
    if max(-float(lo), float(hi)) > float(np.finfo(np.float32).max):
        raise ValueError(f"{name} works in float32, whose largest value is about 3.4e38: "
                         "scale these weights down first")


def float16_scale(d: np.ndarray, name: str, holds: float, what: str = "scale") -> np.ndarray:
    """float32 block scales rounded to float16 (as stored), returned as float32.

    A scale beyond float16's range would be stored as inf and turn its block into inf and NaN:
    that is refused, saying which block and about how large a value the format ``holds``.
    Scales below float16's smallest subnormal (6e-8) round to 0: those blocks read back as 0.
    """
    with np.errstate(over="ignore"):
        d16 = np.asarray(d, dtype=np.float32).astype(np.float16)
    if not np.all(np.isfinite(d16)):
        block = int(np.flatnonzero(~np.isfinite(d16.ravel()))[0])
        raise ValueError(f"{name} stores each block's {what} as a float16 (at most {F16_MAX:.0f}), so it "
                         f"holds values up to about {holds:.3g}; block {block} needs a {what} of "
                         f"{float(np.ravel(d)[block]):.3g}: scale the weights down, or choose a format "
                         "with float32 scales (NF4, NVFP4) or power-of-two scales (MX)")
    return d16.astype(np.float32)


def float16_bytes(v: np.ndarray) -> np.ndarray:
    """One float16 per block (``(n, 1)`` float32 holding float16 values) as ``(n, 2)`` bytes."""
    return v.astype(np.float16).view(np.uint8).reshape(v.shape[0], 2)


def read_float16(data: np.ndarray, name: str) -> np.ndarray:
    """Bytes ``(n, 2)`` as float16 scales ``(n, 1)`` in float32; NaN or inf is refused."""
    d = np.ascontiguousarray(data).view(np.float16).astype(np.float32)
    if not np.all(np.isfinite(d)):
        block = int(np.flatnonzero(~np.isfinite(d.ravel()))[0])
        raise ValueError(f"{name}: block {block} stores a scale of {d.ravel()[block]}: "
                         "the data is damaged or is not in this format")
    return d


def round_half_away(v: np.ndarray) -> np.ndarray:
    r"""Round to the nearest integer,
    ties away from zero (C's ``roundf``): :math:`\operatorname{sign}(v)\lfloor |v| + \tfrac12 \rfloor`.

    Computed so that ``0.49999997 + 0.5`` does not round up to 1 in float32.
    """
    a = np.abs(v)
    floored = np.floor(a)
    return np.copysign(floored + (a - floored >= 0.5), v)


def nearest_in_codebook(v: np.ndarray, codebook: np.ndarray) -> np.ndarray:
    """Index of the nearest entry of an ascending ``codebook`` for each ``v``: the number of
    midpoints between entries that lie below ``v``, so a value exactly halfway takes the lower
    entry. Returns uint8 indices (a pass per midpoint: faster than a binary search here)."""
    midpoints = (codebook[1:] + codebook[:-1]) / 2
    index = np.zeros(np.shape(v), np.uint8)
    for midpoint in midpoints:
        index += v > midpoint
    return index


def pack_nibbles(codes: np.ndarray) -> np.ndarray:
    """4-bit codes ``(n, k)`` to bytes ``(n, k/2)``: byte ``j`` holds code ``j`` in its low half
    and code ``j + k/2`` in its high half (llama.cpp's order)."""
    half = codes.shape[-1] // 2
    return (codes[..., :half] | (codes[..., half:] << np.uint8(4))).astype(np.uint8)


def unpack_nibbles(packed: np.ndarray) -> np.ndarray:
    """The inverse of ``pack_nibbles``: bytes ``(n, k/2)`` to codes ``(n, k)``."""
    return np.concatenate([packed & np.uint8(0x0F), packed >> np.uint8(4)], axis=-1)


def on_sub_blocks(fn, a: np.ndarray, params, sub_size: int, cols: slice, block_size: int) -> np.ndarray:
    """``fn(a, *params)`` where each parameter ``(n, n_sub)`` holds one number per sub-block of
    ``sub_size`` values and ``a`` ``(n, len(cols))`` holds the columns ``cols`` of ``n`` blocks.

    Whole blocks are seen as ``(n, n_sub, sub_size)``, so the parameters broadcast without
    being copied out to every value; a few columns pick their sub-blocks' parameters.
    """
    if cols == slice(None):
        n = a.shape[0]
        return fn(a.reshape(n, -1, sub_size), *(p[:, :, None] for p in params)).reshape(n, -1)
    index = np.arange(block_size)[cols] // sub_size
    return fn(a, *(p[:, index] for p in params))


class Grid:
    """The values a block can take once its scales are fixed (see the module docstring).

    Subclasses hold their scales with one row per block and define ``codes(x, cols)`` (the
    integer codes of values ``x`` in columns ``cols`` of their blocks) and ``values(codes, cols)``.
    """

    block_size: int

    def codes(self, x: np.ndarray, cols: slice = slice(None)) -> np.ndarray:
        raise NotImplementedError

    def values(self, codes: np.ndarray, cols: slice = slice(None)) -> np.ndarray:
        raise NotImplementedError

    def round(self, x: np.ndarray, cols: slice = slice(None)) -> np.ndarray:
        """Values ``x`` (shape ``(n_blocks, len(cols))``) on this grid, as float32."""
        return self.values(self.codes(np.asarray(x, dtype=np.float32), cols), cols)
