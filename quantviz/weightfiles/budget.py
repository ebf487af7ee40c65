"""The one budget of a weight file: what reading it may take, counted over the whole file.

A file is refused as soon as it would exceed one limit, before anything is allocated for it:

- ``MAX_FILE_BYTES`` bytes of file, ``MAX_HEADER_BYTES`` of header (a safetensors JSON header);
- ``MAX_TENSORS`` tensor entries (shown or skipped), ``MAX_ENTRIES`` other entries read one by
  one (the fields of ONNX messages), ``MAX_NODES`` ONNX nodes, ``MAX_GRAPHS`` graphs (ONNX
  subgraphs, .tflite subgraphs), nested at most ``MAX_DEPTH`` deep;
- ``MAX_GGUF_METADATA`` metadata values of a ``.gguf`` file (keys and array items: the ``gguf``
  package's reader parses each one in Python, about 20 microseconds apiece);
- ``MAX_VALUES`` values kept, and ``MAX_BYTES`` bytes unpacked or decoded for them.

Shapes are checked before they are used: at most ``MAX_DIMS`` dimensions, each a whole number
from 0 up, and the number of values is their product in exact integer arithmetic, stopped as
soon as it passes the limit. So the work per file is bounded by its size and by these limits.
"""
from __future__ import annotations

import numbers

import numpy as np

from .errors import WeightFileError

MAX_FILE_BYTES = 50 * 2**20
MAX_VALUES = 20_000_000
MAX_BYTES = 8 * MAX_VALUES            # every value as float64
MAX_TENSORS = 10_000
MAX_ENTRIES = 500_000               # protobuf fields read one by one (a node is a few)
MAX_GRAPHS = 1_000
MAX_NODES = 50_000
MAX_DEPTH = 16
MAX_GGUF_METADATA = 100_000
MAX_HEADER_BYTES = 8 * 2**20
MAX_DIMS = 4
MAX_NAME = 200                        # characters of a name kept (longer ones are cut)


def whole(d) -> int | None:
    """``d`` as a Python int if it is a whole number from 0 below 2**63 (not a bool, not a float)."""
    if isinstance(d, (bool, np.bool_)) or not isinstance(d, numbers.Integral):
        return None
    d = int(d)
    return d if 0 <= d < 2**63 else None


def shape_text(dims) -> str:
    """A shape as the file wrote it, for a message: its first entries, each shown briefly (a
    number of thousands of digits, a nested list or a long text as what it is)."""
    def one(d) -> str:
        if isinstance(d, numbers.Integral) and not isinstance(d, (bool, np.bool_)):
            return str(int(d)) if abs(int(d)) < 2**63 else "-huge" if d < 0 else "huge"
        return clip(repr(d), 24) if isinstance(d, (numbers.Number, str, np.bool_)) else type(d).__name__
    if not isinstance(dims, (list, tuple, np.ndarray)):
        return one(dims)
    entries = [one(d) for d in list(dims[:6])] + (["…"] if len(dims) > 6 else [])
    return "(" + ", ".join(entries) + ("," if len(entries) == 1 else "") + ")"


def count_of(shape: tuple[int, ...], cap: int = 2**63) -> int:
    r"""The number of values of a valid ``shape``, :math:`n = \prod_i d_i` (0 if any dimension
    is 0), or ``cap`` as soon as the running product reaches it (a dimension can be a number
    of thousands of digits)."""
    if 0 in shape:
        return 0
    n = 1
    for d in shape:
        n *= d
        if n >= cap:
            return cap
    return n


class Budget:
    """What one file has used so far; each ``take_*`` raises ``WeightFileError`` past its limit."""

    def __init__(self, filename: str):
        self.filename = filename
        self.tensors = self.entries = self.graphs = self.nodes = self.values = self.bytes = 0

    def take_tensors(self, n: int = 1) -> None:
        self.tensors += n
        if self.tensors > MAX_TENSORS:
            raise WeightFileError("too_many_tensors", filename=self.filename, count=self.tensors, limit=MAX_TENSORS)

    def take_entries(self, n: int = 1) -> None:
        self.entries += n
        if self.entries > MAX_ENTRIES:
            raise WeightFileError("too_complex", filename=self.filename, count=self.entries, limit=MAX_ENTRIES)

    def take_graphs(self, n: int = 1) -> None:
        self.graphs += n
        if self.graphs > MAX_GRAPHS:
            raise WeightFileError("too_complex", filename=self.filename, count=self.graphs, limit=MAX_GRAPHS)

    def take_nodes(self, n: int) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise WeightFileError("too_complex", filename=self.filename, count=self.nodes, limit=MAX_NODES)

    def take_values(self, n: int) -> None:
        if self.values + n > MAX_VALUES:
            raise WeightFileError("too_many_values", filename=self.filename, count=self.values + n,
                                  limit=MAX_VALUES)
        self.values += n

    def take_bytes(self, n: int) -> None:
        if self.bytes + n > MAX_BYTES:
            raise WeightFileError("inflates", filename=self.filename, size=self.bytes + n,
                                  size_mib=(self.bytes + n) / 2**20, limit_mib=MAX_BYTES / 2**20,
                                  values=MAX_VALUES)
        self.bytes += n

    def check_depth(self, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise WeightFileError("too_deep", filename=self.filename, limit=MAX_DEPTH)


def clip(text: str, limit: int = MAX_NAME) -> str:
    """``text`` cut to ``limit`` characters (a name from a file can be a megabyte long)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"
