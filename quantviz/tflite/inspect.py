"""What a ``.tflite`` file holds: its tensors (types, shapes, scales, zero points) and operators.

Any file, including a hostile one: tables are read through ``quantviz.weightfiles``'s checked
access, and counted against its budget before they are looped over.
"""
from __future__ import annotations

import numpy as np

from ..weightfiles import WeightFileError
from ..weightfiles.budget import MAX_ENTRIES, MAX_NAME, MAX_TENSORS, count_of, whole
from ..weightfiles.errors import damaged
from ..weightfiles.tflite_file import buffer_bytes, open_model
from . import read


def inspect(data: bytes, filename: str = "model.tflite") -> list[dict]:
    """Every tensor of the first subgraph: name, dtype, shape, scale, zero_point,
    quantized_dimension, constant data.

    ``scale``/``zero_point`` are arrays (one entry per tensor, or per channel along
    ``quantized_dimension``), or None for float tensors; they and ``data`` are views of ``data``
    (tensors may share one buffer: nothing is copied). Raises ``WeightFileError``.
    """
    model = open_model(filename, data)
    try:
        if model.SubgraphsLength() == 0:
            return []
        graph = model.Subgraphs(0)
        if graph.TensorsLength() > MAX_TENSORS:
            raise WeightFileError("too_many_tensors", filename=filename, count=graph.TensorsLength(),
                                  limit=MAX_TENSORS)
        return [_tensor_row(model, graph.Tensors(i), data, filename) for i in range(graph.TensorsLength())]
    except WeightFileError:
        raise
    except read.TABLE_ERRORS:
        raise damaged(filename, ".tflite", "tables") from None


def _tensor_row(model, t, data: bytes, filename: str) -> dict:
    name = read.tensor_name(t, MAX_NAME)
    dtype = read.tensor_dtype(t)
    dims = read.tensor_shape(t)
    shape = tuple(whole(d) for d in dims[:8])
    q = read.quantization(t)
    raw = buffer_bytes(filename, model, t.Buffer(), data, name) if t.Buffer() else None
    constant = None
    if (raw is not None and isinstance(dtype, np.dtype) and len(dims) <= 8 and None not in shape
            and raw.size == count_of(shape) * dtype.itemsize):
        constant = raw.view(dtype).reshape(shape)
    return {"name": name, "dtype": str(dtype), "shape": shape if None not in shape else tuple(dims[:8].tolist()),
            "scale": None if q is None else q.scale, "zero_point": None if q is None else q.zero_point,
            "constant": raw is not None, "quantized_dimension": _quantized_dimension(t), "data": constant}


def _quantized_dimension(t) -> int:
    q = t.Quantization()
    return q.QuantizedDimension() if q is not None else 0


def operators(data: bytes, filename: str = "model.tflite") -> list[str]:
    """The builtin operator names of the first subgraph, in execution order."""
    model = open_model(filename, data)
    try:
        if model.SubgraphsLength() == 0:
            return []
        graph = model.Subgraphs(0)
        if graph.OperatorsLength() > MAX_ENTRIES:
            raise WeightFileError("too_complex", filename=filename, count=graph.OperatorsLength(),
                                  limit=MAX_ENTRIES)
        names: dict[int, str] = {}
        ops = []
        for i in range(graph.OperatorsLength()):
            index = graph.Operators(i).OpcodeIndex()
            if index not in names:
                if index >= model.OperatorCodesLength():
                    raise damaged(filename, ".tflite", "opcode", index=i, code=index)
                names[index] = read.operator_kind(model, index)
            ops.append(names[index])
        return ops
    except WeightFileError:
        raise
    except read.TABLE_ERRORS:
        raise damaged(filename, ".tflite", "tables") from None
