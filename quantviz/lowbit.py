r"""Below eight bits: binary, ternary and XNOR-Net weights, and weight casts to 16- and 8-bit floats.

Every quantizer takes a float weight tensor ``w`` and returns a float64 approximation ``w_hat``
of the same shape; ``approximate(w, method)`` runs any of them by name and also reports the
thresholds it used and the storage it needs, and ``approximation_error(w, w_hat)`` measures it.
Conventions: XNOR-Net filters lie along axis 0 (dense ``(out, in)``, conv ``(out, in, kh, kw)``);
:math:`\operatorname{sign}(0) = +1` everywhere, as in BinaryConnect.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .metrics import sqnr_from_sums
from .numbers import FLOAT_FORMATS, to_float

SCALE_BITS = 32  # a float32 scale (alpha) stored beside the low-bit weights
METHODS: tuple[str, ...] = ("binary", "ternary", "xnor", "float16", "bfloat16", "float8_e4m3fn", "float8_e5m2")


def _weights(w, name: str = "weights") -> np.ndarray:
    w = np.asarray(w, dtype=np.float64)
    if w.size == 0:
        raise ValueError(f"the {name} are empty: pass at least one value")
    if not np.all(np.isfinite(w)):
        raise ValueError(f"the {name} contain NaN or inf: remove or replace them first")
    return w


def sign(w) -> np.ndarray:
    r"""The sign used by binary networks, with zero counted as positive.

    .. math:: \operatorname{sign}(w) = \begin{cases} +1 & w \ge 0 \\ -1 & w < 0 \end{cases}
    """
    return np.where(np.asarray(w) >= 0, 1.0, -1.0)


def binary_connect(w) -> np.ndarray:
    r"""BinaryConnect (Courbariaux et al. 2015, deterministic): every weight becomes ±1, no scale.

    .. math:: w_b = \operatorname{sign}(w) \in \{-1, +1\}
    """
    return sign(_weights(w))


@dataclass(frozen=True)
class Ternary:
    w_hat: np.ndarray  # values in {-alpha, 0, +alpha}
    delta: float       # the threshold
    alpha: float       # the scale


def ternary(w, factor: float = 0.7) -> Ternary:
    r"""Ternary weight networks (TWN, Li and Liu 2016, arXiv 1605.04711).

    .. math:: \Delta = \frac{0.7}{n} \sum_{i=1}^{n} |w_i|, \qquad
              \alpha = \frac{1}{|I_\Delta|} \sum_{i \in I_\Delta} |w_i|,\ I_\Delta = \{i : |w_i| > \Delta\}, \qquad
              w_t = \begin{cases} +\alpha & w > \Delta \\ 0 & |w| \le \Delta \\ -\alpha & w < -\Delta \end{cases}

    An all-zero tensor has no weight above the threshold: it stays all zero (alpha = 0).
    """
    w = _weights(w)
    magnitude = np.abs(w)
    delta = float(factor * magnitude.mean())
    above = magnitude > delta
    alpha = float(magnitude[above].mean()) if above.any() else 0.0
    w_hat = np.where(w > delta, alpha, np.where(w < -delta, -alpha, 0.0))
    return Ternary(w_hat, delta, alpha)


def xnor_weights(w) -> tuple[np.ndarray, np.ndarray]:
    r"""XNOR-Net weights (Rastegari et al. 2016, arXiv 1603.05279): one scale per output filter.

    .. math:: W_k \approx \alpha_k \operatorname{sign}(W_k), \qquad \alpha_k = \frac{1}{n} \lVert W_k \rVert_{\ell_1}

    with :math:`n` the number of weights of filter :math:`k` (``in`` for a dense layer
    ``(out, in)``, ``in * kh * kw`` for a convolution ``(out, in, kh, kw)``). Returns ``(w_hat,
    alpha)`` with ``alpha`` of shape ``(out,)``.
    """
    w = _weights(w)
    if w.ndim < 2:
        raise ValueError("XNOR-Net scales each output filter: pass weights shaped (out, in) or "
                         f"(out, in, kh, kw), got shape {w.shape}")
    alpha = np.abs(w).reshape(w.shape[0], -1).mean(axis=1)
    return alpha.reshape((-1,) + (1,) * (w.ndim - 1)) * sign(w), alpha


def xnor_activations(x, channel_axis: int = 1) -> tuple[np.ndarray, np.ndarray]:
    r"""XNOR-Net inputs: binarized, with the mean magnitude over channels as their scale.

    .. math:: I \approx \beta \operatorname{sign}(I), \qquad \beta = \frac{1}{c} \sum_{j=1}^{c} |I_j|

    For a batch of vectors ``(batch, features)`` (``channel_axis=1``) there is one
    :math:`\beta` per sample; for feature maps ``(batch, c, h, w)`` one per pixel (the map
    XNOR-Net calls A, before its box filter). Returns ``(x_hat, beta)``, ``beta`` keeping the
    reduced axis with size 1.
    """
    x = _weights(x, "activations")
    beta = np.abs(x).mean(axis=channel_axis, keepdims=True)
    return beta * sign(x), beta


def cast_weights(w, fmt: str) -> np.ndarray:
    """``w`` rounded to the float format ``fmt`` (ties to even, saturating at its largest value)."""
    if fmt not in FLOAT_FORMATS:
        raise ValueError(f"unknown float format {fmt!r}: choose one of {', '.join(FLOAT_FORMATS)}")
    return to_float(_weights(w), fmt, saturate=True)


def approximation_error(w, w_hat) -> dict:
    r"""Mean squared error and signal-to-quantization-noise ratio of ``w_hat`` standing for ``w``.

    .. math:: \text{MSE} = \frac{1}{N} \sum (w - \hat{w})^2, \qquad
              \text{SQNR} = 10 \log_{10} \frac{\sum w^2}{\sum (w - \hat{w})^2}\ \text{dB}

    An exact approximation has SQNR = inf; an all-zero ``w`` with an error has -inf.
    """
    w, w_hat = _weights(w), np.asarray(w_hat, dtype=np.float64)
    if w.shape != w_hat.shape:
        raise ValueError(f"w has shape {w.shape} but w_hat has shape {w_hat.shape}: they must match")
    error = (w - w_hat).ravel()
    signal, noise = float(np.dot(w.ravel(), w.ravel())), float(np.dot(error, error))
    return {"mse": noise / w.size, "sqnr_db": sqnr_from_sums(signal, noise)}


def pack_signs(a) -> np.ndarray:
    """±1 values packed 8 to a byte along the last axis: bit 1 for +1 (and 0), bit 0 for -1."""
    return np.packbits(np.asarray(a) >= 0, axis=-1)


def popcount_dot(a, b) -> dict:
    r"""The dot product of two ±1 vectors with bit operations only, as XNOR-Net computes it.

    .. math:: a \cdot b = \#\{a_i = b_i\} - \#\{a_i \ne b_i\} = 2 \operatorname{popcount}(\operatorname{xnor}(a, b)) - n

    Returns the packed operands, their XNOR, the popcount (padding bits removed), ``n``, the
    ``dot`` product so computed and the float ``reference`` ``np.dot(a, b)``.
    """
    a, b = sign(_weights(a, "vectors")), sign(_weights(b, "vectors"))
    if a.ndim != 1 or a.shape != b.shape:
        raise ValueError(f"pass two vectors of the same length, got shapes {a.shape} and {b.shape}")
    packed_a, packed_b = pack_signs(a), pack_signs(b)
    xnor = np.invert(packed_a ^ packed_b)
    padding = 8 * packed_a.size - a.size  # packbits pads with 0 bits; 0 xnor 0 = 1 adds them
    popcount = int(np.bitwise_count(xnor).sum()) - padding
    return {"packed_a": packed_a, "packed_b": packed_b, "xnor": xnor, "popcount": popcount,
            "n": a.size, "dot": 2 * popcount - a.size, "reference": float(np.dot(a, b))}


def binary_matmul(a, b, rows_per_block: int = 256) -> np.ndarray:
    """``sign(a) @ sign(b).T`` for ``a`` of shape (N, K) and ``b`` (M, K), by XNOR and popcount
    on packed bits; an int64 (N, M) matrix equal to the float product."""
    a, b = _weights(a, "inputs"), _weights(b)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[1]:
        raise ValueError(f"pass matrices (N, K) and (M, K), got {a.shape} and {b.shape}")
    pa, pb, k = pack_signs(a), pack_signs(b), a.shape[1]
    padding = 8 * pa.shape[1] - k
    out = np.empty((pa.shape[0], pb.shape[0]), dtype=np.int64)
    for start in range(0, pa.shape[0], rows_per_block):  # bounds the (rows, M, bytes) temporary
        xnor = np.invert(pa[start:start + rows_per_block, None, :] ^ pb[None, :, :])
        matches = np.bitwise_count(xnor).sum(axis=-1, dtype=np.int64) - padding
        out[start:start + rows_per_block] = 2 * matches - k
    return out


def xnor_dense(x, w) -> np.ndarray:
    r"""A dense layer ``x @ w.T`` the XNOR-Net way: binary inputs and weights, two scales.

    .. math:: x W^\top \approx \big(\operatorname{sign}(x) \operatorname{sign}(W)^\top\big) \odot \beta \alpha^\top
    """
    x = _weights(x, "inputs")
    _, alpha = xnor_weights(w)
    _, beta = xnor_activations(x, channel_axis=1)  # (N, 1)
    return binary_matmul(x, w) * beta * alpha[None, :]


@dataclass(frozen=True)
class LowBit:
    """One approximation of a weight tensor, ready to draw and compare."""

    method: str
    w_hat: np.ndarray
    thresholds: tuple[float, ...]  # where the quantizer switches level (for the histogram)
    bits_per_weight: float         # storage per weight, scales included


def approximate(w, method: str) -> LowBit:
    """Run one of ``METHODS`` on ``w``. Binary, ternary and XNOR keep their scales in float32."""
    w = _weights(w)
    if method == "binary":
        return LowBit(method, binary_connect(w), (0.0,), 1.0)
    if method == "ternary":
        t = ternary(w)
        return LowBit(method, t.w_hat, (-t.delta, t.delta), 2.0 + SCALE_BITS / w.size)
    if method == "xnor":
        w_hat, alpha = xnor_weights(w)
        return LowBit(method, w_hat, (0.0,), 1.0 + SCALE_BITS * alpha.size / w.size)
    if method in FLOAT_FORMATS:
        return LowBit(method, cast_weights(w, method), (), float(FLOAT_FORMATS[method].bits))
    raise ValueError(f"unknown method {method!r}: choose one of {', '.join(METHODS)}")
