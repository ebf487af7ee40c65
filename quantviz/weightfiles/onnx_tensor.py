"""One ONNX ``TensorProto`` as a tensor entry of a ``WeightFile``.

A tensor keeps its values either as little-endian bytes (``raw_data``) or in a typed field:
``float_data``, ``double_data``, ``int64_data``, ``uint64_data``, or ``int32_data``, which also
holds 8- and 16-bit integers and the bit patterns of 16- and 8-bit floats. Either way the count
is checked against the shape before anything is converted.
"""
from __future__ import annotations

import ml_dtypes
import numpy as np

from .budget import count_of
from .errors import damaged
from .weightfile import WeightFile

# data_type -> (numpy type, typed field, how the field stores it: "value" or "bits")
TYPES = {
    1: (np.float32, "float_data", "value"), 2: (np.uint8, "int32_data", "value"),
    3: (np.int8, "int32_data", "value"), 4: (np.uint16, "int32_data", "value"),
    5: (np.int16, "int32_data", "value"), 6: (np.int32, "int32_data", "value"),
    7: (np.int64, "int64_data", "value"), 9: (np.bool_, "int32_data", "value"),
    10: (np.float16, "int32_data", "bits"), 11: (np.float64, "double_data", "value"),
    12: (np.uint32, "uint64_data", "value"), 13: (np.uint64, "uint64_data", "value"),
    14: (np.complex64, "float_data", "value"), 15: (np.complex128, "double_data", "value"),
    16: (ml_dtypes.bfloat16, "int32_data", "bits"), 17: (ml_dtypes.float8_e4m3fn, "int32_data", "bits"),
    18: (ml_dtypes.float8_e4m3fnuz, "int32_data", "bits"), 19: (ml_dtypes.float8_e5m2, "int32_data", "bits"),
    20: (ml_dtypes.float8_e5m2fnuz, "int32_data", "bits"),
}
BITS = {1: np.uint8, 2: np.uint16}    # itemsize -> unsigned type of the same size


def type_name(data_type: int) -> str:
    import onnx
    try:
        return onnx.TensorProto.DataType.Name(data_type)
    except ValueError:
        return f"type {data_type}"


def offer_tensor(wf: WeightFile, name: str, tensor) -> None:
    """Offer ``tensor`` to ``wf`` under ``name`` (skipped with a reason if it cannot be shown)."""
    import onnx
    if tensor.data_location == onnx.TensorProto.EXTERNAL:
        wf.skip(name, "external")
        return
    if tensor.HasField("segment"):
        wf.skip(name, "segmented")
        return
    if tensor.data_type not in TYPES:
        wf.offer(name, type_name(tensor.data_type), list(tensor.dims), None)
        return
    numpy_type, field, stored = TYPES[tensor.data_type]
    dtype = np.dtype(numpy_type).newbyteorder("<")
    if tensor.HasField("raw_data"):
        raw = tensor.raw_data
        wf.offer(name, dtype, list(tensor.dims), lambda shape: np.frombuffer(raw, dtype), stored_bytes=len(raw))
        return
    values = getattr(tensor, field)
    per_value = 2 if dtype.kind == "c" else 1

    def read(shape: tuple[int, ...]) -> np.ndarray:
        count = len(values) // per_value
        need = count_of(shape)
        if len(values) != need * per_value:
            raise damaged(wf.filename, ".onnx", "count", name=name, got=count, need=need, shape=shape)
        if stored == "bits":
            return np.array(values, np.int32).astype(BITS[dtype.itemsize]).view(dtype)
        if dtype.kind == "c":
            return np.array(values, dtype.type(0).real.dtype).view(dtype)
        return np.array(values, field_type(field)).astype(dtype)

    wf.offer(name, dtype, list(tensor.dims), read)


def field_type(field: str) -> type:
    return {"float_data": np.float32, "double_data": np.float64, "int64_data": np.int64,
            "uint64_data": np.uint64, "int32_data": np.int32}[field]
