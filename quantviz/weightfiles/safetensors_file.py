"""``.safetensors`` files: 8 bytes (little-endian header length ``n``), ``n`` bytes of JSON
(``{name: {"dtype": "F32", "shape": [3, 4], "data_offsets": [begin, end]}, "__metadata__": {...}}``),
then the data, every tensor's bytes one after another with no gap (offsets count from the end of
the header). The header is read here and checked entry by entry against that layout, as the
safetensors library does; the values are then views of the file's bytes until converted.
"""
from __future__ import annotations

import json

import ml_dtypes
import numpy as np

from .budget import MAX_HEADER_BYTES, MAX_TENSORS, clip, whole
from .errors import WeightFileError, damaged, truncated
from .sniff import not_format
from .weightfile import WeightFile

DTYPES = {
    "F64": np.float64, "F32": np.float32, "F16": np.float16, "BF16": ml_dtypes.bfloat16,
    "F8_E4M3": ml_dtypes.float8_e4m3fn, "F8_E5M2": ml_dtypes.float8_e5m2,
    "I64": np.int64, "U64": np.uint64, "I32": np.int32, "U32": np.uint32, "I16": np.int16,
    "U16": np.uint16, "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_, "C64": np.complex64,
}


def read_header(wf: WeightFile, data: bytes) -> tuple[dict, int]:
    """The JSON header as a dict, and where the data starts."""
    n = int.from_bytes(data[:8], "little") if len(data) >= 8 else -1
    if n < 2 or data[8:9] != b"{":
        raise not_format(wf.filename, ".safetensors", data)
    if n > MAX_HEADER_BYTES:
        raise WeightFileError("big_header", filename=wf.filename, size=n, limit=MAX_HEADER_BYTES)
    if 8 + n > len(data):
        raise truncated(wf.filename, "header_cut", need=n, got=len(data) - 8)
    try:
        header = json.loads(data[8:8 + n].decode("utf-8"))
    except (ValueError, RecursionError):    # bad UTF-8 or JSON, a huge number, nesting too deep
        raise damaged(wf.filename, ".safetensors", "json") from None
    if not isinstance(header, dict):
        raise damaged(wf.filename, ".safetensors", "json")
    return header, 8 + n


def entry(wf: WeightFile, name: str, info, body: int) -> tuple[str, list, int, int]:
    """dtype name, shape and data offsets of one header entry, checked for type and range."""
    ok = (isinstance(info, dict) and isinstance(info.get("dtype"), str) and isinstance(info.get("shape"), list)
          and isinstance(info.get("data_offsets"), list) and len(info["data_offsets"]) == 2)
    start, end = (whole(v) for v in info["data_offsets"]) if ok else (None, None)
    if start is None or end is None:
        raise damaged(wf.filename, ".safetensors", "entry", name=clip(name))
    if not start <= end <= body:
        raise damaged(wf.filename, ".safetensors", "offsets", name=clip(name), start=start, end=end, size=body)
    return info["dtype"], info["shape"], start, end


def read_safetensors(wf: WeightFile, data: bytes) -> None:
    header, begin = read_header(wf, data)
    header.pop("__metadata__", None)
    if len(header) > MAX_TENSORS:
        raise WeightFileError("too_many_tensors", filename=wf.filename, count=len(header), limit=MAX_TENSORS)
    body = len(data) - begin
    entries = {name: entry(wf, name, info, body) for name, info in header.items()}
    expected = 0
    for _, _, start, end in sorted(entries.values(), key=lambda e: (e[2], e[3])):
        if start != expected:
            raise damaged(wf.filename, ".safetensors", "tiling")
        expected = end
    if expected != body:
        raise damaged(wf.filename, ".safetensors", "tiling")
    for name, (dtype_name, shape, start, end) in entries.items():
        dtype = np.dtype(DTYPES[dtype_name]).newbyteorder("<") if dtype_name in DTYPES else dtype_name

        def read(checked: tuple[int, ...], dtype=dtype, start=start, end=end) -> np.ndarray:
            return np.frombuffer(memoryview(data)[begin + start:begin + end], dtype)

        wf.offer(name, dtype, shape, read, stored_bytes=end - start)
