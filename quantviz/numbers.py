"""Number formats: integer ranges and the floating-point formats neural networks use.

An integer format is a range of codes ``[qmin, qmax]``; a float format is a sign bit, ``E``
exponent bits and ``M`` mantissa bits, whose normal numbers are

.. math:: x = (-1)^{s} \\cdot 2^{e - \\text{bias}} \\cdot (1 + m / 2^{M})
"""
from __future__ import annotations

from dataclasses import dataclass

import ml_dtypes
import numpy as np

MIN_BITS, MAX_BITS = 1, 16


def check_bits(bits) -> int:
    """Return ``bits`` as an int, or raise ValueError saying which widths are allowed."""
    if isinstance(bits, (bool, np.bool_)) or not float(bits).is_integer():
        raise ValueError(f"bits must be a whole number from {MIN_BITS} to {MAX_BITS}, got {bits!r}")
    bits = int(bits)
    if not MIN_BITS <= bits <= MAX_BITS:
        raise ValueError(f"bits must be from {MIN_BITS} to {MAX_BITS}, got {bits}")
    return bits


def int_range(bits: int = 8, signed: bool = False, narrow_range: bool = False) -> tuple[int, int]:
    r"""The integer codes of a ``bits``-wide format.

    .. math:: [q_{min}, q_{max}] = [0, 2^b - 1] \text{ (unsigned) or } [-2^{b-1}, 2^{b-1} - 1] \text{ (signed)}

    Narrow range drops the lowest code (int8 becomes [-127, 127]), so that the range is
    symmetric around zero. A narrow 1-bit format would keep a single code, so it is refused.
    """
    bits = check_bits(bits)
    if signed:
        qmin, qmax = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    else:
        qmin, qmax = 0, 2**bits - 1
    if narrow_range:
        if bits == 1:
            raise ValueError("narrow range with 1 bit leaves a single code: use 2 bits or more, "
                             "or turn narrow range off")
        qmin += 1
    return qmin, qmax


def storage_dtype(qmin: int, qmax: int) -> np.dtype:
    """The smallest numpy integer dtype that holds every code of ``[qmin, qmax]``."""
    for dtype in (np.uint8, np.int8, np.uint16, np.int16, np.int32):
        info = np.iinfo(dtype)
        if info.min <= qmin and qmax <= info.max:
            return np.dtype(dtype)
    return np.dtype(np.int64)


@dataclass(frozen=True)
class FloatFormat:
    """A binary floating-point format and its key numbers (all as Python floats)."""

    name: str
    dtype: np.dtype
    exponent_bits: int
    mantissa_bits: int
    max: float            # largest finite value
    min_normal: float     # smallest positive normal value, 2^(1 - bias)
    min_subnormal: float  # smallest positive value, 2^(1 - bias - M)
    eps: float            # spacing just above 1.0, 2^-M
    has_inf: bool         # float8_e4m3fn has no infinity: overflow is NaN

    @property
    def bits(self) -> int:
        return 1 + self.exponent_bits + self.mantissa_bits

    @property
    def bias(self) -> int:
        return 2 ** (self.exponent_bits - 1) - 1


def _float_format(name: str, dtype, has_inf: bool = True) -> FloatFormat:
    info = ml_dtypes.finfo(dtype)
    return FloatFormat(name=name, dtype=np.dtype(dtype), exponent_bits=int(info.nexp),
                       mantissa_bits=int(info.nmant), max=float(info.max),
                       min_normal=float(info.smallest_normal),
                       min_subnormal=float(info.smallest_subnormal), eps=float(info.eps),
                       has_inf=has_inf)


FLOAT_FORMATS: dict[str, FloatFormat] = {
    "float32": _float_format("float32", np.float32),
    "float16": _float_format("float16", np.float16),
    "bfloat16": _float_format("bfloat16", ml_dtypes.bfloat16),
    "float8_e4m3fn": _float_format("float8_e4m3fn", ml_dtypes.float8_e4m3fn, has_inf=False),
    "float8_e5m2": _float_format("float8_e5m2", ml_dtypes.float8_e5m2),
}


def float_format(name: str) -> FloatFormat:
    try:
        return FLOAT_FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown float format {name!r}: choose one of {', '.join(FLOAT_FORMATS)}") from None


def to_float(x, fmt: str | FloatFormat, saturate: bool = True) -> np.ndarray:
    """Round ``x`` to the nearest value of ``fmt`` (ties to even), returned as float64.

    With ``saturate`` (the default, as quantization toolkits do) values beyond the largest finite
    number become that number; without it they overflow as the hardware would: to inf, or to
    NaN in float8_e4m3fn, which has no infinity.
    """
    fmt = float_format(fmt) if isinstance(fmt, str) else fmt
    x = np.asarray(x, dtype=np.float64)
    if saturate:
        x = np.where(np.isfinite(x), np.clip(x, -fmt.max, fmt.max), x)
    if fmt.name == "float32":
        return x.astype(np.float32).astype(np.float64)
    # ml_dtypes casts float64 through float32, which can round twice; rounding to float32 "to
    # odd" first keeps the final rounding correct for every format narrower than float32.
    with np.errstate(over="ignore"):
        return _float32_round_to_odd(x).astype(fmt.dtype).astype(np.float64)


def _float32_round_to_odd(x: np.ndarray) -> np.ndarray:
    """float64 -> float32 truncating toward zero, with the last bit set when inexact."""
    with np.errstate(over="ignore", invalid="ignore"):
        nearest = x.astype(np.float32)
        toward_zero = np.where(np.abs(nearest) > np.abs(x), np.nextafter(nearest, np.float32(0)), nearest)
        inexact = (toward_zero != x) & np.isfinite(x) & np.isfinite(toward_zero)
    bits = toward_zero.view(np.uint32) | inexact.astype(np.uint32)
    return bits.view(np.float32)


def float_fields(x: float, fmt: str | FloatFormat) -> tuple[int, int, int]:
    """The (sign, exponent, mantissa) bit fields of ``x`` stored in ``fmt`` (saturating)."""
    fmt = float_format(fmt) if isinstance(fmt, str) else fmt
    stored = np.asarray(to_float(x, fmt), dtype=np.float64).astype(fmt.dtype)
    code = int(stored.reshape(1).view(f"u{fmt.dtype.itemsize}")[0])
    mantissa = code & (2**fmt.mantissa_bits - 1)
    exponent = (code >> fmt.mantissa_bits) & (2**fmt.exponent_bits - 1)
    sign = code >> (fmt.mantissa_bits + fmt.exponent_bits)
    return sign, exponent, mantissa


def float_spacing(x, fmt: str | FloatFormat) -> np.ndarray:
    r"""Distance from ``|x|`` to the next larger representable value of ``fmt``.

    .. math:: \text{ulp}(x) = 2^{\lfloor \log_2 |x| \rfloor - M} \text{ for normal } x, \quad 2^{1 - \text{bias} - M} \text{ below}
    """
    fmt = float_format(fmt) if isinstance(fmt, str) else fmt
    ax = np.abs(np.asarray(x, dtype=np.float64))
    with np.errstate(divide="ignore"):
        exponent = np.floor(np.log2(np.maximum(ax, fmt.min_normal)))
    return np.exp2(exponent - fmt.mantissa_bits)


def int_spacing(scale: float, x) -> np.ndarray:
    """An affine integer grid is uniform: the spacing is the scale whatever the magnitude."""
    return np.full(np.shape(x), float(scale))
