"""Safe reading of uploaded weight files: ``.npy``, ``.npz``, ``.safetensors``, ``.onnx``, ``.tflite``,
``.gguf``.

    load_weights(data, filename) -> {name: float ndarray}     # raises WeightFileError
    read_weight_file(data, filename) -> WeightFile            # the same, with what was skipped

Nothing is ever unpickled or executed. One budget (``budget``) bounds what a file may take:
its size, its header, its tensors, values and nested graphs, all checked before anything is
allocated for them. Tensors that cannot be shown (text, complex numbers, a single number, more
than 4 dimensions, no values) are skipped with a reason; if none is left the file is refused.
NaN and inf stay in place and are counted in ``WeightFile.nonfinite``.

Every refusal is a ``WeightFileError`` (a ``ValueError``) with a ``code`` and ``params`` (see
``errors``), including failures of the parsers underneath; anything unexpected is logged on the
server with its traceback and refused as "unreadable", never passed on.
"""
from __future__ import annotations

import logging

import numpy as np

from .budget import MAX_FILE_BYTES, MAX_TENSORS, MAX_VALUES, clip
from .errors import MESSAGES, Problem, WeightFileError
from .gguf_file import read_gguf
from .npy_file import read_npy
from .npz_file import read_npz
from .onnx_file import read_onnx
from .safetensors_file import read_safetensors
from .tflite_file import read_tflite
from .weightfile import TensorQuant, WeightFile

__all__ = ["read_weight_file", "load_weights", "WeightFile", "WeightFileError", "Problem", "TensorQuant",
           "MESSAGES", "MAX_FILE_BYTES", "MAX_VALUES", "MAX_TENSORS", "SUFFIXES"]

READERS = {".npy": read_npy, ".npz": read_npz, ".safetensors": read_safetensors, ".onnx": read_onnx,
           ".tflite": read_tflite, ".gguf": read_gguf}
SUFFIXES = tuple(READERS)
log = logging.getLogger(__name__)


def read_weight_file(data: bytes, filename: str) -> WeightFile:
    """Every showable tensor of an uploaded file, what was skipped and why, and quantization
    parameters of integer tensors. Raises ``WeightFileError`` for a file that cannot be shown."""
    suffix = next((s for s in SUFFIXES if filename.lower().endswith(s)), None)
    if suffix is None:
        raise WeightFileError("suffix", filename=filename)
    if len(data) == 0:
        raise WeightFileError("empty", filename=filename)
    if len(data) > MAX_FILE_BYTES:
        raise WeightFileError("too_big", filename=filename, size=len(data), size_mib=len(data) / 2**20,
                              limit=MAX_FILE_BYTES, limit_mib=MAX_FILE_BYTES / 2**20)
    wf = WeightFile(clip(filename), suffix)
    try:
        READERS[suffix](wf, bytes(data))
    except WeightFileError:
        raise
    except Exception as e:   # noqa: BLE001 - a parser failed in a way not foreseen
        log.warning("unreadable %s file (%d bytes): %s: %s", suffix, len(data), type(e).__name__, e,
                    exc_info=True)
        raise WeightFileError("unreadable", filename=wf.filename, format=suffix) from None
    return wf.finish()


def load_weights(data: bytes, filename: str) -> dict[str, np.ndarray]:
    """``{name: float ndarray}`` of every tensor in the file (see ``read_weight_file``)."""
    return read_weight_file(data, filename).tensors
