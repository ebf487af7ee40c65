r"""How much a quantized model loses: SQNR per layer, probabilities, accuracy over a test set.

.. math:: \text{SQNR} = 10 \log_{10} \frac{\sum x^2}{\sum (x - \hat{x})^2}\ \text{dB}, \qquad
          p_k = \frac{e^{z_k}}{\sum_j e^{z_j}}

The accuracy table follows Krishnamoorthi (2018, tables 2 to 4): the float model against weights
quantized per tensor (asymmetric), per channel (symmetric) and per channel (asymmetric), each at
8 and at 4 bits, activations as configured.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..metrics import sqnr_from_sums
from .intinfer import predict_int
from .model import Model, predict
from .ptq import PTQConfig, quantize_model

# (key, per_channel, weight_symmetric)
GRANULARITIES = (("tensor_asym", False, False), ("channel_sym", True, True), ("channel_asym", True, False))
TABLE_BITS = (8, 4)


def sqnr_db(x, x_hat) -> float:
    """Signal-to-quantization-noise ratio of ``x_hat`` against ``x`` (inf when equal, -inf when
    ``x`` is all zeros but ``x_hat`` is not)."""
    x = np.asarray(x, np.float64).ravel()
    noise = float(np.sum((x - np.asarray(x_hat, np.float64).ravel()) ** 2))
    return sqnr_from_sums(float(np.sum(x**2)), noise)


def softmax(z) -> np.ndarray:
    """Probabilities of the logits ``z`` (last axis), computed stably in float64."""
    z = np.asarray(z, np.float64)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def layer_errors(float_acts: dict, quant_acts: dict) -> list[dict]:
    """One row per quantized activation: ``layer``, ``sqnr_db``, ``max_abs_error`` (in the order of
    ``quant_acts``; only the layers both dicts have)."""
    rows = []
    for name, q in quant_acts.items():
        if name in float_acts:
            x = float_acts[name]
            rows.append({"layer": name, "sqnr_db": sqnr_db(x, q),
                         "max_abs_error": float(np.max(np.abs(np.asarray(x, np.float64) - q)))})
    return rows


def accuracy(pred: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean(np.asarray(pred) == np.asarray(labels)))


def table_configs(base: PTQConfig) -> dict[tuple[str, int], PTQConfig]:
    """The configurations of the accuracy table: ``(granularity, bits) -> config``, the rest of
    ``base`` (activations, calibration, mode, rounding) kept."""
    return {(key, bits): replace(base, weight_bits=bits, per_channel=per_channel, weight_symmetric=symmetric)
            for bits in TABLE_BITS for key, per_channel, symmetric in GRANULARITIES}


def accuracy_row(model: Model, calib_x, test_x, labels, base: PTQConfig, ranges: dict | None = None) -> dict:
    """``{"float": acc, (granularity, bits): acc, ...}`` of one model on the test set."""
    row = {"float": accuracy(predict(model, test_x), labels)}
    for key, config in table_configs(base).items():
        qmodel = quantize_model(model, calib_x, config, ranges=ranges)
        row[key] = accuracy(predict_int(qmodel, test_x), labels)
    return row
