"""One block of a weight format, taken apart for drawing: its values, the numbers it stores (its
scales, by the names its format's docstring gives them), its codes, every value it could have
stored (its grid), and what it stores instead of each weight.

    block = block_anatomy(FORMATS["Q4_K"], w, index=3)
    block.levels          # (codes, block size): the grid at each position (Q4_K: per sub-block)
    block.scales          # {"d": ..., "d_min": ..., "s_j": [8 six-bit scales], "m_j": [...]}

The tensor is cut into blocks as ``compare.as_blocks_of`` cuts it (whole rows, or one sequence
padded with zeros).
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np

from ..affine import QParams
from .compare import as_blocks_of, as_matrix
from .ggml import MinGrid, OffsetGrid
from .ggml_fp4 import FP4Grid
from .groupwise import IntGrid
from .kquants import Q4KGrid
from .microscaling import SCALE_BIAS, NVFP4Grid, ScaledGrid
from .nf4 import NF4Grid
from .registry import Format


@dataclass(frozen=True)
class Block:
    """Block ``index`` of a tensor in one format (arrays of the block's length)."""

    index: int
    count: int                  # blocks in the tensor
    start: int                  # the block's first value in the tensor, row after row
    padding: int                # zeros added after the tensor's last value (last block only)
    x: np.ndarray               # the weights (float32)
    codes: np.ndarray           # what the block stores for each weight
    stored: np.ndarray          # the weights read back (float32)
    levels: np.ndarray          # (codes, block) every value each position can take, ascending
    scales: dict                # the block's stored numbers by name: a float, or an array of them


def block_count(fmt: Format, w) -> int:
    """How many blocks of ``fmt`` the tensor ``w`` is cut into."""
    return as_blocks_of(w, fmt.group_size).size // fmt.group_size


def block_anatomy(fmt: Format, w, index: int) -> Block:
    """Block ``index`` (0 to ``block_count - 1``) of ``w`` in ``fmt``; raises ``ValueError``
    where the format cannot store the tensor."""
    rows = as_blocks_of(w, fmt.group_size)
    blocks = rows.reshape(-1, fmt.group_size)
    if not 0 <= index < len(blocks):
        raise ValueError(f"block {index} does not exist: the tensor has {len(blocks)} blocks of {fmt.group_size}")
    fit = fmt.fitter(rows)
    if fmt.across_blocks:
        grid = one_block(fit(blocks), len(blocks), index)
    else:
        grid = fit(blocks[index:index + 1])
    x = blocks[index:index + 1]
    codes = grid.codes(x)
    size = as_matrix(w).size
    start = index * fmt.group_size
    return Block(index, len(blocks), start, max(0, start + fmt.group_size - size), x[0], codes[0],
                 grid.values(codes)[0], grid_levels(grid, fmt.group_size), named_scales(grid))


def one_block(grid, n: int, index: int):
    """``grid`` (fitted on ``n`` blocks) cut down to block ``index``: every array with one row
    per block keeps that row (a per-block ``QParams`` too)."""
    changes = {}
    for f in fields(grid):
        value = getattr(grid, f.name)
        if isinstance(value, np.ndarray) and value.ndim and value.shape[0] == n:
            changes[f.name] = value[index:index + 1]
        elif isinstance(value, QParams) and value.axis == 0:
            changes[f.name] = replace(value, scale=np.asarray(value.scale)[index:index + 1],
                                      zero_point=np.asarray(value.zero_point)[index:index + 1])
    return replace(grid, **changes)


def candidate_codes(grid) -> np.ndarray:
    """Every code a block of this grid's format can store."""
    if isinstance(grid, IntGrid):
        return np.arange(grid.qparams.qmin, grid.qparams.qmax + 1)
    if isinstance(grid, (OffsetGrid, MinGrid)):
        return np.arange(grid.qmax + 1, dtype=np.uint8)
    if isinstance(grid, ScaledGrid):            # MX and NVFP4: every bit pattern of the element
        return np.arange(2 ** grid.element.bits, dtype=np.uint8)
    if isinstance(grid, (Q4KGrid, NF4Grid, FP4Grid)):
        return np.arange(16, dtype=np.uint8)
    raise TypeError(f"no codes known for {type(grid).__name__}")


def grid_levels(grid, block: int) -> np.ndarray:
    """``(levels, block)``: at each position of the (one-block) grid, every value a code reads
    back as, ascending, finite ones only (an FP8 element's NaN and inf patterns are left out);
    a position with fewer distinct values than another is padded with NaN."""
    codes = candidate_codes(grid)
    with np.errstate(over="ignore", invalid="ignore"):
        values = np.stack([grid.values(np.full((1, block), c, dtype=codes.dtype))[0] for c in codes])
    columns = [np.unique(v[np.isfinite(v)]) for v in values.T.astype(np.float64)]
    out = np.full((max(len(c) for c in columns), block), np.nan)
    for j, column in enumerate(columns):
        out[:len(column), j] = column
    return out


def named_scales(grid) -> dict:
    """The numbers a block stores besides its codes, by the names of its format's docstring."""
    first = {f.name: np.asarray(getattr(grid, f.name))[0] for f in fields(grid)
             if isinstance(getattr(grid, f.name), np.ndarray)}
    if isinstance(grid, IntGrid):
        qp = grid.qparams
        return {"s": float(np.asarray(qp.scale)[0]), "z": float(np.asarray(qp.zero_point)[0])}
    if isinstance(grid, OffsetGrid):
        return {"d": float(first["d"][0]), "q_0": float(grid.zero)}
    if isinstance(grid, MinGrid):
        return {"d": float(first["d"][0]), "m": float(first["m"][0])}
    if isinstance(grid, Q4KGrid):
        return {"d": float(first["d"][0]), "d_{min}": float(first["dmin"][0]), "s_j": first["s6"], "m_j": first["m6"]}
    if isinstance(grid, NF4Grid):
        return {"c": float(first["absmax"][0]), r"\hat{c}": float(first["stored"][0])}
    if isinstance(grid, FP4Grid):
        if grid.sub_size == grid.block_size:        # MXFP4: one E8M0 exponent byte
            return {"e": float(first["scale_bytes"][0]), "X": float(first["scale"][0])}
        return {"s_k": first["scale"]}
    if isinstance(grid, NVFP4Grid):
        return {"s_b": float(first["scale"][0]), "t": float(grid.tensor_scale)}
    scale = float(first["scale"][0])              # MX: a power of two, stored as its exponent byte
    return {"e": float(np.log2(scale)) + SCALE_BIAS, "X": scale}
