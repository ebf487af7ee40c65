"""Integer-only inference of a ``QModel``: the float input quantized, then every layer on int8
codes (``intlayers``: TFLite's reference kernels; ``xnnpack``: LiteRT's optimized ones)."""
from __future__ import annotations

import numpy as np

from ..affine import dequantize, quantize
from . import xnnpack
from .intlayers import KERNELS, REFERENCE_KERNELS
from .model import forward
from .ptq import QModel, dequantized_weights_model


def forward_int(qmodel: QModel, x: np.ndarray, reference: bool = False) -> dict[str, np.ndarray]:
    """Run float input ``x`` (N, 1, 8, 8) through the integer layers. Returns every layer's codes,
    ``{"input": codes, layer name: codes, ...}`` in order (the last entry holds the logits' codes).
    With the "xnnpack" rounding, as LiteRT's optimized kernels compute (``nn.xnnpack``)."""
    if qmodel.config.rounding == "xnnpack":
        return xnnpack.forward(qmodel, x)
    kernels = REFERENCE_KERNELS if reference else KERNELS
    q = quantize(np.asarray(x, np.float32), qmodel.input)
    codes = {"input": q}
    for layer in qmodel.layers:
        q = kernels[layer.kind](layer, q)
        codes[layer.name] = q
    return codes


def run(qmodel: QModel, x: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The quantized model's output and its activations as reals, ``{float layer name: array}``.

    Full integer: the quantized input (``"input"``) and each integer layer's codes dequantized
    (keyed by the float layer it stands for); weight-only: the float forward with dequantized weights (every float
    layer).
    """
    if qmodel.config.mode == "weight":
        return forward(dequantized_weights_model(qmodel), np.asarray(x, np.float32), activations=True)
    codes = forward_int(qmodel, x)
    acts = {"input": dequantize(codes["input"], qmodel.input)}
    acts.update((layer.float_name, dequantize(codes[layer.name], layer.out)) for layer in qmodel.layers)
    return acts[qmodel.layers[-1].float_name], acts


def predict_int(qmodel: QModel, x: np.ndarray) -> np.ndarray:
    """Class indices of the quantized model (argmax of the output codes or values)."""
    if qmodel.config.mode == "weight":
        return forward(dequantized_weights_model(qmodel), np.asarray(x, np.float32)).argmax(axis=1)
    return forward_int(qmodel, x)[qmodel.layers[-1].name].argmax(axis=1)
