"""The TFLite schema's tensor types as numpy dtypes: one table for reading and writing files.

Values are stored little-endian. Types numpy has no dtype for (strings, resources, variants,
int4) are known by their schema name only.
"""
from __future__ import annotations

import ml_dtypes
import numpy as np
from tflite import TensorType

DTYPES = {TensorType.FLOAT32: np.float32, TensorType.FLOAT16: np.float16, TensorType.INT32: np.int32,
          TensorType.UINT8: np.uint8, TensorType.INT64: np.int64, TensorType.BOOL: np.bool_,
          TensorType.INT16: np.int16, TensorType.COMPLEX64: np.complex64, TensorType.INT8: np.int8,
          TensorType.FLOAT64: np.float64, TensorType.COMPLEX128: np.complex128, TensorType.UINT64: np.uint64,
          TensorType.UINT32: np.uint32, TensorType.UINT16: np.uint16, TensorType.BFLOAT16: ml_dtypes.bfloat16}
TYPE_NAMES = {code: name for name, code in vars(TensorType).items() if not name.startswith("_")}
CODES = {np.dtype(dtype).name: code for code, dtype in DTYPES.items()}     # "int8" -> TensorType.INT8


def type_name(code: int) -> str:
    """The schema's name of a ``TensorType`` code ("INT8"), or "type <code>" for an unknown one."""
    return TYPE_NAMES.get(code, f"type {code}")


def dtype_of(code: int) -> np.dtype | str:
    """The numpy type of a ``TensorType`` (little-endian), or its schema name if numpy has none."""
    return np.dtype(DTYPES[code]).newbyteorder("<") if code in DTYPES else type_name(code)


def type_code(dtype: str) -> int:
    """The ``TensorType`` code of a numpy dtype name ("float32", "int8", "int32", ...)."""
    return CODES[np.dtype(dtype).name]
