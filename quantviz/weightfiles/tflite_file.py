"""``.tflite`` files: a FlatBuffer ``Model`` (read through the ``tflite`` package's generated
schema classes, which look fields up in the file's bytes without copying them).

A constant tensor points to a ``Buffer`` holding its bytes (inline, or at an offset of the file
for big models); integer tensors with scales are dequantized; sparse tensors (``sparsity``) are
densified as LiteRT's DENSIFY does (``tflite_sparse``). Counts are checked before loops over
them: subgraphs against the budget's tables, all their tensors together against its tensors.
Strings are read up to a readable length, so tables that share one long name cost nothing.
"""
from __future__ import annotations

import struct

import ml_dtypes
import numpy as np

from .budget import MAX_NAME, MAX_TENSORS
from .errors import WeightFileError, damaged
from .sniff import not_format
from .tflite_sparse import densify
from .weightfile import TensorQuant, WeightFile

TYPES = {0: np.float32, 1: np.float16, 2: np.int32, 3: np.uint8, 4: np.int64, 6: np.bool_, 7: np.int16,
         8: np.complex64, 9: np.int8, 10: np.float64, 11: np.complex128, 12: np.uint64, 15: np.uint32,
         16: np.uint16, 18: ml_dtypes.bfloat16}
TABLE_ERRORS = (struct.error, IndexError, ValueError, TypeError, AttributeError, OverflowError)
TENSOR_NAME_SLOT = 10                   # the vtable slot of ``Tensor.name`` in the schema


def type_name(code: int) -> str:
    import tflite
    names = {v: k for k, v in vars(tflite.TensorType).items() if not k.startswith("_")}
    return names.get(code, f"type {code}")


def dtype_of(code: int) -> np.dtype | str:
    """The numpy type of a ``TensorType`` (little-endian), or its schema name if numpy has none."""
    return np.dtype(TYPES[code]).newbyteorder("<") if code in TYPES else type_name(code)


def open_model(filename: str, data: bytes):
    """The root ``Model`` table, after checking the file identifier."""
    import tflite
    if len(data) < 8 or data[4:8] != b"TFL3":
        raise not_format(filename, ".tflite", data)
    try:
        return tflite.Model.GetRootAs(data, 0)
    except TABLE_ERRORS:
        raise damaged(filename, ".tflite", "tables") from None


def tensor_name(tensor) -> str:
    """A tensor's name, at most ``MAX_NAME`` characters of it read from the file."""
    tab = tensor._tab
    slot = tab.Offset(TENSOR_NAME_SLOT)
    if not slot:
        return ""
    start = tab.Indirect(slot + tab.Pos)
    length = struct.unpack_from("<I", tab.Bytes, start)[0]
    raw = bytes(tab.Bytes[start + 4:start + 4 + min(length, 4 * MAX_NAME)])
    return raw.decode("utf-8", "replace")


def buffer_bytes(filename: str, model, index: int, data: bytes, name: str, count: int | None = None) -> np.ndarray | None:
    """The bytes of buffer ``index`` (a view of ``data``): inline, or at (offset, size) for models
    over 2 GB; None if it holds none (the tensor is an activation). ``count``: the number of
    buffers, if known."""
    if index >= (model.BuffersLength() if count is None else count):
        raise damaged(filename, ".tflite", "buffer", name=name)
    buf = model.Buffers(index)
    if buf.Offset() > 1:
        start, size = buf.Offset(), buf.Size()
        if start + size > len(data):
            raise damaged(filename, ".tflite", "buffer", name=name)
        return np.frombuffer(data, np.uint8, count=size, offset=start) if size else None
    raw = buf.DataAsNumpy()
    return raw if isinstance(raw, np.ndarray) and raw.size else None


def tensor_quant(tensor, dtype) -> TensorQuant | None:
    """Scales and zero points of an integer tensor (views of the file), if it has any."""
    q = tensor.Quantization()
    if q is None or q.ScaleLength() == 0:
        return None
    scale = q.ScaleAsNumpy()
    zero_point = q.ZeroPointAsNumpy() if q.ZeroPointLength() else np.zeros(len(scale), np.int64)
    axis = q.QuantizedDimension() if len(scale) > 1 else None
    return TensorQuant(str(dtype), scale, zero_point, axis)


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
            name = tensor_name(tensor)
            name = f"{g}/{name}" if len(counts) > 1 else name
            index = tensor.Buffer()
            if index == 0:
                continue                                  # buffer 0 is the empty sentinel: an activation
            if index not in buffers:
                buffers[index] = buffer_bytes(wf.filename, model, index, data, name, n_buffers)
            raw = buffers[index]
            if raw is None:
                continue
            dtype = dtype_of(tensor.Type())
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
    except TABLE_ERRORS:        # a damaged flatbuffer fails in many ways (struct, index, type)
        raise damaged(wf.filename, ".tflite", "tables") from None
