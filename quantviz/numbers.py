"""Number formats: integer ranges and the floating-point formats neural networks use.

An integer format is a range of codes ``[qmin, qmax]``; a float format is a sign bit, ``E``
exponent bits and ``M`` mantissa bits, whose normal numbers are

.. math:: x = (-1)^{s} \\cdot 2^{e - \\text{bias}} \\cdot (1 + m / 2^{M})
"""
from __future__ import annotations

from dataclasses import dataclass

import ml_dtypes
import numpy as np

from .errors import QuantError

MIN_BITS, MAX_BITS = 1, 16


def check_bits(bits) -> int:
    """Return ``bits`` as an int, or raise ValueError saying which widths are allowed."""
    if isinstance(bits, (bool, np.bool_)) or not float(bits).is_integer():
        raise QuantError("bits", lo=MIN_BITS, hi=MAX_BITS, value=bits)
    bits = int(bits)
    if not MIN_BITS <= bits <= MAX_BITS:
        raise QuantError("bits", lo=MIN_BITS, hi=MAX_BITS, value=bits)
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
            raise QuantError("narrow1")
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

    With ``saturate`` (the default, as quantization toolkits and ONNX ``Cast(saturate=1)`` do)
    everything beyond the largest finite number, infinities included, becomes that number;
    NaN stays NaN. Without it values overflow as a plain cast does: to inf, or to NaN in
    float8_e4m3fn, which has no infinity.
    """
    fmt = float_format(fmt) if isinstance(fmt, str) else fmt
    x = np.asarray(x, dtype=np.float64)
    if saturate:
        x = np.clip(x, -fmt.max, fmt.max)  # NaN passes through np.clip unchanged
    with np.errstate(over="ignore"):
        if fmt.name == "float32":
            return x.astype(np.float32).astype(np.float64)
        # ml_dtypes casts float64 through float32, which can round twice; rounding to float32
        # "to odd" first keeps the final rounding correct for every format narrower than float32.
        return _float32_round_to_odd(x).astype(fmt.dtype).astype(np.float64)


def _float32_round_to_odd(x: np.ndarray) -> np.ndarray:
    """float64 -> float32 truncating toward zero, with the last bit set when inexact."""
    with np.errstate(over="ignore", invalid="ignore"):
        nearest = x.astype(np.float32)
        toward_zero = np.where(np.abs(nearest) > np.abs(x), np.nextafter(nearest, np.float32(0)), nearest)
        inexact = (toward_zero != x) & np.isfinite(x) & np.isfinite(toward_zero)
    bits = toward_zero.view(np.uint32) | inexact.astype(np.uint32)
    return bits.view(np.float32)


def float_code(x: float, fmt: str | FloatFormat, saturate: bool = True) -> int:
    """The bit pattern (an unsigned integer of ``fmt.bits`` bits) that stores ``x`` in ``fmt``."""
    fmt = float_format(fmt) if isinstance(fmt, str) else fmt
    stored = np.asarray(to_float(x, fmt, saturate), dtype=np.float64).reshape(1).astype(fmt.dtype)
    return int(stored.view(f"u{fmt.dtype.itemsize}")[0])


def float_from_code(code: int, fmt: str | FloatFormat) -> float:
    """The value stored by the bit pattern ``code`` (0 <= code < 2^bits) of ``fmt``."""
    fmt = float_format(fmt) if isinstance(fmt, str) else fmt
    code = int(code)
    if not 0 <= code < 2**fmt.bits:
        raise ValueError(f"a {fmt.name} bit pattern is a whole number from 0 to {2**fmt.bits - 1}, got {code}")
    word = np.array([code], dtype=f"u{fmt.dtype.itemsize}")
    with np.errstate(invalid="ignore"):  # a signalling NaN pattern is still just NaN here
        return float(word.view(fmt.dtype).astype(np.float64)[0])


def float_fields(x: float, fmt: str | FloatFormat, saturate: bool = True) -> tuple[int, int, int]:
    """The (sign, exponent, mantissa) bit fields of ``x`` stored in ``fmt`` (saturating by default)."""
    fmt = float_format(fmt) if isinstance(fmt, str) else fmt
    return split_code(float_code(x, fmt, saturate), fmt)


def split_code(code: int, fmt: str | FloatFormat) -> tuple[int, int, int]:
    """A bit pattern cut into its (sign, biased exponent, mantissa) fields."""
    fmt = float_format(fmt) if isinstance(fmt, str) else fmt
    mantissa = code & (2**fmt.mantissa_bits - 1)
    exponent = (code >> fmt.mantissa_bits) & (2**fmt.exponent_bits - 1)
    sign = code >> (fmt.mantissa_bits + fmt.exponent_bits)
    return sign, exponent, mantissa


def float_kind(code: int, fmt: str | FloatFormat) -> str:
    """What a bit pattern stands for: "zero", "subnormal", "normal", "inf" or "nan".

    An all-ones exponent means inf (mantissa 0) or NaN in IEEE formats; float8_e4m3fn has no
    infinity and uses that exponent for normal numbers, keeping only S.1111.111 for NaN.
    """
    fmt = float_format(fmt) if isinstance(fmt, str) else fmt
    _, exponent, mantissa = split_code(code, fmt)
    top = 2**fmt.exponent_bits - 1
    if exponent == top and fmt.has_inf:
        return "inf" if mantissa == 0 else "nan"
    if exponent == top and mantissa == 2**fmt.mantissa_bits - 1:
        return "nan"
    if exponent == 0:
        return "zero" if mantissa == 0 else "subnormal"
    return "normal"


def float_spacing(x, fmt: str | FloatFormat) -> np.ndarray:
    r"""Distance from ``|x|`` to the next larger representable value of ``fmt``.

    .. math:: \text{ulp}(x) =
        2^{\lfloor \log_2 |x| \rfloor - M} \text{ for normal } x, \quad 2^{1 - \text{bias} - M} \text{ below}
    """
    fmt = float_format(fmt) if isinstance(fmt, str) else fmt
    ax = np.abs(np.asarray(x, dtype=np.float64))
    with np.errstate(divide="ignore"):
        exponent = np.floor(np.log2(np.maximum(ax, fmt.min_normal)))
    return np.exp2(exponent - fmt.mantissa_bits)


def int_spacing(scale: float, x) -> np.ndarray:
    """An affine integer grid is uniform: the spacing is the scale whatever the magnitude."""
    return np.full(np.shape(x), float(scale))


def spacing_curve(fmt: str | FloatFormat, relative: bool = False) -> tuple[np.ndarray, np.ndarray]:
    r"""The gap between neighbouring positive values of ``fmt`` against magnitude, as corner
    points of a line from the smallest subnormal to the largest finite value.

    Inside each binade :math:`[2^e, 2^{e+1})` the gap is constant, and the relative gap falls
    from :math:`2^{-M}` to :math:`2^{-M-1}`; below the smallest normal number the gap stays at
    the smallest subnormal (so the relative gap grows to 1):

    .. math:: \text{gap}(x) = 2^{\lfloor \log_2 x \rfloor - M}, \qquad \frac{\text{gap}(x)}{x} \in (2^{-M-1},\ 2^{-M}]
    """
    fmt = float_format(fmt) if isinstance(fmt, str) else fmt
    segments = [(fmt.min_subnormal, fmt.min_normal, fmt.min_subnormal)]
    e_min, e_max = 1 - fmt.bias, int(np.floor(np.log2(fmt.max)))
    for e in range(e_min, e_max + 1):
        segments.append((2.0**e, min(2.0 ** (e + 1), fmt.max), 2.0 ** (e - fmt.mantissa_bits)))
    x = np.array([end for lo, hi, _ in segments for end in (lo, hi)])
    gap = np.repeat([g for _, _, g in segments], 2)
    return x, (gap / x if relative else gap)


def int_spacing_curve(scale: float, qmax: int, relative: bool = False) -> tuple[np.ndarray, np.ndarray]:
    r"""The same curve for the positive codes ``1..qmax`` of an integer grid with step ``scale``:
    the gap is the scale everywhere, so the relative gap falls from 1 to :math:`1/q_{max}`."""
    x = np.array([scale, scale * qmax], dtype=np.float64)
    gap = np.full(2, float(scale))
    return x, (gap / x if relative else gap)
