"""One ONNX ``TensorProto``, read from the wire format, as a tensor entry of a ``WeightFile``.

A tensor keeps its values either as little-endian bytes (``raw_data``, used in place) or in a
typed field: ``float_data``, ``double_data``, ``int64_data``, ``uint64_data``, or ``int32_data``,
which also holds 8- and 16-bit integers and the bit patterns of 16- and 8-bit floats. Typed
fields may be packed or not; either way the values are counted before they are decoded.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import ml_dtypes
import numpy as np

from .budget import MAX_NAME, count_of
from .errors import damaged
from .onnx_wire import BYTES, FIXED32, FIXED64, VARINT, WireError, fields, packed_varints, signed, text, varint_count
from .weightfile import WeightFile

DIMS, DATA_TYPE, SEGMENT, NAME, RAW_DATA, DATA_LOCATION = 1, 2, 3, 8, 9, 14
FLOAT_DATA, INT32_DATA, INT64_DATA, DOUBLE_DATA, UINT64_DATA = 4, 5, 7, 10, 11
EXTERNAL = 1                       # data_location: the values are in another file
# typed field -> (wire type of one value, numpy type it is read as)
FIELDS = {FLOAT_DATA: (FIXED32, np.float32), DOUBLE_DATA: (FIXED64, np.float64), INT32_DATA: (VARINT, np.int64),
          INT64_DATA: (VARINT, np.int64), UINT64_DATA: (VARINT, np.uint64)}
# data_type -> (numpy type, typed field, how the field stores it: "value" or "bits")
TYPES = {
    1: (np.float32, FLOAT_DATA, "value"), 2: (np.uint8, INT32_DATA, "value"), 3: (np.int8, INT32_DATA, "value"),
    4: (np.uint16, INT32_DATA, "value"), 5: (np.int16, INT32_DATA, "value"), 6: (np.int32, INT32_DATA, "value"),
    7: (np.int64, INT64_DATA, "value"), 9: (np.bool_, INT32_DATA, "value"), 10: (np.float16, INT32_DATA, "bits"),
    11: (np.float64, DOUBLE_DATA, "value"), 12: (np.uint32, UINT64_DATA, "value"),
    13: (np.uint64, UINT64_DATA, "value"), 14: (np.complex64, FLOAT_DATA, "value"),
    15: (np.complex128, DOUBLE_DATA, "value"), 16: (ml_dtypes.bfloat16, INT32_DATA, "bits"),
    17: (ml_dtypes.float8_e4m3fn, INT32_DATA, "bits"), 18: (ml_dtypes.float8_e4m3fnuz, INT32_DATA, "bits"),
    19: (ml_dtypes.float8_e5m2, INT32_DATA, "bits"), 20: (ml_dtypes.float8_e5m2fnuz, INT32_DATA, "bits"),
}
TYPE_NAMES = {0: "UNDEFINED", 8: "STRING", 21: "UINT4", 22: "INT4", 23: "FLOAT4E2M1", 24: "FLOAT8E8M0",
              25: "UINT2", 26: "INT2"}
BITS = {1: np.uint8, 2: np.uint16}    # itemsize -> unsigned type of the same size


@dataclass
class Tensor:
    """What a ``TensorProto`` says, with its data left in the file as byte ranges."""
    name: str = ""
    data_type: int = 0
    dims: list[int] = field(default_factory=list)
    raw: tuple[int, int] | None = None
    pieces: dict[int, list] = field(default_factory=dict)     # typed field -> [(wire type, value)]
    segmented: bool = False
    external: bool = False


def read_tensor(buf: bytes, span: tuple[int, int], budget) -> Tensor:
    t = Tensor()
    for number, wire, value in fields(buf, *span, budget):
        if number == DIMS and wire == VARINT:
            t.dims.append(signed(value))
        elif number == DIMS and wire == BYTES:
            run = np.frombuffer(buf, np.uint8, count=value[1] - value[0], offset=value[0])
            budget.take_entries(varint_count(run))
            t.dims.extend(signed(int(v)) for v in packed_varints(run))
        elif number == DATA_TYPE and wire == VARINT:
            t.data_type = signed(value)
        elif number == SEGMENT:
            t.segmented = True
        elif number == NAME and wire == BYTES:
            t.name = text(buf, (value[0], min(value[1], value[0] + 4 * MAX_NAME)))
        elif number == RAW_DATA and wire == BYTES:
            t.raw = value
        elif number in FIELDS:
            t.pieces.setdefault(number, []).append((wire, value))
        elif number == DATA_LOCATION and wire == VARINT:
            t.external = value == EXTERNAL
    return t


def type_name(data_type: int) -> str:
    return TYPE_NAMES.get(data_type, f"type {data_type}")


def offer_tensor(wf: WeightFile, name: str, t: Tensor, buf: bytes) -> None:
    """Offer tensor ``t`` of the file ``buf`` to ``wf`` under ``name`` (skipped with a reason if
    it cannot be shown)."""
    if t.external:
        wf.skip(name, "external")
        return
    if t.segmented:
        wf.skip(name, "segmented")
        return
    if t.data_type not in TYPES:
        wf.offer(name, type_name(t.data_type), t.dims, None)
        return
    numpy_type, number, stored = TYPES[t.data_type]
    dtype = np.dtype(numpy_type).newbyteorder("<")
    if t.raw is not None:
        start, end = t.raw
        wf.offer(name, dtype, t.dims, lambda shape: np.frombuffer(buf, np.uint8, count=end - start, offset=start)
                 .view(dtype), stored_bytes=end - start)
        return
    pieces = t.pieces.get(number, [])
    per_value = 2 if dtype.kind == "c" else 1

    def read(shape: tuple[int, ...]) -> np.ndarray:
        need = count_of(shape) * per_value
        got = typed_count(buf, pieces, number)
        if got != need:
            raise damaged(wf.filename, ".onnx", "count", name=name, got=got // per_value, need=need // per_value,
                          shape=shape)
        values = typed_values(buf, pieces, number)
        if stored == "bits":
            return values.astype(BITS[dtype.itemsize]).view(dtype)
        return values.astype(dtype)

    wf.offer(name, dtype, t.dims, read)


def typed_count(buf: bytes, pieces: list, number: int) -> int:
    """How many values the pieces of a typed field hold (without decoding them)."""
    wire, _ = FIELDS[number]
    size = {FIXED32: 4, FIXED64: 8}.get(wire)
    count = 0
    for piece_wire, value in pieces:
        if piece_wire != BYTES:
            count += piece_wire == wire
        elif size is not None:
            if (value[1] - value[0]) % size:
                raise WireError          # a packed run of 4- or 8-byte values cut inside one
            count += (value[1] - value[0]) // size
        else:
            count += varint_count(np.frombuffer(buf, np.uint8, count=value[1] - value[0], offset=value[0]))
    return count


def typed_values(buf: bytes, pieces: list, number: int) -> np.ndarray:
    """The values of a typed field, packed runs and single values in the order of the file."""
    wire, numpy_type = FIELDS[number]
    parts = []
    for piece_wire, value in pieces:
        if piece_wire == BYTES:
            run = np.frombuffer(buf, np.uint8, count=value[1] - value[0], offset=value[0])
            parts.append(packed_varints(run) if wire == VARINT else run.view(np.dtype(numpy_type).newbyteorder("<")))
        elif piece_wire == VARINT:
            parts.append(np.array([value], np.uint64))
        elif piece_wire == wire:
            parts.append(np.frombuffer(buf, np.dtype(numpy_type).newbyteorder("<"), count=1, offset=value[0]))
    values = np.concatenate(parts) if parts else np.zeros(0, numpy_type)
    return values.view(np.int64) if wire == VARINT and numpy_type is np.int64 else values.astype(numpy_type)
