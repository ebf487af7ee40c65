"""Safe loading of user weight files: ``.npy``, ``.npz``, ``.safetensors``, ``.onnx``, ``.tflite``.

    load_weights(data, filename) -> {name: float ndarray}     # raises WeightFileError
    read_weight_file(data, filename) -> WeightFile            # the same, with what was skipped

Nothing is ever unpickled, and sizes are checked before data is read: at most ``MAX_FILE_BYTES``
per file and ``MAX_VALUES`` values in all. Tensors that cannot be shown (text, complex numbers,
a single number, more than 4 dimensions, no values) are skipped with a reason; if none is left
the file is refused. NaN and inf stay in place (shapes matter for per-channel ranges) and are
counted in ``WeightFile.nonfinite``; ``quantviz.weightstats`` leaves them out of the statistics.

Every problem has a ``code`` and ``params`` (so the app can say it in the reader's language) and
an English message that says what to do.
"""
from __future__ import annotations

import io
import math
import zipfile
from dataclasses import dataclass, field

import ml_dtypes
import numpy as np

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_VALUES = 20_000_000
MAX_DIMS = 4
SUFFIXES = (".npy", ".npz", ".safetensors", ".onnx", ".tflite")
SMALL_FLOATS = {np.dtype(t) for t in (np.float16, ml_dtypes.bfloat16, ml_dtypes.float8_e4m3fn,
                                      ml_dtypes.float8_e5m2)}

MESSAGES = {
    "empty": "{filename} is empty (0 bytes): choose the saved weight file itself.",
    "too_big": "{filename} is {size_mb:.1f} MB; the limit is 50 MB. Save only the layers you want "
               "to see (for example one tensor with np.save) and upload that.",
    "suffix": "Cannot tell how to read {filename}: its name must end in .npy, .npz, .safetensors, "
              ".onnx or .tflite.",
    "not_format": "{filename} is not a {format} file{hint}. Check that you chose the right file and "
                  "that its name ends in the extension of its real format.",
    "truncated": "{filename} ends too early (truncated or damaged): {detail}. Save or download it again.",
    "damaged": "{filename} could not be read as {format}: {detail}. Save or download it again.",
    "too_many_values": "{filename} holds more than 20 million values (at least {count:,}). Save fewer "
                       "or smaller tensors and upload that.",
    "inflates": "{filename} would unpack to {size_mb:.0f} MB, more than the {limit_mb:.0f} MB that "
                "20 million values take. Save fewer or smaller tensors and upload that.",
    "no_tensors": "{filename} holds no tensor that can be shown: {reasons}",
    # reasons for skipping one tensor
    "pickle": "{name} holds Python objects (dtype object), which could only be read by unpickling; "
              "uploads are never unpickled. Save plain numbers, e.g. np.save(path, w.astype(np.float32)).",
    "nonnumeric": "{name} holds {dtype} values, not numbers; only integer and real float tensors "
                  "can be shown.",
    "complex": "{name} holds complex numbers ({dtype}), which have no single real range; save the "
               "real and imaginary parts as separate tensors.",
    "scalar": "{name} is a single number (a 0-d array) and has no distribution to show; save it "
              "with at least one dimension.",
    "ndim": "{name} has {ndim} dimensions; at most 4 are supported. Reshape it first.",
    "no_values": "{name} has no values (shape {shape}).",
    "external": "{name} is stored in a separate external-data file, which was not uploaded.",
    "not_npy": "{name} is not a .npy array inside the .npz archive.",
}


class WeightFileError(ValueError):
    """A weight file that cannot be shown; ``code`` and ``params`` name the problem."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(MESSAGES[code].format(**params))


@dataclass(frozen=True)
class Problem:
    """Why one tensor was skipped."""
    code: str
    params: dict

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.params)


@dataclass(frozen=True)
class TensorQuant:
    """How an integer tensor of a quantized file maps to real values:
    ``x = scale * (q - zero_point)``, per tensor (``axis`` None) or per channel along ``axis``."""
    dtype: str
    scale: np.ndarray
    zero_point: np.ndarray
    axis: int | None


@dataclass
class WeightFile:
    filename: str
    format: str
    tensors: dict[str, np.ndarray] = field(default_factory=dict)    # float32 (float64 kept)
    skipped: dict[str, Problem] = field(default_factory=dict)
    quant: dict[str, TensorQuant] = field(default_factory=dict)
    nonfinite: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (NaN, inf)
    source_dtype: dict[str, str] = field(default_factory=dict)
    values: int = 0

    def tensor_problem(self, name: str, dtype: np.dtype | None, shape: tuple) -> Problem | None:
        """Why a tensor of this dtype and shape cannot be shown (None if it can); checked before
        its data is read. ``dtype`` None: a type with no numpy equivalent."""
        if dtype is not None and dtype.hasobject:
            return Problem("pickle", {"name": name})
        if dtype is not None and dtype.kind == "c":
            return Problem("complex", {"name": name, "dtype": str(dtype)})
        if dtype is None or (dtype.kind not in "iuf" and dtype not in SMALL_FLOATS):
            return Problem("nonnumeric", {"name": name, "dtype": "unknown" if dtype is None else str(dtype)})
        if len(shape) == 0:
            return Problem("scalar", {"name": name})
        if len(shape) > MAX_DIMS:
            return Problem("ndim", {"name": name, "ndim": len(shape)})
        if math.prod(shape) == 0:
            return Problem("no_values", {"name": name, "shape": tuple(shape)})
        return None

    def offer(self, name: str, dtype: np.dtype | None, shape: tuple, read, quant: TensorQuant | None = None):
        """Check a tensor, then (only if it passes and fits the limit) ``read()`` and keep it."""
        name = self._unique(name)
        problem = self.tensor_problem(name, dtype, tuple(shape))
        if problem is not None:
            self.skipped[name] = problem
            return
        count = math.prod(shape)
        if self.values + count > MAX_VALUES:
            raise WeightFileError("too_many_values", filename=self.filename, count=self.values + count)
        array = np.asarray(read()).reshape(shape)
        self.values += count
        self.source_dtype[name] = str(array.dtype)
        x = dequantize_stored(array, quant) if quant is not None else to_float(array)
        if quant is not None:
            self.quant[name] = quant
        self.tensors[name] = x
        bad = ~np.isfinite(x)
        if bad.any():
            nan = int(np.isnan(x).sum())
            self.nonfinite[name] = (nan, int(bad.sum()) - nan)

    def _unique(self, name: str) -> str:
        name = name or "tensor"
        base, i = name, 2
        while name in self.tensors or name in self.skipped:
            name, i = f"{base} ({i})", i + 1
        return name

    def finish(self) -> WeightFile:
        if self.tensors:
            return self
        problems = list(self.skipped.values())
        if len(problems) == 1:
            raise WeightFileError(problems[0].code, **problems[0].params)
        reasons = " ".join(p.message for p in problems[:5]) or "it contains no arrays."
        raise WeightFileError("no_tensors", filename=self.filename, reasons=reasons, problems=problems[:5])


def to_float(array: np.ndarray) -> np.ndarray:
    """float64 stays float64; every other number type becomes float32."""
    if array.dtype.kind == "f" and array.dtype.itemsize >= 8:
        return array.astype(np.float64)
    return array.astype(np.float32)


def dequantize_stored(q: np.ndarray, quant: TensorQuant) -> np.ndarray:
    r"""Real values of stored integers: :math:`x = \text{scale} \cdot (q - \text{zero\_point})`,
    with one scale and zero point per channel along ``quant.axis`` (or one for the tensor)."""
    shape = [1] * q.ndim
    if quant.axis is not None and q.ndim:
        shape[quant.axis] = -1
    scale = np.asarray(quant.scale, np.float64).reshape(shape)
    zero_point = np.asarray(quant.zero_point, np.int64).reshape(shape)
    return (scale * (q.astype(np.int64) - zero_point)).astype(np.float32)


def sniff(data: bytes) -> str | None:
    """The format the first bytes announce, if a known one."""
    if data[:6] == b"\x93NUMPY":
        return ".npy"
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        return "zip"
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


def _read_npy_header(fp) -> tuple[tuple, bool, np.dtype]:
    """Shape, Fortran order and dtype from a .npy header, without reading the data."""
    version = np.lib.format.read_magic(fp)
    if version == (1, 0):
        return np.lib.format.read_array_header_1_0(fp)
    return np.lib.format.read_array_header_2_0(fp)


def _offer_npy(wf: WeightFile, name: str, fp) -> None:
    """One .npy stream: header first, then exactly the announced bytes (never unpickled)."""
    try:
        shape, fortran, dtype = _read_npy_header(fp)
    except (ValueError, OSError, EOFError, SyntaxError) as e:
        raise WeightFileError("truncated" if "EOF" in str(e) or "ended" in str(e) else "damaged",
                              filename=wf.filename, format=".npy", detail=f"{name}: bad header ({e})")

    def read():
        nbytes = math.prod(shape) * dtype.itemsize
        raw = fp.read(nbytes)
        if len(raw) < nbytes:
            raise WeightFileError("truncated", filename=wf.filename,
                                  detail=f"{name} announces {nbytes:,} bytes of data but holds {len(raw):,}")
        if fortran:
            return np.frombuffer(raw, dtype).reshape(shape[::-1]).T
        return np.frombuffer(raw, dtype).reshape(shape)

    wf.offer(name, dtype, shape, read)


def _read_npy(wf: WeightFile, data: bytes) -> None:
    if data[:6] != b"\x93NUMPY":
        raise not_format(wf.filename, ".npy", data)
    _offer_npy(wf, wf.filename.rsplit("/", 1)[-1].removesuffix(".npy"), io.BytesIO(data))


def _read_npz(wf: WeightFile, data: bytes) -> None:
    if data[:2] != b"PK":
        raise not_format(wf.filename, ".npz", data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise WeightFileError("truncated", filename=wf.filename, detail=f"its zip directory is missing ({e})")
    limit = MAX_VALUES * 8 + 1024 * len(members)
    inflated = sum(m.file_size for m in members)
    if inflated > limit:
        raise WeightFileError("inflates", filename=wf.filename, size_mb=inflated / 2**20, limit_mb=limit / 2**20)
    for member in members:
        if member.is_dir():
            continue
        if not member.filename.endswith(".npy"):
            wf.skipped[wf._unique(member.filename)] = Problem("not_npy", {"name": member.filename})
            continue
        try:
            with archive.open(member) as fp:
                _offer_npy(wf, member.filename.removesuffix(".npy"), fp)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError) as e:
            raise WeightFileError("truncated", filename=wf.filename, detail=f"{member.filename}: {e}")


def _readers():
    from . import weightformats
    return {".npy": _read_npy, ".npz": _read_npz, ".safetensors": weightformats.read_safetensors,
            ".onnx": weightformats.read_onnx, ".tflite": weightformats.read_tflite}


def read_weight_file(data: bytes, filename: str) -> WeightFile:
    """Every showable tensor of an uploaded file, what was skipped and why, and quantization
    parameters of integer tensors. Raises ``WeightFileError`` for a file that cannot be shown."""
    suffix = next((s for s in SUFFIXES if filename.lower().endswith(s)), None)
    if suffix is None:
        raise WeightFileError("suffix", filename=filename)
    if len(data) == 0:
        raise WeightFileError("empty", filename=filename)
    if len(data) > MAX_FILE_BYTES:
        raise WeightFileError("too_big", filename=filename, size_mb=len(data) / 2**20)
    wf = WeightFile(filename, suffix)
    _readers()[suffix](wf, bytes(data))
    return wf.finish()


def load_weights(data: bytes, filename: str) -> dict[str, np.ndarray]:
    """``{name: float ndarray}`` of every tensor in the file (see ``read_weight_file``)."""
    return read_weight_file(data, filename).tensors
