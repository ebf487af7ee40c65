"""``.tflite`` files: a FlatBuffer ``Model``, read in place through ``quantviz.tflite.read``.

A constant tensor points to a ``Buffer`` holding its bytes (inline, or at an offset of the file
for big models); integer tensors with scales are dequantized; sparse tensors (``sparsity``) are
densified as LiteRT's DENSIFY does (``tflite_sparse``). Counts are checked before loops over
them: subgraphs against the budget's tables, all their tensors together against its tensors.
Strings are read up to a readable length, so tables that share one long name cost nothing.
"""
from __future__ import annotations

import numpy as np

from ..tflite import read
from .budget import MAX_NAME, MAX_TENSORS
from .errors import WeightFileError, damaged
from .sniff import not_format
from .tflite_sparse import densify
from .weightfile import TensorQuant, WeightFile


def open_model(filename: str, data: bytes):
    """The root ``Model`` table, after checking the file identifier."""
    if not read.is_tflite(data):
        raise not_format(filename, ".tflite", data)
    try:
        return read.model_of(data)
    except read.TABLE_ERRORS:
        raise damaged(filename, ".tflite", "tables") from None


def buffer_bytes(filename: str, model, index: int, data: bytes, name: str,
                 count: int | None = None) -> np.ndarray | None:
    """The bytes of buffer ``index`` (a view of ``data``), or None if it holds none (the tensor is
    an activation); refused as damaged when it lies outside the file. ``count``: the number of
    buffers, if known."""
    if index >= (model.BuffersLength() if count is None else count):
        raise damaged(filename, ".tflite", "buffer", name=name)
    try:
        return read.buffer_view(model, index, data)
    except IndexError:
        raise damaged(filename, ".tflite", "buffer", name=name) from None


def tensor_quant(tensor, dtype) -> TensorQuant | None:
    """Scales and zero points of an integer tensor (views of the file), if it has any."""
    q = read.quantization(tensor)
    if q is None:
        return None
    zero_point = q.zero_point if q.zero_point.size else np.zeros(len(q.scale), np.int64)
    axis = q.quantized_dimension if len(q.scale) > 1 else None
    return TensorQuant(str(dtype), q.scale, zero_point, axis)


def subgraph_tensor_counts(wf: WeightFile, model) -> list[int]:
    """Tensors per subgraph, after checking both counts against the budget."""
    n_graphs = model.SubgraphsLength()
    wf.budget.take_graphs(n_graphs)
    counts = [model.Subgraphs(g).TensorsLength() for g in range(n_graphs)]
    if sum(counts) > MAX_TENSORS:
        raise WeightFileError("too_many_tensors", filename=wf.filename, count=sum(counts), limit=MAX_TENSORS)
    return counts


def offer_tensors(wf: WeightFile, model, data: bytes) -> None:
    counts = subgraph_tensor_counts(wf, model)
    n_buffers, buffers = model.BuffersLength(), {}        # tensors often share a buffer: look it up once
    for g, count in enumerate(counts):
        graph = model.Subgraphs(g)
        for i in range(count):
            tensor = graph.Tensors(i)
            name = read.tensor_name(tensor, MAX_NAME)
            name = f"{g}/{name}" if len(counts) > 1 else name
            index = tensor.Buffer()
            if index == 0:
                continue                                  # buffer 0 is the empty sentinel: an activation
            if index not in buffers:
                buffers[index] = buffer_bytes(wf.filename, model, index, data, name, n_buffers)
            raw = buffers[index]
            if raw is None:
                continue
            dtype = read.tensor_dtype(tensor)
            dims = tensor.ShapeAsNumpy() if tensor.ShapeLength() else ()
            quant = tensor_quant(tensor, dtype) if isinstance(dtype, np.dtype) and dtype.kind in "iu" else None
            sparsity = tensor.Sparsity()
            if sparsity is not None:
                wf.offer(name, dtype, dims, lambda shape, r=raw, d=dtype, s=sparsity, n=name:
                         densify(wf, n, r, d, s, shape), quant)
            else:
                wf.offer(name, dtype, dims, lambda shape, r=raw, d=dtype: r.view(d), quant, stored_bytes=raw.size)


def read_tflite(wf: WeightFile, data: bytes) -> None:
    """Constant tensors of every subgraph (named ``g/name`` when there are several); integer
    tensors with scales are dequantized, their parameters kept in ``wf.quant``."""
    model = open_model(wf.filename, data)
    try:
        offer_tensors(wf, model, data)
    except WeightFileError:
        raise
    except read.TABLE_ERRORS:   # a damaged flatbuffer fails in many ways (struct, index, type)
        raise damaged(wf.filename, ".tflite", "tables") from None
