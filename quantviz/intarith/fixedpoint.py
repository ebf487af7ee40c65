r"""Fixed-point requantization as TFLite and gemmlowp do it, bit for bit, on int32 values.

A real multiplier ``M`` (e.g. ``s_in * s_w / s_out``) is stored as an int32 ``M0`` in Q0.31 and a
power-of-two ``shift``:

.. math:: M = M_0 \cdot 2^{\text{shift} - 31}, \qquad 2^{30} \le M_0 < 2^{31}

so an int32 accumulator is rescaled with integer operations only. All functions take numpy
arrays or Python ints (elementwise) and compute in int64 so nothing overflows by accident.
"""
from __future__ import annotations

import math

import numpy as np

from ..errors import QuantError

INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1


def quantize_multiplier(m: float) -> tuple[int, int]:
    r"""``M -> (M0, shift)`` with :math:`M = M_0 \cdot 2^{\text{shift} - 31}` (TFLite ``QuantizeMultiplier``).

    ``frexp`` gives ``M = f * 2^e`` with ``f`` in [0.5, 1); ``M0 = round(f * 2^31)`` (ties away
    from zero). If rounding reaches ``2^31`` it is halved and ``e`` grows by one; multipliers
    below ``2^-32`` flush to zero.
    """
    m = float(m)
    if not math.isfinite(m):
        raise QuantError("m_finite", value=m)
    if m == 0.0:
        return 0, 0
    fraction, shift = math.frexp(m)
    m0 = int(math.copysign(math.floor(abs(fraction) * 2**31 + 0.5), fraction))
    if abs(m0) == 2**31:
        m0 //= 2
        shift += 1
    if shift < -31:
        return 0, 0
    if shift > 30:
        raise QuantError("m_large", value=m)
    return m0, shift


def _int64(x) -> np.ndarray:
    return np.asarray(x, dtype=np.int64)


def _result(x):
    """int64 array -> int (0-d) or int64 array."""
    return int(x) if np.ndim(x) == 0 else x


def _wrap_int32(x: np.ndarray) -> np.ndarray:
    """Two's-complement wrap into int32, as a C int32 operation would (keeping the low 32 bits)."""
    return np.asarray(x, dtype=np.int64).astype(np.int32).astype(np.int64)


def saturating_rounding_doubling_high_mul(a, b):
    r"""High 32 bits of ``2 * a * b``, rounded to nearest, ties toward +inf (gemmlowp ``SRDHM``).

    .. math:: \operatorname{SRDHM}(a, b) = \left\lfloor \frac{a b + 2^{30}}{2^{31}} \right\rfloor

    gemmlowp adds the nudge ``2^30`` (``a*b >= 0``) or ``1 - 2^30`` (otherwise) and truncates
    toward zero; both give this floor. The one overflow, ``INT32_MIN * INT32_MIN``, saturates to
    ``INT32_MAX``.
    """
    ab = _int64(a) * _int64(b)
    # For ab < 0, truncating (ab + 1 - 2^30) / 2^31 toward zero equals flooring (ab + 2^30) / 2^31,
    # so one arithmetic shift serves both signs. Only INT32_MIN * INT32_MIN = 2^62 gives 2^31.
    high = (ab + 2**30) >> 31
    return _result(np.minimum(high, INT32_MAX))


def rounding_divide_by_pot(x, exponent):
    r"""``x / 2^exponent`` rounded to nearest, ties away from zero (gemmlowp ``RoundingDivideByPOT``).

    .. math:: (x \gg e) + [\,(x \mathbin{\&} m) > (m \gg 1) + [x < 0]\,], \quad m = 2^e - 1
    """
    x, exponent = _int64(x), _int64(exponent)
    if np.any((exponent < 0) | (exponent > 31)):
        raise ValueError("the exponent of a rounding divide must be in 0..31")
    mask = (np.int64(1) << exponent) - 1
    remainder = x & mask
    threshold = (mask >> 1) + (x < 0)
    return _result((x >> exponent) + (remainder > threshold))


def multiply_by_quantized_multiplier(x, m0, shift, single_rounding: bool = False):
    r"""``x * M`` for int32 ``x`` with ``M = M0 * 2^(shift - 31)``, as TFLite computes it.

    Default (two roundings; the left shift wraps like C int32 arithmetic):

    .. math:: \operatorname{RDBPOT}\left(\operatorname{SRDHM}\left(x \cdot 2^{\max(\text{shift},
        0)},\ M_0\right),\ \max(-\text{shift}, 0)\right)

    ``single_rounding`` (``TFLITE_SINGLE_ROUNDING``), in int64, saturated to int32:

    .. math:: \left\lfloor \frac{x M_0 + 2^{30 - \text{shift}}}{2^{31 - \text{shift}}} \right\rfloor
    """
    x, m0, shift = _int64(x), _int64(m0), _int64(shift)
    if single_rounding:
        total_shift = 31 - shift
        rounded = (x * m0 + (np.int64(1) << (total_shift - 1))) >> total_shift
        return _result(np.clip(rounded, INT32_MIN, INT32_MAX))
    left = np.maximum(shift, 0)
    right = np.maximum(-shift, 0)
    shifted = _wrap_int32(x * (np.int64(1) << left)) if np.any(left) else x
    return _result(rounding_divide_by_pot(saturating_rounding_doubling_high_mul(shifted, m0), right))


def quantize_multipliers(m) -> tuple[np.ndarray, np.ndarray]:
    """``quantize_multiplier`` elementwise on an array (one multiplier per output channel).

    Returns int64 arrays ``(M0, shift)`` of the shape of ``m``, equal entry by entry to the
    scalar function.
    """
    m = np.asarray(m, dtype=np.float64)
    if not np.all(np.isfinite(m)):
        raise QuantError("m_finite", value=m[~np.isfinite(m)].flat[0])
    fraction, shift = np.frexp(m)
    shift = shift.astype(np.int64)
    m0 = (np.copysign(np.floor(np.abs(fraction) * 2.0**31 + 0.5), fraction)).astype(np.int64)
    carry = np.abs(m0) == 2**31
    m0 = np.where(carry, m0 // 2, m0)
    shift = np.where(carry, shift + 1, shift)
    flush = (shift < -31) | (m0 == 0)
    if np.any(shift[~flush] > 30):
        raise QuantError("m_large", value=np.max(m))
    return np.where(flush, 0, m0), np.where(flush, 0, shift)


def q31_bits(m0: int) -> str:
    """The 32 bits of the int32 ``M0`` (two's complement), most significant first.

    Read as Q0.31 the first bit is the sign and a binary point follows it:
    ``0.1xxx...`` is a value in [0.5, 1).
    """
    m0 = int(m0)
    if not INT32_MIN <= m0 <= INT32_MAX:
        raise ValueError(f"M0 = {m0} does not fit in int32")
    return format(m0 & 0xFFFFFFFF, "032b")


def multiply_by_quantized_multiplier_steps(x: int, m0: int, shift: int,
                                           single_rounding: bool = False) -> dict[str, int]:
    """Every intermediate integer of ``multiply_by_quantized_multiplier`` for one int32 ``x``.

    Two roundings: ``left_shift``, ``right_shift``, ``shifted`` (x times 2^left_shift, wrapped
    to int32), ``product`` (shifted * M0, exact), ``nudge``, ``high`` (the SRDHM result),
    ``mask``, ``remainder``, ``threshold``, ``round_up`` (0 or 1) and ``result``.
    Single rounding: ``total_shift`` (31 - shift), ``product`` (x * M0), ``nudge``
    (2^(total_shift - 1)) and ``result``.
    """
    x, m0, shift = int(x), int(m0), int(shift)
    if single_rounding:
        total_shift = 31 - shift
        product = x * m0
        nudge = 1 << (total_shift - 1)
        result = min(max((product + nudge) >> total_shift, INT32_MIN), INT32_MAX)
        return {"total_shift": total_shift, "product": product, "nudge": nudge, "result": result}
    left, right = max(shift, 0), max(-shift, 0)
    shifted = int(_wrap_int32(np.int64(x) * (1 << left)))
    product = shifted * m0
    high = saturating_rounding_doubling_high_mul(shifted, m0)
    mask = (1 << right) - 1
    remainder = high & mask
    threshold = (mask >> 1) + (1 if high < 0 else 0)
    round_up = int(remainder > threshold)
    return {"left_shift": left, "right_shift": right, "shifted": shifted, "product": product,
            "nudge": 2**30 if product >= 0 else 1 - 2**30, "high": high, "mask": mask,
            "remainder": remainder, "threshold": threshold, "round_up": round_up,
            "result": (high >> right) + round_up}


def rounding_comparison(m: float, x) -> dict[str, np.ndarray]:
    """``x * M`` exactly (float64) and as TFLite computes it with two roundings and with one.

    ``x``: int32 values. Returns ``exact``, ``double`` and ``single`` arrays of the shape of
    ``x``; where ``double != single`` the two builds of TFLite disagree by one.
    """
    m0, shift = quantize_multiplier(m)
    x = _int64(x)
    return {"exact": x * float(m), "double": _int64(multiply_by_quantized_multiplier(x, m0, shift)),
            "single": _int64(multiply_by_quantized_multiplier(x, m0, shift, single_rounding=True))}
