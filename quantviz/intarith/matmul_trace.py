r"""A float matmul run end to end on integers, with every intermediate kept for display.

``integer_matmul(a, b, bias)`` quantizes ``a`` (batch, N) as int8 activations (asymmetric),
``b`` (N, out) as int8 weights (symmetric per tensor or per output channel, as TFLite; or
asymmetric, to see all four zero-point terms of Jacob et al. 2018), the bias as int32 with scale
``s_a * s_w``, picks the output's parameters from the float result's range, runs the integer-only
kernel of ``quantviz.intarith.intkernels`` and compares the dequantized output with the float result.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..affine import QParams, choose_qparams, quantize
from ..errors import QuantError
from .fixedpoint import multiply_by_quantized_multiplier
from .intkernels import activation_range, fc_multipliers, fully_connected, quantize_bias, wrap, zero_point_terms

WEIGHT_MODES = ("asymmetric", "per_tensor", "per_channel")
ACTIVATIONS = ("none", "relu")
MAX_SIDE = 16          # the display is for small matrices
MAX_ABS = 1e6          # reals beyond this are refused (their product would lose all meaning)


@dataclass(frozen=True)
class MatmulTrace:
    """Everything ``integer_matmul`` computed. Integer arrays are int64; shapes in comments."""

    qp_a: QParams            # input, per tensor
    qp_w: QParams            # weights: per tensor, or per channel (axis 0 of q_w)
    qp_out: QParams          # output, per tensor
    q_a: np.ndarray          # (batch, N)
    q_w: np.ndarray          # (out, N): TFLite's layout, the transpose of b
    q_bias: np.ndarray       # (out,) int32 codes, scale s_a * s_w, zero point 0
    M: np.ndarray            # (out,) real multipliers s_a * s_w / s_out
    M0: np.ndarray           # (out,)
    shift: np.ndarray        # (out,)
    terms: dict              # the four zero-point terms, each (batch, out)
    acc: np.ndarray          # (batch, out): their sum, wrapped to acc_bits
    acc_bias: np.ndarray     # (batch, out): acc + bias, wrapped to acc_bits
    scaled_exact: np.ndarray # (batch, out): M * acc_bias before any rounding, in output steps
    unclamped: np.ndarray    # (batch, out): zp_out + MBQM(acc_bias)
    act_min: int
    act_max: int
    q_out: np.ndarray        # (batch, out): clamped output codes
    x_out: np.ndarray        # (batch, out): dequantized output (float64)
    y_float: np.ndarray      # (batch, out): the float result (activation applied)
    error_lsb: np.ndarray    # (batch, out): (x_out - y_float) / s_out

    @property
    def n(self) -> int:
        return self.q_a.shape[1]


def _check_matrix(x, name: str) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.size == 0:
        raise QuantError("empty", name=name)
    if max(x.shape) > MAX_SIDE:
        raise QuantError("too_many", name=name, rows=x.shape[0], cols=x.shape[1], most=MAX_SIDE)
    if not np.all(np.isfinite(x)):
        raise QuantError("nonfinite", name=name)
    if np.any(np.abs(x) > MAX_ABS):
        raise QuantError("too_big", name=name, limit=MAX_ABS)
    return x


def weight_qparams(w: np.ndarray, mode: str) -> QParams:
    """int8 parameters for weights w (out, N): symmetric narrow per tensor / per channel, or asymmetric."""
    if mode not in WEIGHT_MODES:
        raise ValueError(f"unknown weight mode {mode!r}: choose one of {', '.join(WEIGHT_MODES)}")
    if mode == "per_channel":
        return choose_qparams(w.min(axis=1), w.max(axis=1), signed=True, symmetric=True,
                              scheme="tflite", axis=0)
    return choose_qparams(w.min(), w.max(), signed=True, symmetric=mode != "asymmetric", scheme="tflite")


def integer_matmul(a, b, bias=None, weights: str = "asymmetric", activation: str = "none",
                   single_rounding: bool = False, acc_bits: int = 32) -> MatmulTrace:
    r"""``a @ b + bias`` on int8 codes with int32 (or ``acc_bits``) accumulation, traced.

    ``a``: (batch, N) reals, ``b``: (N, out) reals (stored transposed, as (out, N)), ``bias``:
    (out,) reals or None. ``activation``: ``none`` or ``relu`` (fused, as a clamp).
    """
    a, b = _check_matrix(a, "A"), _check_matrix(b, "B")
    if a.shape[1] != b.shape[0]:
        raise QuantError("shapes", a=a.shape[1], b=b.shape[0])
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}: choose one of {', '.join(ACTIVATIONS)}")
    bias = np.zeros(b.shape[1]) if bias is None else _check_matrix(np.reshape(bias, (1, -1)), "bias")[0]
    if bias.shape != (b.shape[1],):
        raise QuantError("bias", n=b.shape[1])
    w = b.T
    y_float = a @ b + bias
    if activation == "relu":
        y_float = np.maximum(y_float, 0.0)
    qp_a = choose_qparams(a.min(), a.max(), signed=True, scheme="tflite")
    qp_w = weight_qparams(w, weights)
    qp_out = choose_qparams(y_float.min(), y_float.max(), signed=True, scheme="tflite")
    q_a = quantize(a, qp_a).astype(np.int64)
    q_w = quantize(w, qp_w).astype(np.int64)
    s_w = np.broadcast_to(np.asarray(qp_w.scale, dtype=np.float64), (w.shape[0],))
    zp_w = np.asarray(qp_w.zero_point, dtype=np.int64)
    q_bias = quantize_bias(bias, qp_a.scale, s_w)
    m, m0, shift = fc_multipliers(qp_a.scale, s_w, qp_out.scale)
    act_min, act_max = activation_range(activation, qp_out.scale, qp_out.zero_point, qp_out.qmin, qp_out.qmax)
    terms = zero_point_terms(q_a, q_w, qp_a.zero_point, zp_w)
    acc = wrap(sum(terms.values()), acc_bits)
    acc_bias = wrap(acc + q_bias, acc_bits)
    kernel_args = dict(zp_in=qp_a.zero_point, zp_w=zp_w, M0=m0, shift=shift, zp_out=qp_out.zero_point,
                       act_min=act_min, act_max=act_max, single_rounding=single_rounding)
    q_out = fully_connected(q_a, q_w, q_bias, acc_bits=acc_bits, **kernel_args).astype(np.int64)
    unclamped = np.asarray(multiply_by_quantized_multiplier(acc_bias, m0, shift, single_rounding),
                           np.int64) + qp_out.zero_point
    x_out = qp_out.scale * (q_out - qp_out.zero_point).astype(np.float64)
    return MatmulTrace(qp_a, qp_w, qp_out, q_a, q_w, q_bias.astype(np.int64), m, m0, shift, terms, acc,
                       acc_bias, m * acc_bias, unclamped, act_min, act_max, q_out, x_out, y_float,
                       (x_out - y_float) / qp_out.scale)
