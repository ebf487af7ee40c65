r"""Affine (asymmetric) and symmetric quantization: the mapping between reals and integers.

.. math:: x = s \, (q - z), \qquad
    q = \operatorname{clamp}\left(\operatorname{round}(x / s) + z,\ q_{min},\ q_{max}\right)

``s`` is the scale (the real width of one integer step) and ``z`` the zero point (the code that
stands for 0.0). Degenerate but legal inputs work: ``rmin == rmax`` is widened to include 0;
a zero-width range ``[0, 0]`` (an all-zero tensor) gets scale 1 (PyTorch: ``2^-23``; ONNX
Runtime: 1), so every value quantizes to the zero point exactly. Scales are floored at float32's
smallest normal number (``2^-126``), below which a float32 grid cannot hold distinct levels.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import fastpath
from .errors import QuantError
from .numbers import check_bits, storage_dtype
from .schemes import check_scheme, code_range, compute_params, fuses_zero_point, scaled_codes, scheme_qrange


@dataclass(frozen=True)
class QParams:
    """Quantization parameters: ``x = scale * (q - zero_point)``, codes in ``[qmin, qmax]``.

    ``scale`` and ``zero_point`` are scalars (per tensor, ``axis=None``) or 1-d arrays with one
    entry per slice along ``axis`` (per channel). ``zero_point_real`` is the zero point before
    rounding (for display: 127.5 rounds to 127 or 128 depending on the scheme).
    """

    scale: float | np.ndarray
    zero_point: int | np.ndarray
    qmin: int
    qmax: int
    axis: int | None = None
    scheme: str = "exact"
    zero_point_real: float | np.ndarray | None = field(default=None, compare=False)

    def __post_init__(self):
        check_scheme(self.scheme)
        if not self.qmin < self.qmax:
            raise QuantError("qrange", qmin=self.qmin, qmax=self.qmax)
        scale = np.asarray(self.scale, dtype=np.float64)
        zero_point = np.asarray(self.zero_point)
        if not np.all(np.isfinite(scale) & (scale > 0)):
            raise QuantError("scale", value=self.scale)
        if not np.all(zero_point == np.round(zero_point)):
            raise QuantError("zp_integer", value=self.zero_point)
        if np.any(zero_point < self.qmin) or np.any(zero_point > self.qmax):
            raise QuantError("zp_range", value=self.zero_point, qmin=self.qmin, qmax=self.qmax)
        if self.axis is None and (scale.ndim or zero_point.ndim):
            raise ValueError("per-tensor parameters need a scalar scale and zero_point; "
                             "pass axis= for per-channel parameters")
        if self.axis is not None and (scale.ndim != 1 or zero_point.shape not in (scale.shape, ())):
            raise ValueError("per-channel parameters need 1-d scale and zero_point, one per channel")

    @property
    def levels(self) -> int:
        return self.qmax - self.qmin + 1

    @property
    def rmin(self):
        """The smallest real the grid represents: ``s * (qmin - z)``."""
        return self.scale * (self.qmin - np.asarray(self.zero_point, dtype=np.float64))

    @property
    def rmax(self):
        """The largest real the grid represents: ``s * (qmax - z)``."""
        return self.scale * (self.qmax - np.asarray(self.zero_point, dtype=np.float64))

    @property
    def dtype(self) -> np.dtype:
        return storage_dtype(self.qmin, self.qmax)


def _check_range(rmin, rmax):
    rmin = np.asarray(rmin, dtype=np.float64)
    rmax = np.asarray(rmax, dtype=np.float64)
    if np.any(np.isnan(rmin)) or np.any(np.isnan(rmax)):
        raise QuantError("nan_range")
    if np.any(np.isinf(rmin)) or np.any(np.isinf(rmax)):
        raise QuantError("inf_range")
    if np.any(rmin > rmax):
        raise QuantError("swap", rmin=rmin, rmax=rmax)
    if rmin.shape != rmax.shape:
        raise ValueError(f"rmin and rmax have different shapes {rmin.shape} and {rmax.shape}")
    return rmin, rmax


def choose_qparams(rmin, rmax, bits: int = 8, signed: bool = False, symmetric: bool = False,
                   narrow_range: bool = False, scheme: str = "exact", reduce_range: bool = False,
                   axis: int | None = None) -> QParams:
    r"""Scale and zero point that map ``[rmin, rmax]`` onto the ``bits``-wide integer range.

    .. math:: s = \frac{r_{max} - r_{min}}{q_{max} - q_{min}}, \qquad
        z = \operatorname{round}\left(q_{min} - \frac{r_{min}}{s}\right)

    Symmetric: :math:`s = \max(|r_{min}|, |r_{max}|) / ((q_{max} - q_{min}) / 2)` and ``z`` fixed
    (0 signed, the middle code unsigned). The range is first widened to contain 0. Per channel:
    ``rmin``/``rmax`` are 1-d arrays and ``axis`` names the channel axis of the tensor.
    ``qmin``/``qmax`` of the result are where ``quantize`` saturates, which can be wider than the
    range the scale was chosen for (``schemes.code_range``: ONNX Runtime's symmetric int8).
    """
    bits = check_bits(bits)
    rmin, rmax = _check_range(rmin, rmax)
    if axis is None and rmin.ndim:
        raise ValueError("rmin/rmax are arrays: pass axis= to get per-channel parameters")
    if axis is not None and rmin.ndim != 1:
        raise ValueError("per-channel (axis=) needs 1-d rmin and rmax, one entry per channel")
    qmin, qmax = scheme_qrange(bits, signed, narrow_range, symmetric, reduce_range, scheme)
    scale, zp_real, zp = compute_params(rmin, rmax, qmin, qmax, symmetric, signed, scheme)
    qmin, qmax = code_range(bits, signed, narrow_range, symmetric, reduce_range, scheme)
    if axis is None:
        return QParams(float(scale), int(zp), qmin, qmax, None, scheme, float(zp_real))
    return QParams(scale, zp, qmin, qmax, int(axis), scheme, zp_real)


def broadcast_params(qp: QParams, ndim: int):
    """Scale and zero point shaped to broadcast against a tensor of ``ndim`` dimensions."""
    if qp.axis is None:
        return qp.scale, qp.zero_point
    shape = [1] * ndim
    shape[qp.axis] = -1
    scale = np.asarray(qp.scale, dtype=np.float64).reshape(shape)
    zp = np.broadcast_to(np.asarray(qp.zero_point, dtype=np.int64), np.shape(qp.scale)).reshape(shape)
    return scale, zp


def _check_channels(qp: QParams, shape):
    if qp.axis is None:
        return
    if not -len(shape) <= qp.axis < len(shape):
        raise ValueError(f"axis {qp.axis} does not exist in a {len(shape)}-d tensor: "
                         f"use 0..{len(shape) - 1}")
    if shape[qp.axis] != np.size(qp.scale):
        raise ValueError(f"axis {qp.axis} has {shape[qp.axis]} channels but there are "
                         f"{np.size(qp.scale)} scales")


def quantize(x, qp: QParams) -> np.ndarray:
    r"""Real values to integer codes: :math:`q = \operatorname{clamp}(\operatorname{round}(x/s) + z, q_{min}, q_{max})`.

    Rounding follows ``qp.scheme``. Values beyond the range saturate at ``qmin``/``qmax``
    (so do ±inf); NaN has no code and becomes the zero point. Returns the smallest integer
    dtype that holds the range (uint8 for [0, 255], int8 for [-128, 127], ...).
    """
    x = np.asarray(x)
    _check_channels(qp, x.shape)
    if fastpath.applies(x, qp):
        return fastpath.codes(x, qp).astype(qp.dtype)
    return codes(x, qp).astype(qp.dtype)


def codes(x: np.ndarray, qp: QParams) -> np.ndarray:
    """The clamped integer codes of ``x`` as a float64 array (``quantize`` without the cast)."""
    scale, zp = broadcast_params(qp, x.ndim)
    v = np.asarray(scaled_codes(x, scale, zp, qp.scheme, fuses_zero_point(qp)), dtype=np.float64)
    np.clip(v, qp.qmin, qp.qmax, out=v)
    if np.isnan(v.max(initial=0.0)):
        v = np.where(np.isnan(v), np.broadcast_to(zp, v.shape), v)
    return v


def dequantize(q, qp: QParams) -> np.ndarray:
    r"""Integer codes back to reals: :math:`\hat{x} = s \, (q - z)`, as float32 (a product beyond
    float32's range, about 3.4e38, is ±inf)."""
    q = np.asarray(q)
    _check_channels(qp, q.shape)
    scale, zp = broadcast_params(qp, q.ndim)
    if qp.axis is None and float(np.float32(scale)) == scale:
        # A float32 scale times a small integer is exact in float64, so one float32 multiply
        # rounds exactly as the float64 product rounded to float32 would: stay in float32.
        centred = q.astype(np.float32)
        centred -= np.float32(zp)
        with np.errstate(over="ignore"):
            centred *= np.float32(scale)
        return centred
    centred = np.subtract(q, zp, dtype=np.float64)
    centred *= scale
    with np.errstate(over="ignore"):
        return centred.astype(np.float32)


def fake_quantize(x, qp: QParams) -> np.ndarray:
    """Quantize then dequantize: the real value each input is stored as (float32)."""
    return dequantize(quantize(x, qp), qp)
