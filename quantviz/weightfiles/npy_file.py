"""``.npy`` files: a short header (``{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4)}``,
parsed by numpy without evaluating code) followed by the raw values. Never unpickled: a header
announcing Python objects is skipped before any data is read.
"""
from __future__ import annotations

import io

import numpy as np

from .budget import clip, count_of
from .errors import damaged, truncated
from .sniff import not_format
from .weightfile import WeightFile

HEADER_ERRORS = (ValueError, SyntaxError, TypeError, KeyError, RecursionError, MemoryError, OverflowError,
                 EOFError, OSError)


def read_header(wf: WeightFile, fp) -> tuple[tuple, bool, np.dtype]:
    """Shape, Fortran order and dtype from the header at ``fp`` (as the file says: the shape is
    checked by ``WeightFile.offer``)."""
    try:
        version = np.lib.format.read_magic(fp)
        if version == (1, 0):
            return np.lib.format.read_array_header_1_0(fp)
        if version in ((2, 0), (3, 0)):
            return np.lib.format.read_array_header_2_0(fp)
    except HEADER_ERRORS as e:
        if "EOF" in str(e) or "ended" in str(e):
            raise truncated(wf.filename, "header") from None
        raise damaged(wf.filename, ".npy", "header") from None
    raise damaged(wf.filename, ".npy", "header")


def offer_npy(wf: WeightFile, name: str, fp, data: bytes | None = None) -> None:
    """One ``.npy`` stream: its header, then exactly the bytes its checked shape needs.
    ``data``: the whole file when ``fp`` reads it (the values are then used without a copy)."""
    dims, fortran, dtype = read_header(wf, fp)

    def read(shape: tuple[int, ...]) -> np.ndarray:
        need = count_of(shape) * dtype.itemsize
        if data is not None:
            start = fp.tell()
            got = min(need, len(data) - start)
            raw = np.frombuffer(data, np.uint8, count=got, offset=start) if got > 0 else np.empty(0, np.uint8)
        else:
            raw = np.frombuffer(fp.read(need), np.uint8)
            got = raw.size
        if got < need:
            raise truncated(wf.filename, "data_cut", name=clip(name), need=need, got=max(got, 0))
        values = raw.view(dtype)
        return values.reshape(shape[::-1]).T if fortran else values.reshape(shape)

    wf.offer(name, dtype, dims, read)


def read_npy(wf: WeightFile, data: bytes) -> None:
    if data[:6] != b"\x93NUMPY":
        raise not_format(wf.filename, ".npy", data)
    name = wf.filename.replace("\\", "/").rsplit("/", 1)[-1]
    offer_npy(wf, name[:-4] if name.lower().endswith(".npy") else name, io.BytesIO(data), data)
