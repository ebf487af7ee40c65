r"""Multiplying and adding quantized numbers, with every intermediate value traced.

A code :math:`q` with scale :math:`s` and zero point :math:`z` stands for :math:`x = s\,(q - z)`.
Multiplying or adding the codes themselves is wrong (the article's 0.0 x 1.0 maps back to 253):
the scales and zero points have to stay in the formula. Both functions here compute the result
with integers only, as TFLite's reference int8 ``Mul`` and ``Add`` kernels do, and return a
trace: for each step the integer(s) computed and the real number they stand for.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..affine import QParams
from ..errors import QuantError
from .fixedpoint import INT32_MAX, multiply_by_quantized_multiplier, quantize_multiplier


@dataclass(frozen=True)
class Step:
    """One line of a trace: ``value`` (integers, or a real multiplier) and the real it stands for."""

    value: object
    real: object = None


Trace = dict  # step name -> Step, in the order computed


def _check_per_tensor(qp: QParams, name: str) -> None:
    if qp.axis is not None:
        raise QuantError("per_channel", name=name)


def _codes(q, qp: QParams, name: str) -> np.ndarray:
    """``q`` as int64, after checking that every code is a whole number inside ``qp``'s range."""
    _check_per_tensor(qp, name)
    q = np.asarray(q)
    if q.dtype.kind == "f":
        if not np.all(np.isfinite(q)) or np.any(q != np.round(q)):
            raise QuantError("code_whole", name=name)
    elif q.dtype.kind not in "iu":
        raise QuantError("code_whole", name=name)
    if np.any(q < qp.qmin) or np.any(q > qp.qmax):
        raise QuantError("code_range", name=name, qmin=qp.qmin, qmax=qp.qmax)
    return q.astype(np.int64)


def _out(v: np.ndarray):
    """An int64 array as a Python int (scalar input) or an int64 array."""
    return int(v) if np.ndim(v) == 0 else v


def _real(qp: QParams, centred):
    return float(qp.scale) * np.asarray(centred, dtype=np.float64)


def quantized_multiply(x_q, y_q, qp_x: QParams, qp_y: QParams, qp_z: QParams,
                       single_rounding: bool = False):
    r"""The product of two quantized numbers as a code of the output grid, integers only.

    .. math:: z_q = z_{zp} + \frac{s_x s_y}{s_z}\,(x_q - x_{zp})\,(y_q - y_{zp})

    The integer product of the centred codes is the int32 accumulator; the real multiplier
    :math:`M = s_x s_y / s_z` is applied as :math:`M_0 \cdot 2^{\text{shift} - 31}` (TFLite's
    ``MultiplyByQuantizedMultiplier``, two roundings unless ``single_rounding``), then the
    output zero point is added and the result clamped to the output range.

    ``x_q``, ``y_q``: codes (scalars or arrays that broadcast). Returns ``(z_q, trace)``; the trace
    also holds the naive product ``x_q * y_q`` read as an output code (``naive``).
    """
    x, y = _codes(x_q, qp_x, "x"), _codes(y_q, qp_y, "y")
    _check_per_tensor(qp_z, "the output")
    x_c, y_c = x - qp_x.zero_point, y - qp_y.zero_point
    acc = x_c * y_c
    if np.any(np.abs(acc) > INT32_MAX):
        raise QuantError("acc_int32")
    m = float(qp_x.scale) * float(qp_y.scale) / float(qp_z.scale)
    m0, shift = quantize_multiplier(m)
    scaled = np.asarray(multiply_by_quantized_multiplier(acc, m0, shift, single_rounding), np.int64)
    unclamped = scaled + qp_z.zero_point
    z = np.clip(unclamped, qp_z.qmin, qp_z.qmax)
    naive = x * y
    x_real, y_real = _real(qp_x, x_c), _real(qp_y, y_c)
    trace: Trace = {
        "x_q": Step(_out(x), x_real), "y_q": Step(_out(y), y_real),
        "x_centred": Step(_out(x_c), x_real), "y_centred": Step(_out(y_c), y_real),
        "acc": Step(_out(acc), float(qp_x.scale) * float(qp_y.scale) * acc.astype(np.float64)),
        "M": Step(m), "M0": Step(m0), "shift": Step(shift),
        "scaled_exact": Step(m * acc.astype(np.float64), _real(qp_z, m * acc.astype(np.float64))),
        "scaled": Step(_out(scaled), _real(qp_z, scaled)),
        "unclamped": Step(_out(unclamped), _real(qp_z, scaled)),
        "z_q": Step(_out(z), _real(qp_z, z - qp_z.zero_point)),
        "exact": Step(None, x_real * y_real),
        "naive": Step(_out(naive), _real(qp_z, naive - qp_z.zero_point)),
    }
    return _out(z), trace


def add_left_shift(*qps: QParams) -> int:
    """TFLite's headroom for ``Add``: 20 bits when every operand is 8-bit, 15 for 16-bit codes."""
    return 20 if all(qp.levels <= 256 for qp in qps) else 15


def quantized_add(x_q, y_q, qp_x: QParams, qp_y: QParams, qp_z: QParams,
                  single_rounding: bool = False):
    r"""The sum of two quantized numbers as a code of the output grid, integers only.

    Each operand is first rescaled into the output's scale, then the zero point is added:

    .. math:: z_q = z_{zp} + \frac{s_x}{s_z}\,(x_q - x_{zp}) + \frac{s_y}{s_z}\,(y_q - y_{zp})

    As TFLite's int8 ``Add``: the centred codes are shifted left by ``add_left_shift`` bits
    (headroom), each is multiplied by :math:`s / (2 \max(s_x, s_y))`, the sum by
    :math:`2 \max(s_x, s_y) / (2^{\text{left shift}} s_z)`, each multiplier as ``(M0, shift)``.
    Returns ``(z_q, trace)``; the trace also holds the naive sum of the codes (``naive``) and the
    sum of the centred codes without rescaling (``no_rescale``), both read as output codes.
    """
    x, y = _codes(x_q, qp_x, "x"), _codes(y_q, qp_y, "y")
    _check_per_tensor(qp_z, "the output")
    left_shift = add_left_shift(qp_x, qp_y, qp_z)
    x_c, y_c = x - qp_x.zero_point, y - qp_y.zero_point
    if np.any(np.abs(np.concatenate([np.ravel(x_c), np.ravel(y_c)])) << left_shift > INT32_MAX):
        raise QuantError("shift_int32", bits=left_shift)
    s_x, s_y, s_z = float(qp_x.scale), float(qp_y.scale), float(qp_z.scale)
    twice_max = 2 * max(s_x, s_y)
    m_x, m_y = s_x / twice_max, s_y / twice_max
    m_out = twice_max / ((1 << left_shift) * s_z)
    (m0_x, shift_x), (m0_y, shift_y) = quantize_multiplier(m_x), quantize_multiplier(m_y)
    m0_out, shift_out = quantize_multiplier(m_out)
    x_shifted, y_shifted = x_c << left_shift, y_c << left_shift
    x_scaled = np.asarray(multiply_by_quantized_multiplier(x_shifted, m0_x, shift_x, single_rounding), np.int64)
    y_scaled = np.asarray(multiply_by_quantized_multiplier(y_shifted, m0_y, shift_y, single_rounding), np.int64)
    raw_sum = x_scaled + y_scaled
    scaled = np.asarray(multiply_by_quantized_multiplier(raw_sum, m0_out, shift_out, single_rounding), np.int64)
    unclamped = scaled + qp_z.zero_point
    z = np.clip(unclamped, qp_z.qmin, qp_z.qmax)
    x_real, y_real = _real(qp_x, x_c), _real(qp_y, y_c)
    unit = twice_max / (1 << left_shift)  # the real value of one step of the shifted sum
    naive, no_rescale = x + y, x_c + y_c
    trace: Trace = {
        "x_q": Step(_out(x), x_real), "y_q": Step(_out(y), y_real),
        "x_centred": Step(_out(x_c), x_real), "y_centred": Step(_out(y_c), y_real),
        "x_in_z_steps": Step(s_x / s_z * x_c.astype(np.float64), x_real),
        "y_in_z_steps": Step(s_y / s_z * y_c.astype(np.float64), y_real),
        "left_shift": Step(left_shift),
        "x_shifted": Step(_out(x_shifted), x_real), "y_shifted": Step(_out(y_shifted), y_real),
        "M_x": Step(m_x), "M0_x": Step(m0_x), "shift_x": Step(shift_x),
        "M_y": Step(m_y), "M0_y": Step(m0_y), "shift_y": Step(shift_y),
        "x_scaled": Step(_out(x_scaled), unit * x_scaled), "y_scaled": Step(_out(y_scaled), unit * y_scaled),
        "raw_sum": Step(_out(raw_sum), unit * raw_sum),
        "M_out": Step(m_out), "M0_out": Step(m0_out), "shift_out": Step(shift_out),
        "scaled": Step(_out(scaled), _real(qp_z, scaled)),
        "unclamped": Step(_out(unclamped), _real(qp_z, scaled)),
        "z_q": Step(_out(z), _real(qp_z, z - qp_z.zero_point)),
        "exact": Step(None, x_real + y_real),
        "naive": Step(_out(naive), _real(qp_z, naive - qp_z.zero_point)),
        "no_rescale": Step(_out(no_rescale + qp_z.zero_point), _real(qp_z, no_rescale)),
    }
    return _out(z), trace
