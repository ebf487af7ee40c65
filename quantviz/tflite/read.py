"""The tables of a ``.tflite`` file, read in place: the ``tflite`` package's generated schema
classes look each field up in the file's bytes, copying nothing.

These functions read what a file holds and check nothing about its size: a reader of untrusted
files (``quantviz.weightfiles``, ``inspect``) counts tables against its budget before looping
over them, and turns ``TABLE_ERRORS`` (what a damaged flatbuffer raises) into its own message.
"""
from __future__ import annotations

import struct
from typing import NamedTuple

import numpy as np
import tflite

from .schema import dtype_of

TABLE_ERRORS = (struct.error, IndexError, ValueError, TypeError, AttributeError, OverflowError)
IDENTIFIER = b"TFL3"
TENSOR_NAME_SLOT = 10                   # the vtable slot of ``Tensor.name`` in the schema


class Quantization(NamedTuple):
    """A tensor's scales and zero points (views of the file; ``zero_point`` may be empty) and the
    dimension they run along when there is one per channel."""

    scale: np.ndarray
    zero_point: np.ndarray
    quantized_dimension: int


def is_tflite(data: bytes) -> bool:
    """Whether the bytes carry TFLite's file identifier."""
    return len(data) >= 8 and data[4:8] == IDENTIFIER


def model_of(data: bytes) -> tflite.Model:
    """The root ``Model`` table."""
    return tflite.Model.GetRootAs(data, 0)


def tensor_name(tensor: tflite.Tensor, limit: int) -> str:
    """A tensor's name, at most ``limit`` characters of it read from the file (tables may share
    one long name: reading it whole each time would cost its length every time)."""
    tab = tensor._tab
    slot = tab.Offset(TENSOR_NAME_SLOT)
    if not slot:
        return ""
    start = tab.Indirect(slot + tab.Pos)
    length = struct.unpack_from("<I", tab.Bytes, start)[0]
    raw = bytes(tab.Bytes[start + 4:start + 4 + min(length, 4 * limit)])
    return raw.decode("utf-8", "replace")


def tensor_shape(tensor: tflite.Tensor) -> np.ndarray:
    """The dimensions as the file stores them (int32, not checked)."""
    return tensor.ShapeAsNumpy() if tensor.ShapeLength() else np.zeros(0, np.int32)


def tensor_dtype(tensor: tflite.Tensor) -> np.dtype | str:
    """The tensor's numpy dtype, or its schema type name if numpy has none."""
    return dtype_of(tensor.Type())


def quantization(tensor: tflite.Tensor) -> Quantization | None:
    """The tensor's scales and zero points, if it has scales."""
    q = tensor.Quantization()
    if q is None or q.ScaleLength() == 0:
        return None
    zero_point = q.ZeroPointAsNumpy() if q.ZeroPointLength() else np.zeros(0, np.int64)
    return Quantization(q.ScaleAsNumpy(), zero_point, q.QuantizedDimension())


def buffer_view(model: tflite.Model, index: int, data: bytes) -> np.ndarray | None:
    """The bytes of buffer ``index`` as a uint8 view of ``data``: inline, or at (offset, size) for
    models over 2 GB; None if it holds none (the tensor is an activation). Raises IndexError
    when the buffer's bytes lie outside the file."""
    buf = model.Buffers(index)
    if buf.Offset() > 1:
        start, size = buf.Offset(), buf.Size()
        if start + size > len(data):
            raise IndexError(f"buffer {index} lies outside the file")
        return np.frombuffer(data, np.uint8, count=size, offset=start) if size else None
    raw = buf.DataAsNumpy()
    return raw if isinstance(raw, np.ndarray) and raw.size else None


def operator_kind(model: tflite.Model, code_index: int) -> str:
    """The builtin operator name of operator code ``code_index`` ("FULLY_CONNECTED"; "CUSTOM" for
    an unknown one). Raises IndexError when the file defines no such code."""
    if code_index >= model.OperatorCodesLength():
        raise IndexError(f"operator code {code_index} is not defined")
    code = model.OperatorCodes(code_index)
    return OPERATOR_NAMES.get(max(code.BuiltinCode(), code.DeprecatedBuiltinCode()), "CUSTOM")


OPERATOR_NAMES = {code: name for name, code in vars(tflite.BuiltinOperator).items() if not name.startswith("_")}
