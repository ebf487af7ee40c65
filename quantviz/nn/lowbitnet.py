r"""A whole network under each low-bit format: every dense and conv weight replaced, then tested.

Only the weights change (biases stay float32 and activations stay float): binary and ternary
activations cannot be had by rounding a trained network, they need retraining. One variant
does binarize activations, XNOR-Net's, to show that: without retraining it collapses.

    rows = network_rows(model, x_test, labels)   # one dict per format: bits, bytes, accuracy

Storage counts what a file would hold: the codes packed at their width (rounded up to whole
bytes per tensor), one float32 per scale, and every bias as float32.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from ..affine import choose_qparams, fake_quantize
from ..lowbit import METHODS, SCALE_BITS, LowBit, approximate, xnor_activations, xnor_weights
from ..numbers import FLOAT_FORMATS
from .layers import WEIGHT_KINDS
from .model import Model, forward

REFERENCES = ("int8", "int4")                     # symmetric per-tensor integers, for comparison
FORMATS = (*REFERENCES, *METHODS)                 # every weight format this module applies
XNOR_ACTIVATIONS = "xnor_activations"             # XNOR-Net weights *and* binarized inputs
VARIANTS = ("float32", *FORMATS, XNOR_ACTIVATIONS)  # the rows of ``network_rows``


def symmetric_int(w, bits: int) -> LowBit:
    r"""``bits``-bit symmetric integers, one scale for the tensor, narrow range.

    .. math:: s = \frac{\max |w|}{2^{b-1} - 1}, \qquad
              \hat{w} = s \operatorname{clamp}\left(\operatorname{round}\frac{w}{s},\ -(2^{b-1} - 1),\ 2^{b-1} -
              1\right)
    """
    w = np.asarray(w, dtype=np.float64)
    amax = float(np.max(np.abs(w))) if w.size else 0.0
    qp = choose_qparams(-amax, amax, bits=bits, signed=True, symmetric=True, narrow_range=True)
    # the decision boundaries halfway between codes, drawn only when there are few of them
    thresholds = tuple(float(qp.scale * (k + 0.5)) for k in range(qp.qmin, qp.qmax)) if qp.qmax <= 7 else ()
    return LowBit(f"int{bits}", fake_quantize(w, qp).astype(np.float64), thresholds,
                  bits + SCALE_BITS / w.size)


def approximate_weights(w, method: str) -> LowBit:
    """Any of ``FORMATS`` on a weight tensor: the low-bit methods of ``quantviz.lowbit`` or
    a symmetric integer reference."""
    if method in REFERENCES:
        return symmetric_int(w, int(method[3:]))
    if method not in METHODS:
        raise ValueError(f"unknown format {method!r}: choose one of {', '.join(FORMATS)}")
    return approximate(w, method)


def code_bits(method: str) -> int:
    """Bits of one stored weight code."""
    if method in REFERENCES:
        return int(method[3:])
    if method in FLOAT_FORMATS:
        return FLOAT_FORMATS[method].bits
    return {"binary": 1, "ternary": 2, "xnor": 1, "float32": 32}[method]


def scale_count(shape: tuple[int, ...], method: str) -> int:
    """float32 scales stored beside the codes: none (binary, floats), one per tensor (ternary,
    integers) or one per output filter (XNOR-Net)."""
    if method in ("binary", "float32") or method in FLOAT_FORMATS:
        return 0
    return shape[0] if method == "xnor" else 1


def tensor_bytes(shape: tuple[int, ...], method: str) -> int:
    r"""Bytes to store a weight tensor: :math:`\lceil n b / 8 \rceil + 4 \times \text{scales}`."""
    n = math.prod(shape)
    return math.ceil(n * code_bits(method) / 8) + 4 * scale_count(shape, method)


def _weight_layers(model: Model) -> list:
    return [layer for layer in model.layers if layer.kind in WEIGHT_KINDS]


def model_bytes(model: Model, method: str) -> int:
    """The whole model's parameters: weights in ``method``, biases in float32."""
    return sum(tensor_bytes(layer.weight.shape, method) + 4 * layer.bias.size for layer in _weight_layers(model))


def bits_per_weight(model: Model, method: str) -> float:
    """Weight storage (scales included, biases not) per weight, over the whole model."""
    weights = _weight_layers(model)
    total_bits = sum(code_bits(method) * layer.weight.size + SCALE_BITS * scale_count(layer.weight.shape, method)
                     for layer in weights)
    return total_bits / sum(layer.weight.size for layer in weights)


def apply_weights(model: Model, method: str) -> Model:
    """A copy of ``model`` with every dense and conv weight replaced by its approximation."""
    layers = [dataclasses.replace(layer, weight=approximate_weights(layer.weight, method).w_hat.astype(np.float32))
              if layer.kind in WEIGHT_KINDS else layer for layer in model.layers]
    return Model(model.name, layers, model.input, model.meta)


def xnor_forward(model: Model, x: np.ndarray) -> np.ndarray:
    r"""XNOR-Net all the way: every dense and conv layer gets weights :math:`\alpha \operatorname{sign}(W)`
    and inputs :math:`\beta \operatorname{sign}(x)` (``lowbit.xnor_activations``: one
    :math:`\beta` per image for a dense layer, per pixel for a convolution).

    Without retraining this collapses: the images and every output of a ReLU are :math:`\ge 0`,
    so :math:`\operatorname{sign}(x) = +1` everywhere and only :math:`\beta` is left.
    """
    for layer in model.layers:
        if layer.kind in WEIGHT_KINDS:
            x_hat, _ = xnor_activations(x, channel_axis=1)
            w_hat, _ = xnor_weights(layer.weight)
            x = dataclasses.replace(layer, weight=w_hat.astype(np.float32)).forward(x_hat.astype(np.float32))
        else:
            x = layer.forward(x)
    return x


def logits(model: Model, variant: str, x: np.ndarray) -> np.ndarray:
    """The model's output under one of ``VARIANTS``."""
    if variant == "float32":
        return forward(model, x)
    if variant == XNOR_ACTIVATIONS:
        return xnor_forward(model, x)
    return forward(apply_weights(model, variant), x)


def network_rows(model: Model, x: np.ndarray, labels: np.ndarray) -> list[dict]:
    """Every variant of the whole network: ``variant``, ``bits_per_weight``, ``bytes``,
    ``correct`` (images) and ``accuracy`` (fraction) on ``(x, labels)``."""
    labels = np.asarray(labels)
    rows = []
    for variant in VARIANTS:
        method = "xnor" if variant == XNOR_ACTIVATIONS else variant
        correct = int(np.count_nonzero(logits(model, variant, x).argmax(axis=1) == labels))
        rows.append({"variant": variant, "bits_per_weight": bits_per_weight(model, method),
                     "bytes": model_bytes(model, method), "correct": correct,
                     "accuracy": correct / len(labels)})
    return rows
