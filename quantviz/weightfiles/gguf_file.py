"""``.gguf`` files (llama.cpp's), read with the ``gguf`` package's ``GGUFReader`` once their header
has been checked against the budget (``gguf_header``).

Float and integer tensors are read as they are stored (``F32``, ``F16``, ``BF16``, ``F64``, ``I8``
to ``I64``); the block formats of ``quantviz.llm.ggml`` (``Q8_0``, ``Q5_0``, ``Q4_1``, ``Q4_0``,
``Q4_K``, ``TQ2_0``, ``MXFP4``, ``NVFP4``) are decoded by that module, bit for bit as
``gguf.quants`` decodes them; any other type is skipped with the list of those read.
"""
from __future__ import annotations

import tempfile

import ml_dtypes
import numpy as np
from gguf import GGUFReader
from gguf.constants import GGMLQuantizationType as GGML

from ..llm import ggml
from .errors import SkipTensor
from .gguf_header import read_header
from .weightfile import WeightFile

PLAIN = {GGML.F32: np.float32, GGML.F16: np.float16, GGML.F64: np.float64, GGML.BF16: ml_dtypes.bfloat16,
         GGML.I8: np.int8, GGML.I16: np.int16, GGML.I32: np.int32, GGML.I64: np.int64}
READ_TYPES = ", ".join([t.name for t in PLAIN] + list(ggml.TYPES))


def read_gguf(wf: WeightFile, data: bytes) -> None:
    _, infos = read_header(wf.filename, data)          # raises before the reader sees a lie
    with tempfile.TemporaryFile() as file:             # the reader maps a file; nothing else sees it
        file.write(data)
        file.flush()
        reader = GGUFReader(file)
        for info, tensor in zip(infos, reader.tensors):
            offer(wf, info.name, tensor.tensor_type, info.shape, tensor.data)
        del reader


def offer(wf: WeightFile, name: str, ggml_type: GGML, shape: tuple[int, ...], stored: np.ndarray) -> None:
    """One tensor: read as its numbers, decoded from its blocks, or skipped."""
    if ggml_type in PLAIN:
        dtype = np.dtype(PLAIN[ggml_type])
        wf.offer(name, dtype, list(shape), lambda checked: np.array(stored).view(dtype))
    elif ggml_type.name in ggml.TYPES:
        wf.offer(name, np.dtype(np.float32), list(shape), lambda checked: decode(stored, ggml_type.name),
                 stored_as=ggml_type.name)
    else:
        wf.skip(name, "ggml_type", dtype=ggml_type.name, types=READ_TYPES)


def decode(stored: np.ndarray, name: str) -> np.ndarray:
    """A tensor's block bytes ``(..., bytes per row)`` as float32 values ``(..., row)``."""
    try:
        return ggml.dequantize(np.array(stored), name)
    except ValueError:                                 # a NaN or inf scale: not this format's data
        raise SkipTensor("bad_blocks", dtype=name) from None
