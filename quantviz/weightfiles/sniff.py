"""What the first bytes of a file say it is, for a message when its name says otherwise."""
from __future__ import annotations

from .errors import WeightFileError


def sniff(data: bytes) -> str | None:
    """The format the first bytes announce, if a known one."""
    if data[:6] == b"\x93NUMPY":
        return ".npy"
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        return "zip"
    if data[:4] == b"GGUF":
        return ".gguf"
    if data[4:8] == b"TFL3":
        return ".tflite"
    if data[:8] == b"\x89HDF\r\n\x1a\n":
        return "HDF5 (Keras .h5)"
    if data[:1] == b"\x80" and data[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
        return "Python pickle (PyTorch .pt/.pth)"
    if len(data) > 9 and data[8:9] == b"{" and int.from_bytes(data[:8], "little") < len(data):
        return ".safetensors"
    return None


def not_format(filename: str, fmt: str, data: bytes) -> WeightFileError:
    kind = sniff(data)
    kind = kind if kind and kind != fmt else ""
    hint = f" (it looks like {kind})" if kind else ""
    return WeightFileError("not_format", filename=filename, format=fmt, kind=kind, hint=hint)
