"""How PyTorch, ONNX Runtime and TFLite compute scale and zero point, and how each rounds.

Every function here works elementwise on numpy arrays, so one code path serves per-tensor
(0-d arrays) and per-channel (one entry per channel) parameters. ``exact`` is the textbook rule
in float64 with round half to even; the three framework schemes reproduce each library's float32
or float64 arithmetic and rounding bit for bit, as PyTorch 2.13, ONNX Runtime 1.32 and LiteRT 2.3
run it (proved against the libraries themselves in ``tests/conformance``).

Two integer ranges are at play. The scale is chosen for one (``scheme_qrange``: ONNX Runtime and
TFLite drop the lowest code of a symmetric signed range, so int8 becomes [-127, 127]); the codes
are clamped to another (``code_range``): ONNX Runtime's ``QuantizeLinear`` saturates to its type's
whole range, so an out-of-range value can still become -128.
"""
from __future__ import annotations

import numpy as np

from .errors import QuantError
from .numbers import int_range, storage_dtype

SCHEMES = ("exact", "pytorch", "onnxruntime", "tflite")
FRAMEWORKS = {"pytorch": "PyTorch", "onnxruntime": "ONNX Runtime", "tflite": "TFLite"}  # whose arithmetic
# The integer codes (bits, signed) each framework quantizes to, where ``tests/conformance`` checks
# the scheme against the library itself: PyTorch's 8-bit types with any narrower quant_min /
# quant_max and its 16-bit observers; ONNX Runtime's (u)int4, (u)int8, (u)int16; LiteRT's uint8,
# int8 and int16. At other widths a scheme applies its framework's rules to the codes, unchecked.
FRAMEWORK_CODES = {"pytorch": {(b, s) for b in (*range(1, 9), 16) for s in (False, True)},
                   "onnxruntime": {(b, s) for b in (4, 8, 16) for s in (False, True)},
                   "tflite": {(8, False), (8, True), (16, True)}}
PYTORCH_EPS = np.float32(2.0**-23)  # torch.finfo(torch.float32).eps floors PyTorch's scale
F32_TINY = np.finfo(np.float32).tiny


def check_scheme(scheme: str) -> str:
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}: choose one of {', '.join(SCHEMES)}")
    return scheme


def scheme_qrange(bits: int = 8, signed: bool = False, narrow_range: bool = False,
                  symmetric: bool = False, reduce_range: bool = False,
                  scheme: str = "exact") -> tuple[int, int]:
    """The integer range the scale is chosen for, with these options.

    TFLite drops the lowest code of every symmetric signed range (int8 [-127, 127], int4
    [-7, 7]); ONNX Runtime does so for int8 and int16 (not int4). ``reduce_range`` keeps one bit
    less of headroom: PyTorch halves both ends (qint8 [-64, 63], quint8 [0, 127]); ONNX Runtime
    uses [-64, 64] for int8 (int16: [-16384, 16384]) and one bit less for the others.
    """
    check_scheme(scheme)
    forced_narrow = symmetric and signed and (scheme == "tflite" or (scheme == "onnxruntime" and bits >= 8))
    if not reduce_range:
        return int_range(bits, signed, narrow_range or forced_narrow)
    if bits < 2:
        raise QuantError("reduce1")
    if scheme == "pytorch":
        qmin, qmax = int_range(bits, signed, narrow_range)
        return qmin // 2, qmax // 2
    if scheme == "onnxruntime" and signed and bits >= 8:
        half = 2 ** (bits - 2)
        return -half, half
    return int_range(bits - 1, signed, narrow_range)


def code_range(bits: int = 8, signed: bool = False, narrow_range: bool = False,
               symmetric: bool = False, reduce_range: bool = False,
               scheme: str = "exact") -> tuple[int, int]:
    """The codes ``quantize`` produces: where it saturates.

    ONNX Runtime's ``QuantizeLinear`` saturates to its type's whole range ([-128, 127] for int8)
    whatever range the scale was chosen for; the other schemes clamp to ``scheme_qrange``
    (TFLite's converter clamps symmetric weights to [-127, 127]; its runtime ``QUANTIZE`` op
    saturates to the type, as ``int_range(bits, signed)`` gives).
    """
    if check_scheme(scheme) == "onnxruntime":
        return int_range(bits, signed)
    return scheme_qrange(bits, signed, narrow_range, symmetric, reduce_range, scheme)


def _symmetric_zero_point(qmin, qmax, signed, scheme):
    if signed:
        return 0
    if scheme == "pytorch" and (qmin, qmax) not in ((0, 255), (0, 65535)):
        return (qmin + qmax) // 2        # PyTorch's rule for a customised range
    if scheme == "onnxruntime":
        return int(np.rint((qmin + qmax) / 2.0))
    return (qmin + qmax + 1) // 2        # the middle code: 128 for uint8


def compute_params(rmin, rmax, qmin: int, qmax: int, symmetric: bool, signed: bool, scheme: str):
    """Scale, real zero point (before rounding) and integer zero point, as float64/int64 arrays.

    ``rmin`` and ``rmax`` are finite arrays with ``rmin <= rmax``; the range is first widened to
    contain 0, so that 0.0 is exactly representable (as the code ``zero_point``).
    """
    compute = {"exact": _exact, "pytorch": _pytorch, "onnxruntime": _onnxruntime,
               "tflite": _tflite}[check_scheme(scheme)]
    rmin = np.minimum(np.asarray(rmin, dtype=np.float64), 0.0)
    rmax = np.maximum(np.asarray(rmax, dtype=np.float64), 0.0)
    middle = _symmetric_zero_point(qmin, qmax, signed, scheme) if symmetric else None
    scale, zp_real, zp = compute(rmin, rmax, qmin, qmax, middle)
    return scale, zp_real, np.clip(zp, qmin, qmax).astype(np.int64)


def _fixed(scale, zero_point):
    """A symmetric mapping's parameters: the scale and its fixed zero point (before and after rounding)."""
    zp = np.full(np.shape(scale), zero_point, dtype=np.float64)
    return scale, zp, zp


def _floor_scale(scale):
    """A zero-width range [0, 0] can use any scale: 1. A positive scale below float32's smallest
    normal number would make the grid's levels collapse in a float32 tensor: floor it there."""
    return np.where(scale > 0, np.maximum(scale, F32_TINY), 1.0)


def _exact(rmin, rmax, qmin, qmax, middle):
    r"""float64: :math:`s = (r_{max} - r_{min}) / (q_{max} - q_{min})`, :math:`z = q_{min} - r_{min} / s`.

    ``middle``: the fixed zero point of a symmetric mapping, or None (affine)."""
    if middle is not None:
        return _fixed(_floor_scale(np.maximum(-rmin, rmax) / ((qmax - qmin) / 2)), middle)
    scale = _floor_scale((rmax - rmin) / (qmax - qmin))
    zp_real = qmin - rmin / scale
    return scale, zp_real, np.rint(zp_real)


def _pytorch(rmin, rmax, qmin, qmax, middle):
    """float32 throughout (observer ``_calculate_qparams``), scale floored at eps = 2^-23;
    the zero point is ``qmin - round(rmin / s)`` (rounded before the subtraction)."""
    mn, mx = rmin.astype(np.float32), rmax.astype(np.float32)
    with np.errstate(over="ignore"):      # beyond float32's range the scale is inf, as there
        if middle is not None:
            scale = np.maximum(-mn, mx) / np.float32((qmax - qmin) / 2)
            return _fixed(np.maximum(scale, PYTORCH_EPS).astype(np.float64), middle)
        scale = np.maximum((mx - mn) / np.float32(qmax - qmin), PYTORCH_EPS)
    steps = (mn / scale).astype(np.float64)
    return scale.astype(np.float64), qmin - steps, qmin - np.rint(steps)


def _onnxruntime(rmin, rmax, qmin, qmax, middle):
    """``compute_scale_zp``: the float32 range promoted to float64 before the subtraction, scale
    and zero point in float64, the scale stored as float32; a scale below float32's smallest
    normal number becomes 1 with zero point 0 (symmetric too)."""
    mn, mx = rmin.astype(np.float32), rmax.astype(np.float32)
    if middle is not None:
        absmax = np.maximum(np.abs(mn), np.abs(mx))
        mn, mx = -absmax, absmax
    scale = (mx.astype(np.float64) - mn.astype(np.float64)) / (float(qmax) - float(qmin))
    tiny = scale < F32_TINY
    zp_real = qmin - mn.astype(np.float64) / np.where(tiny, 1.0, scale)
    if middle is not None:
        zp_real = np.full(scale.shape, float(middle))
    zp_real = np.where(tiny, 0.0, zp_real)
    with np.errstate(over="ignore"):     # beyond float32's range the stored scale is inf, as there
        scale = np.where(tiny, 1.0, scale.astype(np.float32).astype(np.float64))
    return scale, zp_real, np.rint(zp_real)


def _tflite(rmin, rmax, qmin, qmax, middle):
    """float32 (``GetAsymmetricQuantizationParams``; symmetric as ``max|r| / 127``), the zero
    point rounded half away from zero (``std::round``)."""
    mn, mx = rmin.astype(np.float32), rmax.astype(np.float32)
    with np.errstate(over="ignore"):      # beyond float32's range the scale is inf, as there
        if middle is not None:
            scale = np.maximum(-mn, mx) / np.float32((qmax - qmin) / 2)
            return _fixed(_floor_scale(scale.astype(np.float64)), middle)
        scale = _floor_scale((mx - mn) / np.float32(qmax - qmin)).astype(np.float32)
    zp_real = (np.float32(qmin) - mn / scale).astype(np.float64)
    return scale.astype(np.float64), zp_real, round_to_int(zp_real, "away")


def round_to_int(v, mode: str = "even") -> np.ndarray:
    """Round to the nearest integer (float result): ties to even, or away from zero."""
    v = np.asarray(v, dtype=np.float64)
    if mode == "even":
        return np.rint(v)
    return np.copysign(np.floor(np.abs(v) + 0.5), v)


def fuses_zero_point(qp) -> bool:
    """PyTorch adds the zero point inside its rounding (a fused multiply-add) only when it
    quantizes per tensor to an 8-bit type (see ``scaled_codes``)."""
    return qp.axis is None and storage_dtype(qp.qmin, qp.qmax).itemsize == 1


def scaled_codes(x: np.ndarray, scale, zero_point, scheme: str, fused: bool = True) -> np.ndarray:
    r"""``round(x / s) + z`` as float64, before clamping, rounded the way ``scheme`` rounds.

    - exact: float64 division, ties to even.
    - pytorch: multiply by the float32 reciprocal ``1.0f / s``, ties to even. ``fused``
      (``quantize_per_tensor`` to an 8-bit type): ``nearbyint(fma(x, 1.0f / s, z))``, the zero
      point added in the same rounding; otherwise (``quantize_per_channel``, 32-bit codes) the
      product and then the sum are each rounded to float32 before ``nearbyint``.
    - onnxruntime: float32 division, ties to even, then ``+ z``.
    - tflite: float32 division, ties away from zero (``std::round``), then ``+ z``.
    """
    if scheme == "exact":
        v = np.divide(x, scale, dtype=np.float64)
        np.rint(v, out=v)
        v += zero_point
        return v
    with np.errstate(over="ignore", invalid="ignore"):  # float32 as in the frameworks: ±inf beyond
        x32 = np.asarray(x, dtype=np.float32)
        s32 = np.asarray(scale, dtype=np.float32)
        if scheme == "pytorch" and fused:
            return np.rint(_fma_float32(x32, np.float32(1) / s32, zero_point))
        if scheme == "pytorch":
            product = np.multiply(x32, np.float32(1) / s32, dtype=np.float32)
            total = np.add(product, np.asarray(zero_point, dtype=np.float32), dtype=np.float32)
            return np.rint(total.astype(np.float64))
        ratio = np.divide(x32, s32, dtype=np.float32).astype(np.float64)
    v = round_to_int(ratio, "even" if scheme == "onnxruntime" else "away")
    v += zero_point
    return v


def _fma_float32(a32: np.ndarray, b32, c) -> np.ndarray:
    """float32 ``fma(a, b, c)``: ``a * b + c`` with a single rounding, returned as float64.

    ``a * b`` of two float32 is exact in float64; the sum with ``c`` may round once in float64,
    and rounding that again to float32 differs from one rounding only where the float64 sum is
    exactly halfway between two float32 values. There the exact remainder (TwoSum) decides.
    """
    product = a32.astype(np.float64) * np.asarray(b32, dtype=np.float64)
    total = product + c
    result = total.astype(np.float32).astype(np.float64)
    below = np.nextafter(result.astype(np.float32), np.float32(-np.inf)).astype(np.float64)
    above = np.nextafter(result.astype(np.float32), np.float32(np.inf)).astype(np.float64)
    halfway = (2 * total == result + below) | (2 * total == result + above)
    if np.any(halfway):
        with np.errstate(invalid="ignore"):
            bv = total - product
            remainder = (product - (total - bv)) + (c - bv)  # exact: total + remainder = a*b + c
        up = halfway & (remainder > 0) & (result < total)
        down = halfway & (remainder < 0) & (result > total)
        result = np.where(up, above, np.where(down, below, result))
    return result
