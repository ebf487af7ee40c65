"""Sparse ``.tflite`` tensors made dense, as LiteRT's DENSIFY operator does.

A sparse tensor of shape :math:`(d_0, \\dots, d_{n-1})` may be cut into blocks: ``block_map[j]``
names the dimension that block dimension :math:`n + j` splits. Its values are stored in
``traversal_order``, one level per (original or block) dimension; each level's
``DimensionMetadata`` is DENSE (every index ``0 .. dense_size - 1``) or SPARSE_CSR (for entry
``p`` of the level above, the indices ``array_indices[array_segments[p] : array_segments[p + 1]]``).
Walking the levels gives every stored value its position in the dense tensor:

.. math:: \\text{flat} = \\sum_{\\ell} i_\\ell \\, w_\\ell, \\qquad
          w_\\ell = \\begin{cases} \\text{stride}_d \\cdot b_d & \\text{level } \\ell \\text{ walks dimension } d <
          n \\\\
          \\text{stride}_{\\text{block\\_map}[j]} & \\text{level } \\ell \\text{ walks block dimension } n + j
          \\end{cases}

with :math:`b_d` the block size along :math:`d` (1 if it is not blocked). Levels are expanded
with numpy one at a time; every count is checked against the dense size before it is allocated.
"""
from __future__ import annotations

import numpy as np

from .budget import count_of
from .errors import damaged

DENSE, SPARSE_CSR = 0, 1
INDEX = np.int32     # positions fit: the dense size is within the budget, the index arrays within the file


def index_vector(table_type: int, table) -> np.ndarray:
    """The values of a ``SparseIndexVector`` union (Int32Vector, Uint16Vector or Uint8Vector)."""
    import tflite
    kinds = {1: tflite.Int32Vector, 2: tflite.Uint16Vector, 3: tflite.Uint8Vector}
    if table_type not in kinds or table is None:
        return np.zeros(0, INDEX)
    vector = kinds[table_type]()
    vector.Init(table.Bytes, table.Pos)
    values = vector.ValuesAsNumpy()
    return values.astype(INDEX) if isinstance(values, np.ndarray) else np.zeros(0, INDEX)


def layout(sparsity, shape: tuple[int, ...]):
    """``(levels, sizes, weights)`` of a sparsity table in traversal order, or None if it does
    not describe ``shape``: ``levels[l]`` is ``(DENSE, size)`` or ``(SPARSE_CSR, segments, indices)``."""
    n = len(shape)
    order = [int(v) for v in (sparsity.TraversalOrderAsNumpy() if sparsity.TraversalOrderLength() else [])]
    block_map = [int(v) for v in (sparsity.BlockMapAsNumpy() if sparsity.BlockMapLength() else [])]
    k = len(block_map)
    if (sorted(order[:n]) != list(range(n)) or sorted(order[n:]) != list(range(n, n + k))
            or block_map != sorted(set(block_map)) or not all(0 <= d < n for d in block_map)
            or sparsity.DimMetadataLength() != n + k):
        return None
    levels = []
    for level in range(n + k):
        meta = sparsity.DimMetadata(level)
        if meta.Format() == DENSE:
            levels.append((DENSE, meta.DenseSize()))
        elif meta.Format() == SPARSE_CSR and order[level] < n:     # blocks are always dense
            levels.append((SPARSE_CSR, index_vector(meta.ArraySegmentsType(), meta.ArraySegments()),
                           index_vector(meta.ArrayIndicesType(), meta.ArrayIndices())))
        else:
            return None
    block_size = [levels[order.index(n + j)][1] for j in range(k)]
    if any(b <= 0 or shape[d] % b for b, d in zip(block_size, block_map)):
        return None
    blocked = {d: b for d, b in zip(block_map, block_size)}
    stride = [count_of(shape[d + 1:], 2**62) for d in range(n)]
    sizes = [shape[d] // blocked.get(d, 1) if d < n else block_size[d - n] for d in order]
    weights = [stride[d] * blocked.get(d, 1) if d < n else stride[block_map[d - n]] for d in order]
    if any(lv[0] == DENSE and lv[1] != size for lv, size in zip(levels, sizes)):
        return None
    return levels, sizes, weights


def densify(wf, name: str, raw: np.ndarray, dtype: np.dtype, sparsity, shape: tuple[int, ...]) -> np.ndarray:
    """The dense tensor of ``shape`` whose stored values are the bytes ``raw``."""
    plan = layout(sparsity, shape)
    total = count_of(shape)
    flat = walk(plan, total) if plan is not None else None
    if flat is None or raw.size != flat.size * dtype.itemsize:
        raise damaged(wf.filename, ".tflite", "sparsity", name=name, shape=shape)
    dense = np.zeros(total, dtype)
    dense[flat] = raw.view(dtype)
    return dense.reshape(shape)


def walk(plan, total: int) -> np.ndarray | None:
    """The flat dense position of every stored value, level by level (None if the levels
    point outside their arrays or the tensor)."""
    levels, sizes, weights = plan
    pos = np.zeros(1, INDEX)        # each entry's index within its level (CSR's prev_idx)
    flat = np.zeros(1, INDEX)
    reachable = 1
    for level, size, weight in zip(levels, sizes, weights):
        reachable *= size
        if level[0] == DENSE:
            if pos.size * size > min(reachable, total):
                return None
            i = np.arange(size, dtype=INDEX)
            flat = (flat[:, None] + i * weight).ravel()
            pos = (pos[:, None] * size + i).ravel()
            continue
        segments, indices = level[1], level[2]
        if pos.size and pos.max() + 1 >= segments.size:
            return None
        lo, hi = segments[pos], segments[pos + 1]
        if (lo < 0).any() or (hi < lo).any() or (hi > indices.size).any():
            return None
        counts = hi - lo
        n = int(counts.sum())
        if n > min(reachable, total):
            return None
        pos = np.repeat(lo - (np.cumsum(counts) - counts), counts) + np.arange(n, dtype=INDEX)
        coords = indices[pos]
        if coords.size and (coords.min() < 0 or coords.max() >= size):
            return None
        flat = np.repeat(flat, counts) + coords * weight
    return flat
