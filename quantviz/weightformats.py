"""Readers for model files: ``.safetensors``, ``.onnx`` (initializers) and ``.tflite`` (constant
tensors, with the scales and zero points of quantized ones). Used by ``quantviz.io``, which
checks the file's size first; each reader checks every tensor's type and size before reading it.
"""
from __future__ import annotations

import json
import math

import ml_dtypes
import numpy as np

from .io import MAX_VALUES, Problem, TensorQuant, WeightFile, WeightFileError, not_format

SAFETENSORS_DTYPES = {
    "F64": np.float64, "F32": np.float32, "F16": np.float16, "BF16": ml_dtypes.bfloat16,
    "F8_E4M3": ml_dtypes.float8_e4m3fn, "F8_E5M2": ml_dtypes.float8_e5m2,
    "I64": np.int64, "U64": np.uint64, "I32": np.int32, "U32": np.uint32, "I16": np.int16,
    "U16": np.uint16, "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_, "C64": np.complex64,
}


def _safetensors_header(wf: WeightFile, data: bytes) -> dict:
    """The JSON header: ``{name: {"dtype", "shape", "data_offsets"}}``, checked against the file."""
    n = int.from_bytes(data[:8], "little") if len(data) >= 8 else -1
    if n < 2 or data[8:9] != b"{":
        raise not_format(wf.filename, ".safetensors", data)
    if 8 + n > len(data):
        raise WeightFileError("truncated", filename=wf.filename,
                              detail=f"its header announces {n:,} bytes but the file has {len(data) - 8:,}")
    try:
        header = json.loads(data[8:8 + n])
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise WeightFileError("damaged", filename=wf.filename, format=".safetensors", detail=f"bad header ({e})")
    body = len(data) - 8 - n
    for name, info in header.items():
        if name == "__metadata__":
            continue
        end = info.get("data_offsets", [0, 0])[1] if isinstance(info, dict) else 0
        if end > body:
            raise WeightFileError("truncated", filename=wf.filename,
                                  detail=f"{name} ends at byte {end:,} of data but the file holds {body:,}")
    return header


def read_safetensors(wf: WeightFile, data: bytes) -> None:
    """Checked with our own look at the header, then decoded by the safetensors package."""
    from safetensors import SafetensorError, deserialize

    header = _safetensors_header(wf, data)
    total = 0
    for name, info in header.items():   # refuse before decoding anything
        if name != "__metadata__" and isinstance(info, dict):
            shape = tuple(info.get("shape", ()))
            dtype = SAFETENSORS_DTYPES.get(info.get("dtype"))
            if wf.tensor_problem(name, None if dtype is None else np.dtype(dtype), shape) is None:
                total += math.prod(shape)
                if total > MAX_VALUES:
                    raise WeightFileError("too_many_values", filename=wf.filename, count=total)
    try:
        views = deserialize(data)
    except SafetensorError as e:
        raise WeightFileError("damaged", filename=wf.filename, format=".safetensors", detail=str(e))
    for name, view in views:
        dtype = SAFETENSORS_DTYPES.get(view["dtype"])
        wf.offer(name, None if dtype is None else np.dtype(dtype), tuple(view["shape"]),
                 lambda v=view, d=dtype: np.frombuffer(v["data"], dtype=d))


def read_onnx(wf: WeightFile, data: bytes) -> None:
    """The graph's initializers (weights, biases and other constants), via the onnx package."""
    import onnx
    from google.protobuf.message import DecodeError
    from onnx import numpy_helper

    if data[:6] == b"\x93NUMPY" or data[:2] == b"PK" or data[4:8] == b"TFL3":
        raise not_format(wf.filename, ".onnx", data)
    try:
        model = onnx.load_model_from_string(data)
    except (DecodeError, RuntimeError, ValueError) as e:
        if data[:1] != b"\x08":  # a model starts with its ir_version field
            raise not_format(wf.filename, ".onnx", data)
        raise WeightFileError("truncated", filename=wf.filename, detail=f"it does not parse ({e})")
    graph = model.graph
    if not model.HasField("graph") or not (len(graph.node) or len(graph.initializer)):
        raise not_format(wf.filename, ".onnx", data)
    for tensor in graph.initializer:
        shape = tuple(int(d) for d in tensor.dims)
        if tensor.data_location == onnx.TensorProto.EXTERNAL:
            wf.skipped[wf._unique(tensor.name)] = Problem("external", {"name": tensor.name})
            continue
        try:
            dtype = np.dtype(onnx.helper.tensor_dtype_to_np_dtype(tensor.data_type))
        except (KeyError, TypeError, ValueError):
            dtype = None
        if dtype is not None and tensor.HasField("raw_data") and dtype.kind in "iufc" \
                and len(tensor.raw_data) != math.prod(shape) * dtype.itemsize:
            raise WeightFileError("damaged", filename=wf.filename, format=".onnx",
                                  detail=f"{tensor.name} holds {len(tensor.raw_data):,} bytes, not the "
                                         f"{math.prod(shape) * dtype.itemsize:,} its shape {shape} needs")
        wf.offer(tensor.name, dtype, shape, lambda t=tensor: numpy_helper.to_array(t))


TFLITE_DTYPES = {0: np.float32, 1: np.float16, 2: np.int32, 3: np.uint8, 4: np.int64, 6: np.bool_,
                 7: np.int16, 8: np.complex64, 9: np.int8, 10: np.float64, 11: np.complex128,
                 12: np.uint64, 15: np.uint32, 16: np.uint16, 18: ml_dtypes.bfloat16}
TFLITE_MAX_ITEMS = 1_000_000  # more subgraphs, tensors or buffers than this: a damaged file


def _tflite_quant(tensor, ndim: int) -> TensorQuant | None:
    q = tensor.Quantization()
    if q is None or q.ScaleLength() == 0:
        return None
    scale, zero_point = q.ScaleAsNumpy().astype(np.float64), q.ZeroPointAsNumpy()
    if q.ZeroPointLength() == 0:
        zero_point = np.zeros_like(scale, dtype=np.int64)
    axis = q.QuantizedDimension() if len(scale) > 1 else None
    if len(zero_point) != len(scale) or (axis is not None and not 0 <= axis < ndim):
        return None
    return TensorQuant("", scale, zero_point.astype(np.int64), axis)


def _tflite_buffer(model, index: int, data: bytes) -> np.ndarray | None:
    """The bytes of buffer ``index``: inline in the flatbuffer, or at (offset, size) for big models."""
    buf = model.Buffers(index)
    if buf is None:
        return None
    if buf.Offset() > 1:
        start, size = buf.Offset(), buf.Size()
        return np.frombuffer(data, np.uint8, count=size, offset=start) if start + size <= len(data) else None
    raw = buf.DataAsNumpy()
    return raw if isinstance(raw, np.ndarray) and raw.size else None


def _tflite_tensors(wf: WeightFile, model, data: bytes) -> None:
    n_graphs = model.SubgraphsLength()
    for g in range(n_graphs):
        graph = model.Subgraphs(g)
        if graph.TensorsLength() > min(TFLITE_MAX_ITEMS, len(data) // 4):
            raise ValueError("implausible tensor count")
        for i in range(graph.TensorsLength()):
            tensor = graph.Tensors(i)
            if tensor.Buffer() <= 0 or tensor.Buffer() >= model.BuffersLength():
                continue  # an activation, not a constant
            raw = _tflite_buffer(model, tensor.Buffer(), data)
            if raw is None:
                continue
            name = tensor.Name().decode("utf-8", "replace")
            name = f"{g}/{name}" if n_graphs > 1 else name
            shape = tuple(int(d) for d in tensor.ShapeAsNumpy()) if tensor.ShapeLength() else ()
            dtype = TFLITE_DTYPES.get(tensor.Type())
            dtype = None if dtype is None else np.dtype(dtype)
            quant = _tflite_quant(tensor, len(shape)) if dtype is not None and dtype.kind in "iu" else None
            if quant is not None:
                quant = TensorQuant(str(dtype), quant.scale, quant.zero_point, quant.axis)
            if dtype is not None and raw.size != math.prod(shape) * dtype.itemsize:
                raise WeightFileError("damaged", filename=wf.filename, format=".tflite",
                                      detail=f"{name} holds {raw.size:,} bytes, not the "
                                             f"{math.prod(shape) * dtype.itemsize:,} its shape {shape} needs")
            wf.offer(name, dtype, shape, lambda r=raw, d=dtype: r.view(d), quant)


def read_tflite(wf: WeightFile, data: bytes) -> None:
    """Constant tensors from the flatbuffer (via the ``tflite`` package's generated schema code);
    integer tensors with a scale are dequantized, their parameters kept in ``wf.quant``."""
    import tflite

    if len(data) < 8 or data[4:8] != b"TFL3":
        raise not_format(wf.filename, ".tflite", data)
    try:
        model = tflite.Model.GetRootAs(bytearray(data), 0)
        if max(model.SubgraphsLength(), model.BuffersLength()) > min(TFLITE_MAX_ITEMS, len(data) // 4):
            raise ValueError("implausible subgraph or buffer count")
        _tflite_tensors(wf, model, data)
    except WeightFileError:
        raise
    except Exception as e:  # a damaged flatbuffer fails in many ways (struct, index, unicode)
        raise WeightFileError("truncated" if isinstance(e, (IndexError,)) or "unpack" in str(e) else "damaged",
                              filename=wf.filename, format=".tflite",
                              detail=f"its flatbuffer tables point outside the file ({type(e).__name__})")
