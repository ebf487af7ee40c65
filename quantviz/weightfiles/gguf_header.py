"""The header of a ``.gguf`` file (llama.cpp's format, versions 2 and 3), walked and checked
against the budget before the ``gguf`` package's reader parses it::

    "GGUF" | version u32 | tensor count u64 | metadata count u64
    metadata, each:  key (string) | value type u32 | value
                     string = length u64 | UTF-8 bytes;  array = item type u32 | count u64 | items
    tensor infos:    name (string) | n_dims u32 | ne_0 ... ne_(n-1) u64 | ggml type u32 | offset u64
    padding to ``general.alignment`` (32 by default), then the tensors' data at their offsets

Every count, length, shape and offset in it is a claim until checked here: each length must lie
within the file, each metadata value counts against ``MAX_GGUF_METADATA`` (the reader parses
them one by one in Python), arrays nest at most ``MAX_DEPTH`` deep, names are UTF-8 and unique,
a tensor has 1 to ``MAX_DIMS`` dimensions, none larger than ``MAX_VALUES``, its type is a ggml
type whose blocks tile its rows, and its data lies inside the file.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

from gguf.constants import GGML_QUANT_SIZES, GGMLQuantizationType

from .budget import MAX_DEPTH, MAX_DIMS, MAX_GGUF_METADATA, MAX_TENSORS, MAX_VALUES, clip, count_of, shape_text
from .errors import WeightFileError, damaged, truncated
from .sniff import not_format

MAGIC = b"GGUF"
VERSIONS = (2, 3)
DEFAULT_ALIGNMENT = 32
SCALARS = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
STRING, ARRAY, UINT32 = 8, 9, 4
TAKEN = ("GGUF.version", "GGUF.tensor_count", "GGUF.kv_count")   # field names the reader uses itself


@dataclass(frozen=True)
class TensorInfo:
    name: str
    ne: tuple[int, ...]        # ggml's order: ne[0] is the row length
    ggml_type: GGMLQuantizationType
    offset: int                # from the start of the data section
    n_bytes: int

    @property
    def shape(self) -> tuple[int, ...]:
        """numpy's order (the reverse of ggml's)."""
        return tuple(reversed(self.ne))


class Walker:
    """Reads the header left to right, every read checked against the file's end."""

    def __init__(self, filename: str, data: bytes):
        self.filename, self.data, self.at, self.metadata = filename, memoryview(data), 0, 0

    def take(self, fmt: str, count: int = 1) -> tuple:
        size = struct.calcsize("<" + fmt) * count
        if self.at + size > len(self.data):
            raise truncated(self.filename, "gguf_cut", at=self.at + size, size=len(self.data))
        values = struct.unpack_from("<" + fmt * count, self.data, self.at)
        self.at += size
        return values

    def skip(self, size: int) -> None:
        if size > len(self.data) - self.at:
            raise truncated(self.filename, "gguf_cut", at=self.at + size, size=len(self.data))
        self.at += size

    def text(self) -> str:
        (length,) = self.take("Q")
        start = self.at
        self.skip(length)
        try:
            return bytes(self.data[start:self.at]).decode("utf-8")
        except UnicodeDecodeError:
            raise damaged(self.filename, ".gguf", "gguf_text") from None

    def count_metadata(self, n: int) -> None:
        self.metadata += n
        if self.metadata > MAX_GGUF_METADATA:
            raise WeightFileError("too_much_metadata", filename=self.filename, count=self.metadata,
                                  limit=MAX_GGUF_METADATA)

    def value(self, key: str, kind: int, depth: int = 0):
        """One metadata value (skipped over; a scalar is returned), counted against the budget."""
        if depth > MAX_DEPTH:
            raise WeightFileError("too_deep", filename=self.filename, limit=MAX_DEPTH)
        self.count_metadata(1)
        if kind in SCALARS:
            return self.take(SCALARS[kind])[0]
        if kind == STRING:
            (length,) = self.take("Q")
            return self.skip(length)
        if kind != ARRAY:
            raise damaged(self.filename, ".gguf", "gguf_value", name=clip(key), code=kind)
        item, count = self.take("IQ")
        if item in SCALARS:          # skipped at once, but the reader will parse each item
            self.count_metadata(count)
            return self.skip(count * struct.calcsize(SCALARS[item]))
        if item not in (STRING, ARRAY):
            raise damaged(self.filename, ".gguf", "gguf_value", name=clip(key), code=item)
        if count > len(self.data) - self.at:         # every item takes at least a byte
            raise truncated(self.filename, "gguf_cut", at=self.at + count, size=len(self.data))
        for _ in range(count):
            self.value(key, item, depth + 1)
        return None


def read_header(filename: str, data: bytes) -> tuple[int, list[TensorInfo]]:
    """Where the data section starts, and every tensor's checked info."""
    if data[:4] != MAGIC:
        raise not_format(filename, ".gguf", data)
    walk = Walker(filename, data)
    walk.skip(4)
    (version,) = walk.take("I")
    if version not in VERSIONS:
        swapped = int.from_bytes(version.to_bytes(4, "little"), "big")
        raise damaged(filename, ".gguf", "gguf_endian" if swapped in VERSIONS else "gguf_version", version=version)
    tensor_count, kv_count = walk.take("QQ")
    if tensor_count > MAX_TENSORS:
        raise WeightFileError("too_many_tensors", filename=filename, count=tensor_count, limit=MAX_TENSORS)
    if kv_count > MAX_GGUF_METADATA:
        raise WeightFileError("too_much_metadata", filename=filename, count=kv_count, limit=MAX_GGUF_METADATA)
    alignment = DEFAULT_ALIGNMENT
    keys = set(TAKEN)
    for _ in range(kv_count):
        key = walk.text()
        unique(filename, keys, key)
        (kind,) = walk.take("I")
        value = walk.value(key, kind)
        if key == "general.alignment":
            alignment = value if kind == UINT32 else 0
            if alignment <= 0 or alignment & (alignment - 1):
                raise damaged(filename, ".gguf", "gguf_alignment", alignment=clip(str(value), 40))
    infos = [tensor_info(walk) for _ in range(tensor_count)]
    unique_names(filename, infos)
    start = -(-walk.at // alignment) * alignment
    size = max(len(data) - start, 0)
    for info in infos:
        if info.offset + info.n_bytes > size:
            raise damaged(filename, ".gguf", "offsets", name=clip(info.name), start=info.offset,
                          end=info.offset + info.n_bytes, size=size)
    return start, infos


def tensor_info(walk: Walker) -> TensorInfo:
    name = walk.text()
    (n_dims,) = walk.take("I")
    if n_dims * 8 > len(walk.data) - walk.at:
        raise truncated(walk.filename, "gguf_cut", at=walk.at + n_dims * 8, size=len(walk.data))
    ne = walk.take("Q", n_dims)
    count = count_of(ne, MAX_VALUES + 1) if n_dims else 0
    if count > MAX_VALUES:
        raise WeightFileError("too_many_values", filename=walk.filename, count=count, limit=MAX_VALUES)
    if not 1 <= n_dims <= MAX_DIMS or max(ne) > MAX_VALUES:      # (0, 2**64 - 1): no values, still a lie
        raise damaged(walk.filename, ".gguf", "gguf_dims", name=clip(name), n=n_dims, limit=MAX_VALUES,
                      shape=clip(shape_text(tuple(reversed(ne))), 80))
    code, offset = walk.take("IQ")
    try:
        ggml_type = GGMLQuantizationType(code)
    except ValueError:
        raise damaged(walk.filename, ".gguf", "gguf_tensor_type", name=clip(name), code=code) from None
    block, type_size = GGML_QUANT_SIZES[ggml_type]
    if ne and ne[0] % block:
        raise damaged(walk.filename, ".gguf", "gguf_row", name=clip(name), row=ne[0], block=block,
                      dtype=ggml_type.name)
    return TensorInfo(name, ne, ggml_type, offset, count // block * type_size)


def unique(filename: str, taken: set, name: str) -> None:
    if name in taken:
        raise damaged(filename, ".gguf", "gguf_duplicate", name=clip(name))
    taken.add(name)


def unique_names(filename: str, infos: list[TensorInfo]) -> None:
    names: set[str] = set()
    for info in infos:
        unique(filename, names, info.name)
