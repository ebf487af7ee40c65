"""What a reader builds: the tensors of one file that can be shown, what was skipped and why,
and the quantization parameters of integer tensors.

Readers call ``WeightFile.offer`` once per tensor entry of the file. It checks the entry's type
and shape, counts it against the file's ``Budget`` and only then reads its values, so nothing
is allocated for a tensor that is refused.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import ml_dtypes
import numpy as np

from .budget import MAX_DIMS, Budget, clip, count_of, shape_text, whole
from .errors import Problem, SkipTensor, WeightFileError, damaged

SMALL_FLOATS = {np.dtype(t) for t in (np.float16, ml_dtypes.bfloat16, ml_dtypes.float8_e4m3fn,
                                      ml_dtypes.float8_e5m2, ml_dtypes.float8_e4m3fnuz, ml_dtypes.float8_e5m2fnuz)}


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
    tensors: dict[str, np.ndarray] = field(default_factory=dict)    # float32 (float64 kept), read-only
    skipped: dict[str, Problem] = field(default_factory=dict)
    quant: dict[str, TensorQuant] = field(default_factory=dict)
    nonfinite: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (NaN, inf)
    source_dtype: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.budget = Budget(self.filename)
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}

    @property
    def values(self) -> int:
        return self.budget.values

    def offer(self, name: str, dtype: np.dtype | str | None, dims, read: Callable[[tuple], np.ndarray],
              quant: TensorQuant | None = None, stored_bytes: int | None = None, stored_as: str | None = None) -> None:
        """One tensor entry of the file: checked, counted, and read only if it can be shown.

        ``dims``: its shape as the file gives it; ``read(shape)`` returns exactly its values,
        given the checked shape, or raises ``SkipTensor``; ``stored_bytes``: the bytes the file
        holds for it, if known (they must match the shape); ``quant``: its scales and zero points,
        if quantized. ``dtype``: a numpy type, or the file's name for a type numpy does not have;
        ``stored_as``: the file's name for how it stores the values, when ``read`` decodes them
        (a llama.cpp block format).
        """
        self.budget.take_tensors()
        name = self.unique(name)
        shape, problem = self.check(name, dtype, dims)
        if problem is None and quant is not None:
            problem = quant_problem(name, quant, shape)
        if problem is not None:
            self.skipped[name] = problem
            return
        count = count_of(shape)
        self.budget.take_values(count)
        if stored_bytes is not None and stored_bytes != count * dtype.itemsize:
            raise damaged(self.filename, self.format, "size", name=name, got=stored_bytes,
                          need=count * dtype.itemsize, shape=shape)
        unpacked = count * (8 if dtype.kind == "f" and dtype.itemsize >= 8 else 4)
        self.budget.take_bytes(unpacked)
        try:
            array = np.asarray(read(shape)).reshape(shape)
        except SkipTensor as skip:          # what it would have taken is given back
            self.budget.values -= count
            self.budget.bytes -= unpacked
            self.skipped[name] = Problem(skip.problem.code, {"name": name, **skip.problem.params})
            return
        self.source_dtype[name] = stored_as or str(array.dtype)
        x = dequantize_stored(array, quant) if quant is not None else to_float(array)
        if quant is not None:
            self.quant[name] = quant
        x.flags.writeable = False   # shared by every session that opens the same upload
        self.tensors[name] = x
        nan = int(np.isnan(x).sum())
        inf = int(np.isinf(x).sum())
        if nan or inf:
            self.nonfinite[name] = (nan, inf)

    def skip(self, name: str, code: str, **params) -> None:
        """An entry that is skipped before its type and shape are known (counted like a tensor)."""
        self.budget.take_tensors()
        name = self.unique(name)
        self.skipped[name] = Problem(code, {"name": name, **params})

    def check(self, name: str, dtype: np.dtype | str | None, dims) -> tuple[tuple[int, ...], Problem | None]:
        """The checked shape and why the tensor cannot be shown (None if it can); raises
        ``WeightFileError`` for a shape that is not one (a negative or non-integer dimension)."""
        if dtype is None or isinstance(dtype, str):
            return (), Problem("nonnumeric", {"name": name, "dtype": clip(dtype or "unknown", 80)})
        if dtype.hasobject:
            return (), Problem("pickle", {"name": name})
        if dtype.kind == "c":
            return (), Problem("complex", {"name": name, "dtype": str(dtype)})
        if dtype.kind not in "iuf" and dtype not in SMALL_FLOATS:
            return (), Problem("nonnumeric", {"name": name, "dtype": clip(str(dtype), 80)})
        if not isinstance(dims, (list, tuple, np.ndarray)):
            raise damaged(self.filename, self.format, "bad_shape", name=name, shape=shape_text(dims))
        if len(dims) > MAX_DIMS:
            return (), Problem("ndim", {"name": name, "ndim": len(dims)})
        shape = tuple(whole(d) for d in dims)
        if None in shape:
            raise damaged(self.filename, self.format, "bad_shape", name=name, shape=shape_text(dims))
        if not shape:
            return shape, Problem("scalar", {"name": name})
        if 0 in shape:
            return shape, Problem("no_values", {"name": name, "shape": shape})
        return shape, None

    def unique(self, name: str) -> str:
        """``name`` (cut to a readable length), or ``name (2)``, ``name (3)``... if it is taken.
        Each suffix tried is tried once per file: linear time however many names repeat."""
        base = clip(name) or "tensor"
        name = base
        if name in self._taken:
            i = self._next.get(base, 2)
            while f"{base} ({i})" in self._taken:
                i += 1
            name, self._next[base] = f"{base} ({i})", i + 1
        self._taken.add(name)
        return name

    def finish(self) -> WeightFile:
        if self.tensors:
            return self
        problems = list(self.skipped.values())
        if len(problems) == 1:
            raise WeightFileError(problems[0].code, **problems[0].params)
        reasons = " ".join(p.message for p in problems[:5]) or "it contains no arrays."
        raise WeightFileError("no_tensors", filename=self.filename, reasons=reasons, problems=problems[:5])


def quant_problem(name: str, quant: TensorQuant, shape: tuple[int, ...]) -> Problem | None:
    """Scales and zero points that do not match the tensor: one for the tensor, or one per
    channel along ``axis``, as many as ``shape[axis]``."""
    channels = 1 if quant.axis is None else (shape[quant.axis] if 0 <= quant.axis < len(shape) else -1)
    if len(quant.scale) == channels and len(quant.zero_point) == channels:
        return None
    return Problem("quant_axis", {"name": name, "scales": len(quant.scale), "channels": max(channels, 0),
                                  "axis": quant.axis if quant.axis is not None else 0})


def to_float(array: np.ndarray) -> np.ndarray:
    """float64 stays float64; every other number type becomes float32 (no copy when the values
    already are: they are then a view of the file's bytes)."""
    if array.dtype.kind == "f" and array.dtype.itemsize >= 8:
        return array.astype(np.float64, copy=False)
    return array.astype(np.float32, copy=False)


def dequantize_stored(q: np.ndarray, quant: TensorQuant) -> np.ndarray:
    r"""Real values of stored integers, with one scale and zero point per channel along
    ``quant.axis`` (or one for the tensor):

    .. math:: x = \text{scale} \cdot (q - \text{zero\_point})

    computed in float64 and rounded once to float32."""
    shape = [1] * q.ndim
    if quant.axis is not None:
        shape[quant.axis] = -1
    scale = np.asarray(quant.scale, np.float64).reshape(shape)
    zero_point = np.asarray(quant.zero_point, np.int64).reshape(shape)
    return (scale * (q.astype(np.int64) - zero_point)).astype(np.float32)
