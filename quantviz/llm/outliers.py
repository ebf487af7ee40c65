r"""Activations with outlier channels, and what they do to 8-bit activations (W8A8).

In large language models a few hidden channels carry values 20 to 100 times larger than the rest,
in every token (Dettmers et al. 2022, LLM.int8; Xiao et al. 2023, SmoothQuant). A per-tensor
int8 scale must cover the outliers, so the other channels fall on a handful of codes. Symmetric
int8 with the scale from the absolute maximum of each group (``quantviz.affine``):

.. math:: s = \frac{\max |x|}{127}, \qquad \hat{x} = s \operatorname{clamp}(\operatorname{round}(x / s), -127, 127)

per tensor (one :math:`s`), per token (one per row of :math:`X`) or per channel (one per
column; simulated here, since a scale per input channel cannot be taken out of the integer
matrix product). Layers are ``Y = X W^T`` with ``X`` ``(tokens, in)`` and ``W`` ``(out, in)``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..affine import choose_qparams, fake_quantize, quantize
from .blocks import check_finite

GRANULARITIES = {"per-tensor": None, "per-token": 0, "per-channel": 1}
LLM_INT8_THRESHOLD = 6.0


@dataclass(frozen=True)
class ActivationModel:
    r"""The parameters of synthetic LLM-like activations (every one is shown on the page).

    Each value is Student-t distributed with ``tail_df`` degrees of freedom (heavy tails; a large
    value gives a normal distribution) times ``scale`` times a per-channel factor
    :math:`e^{0.3 z}`, :math:`z \sim N(0, 1)`; the ``outlier_channels`` channels are then
    multiplied by ``outlier_scale``. ``mixing`` > 0 first mixes the channels, as hidden states
    are mixed (correlated channels: what GPTQ's compensation uses),

    .. math:: X \leftarrow X (I + m N / \sqrt{c}), \qquad N_{ij} \sim N(0, 1)
    """

    tokens: int = 256
    channels: int = 512
    outlier_channels: int = 4
    outlier_scale: float = 50.0
    scale: float = 0.5
    tail_df: float = 10.0
    seed: int = 0
    mixing: float = 0.0

    def __post_init__(self):
        if not (1 <= self.tokens <= 1 << 16 and 1 <= self.channels <= 1 << 14):
            raise ValueError("tokens must be from 1 to 65536 and channels from 1 to 16384")
        if not 0 <= self.outlier_channels <= self.channels:
            raise ValueError(f"outlier channels must be from 0 to {self.channels}, got {self.outlier_channels}")
        if not 1 <= self.outlier_scale <= 1000:
            raise ValueError(f"the outlier scale must be from 1 to 1000 (times), got {self.outlier_scale}")
        if not 0.01 <= self.scale <= 100:
            raise ValueError(f"the scale of ordinary channels must be from 0.01 to 100, got {self.scale}")
        if not 1 <= self.tail_df <= 1000:
            raise ValueError(f"the tail's degrees of freedom must be from 1 to 1000, got {self.tail_df}")
        if not 0 <= self.mixing <= 10:
            raise ValueError(f"the mixing of channels must be from 0 to 10, got {self.mixing}")


def synthetic_activations(model: ActivationModel = ActivationModel()) -> tuple[np.ndarray, np.ndarray]:
    """Activations ``(tokens, channels)`` float32 and the indices of the outlier channels."""
    return with_outliers(*ordinary_activations(model), model)


def ordinary_activations(model: ActivationModel) -> tuple[np.ndarray, dict]:
    """The activations before any channel is made an outlier (float64, read-only), and the state of
    the random generator after drawing them (``with_outliers`` continues from it). They do not
    depend on ``outlier_channels`` or ``outlier_scale``: a page can keep them while those move."""
    rng = np.random.default_rng(model.seed)
    x = rng.standard_t(model.tail_df, (model.tokens, model.channels))
    if model.mixing:
        c = model.channels
        x = x @ (np.eye(c) + model.mixing * rng.standard_normal((c, c)) / np.sqrt(c))
    x *= model.scale * np.exp(0.3 * rng.standard_normal(model.channels))
    x.flags.writeable = False
    return x, rng.bit_generator.state


def with_outliers(x: np.ndarray, state: dict, model: ActivationModel) -> tuple[np.ndarray, np.ndarray]:
    """``ordinary_activations``' ``x`` with ``outlier_channels`` random channels times
    ``outlier_scale`` (float32), and those channels' indices."""
    rng = np.random.default_rng(model.seed)
    rng.bit_generator.state = state
    outliers = np.sort(rng.choice(model.channels, model.outlier_channels, replace=False))
    out = x.astype(np.float32)
    out[:, outliers] = (x[:, outliers] * model.outlier_scale).astype(np.float32)   # scaled in float64, as drawn
    return out, outliers


def synthetic_weights(out_features: int, in_features: int, seed: int = 0, tail_df: float | None = None) -> np.ndarray:
    r"""A dense layer's weights ``(out, in)``, float32: normal with standard deviation
    :math:`1/\sqrt{in}`, or with ``tail_df`` Student-t values times :math:`1/\sqrt{in}` (heavy
    tails: a few weights far larger than the rest, as trained LLM layers have)."""
    rng = np.random.default_rng(seed)
    shape = (out_features, in_features)
    w = rng.standard_normal(shape) if tail_df is None else rng.standard_t(tail_df, shape)
    return (w / np.sqrt(in_features)).astype(np.float32)


def int8_symmetric(x, axis: int | None = None, bits: int = 8):
    """Symmetric absmax parameters (narrow range, e.g. [-127, 127]) per tensor or along ``axis``."""
    x = np.asarray(x)
    if axis is None:
        absmax = float(np.abs(x).max(initial=0.0))
    else:
        absmax = np.abs(x).max(axis=1 - axis).astype(np.float64)
    return choose_qparams(-absmax, absmax, bits, signed=True, symmetric=True, narrow_range=True, axis=axis)


def quantize_activations(x, granularity: str = "per-token", bits: int = 8) -> np.ndarray:
    """``x`` ``(tokens, channels)`` through symmetric int8 per tensor, token or channel (float32)."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}, got {granularity!r}")
    x = _matrix(x, "activations")
    return fake_quantize(x, int8_symmetric(x, GRANULARITIES[granularity], bits))


def w8a8_output(x, w, granularity: str = "per-token", w_hat: np.ndarray | None = None) -> np.ndarray:
    r""":math:`\hat{Y} = \hat{X} \hat{W}^\top`: activations int8 at ``granularity``, weights int8
    per output channel (float64; equal to the int32 product times the two scales).
    ``w_hat``: ``int8_weights(w)`` when already known (the same for every activation)."""
    x_hat = quantize_activations(x, granularity).astype(np.float64)
    return x_hat @ (int8_weights(w) if w_hat is None else w_hat).T


def int8_weights(w) -> np.ndarray:
    r""":math:`\hat{W}`: the weights through symmetric int8 per output channel (float64)."""
    w = _matrix(w, "weights")
    return fake_quantize(w, int8_symmetric(w, axis=0)).astype(np.float64)


def relative_error(y, y_hat) -> float:
    r""":math:`\lVert Y - \hat{Y} \rVert_F^2 / \lVert Y \rVert_F^2`."""
    y, y_hat = np.asarray(y, np.float64), np.asarray(y_hat, np.float64)
    signal = float(np.sum(y * y))
    return float(np.sum((y - y_hat) ** 2) / signal) if signal > 0 else 0.0


def w8a8_error(x, w, granularity: str = "per-token") -> float:
    """Relative output error of W8A8 against the float layer."""
    y = np.asarray(x, np.float64) @ np.asarray(w, np.float64).T
    return relative_error(y, w8a8_output(x, w, granularity))


@dataclass(frozen=True)
class Decomposition:
    """LLM.int8's result: the output, the outlier input channels and the two parts of the sum."""

    y: np.ndarray                 # (tokens, out) float64
    outlier_channels: np.ndarray  # indices into the input channels
    y_int8: np.ndarray            # the int8 part
    y_16bit: np.ndarray           # the float16 part


def llm_int8(x, w, threshold: float = LLM_INT8_THRESHOLD) -> Decomposition:
    r"""LLM.int8's mixed-precision decomposition (Dettmers et al. 2022).

    .. math:: X W^\top = X_{:,O} W_{:,O}^\top + X_{:,R} W_{:,R}^\top, \qquad O = \{j : \max_t |X_{tj}| \ge 6\}

    The outlier channels :math:`O` are multiplied in 16-bit floats (float16 inputs, float32
    sums); the rest :math:`R` in int8, scaled per token and per output channel, summed in int32.
    """
    x, w = _matrix(x, "activations"), _matrix(w, "weights")
    outliers = np.flatnonzero(np.abs(x).max(axis=0) >= threshold)
    rest = np.setdiff1d(np.arange(x.shape[1]), outliers)
    y_16 = x[:, outliers].astype(np.float16).astype(np.float32) @ w[:, outliers].astype(np.float16).astype(np.float32).T
    y_8 = _int8_matmul(x[:, rest], w[:, rest]) if rest.size else np.zeros((x.shape[0], w.shape[0]))
    return Decomposition(y_8 + y_16, outliers, y_8, y_16.astype(np.float64))


def _int8_matmul(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Vector-wise int8: codes per token and per output channel, an int32 product, two scales."""
    qp_x, qp_w = int8_symmetric(x, axis=0), int8_symmetric(w, axis=0)
    # the int32 sums, computed exactly in float64 (|acc| <= in * 127**2 < 2**53; numpy's integer
    # matmul has no BLAS and is ~20x slower)
    acc = quantize(x, qp_x).astype(np.float64) @ quantize(w, qp_w).astype(np.float64).T
    return acc * np.asarray(qp_x.scale)[:, None] * np.asarray(qp_w.scale)[None, :]


def _matrix(a, name: str) -> np.ndarray:
    a = np.asarray(a)
    if a.ndim != 2 or a.size == 0:
        raise ValueError(f"the {name} must be a non-empty matrix, got shape {a.shape}")
    check_finite(a, f"the {name}")
    return a.astype(np.float32, copy=False)
