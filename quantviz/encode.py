r"""One real value in every number format: its bits, the value stored, the error, the overflow.

Floats store :math:`(-1)^s \cdot 2^{e - \text{bias}} \cdot (1 + m / 2^M)` (see ``numbers``);
integers store a code :math:`q` standing for :math:`s\,(q - z)` (see ``affine``). A *saturating*
cast clamps values beyond the largest finite one to it; a *plain* cast lets floats overflow to
inf (NaN in float8_e4m3fn) and integers, rounded to int32 and narrowed, wrap around modulo
:math:`2^b` (two's complement; beyond int32, and for NaN, C leaves the result undefined):

.. math:: q_{wrap} = \big((q - q_{min}) \bmod 2^b\big) + q_{min}
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Context, Decimal
from fractions import Fraction

import numpy as np

from .errors import QuantError
from .numbers import FLOAT_FORMATS, float_code, float_from_code, float_kind, int_range, split_code
from .schemes import scaled_codes

INT_FORMATS: dict[str, tuple[int, bool]] = {"int8": (8, True), "uint8": (8, False), "int4": (4, True)}
FORMATS: tuple[str, ...] = (*FLOAT_FORMATS, *INT_FORMATS)
INT32_MAX = 2**31 - 1


@dataclass(frozen=True)
class Encoding:
    """How one value is stored in one format.

    ``fields`` are (name, bits) from the most significant bit: sign / exponent / mantissa for
    floats; sign / integer (two's complement) or integer alone for integers. ``code`` is the bit
    pattern as an unsigned number, None when the format has no code for the value (NaN, or
    ±inf wrapped into an integer). ``kind``: zero, subnormal, normal, inf, nan (floats);
    code, saturated, wrapped, none (integers).
    """

    fmt: str
    code: int | None
    fields: tuple[tuple[str, str], ...]
    stored: float
    kind: str
    overflow: bool

    @property
    def bits(self) -> str:
        return "".join(bits for _, bits in self.fields)


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown number format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return fmt


def format_bits(fmt: str) -> int:
    check_format(fmt)
    return FLOAT_FORMATS[fmt].bits if fmt in FLOAT_FORMATS else INT_FORMATS[fmt][0]


def encode(x: float, fmt: str, scale: float = 1.0, zero_point: int = 0, saturate: bool = True) -> Encoding:
    """Store ``x`` in ``fmt`` (integers: with ``scale`` and ``zero_point``), saturating or not."""
    check_format(fmt)
    x = float(x)
    if fmt in FLOAT_FORMATS:
        return _encode_float(x, fmt, saturate)
    return _encode_int(x, fmt, _check_scale(scale), int(zero_point), saturate)


def _encode_float(x: float, fmt: str, saturate: bool) -> Encoding:
    f = FLOAT_FORMATS[fmt]
    code = float_code(x, f, saturate)
    sign, exponent, mantissa = split_code(code, f)
    fields = (("sign", str(sign)), ("exponent", f"{exponent:0{f.exponent_bits}b}"),
              ("mantissa", f"{mantissa:0{f.mantissa_bits}b}"))
    overflow = not math.isnan(x) and abs(x) > f.max
    return Encoding(fmt, code, fields, float_from_code(code, f), float_kind(code, f), overflow)


def _encode_int(x: float, fmt: str, scale: float, zero_point: int, saturate: bool) -> Encoding:
    bits, signed = INT_FORMATS[fmt]
    qmin, qmax = int_range(bits, signed)
    if not qmin <= zero_point <= qmax:
        raise QuantError("zp_range", value=zero_point, qmin=qmin, qmax=qmax)
    with np.errstate(over="ignore"):  # 1e300 / 1e-12 is inf: it saturates like any overflow
        v = float(scaled_codes(np.array([x]), scale, zero_point, "exact")[0])  # round(x / s) + z, unclamped
    overflow = not math.isnan(v) and not qmin <= v <= qmax
    if math.isnan(v) or (not saturate and abs(v) > INT32_MAX):  # no code; C leaves it undefined
        return Encoding(fmt, None, _int_fields("?" * bits, signed), math.nan, "none", overflow)
    if saturate:
        q, kind = int(min(max(v, qmin), qmax)), "saturated" if overflow else "code"
    else:
        q, kind = wrap(int(v), qmin, qmax), "wrapped" if overflow else "code"
    code = q & (2**bits - 1)
    return Encoding(fmt, code, _int_fields(f"{code:0{bits}b}", signed), scale * (q - zero_point), kind, overflow)


def _int_fields(pattern: str, signed: bool) -> tuple[tuple[str, str], ...]:
    return (("sign", pattern[0]), ("integer", pattern[1:])) if signed else (("integer", pattern),)


def _check_scale(scale) -> float:
    scale = float(scale)
    if not (math.isfinite(scale) and scale > 0):
        raise QuantError("scale", value=scale)
    return scale


def wrap(q: int, qmin: int, qmax: int) -> int:
    """An integer wrapped into ``[qmin, qmax]`` modulo the number of codes (a plain C cast)."""
    return (q - qmin) % (qmax - qmin + 1) + qmin


def decode(fmt: str, code: int, scale: float = 1.0, zero_point: int = 0) -> float:
    """The value a bit pattern of ``fmt`` stands for (integers: two's complement if signed)."""
    check_format(fmt)
    if fmt in FLOAT_FORMATS:
        return float_from_code(code, fmt)
    bits, signed = INT_FORMATS[fmt]
    if not 0 <= int(code) < 2**bits:
        raise ValueError(f"a {fmt} bit pattern is a whole number from 0 to {2**bits - 1}, got {code}")
    q = int(code) - (2**bits if signed and code >> (bits - 1) else 0)
    return _check_scale(scale) * (q - int(zero_point))


def errors(x: float, stored: float) -> tuple[float, float]:
    r"""Absolute and relative error of storing ``x`` as ``stored`` (NaN where undefined).

    .. math:: e = \hat{x} - x, \qquad e_{rel} = |\hat{x} - x| / |x|
    """
    if not math.isfinite(x) or math.isnan(stored):
        return math.nan, math.nan
    if math.isinf(stored):
        return stored, math.inf
    error = Fraction(stored) - Fraction(x)  # exact, then rounded once
    if error == 0:
        return 0.0, 0.0
    return float(error), (float(abs(error) / abs(Fraction(x))) if x != 0 else math.inf)


_POWER = re.compile(r"^([+-]?)2\s*(?:\^|\*\*)\s*([+-]?\d{1,5})$")


def parse_value(text: str) -> float:
    """A real value typed by a person: ``0.1``, ``-0``, ``1e40``, ``nan``, ``-inf``, ``2^-130``,
    ``0x1.8p-3``. Raises ValueError saying what is accepted."""
    cleaned = str(text).strip().replace("−", "-").replace(" ", "")
    power = _POWER.match(cleaned)
    try:
        if power:
            exponent = int(power.group(2))
            magnitude = math.inf if exponent > 1023 else math.ldexp(1.0, exponent)
            return -magnitude if power.group(1) == "-" else magnitude
        if re.match(r"^[+-]?0x", cleaned, re.IGNORECASE):
            return float.fromhex(cleaned)
        if cleaned and "_" not in cleaned:
            return float(cleaned)
    except (ValueError, OverflowError):
        pass
    raise ValueError(f"{text!r} is not a number: type e.g. 0.1, -0, 1e40, 2^-130, nan or inf")


def exact_text(v: float, max_digits: int = 30) -> tuple[str, bool]:
    """The exact decimal value of a float when it has at most ``max_digits`` significant digits,
    else 17 significant digits; the flag says whether the text is exact."""
    if math.isnan(v):
        return "NaN", True
    if math.isinf(v):
        return ("-∞" if v < 0 else "∞"), True
    if v == 0:
        return ("-0" if math.copysign(1.0, v) < 0 else "0"), True
    exact = Context(prec=1100).normalize(Decimal(v))  # every float64 has < 1100 digits: no rounding
    if len(exact.as_tuple().digits) <= max_digits:
        text = f"{exact:f}" if -7 <= exact.adjusted() < 21 else f"{exact:E}".replace("E", "e")
        return text, True
    return f"{v:.17g}", False


def odd_times_power_of_two(v: float) -> tuple[int, int] | None:
    r"""``v`` exactly as an odd integer times a power of two: ``(m, e)`` with :math:`v = m \cdot 2^e`."""
    if not math.isfinite(v) or v == 0:
        return None
    numerator, denominator = v.as_integer_ratio()
    e = -(denominator.bit_length() - 1)
    while numerator % 2 == 0:
        numerator //= 2
        e += 1
    return numerator, e


def float_terms(code: int, fmt: str) -> dict:
    r"""The numbers in :math:`(-1)^s \cdot 2^{E} \cdot (h + m / 2^M)` for a float bit pattern:
    ``sign``, biased ``exponent``, ``bias``, unbiased ``E`` (:math:`e - \text{bias}`, or
    :math:`1 - \text{bias}` for subnormals), hidden bit ``h`` (1 normal, 0 subnormal), ``mantissa``,
    ``M`` and ``kind``."""
    f = FLOAT_FORMATS[check_format(fmt)]
    sign, exponent, mantissa = split_code(code, f)
    kind = float_kind(code, f)
    hidden = 0 if kind in ("zero", "subnormal") else 1
    return {"sign": sign, "exponent": exponent, "bias": f.bias, "E": max(exponent, 1) - f.bias,
            "hidden": hidden, "mantissa": mantissa, "M": f.mantissa_bits, "kind": kind}


def int_terms(code: int, fmt: str, scale: float, zero_point: int) -> dict:
    """The code ``q`` (two's complement if signed) of an integer bit pattern and its value
    :math:`s (q - z)`."""
    bits, signed = INT_FORMATS[check_format(fmt)]
    q = int(code) - (2**bits if signed and code >> (bits - 1) else 0)
    return {"q": q, "scale": float(scale), "zero_point": int(zero_point), "value": decode(fmt, code, scale, zero_point)}


def format_summary(fmt: str, scale: float = 1.0, zero_point: int = 0) -> dict:
    """Size and range of a format: ``bits``, ``bytes``, ``min``, ``max``, ``min_normal`` and ``min_subnormal``
    (floats), ``min_positive`` (smallest value above 0), ``eps`` (floats: gap above 1.0) and ``step``
    (integers: the scale), ``overflow`` (what a plain cast gives beyond the range)."""
    check_format(fmt)
    if fmt in FLOAT_FORMATS:
        f = FLOAT_FORMATS[fmt]
        return {"bits": f.bits, "bytes": f.bits / 8, "min": -f.max, "max": f.max, "min_normal": f.min_normal,
                "min_subnormal": f.min_subnormal, "min_positive": f.min_subnormal, "eps": f.eps,
                "step": None, "overflow": "inf" if f.has_inf else "nan"}
    bits, signed = INT_FORMATS[fmt]
    qmin, qmax = int_range(bits, signed)
    scale = _check_scale(scale)
    return {"bits": bits, "bytes": bits / 8, "min": scale * (qmin - zero_point),
            "max": scale * (qmax - zero_point), "min_normal": None,
            "min_subnormal": None, "min_positive": scale if zero_point < qmax else None, "eps": None,
            "step": scale, "overflow": "wrap"}
