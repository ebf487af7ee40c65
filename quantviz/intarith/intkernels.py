r"""Integer-only fully connected layer (matmul), as TFLite's reference int8 kernel runs it.

Shapes follow TFLite's ``FullyConnected``: input codes ``q_in`` (batch, in), weight codes ``q_w``
(out, in), int32 ``bias`` (out,) with scale ``s_in * s_w`` and zero point 0, output
(batch, out) = ``q_in @ q_w.T``. Per-output-channel weights give ``zp_w``, ``M0`` and ``shift``
arrays of shape (out,); per-tensor ones give scalars. Every argument is explicit: no QParams, so
dense and convolution layers (after im2col) of a whole network can call these directly.

.. math:: q_{out} =
    \operatorname{clamp}\Big(z_{out} + M \big(\textstyle\sum_k (q_{in} - z_{in})(q_w - z_w) + q_{bias}\big),\
    a_{min},\ a_{max}\Big), \quad M = \frac{s_{in} s_w}{s_{out}}

``fully_connected_reference`` is a plain loop (TFLite's reference kernel, line by line);
``fully_connected`` is the vectorized version (Jacob et al. 2018's zero-point expansion on a
float64 BLAS product). They agree bit for bit (tests/core/test_intkernels.py), and with LiteRT's
kernels (tests/core/test_intkernels_litert.py). TFLite's sources round the requantization twice
by default; the ai-edge-litert wheel is built to round once: pass ``single_rounding=True`` to
match it.
"""
from __future__ import annotations

import numpy as np

from ..errors import QuantError
from ..numbers import storage_dtype
from .fixedpoint import multiply_by_quantized_multiplier, quantize_multipliers

EXACT_FLOAT64 = 2**53  # integers of magnitude up to 2^53 (and their sums below it) are exact
EXACT_FLOAT32 = 2**24  # the same in float32
_WRAP_DTYPES = {8: np.int8, 16: np.int16, 32: np.int32}


def wrap(acc, acc_bits: int = 32) -> np.ndarray:
    """Two's-complement wrap into a signed ``acc_bits`` accumulator (as the hardware adds)."""
    acc = np.asarray(acc, dtype=np.int64)
    if acc_bits in _WRAP_DTYPES:  # a cast keeps the low bits: the same, 30x faster than %
        return acc.astype(_WRAP_DTYPES[acc_bits]).astype(np.int64)
    half = 1 << (acc_bits - 1)
    return (acc + half) % (2 * half) - half


def _max_abs(x: np.ndarray) -> int:
    """max |x| as a Python int (np.abs(int8(-128)) would wrap to -128)."""
    return max(abs(int(x.min())), abs(int(x.max()))) if x.size else 0


def _int_matmul(a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Exact ``a @ w.T`` of integer arrays a (batch, n), w (out, n) as int64 (batch, out).

    numpy has no integer BLAS, but float BLAS is exact on integers as long as every partial
    sum stays below 2^24 (float32) or 2^53 (float64): guarded by ``n * max|a| * max|w|`` below
    that bound (int8 operands: n < 1032 in float32, n < 2^38 in float64).
    Beyond that the (slow, exact below 2^63) int64 matmul is used.
    """
    n = a.shape[1]
    bound = n * _max_abs(a) * _max_abs(w)
    if bound < EXACT_FLOAT32:   # int8 operands, n up to 1032: float32 BLAS is exact and faster
        return (a.astype(np.float32) @ w.astype(np.float32).T).astype(np.int64)
    if bound < EXACT_FLOAT64:
        return (a.astype(np.float64) @ w.astype(np.float64).T).astype(np.int64)
    if bound >= 2**63:
        raise QuantError("int64")
    return a.astype(np.int64) @ w.astype(np.int64).T


def _check_operands(q_in, q_w, zp_w):
    q_in, q_w = np.asarray(q_in), np.asarray(q_w)
    if q_in.ndim != 2 or q_w.ndim != 2:
        raise ValueError(f"inputs must be (batch, in) and weights (out, in), got shapes "
                         f"{q_in.shape} and {q_w.shape}")
    if q_in.shape[1] != q_w.shape[1]:
        raise ValueError(f"the input has {q_in.shape[1]} features but the weights expect "
                         f"{q_w.shape[1]}: weights are (out, in)")
    if q_in.dtype.kind not in "iu" or q_w.dtype.kind not in "iu":
        raise ValueError("the codes must be integer arrays (int8, uint8, ...), not floats")
    zp_w = np.asarray(zp_w, dtype=np.int64)
    if zp_w.ndim and zp_w.shape != (q_w.shape[0],):
        raise ValueError(f"zp_w must be a scalar or have one entry per output channel ({q_w.shape[0]})")
    return q_in, q_w, zp_w


def zero_point_terms(q_in, q_w, zp_in: int, zp_w=0) -> dict[str, np.ndarray]:
    r"""The four terms of Jacob et al.'s expansion of the accumulator, each (batch, out) int64.

    .. math:: \sum_{k=1}^{N} (a_k - Z_a)(b_k - Z_b) = N Z_a Z_b - Z_a \sum_k b_k - Z_b \sum_k a_k + \sum_k a_k b_k

    Keys: ``n_za_zb``, ``za_sum_b`` (:math:`-Z_a \sum b`), ``zb_sum_a`` (:math:`-Z_b \sum a`),
    ``sum_ab``. Their sum is the exact accumulator (before any wrapping).
    """
    q_in, q_w, zp_w = _check_operands(q_in, q_w, zp_w)
    n, zp_in = q_in.shape[1], int(zp_in)
    sum_a = q_in.sum(axis=1, dtype=np.int64)[:, None]   # (batch, 1)
    sum_b = q_w.sum(axis=1, dtype=np.int64)[None, :]    # (1, out)
    shape = (q_in.shape[0], q_w.shape[0])
    return {"n_za_zb": np.broadcast_to(n * zp_in * zp_w, shape).astype(np.int64),
            "za_sum_b": np.broadcast_to(-zp_in * sum_b, shape).astype(np.int64),
            "zb_sum_a": np.broadcast_to(-zp_w * sum_a, shape).astype(np.int64),
            "sum_ab": _int_matmul(q_in, q_w)}


def accumulate(q_in, q_w, zp_in: int, zp_w=0, acc_bits: int = 32) -> np.ndarray:
    r"""The accumulator :math:`\sum_k (q_{in} - z_{in})(q_w - z_w)`, (batch, out) int64, wrapped
    to ``acc_bits`` (32 as TFLite; 16 to see overflow). Computed with the four-term expansion of
    ``zero_point_terms``: one BLAS product of the raw codes plus row and column sums."""
    q_in, q_w, zp_w = _check_operands(q_in, q_w, zp_w)
    n, zp_in = q_in.shape[1], int(zp_in)
    sum_a = q_in.sum(axis=1, dtype=np.int64)[:, None]
    sum_b = q_w.sum(axis=1, dtype=np.int64)
    acc = _int_matmul(q_in, q_w)
    acc -= zp_w * sum_a
    acc += n * zp_in * zp_w - zp_in * sum_b
    return wrap(acc, acc_bits)


def requantize(acc, M0, shift, zp_out: int, act_min: int, act_max: int,
               single_rounding: bool = False) -> np.ndarray:
    r"""int32 accumulator to output codes: :math:`\operatorname{clamp}(z_{out} + M_0 2^{\text{shift}-31} \cdot
    acc,\ a_{min}, a_{max})`.

    ``M0``, ``shift``: scalars or (out,) arrays (broadcast along the last axis of ``acc``).
    Returns int64 codes in ``[act_min, act_max]``.
    """
    if act_min > act_max:
        raise ValueError(f"act_min ({act_min}) must not exceed act_max ({act_max})")
    scaled = np.asarray(multiply_by_quantized_multiplier(acc, M0, shift, single_rounding), np.int64)
    return np.clip(scaled + int(zp_out), int(act_min), int(act_max))


def _check_bias(bias, out: int):
    if bias is None:
        return np.zeros(out, np.int64)
    bias = np.asarray(bias)
    if bias.shape != (out,) or bias.dtype.kind not in "iu":
        raise ValueError(f"bias must be {out} integers (int32, one per output channel), "
                         f"got {bias.dtype} of shape {bias.shape}")
    return bias.astype(np.int64)


def fully_connected(q_in, q_w, bias=None, *, zp_in: int, zp_w=0, M0, shift, zp_out: int,
                    act_min: int = -128, act_max: int = 127, single_rounding: bool = False,
                    acc_bits: int = 32) -> np.ndarray:
    """Integer-only fully connected layer, vectorized: (batch, in) x (out, in) -> (batch, out).

    ``acc = accumulate(...)``, ``acc += bias`` (both wrapped to ``acc_bits``), then
    ``requantize``. Returns codes in the smallest dtype holding ``[act_min, act_max]`` (int8 by
    default). Speed: one float64 BLAS product (exact, see ``_int_matmul``) and O(batch * out)
    integer work for the requantization.
    """
    q_in, q_w, _ = _check_operands(q_in, q_w, zp_w)
    acc = accumulate(q_in, q_w, zp_in, zp_w, acc_bits)
    acc = wrap(acc + _check_bias(bias, q_w.shape[0]), acc_bits)
    out = requantize(acc, M0, shift, zp_out, act_min, act_max, single_rounding)
    return out.astype(storage_dtype(int(act_min), int(act_max)))


def fully_connected_reference(q_in, q_w, bias=None, *, zp_in: int, zp_w=0, M0, shift, zp_out: int,
                              act_min: int = -128, act_max: int = 127,
                              single_rounding: bool = False, acc_bits: int = 32) -> np.ndarray:
    """The same layer as plain loops over Python ints, as TFLite's reference kernel reads.

    Each addition wraps to ``acc_bits`` like a hardware register; slow, for checking only.
    """
    q_in, q_w, zp_w = _check_operands(q_in, q_w, zp_w)
    batch, n = q_in.shape
    out_ch = q_w.shape[0]
    bias = _check_bias(bias, out_ch)
    zp_w = np.broadcast_to(zp_w, (out_ch,))
    m0, sh = np.broadcast_to(M0, (out_ch,)), np.broadcast_to(shift, (out_ch,))
    half = 1 << (acc_bits - 1)
    out = np.empty((batch, out_ch), storage_dtype(int(act_min), int(act_max)))
    for b in range(batch):
        for o in range(out_ch):
            acc = 0
            for k in range(n):
                acc += (int(q_w[o, k]) - int(zp_w[o])) * (int(q_in[b, k]) - int(zp_in))
                acc = (acc + half) % (2 * half) - half
            acc = (acc + int(bias[o]) + half) % (2 * half) - half
            value = multiply_by_quantized_multiplier(acc, int(m0[o]), int(sh[o]), single_rounding)
            out[b, o] = min(max(value + int(zp_out), int(act_min)), int(act_max))
    return out


def fc_multipliers(s_in: float, s_w, s_out: float, float32_product: bool = False):
    r"""The real multiplier per output channel and its ``(M0, shift)``: :math:`M = s_{in} s_w / s_{out}`.

    Computed in float64 from the (float32) scales, as TFLite's ``GetQuantizedConvolutionMultipler``
    and ``PopulateConvolutionQuantizationParams`` do; ``float32_product`` rounds ``s_in * s_w`` to
    float32 first, as older TFLite releases did for per-tensor weights.
    Returns float64 ``M`` and int64 ``M0``, ``shift``, each of the shape of ``s_w``.
    """
    s_w = np.asarray(s_w, dtype=np.float64)
    if not (np.isfinite(s_in) and s_in > 0 and np.isfinite(s_out) and s_out > 0
            and np.all(np.isfinite(s_w) & (s_w > 0))):
        raise ValueError("every scale must be a positive finite number")
    product = np.float32(s_in) * s_w.astype(np.float32) if float32_product else float(s_in) * s_w
    m = np.asarray(product, dtype=np.float64) / float(s_out)
    m0, shift = quantize_multipliers(m)
    return m, m0, shift


def quantize_bias(bias, s_in: float, s_w) -> np.ndarray:
    r"""int32 bias codes with scale :math:`s_{in} s_w` and zero point 0: :math:`\operatorname{round}(b / (s_{in} s_w))`.

    Rounds half away from zero (``std::round``) and saturates to int32.
    """
    bias = np.asarray(bias, dtype=np.float64)
    if not np.all(np.isfinite(bias)):
        raise ValueError("the bias contains NaN or inf")
    v = bias / (float(s_in) * np.asarray(s_w, dtype=np.float64))
    v = np.copysign(np.floor(np.abs(v) + 0.5), v)
    return np.clip(v, -(2**31), 2**31 - 1).astype(np.int32)


def activation_range(activation: str, scale: float, zero_point: int, qmin: int, qmax: int):
    """``(act_min, act_max)`` of a fused activation in codes (TFLite ``CalculateActivationRangeQuantized``).

    ``activation``: ``none``, ``relu``, ``relu6`` or ``relu_n1_to_1``; reals quantize as
    ``zp + round(r / s)`` in float32 with ties away from zero.
    """
    def code(r):
        v = float(np.float32(r) / np.float32(scale))
        return int(zero_point) + int(np.copysign(np.floor(abs(v) + 0.5), v))
    bounds = {"none": (qmin, qmax), "relu": (max(qmin, code(0.0)), qmax),
              "relu6": (max(qmin, code(0.0)), min(qmax, code(6.0))),
              "relu_n1_to_1": (max(qmin, code(-1.0)), min(qmax, code(1.0)))}
    if activation not in bounds:
        raise ValueError(f"unknown activation {activation!r}: choose one of {', '.join(bounds)}")
    return bounds[activation]


def centred_max(qmin: int, qmax: int, zero_point) -> int:
    """The largest :math:`|q - z|` over the codes ``[qmin, qmax]``: one factor of the worst product."""
    zp = np.asarray(zero_point, dtype=np.int64)
    return int(np.max(np.maximum(qmax - zp, zp - qmin)))


def max_safe_inner_dim(a_max: int, w_max: int, acc_bits: int = 32) -> int:
    r"""The largest inner dimension N for which no accumulator can overflow: :math:`\lfloor (2^{b-1} - 1) /
    (|a|_{max} |w|_{max}) \rfloor`."""
    if a_max <= 0 or w_max <= 0:
        raise ValueError("the largest magnitudes must be positive")
    return ((1 << (acc_bits - 1)) - 1) // (a_max * w_max)
