r"""Post-training quantization of a whole model, simulated in float ("fake quantization").

Every number the quantized network would store is rounded to its integer grid and mapped back
to float, and the float forward pass runs on those values: the accuracy is the one the integer
network would reach, up to the float rounding of its sums (no int32 accumulators here).

- **Weights**: per output channel (axis 0), symmetric, signed, narrow range
  (:math:`[-(2^{b-1} - 1),\ 2^{b-1} - 1]`, zero point 0), scale from each channel's largest
  magnitude. Biases stay in float (a real pipeline keeps them in int32 at the scale
  :math:`s_x s_w`, finer than anything else in the layer).
- **Activations**: per tensor, asymmetric, unsigned (:math:`[0, 2^b - 1]`), range from the
  smallest and largest value seen on the calibration images (min-max), at the model's input and
  after every layer that computes new values; a ReLU is fused into the layer before it (one
  quantization after both, as TFLite does); pooling and flattening keep their input's grid.

    sim = calibrate_model(model, x_calib, bits=4)      # a Simulated model
    accuracy(sim, x_test, labels)                       # fraction of correct predictions
"""
from __future__ import annotations

import dataclasses

import numpy as np

from ..affine import QParams, choose_qparams, fake_quantize
from .model import Model

PASS_THROUGH = ("relu", "maxpool2d", "flatten")  # kinds that keep their input's grid (ReLU: fused)
INPUT = "input"                                  # the name of the quantization point of the input


def weight_qparams(w: np.ndarray, bits: int) -> QParams:
    r"""Per-channel symmetric parameters of a weight tensor (channels along axis 0).

    .. math:: q_{max} = 2^{b-1} - 1, \qquad s_k = \max_i |W_{k,i}| \,/\, q_{max}, \qquad z_k = 0

    .. math:: \hat{W}_{k,i} = s_k \operatorname{clamp}(\operatorname{round}(W_{k,i} / s_k),\ -q_{max},\ q_{max})
    """
    amax = np.abs(w).reshape(len(w), -1).max(axis=1).astype(np.float64)
    return choose_qparams(-amax, amax, bits=bits, signed=True, symmetric=True, narrow_range=True, axis=0)


def activation_qparams(x: np.ndarray, bits: int) -> QParams:
    r"""Per-tensor asymmetric parameters from the calibration values' minimum and maximum.

    .. math:: s = (\max x - \min x) \,/\, (2^b - 1), \qquad z = \operatorname{round}(-\min x \,/\, s)

    .. math:: \hat{x} = s \, (\operatorname{clamp}(\operatorname{round}(x / s) + z,\ 0,\ 2^b - 1) - z)
    """
    return choose_qparams(float(np.min(x)), float(np.max(x)), bits=bits, signed=False)


def quantization_points(model: Model) -> list[str]:
    """Where activations are quantized: the input, then every layer output that is new values
    (not after a layer followed by a fused ReLU, not after pooling or flattening)."""
    points = [INPUT]
    for layer, following in zip(model.layers, [*model.layers[1:], None]):
        if layer.kind in PASS_THROUGH and layer.kind != "relu":
            continue
        if following is not None and following.kind == "relu":
            continue  # the ReLU after it is quantized instead
        points.append(layer.name)
    return points


def quantize_weights(model: Model, bits: int) -> Model:
    """A copy of ``model`` whose dense and conv weights are fake-quantized per channel."""
    layers = [dataclasses.replace(layer, weight=fake_quantize(layer.weight, weight_qparams(layer.weight, bits)))
              if hasattr(layer, "weight") else layer for layer in model.layers]
    return Model(model.name, layers, model.input, model.meta)


@dataclasses.dataclass(frozen=True)
class Simulated:
    """A model with fake-quantized weights and the activation grids of its quantization points."""
    model: Model
    activations: dict[str, QParams]  # quantization point -> per-tensor parameters (may be empty)


def _walk(model: Model, x: np.ndarray, at_point) -> np.ndarray:
    """Forward pass calling ``at_point(name, value) -> value`` at every quantization point."""
    points = set(quantization_points(model))
    x = at_point(INPUT, x)
    for layer in model.layers:
        x = layer.forward(x)
        if layer.name in points:
            x = at_point(layer.name, x)
    return x


def run(sim: Simulated, x: np.ndarray) -> np.ndarray:
    """The logits, fake-quantizing at every quantization point that has parameters."""
    def at_point(name, value):
        qp = sim.activations.get(name)
        return value if qp is None else fake_quantize(value, qp)
    return _walk(sim.model, x, at_point)


def calibrate_model(model: Model, x_calib: np.ndarray, bits: int, weight_bits: int | None = None,
                    activation_bits: int | None = None) -> Simulated:
    """Quantize the weights (``weight_bits``, default ``bits``; 0 keeps them in float) and
    calibrate every activation grid (``activation_bits``, default ``bits``; 0 keeps activations
    in float) on ``x_calib``.

    One pass over the calibration images: each grid is fixed on the values that reach its point
    through the already quantized weights and earlier points, as the integer network sees them.
    """
    weight_bits = bits if weight_bits is None else weight_bits
    activation_bits = bits if activation_bits is None else activation_bits
    quantized = quantize_weights(model, weight_bits) if weight_bits else model
    grids: dict[str, QParams] = {}
    if activation_bits:
        def at_point(name, value):
            grids[name] = activation_qparams(value, activation_bits)
            return fake_quantize(value, grids[name])
        _walk(quantized, x_calib, at_point)
    return Simulated(quantized, grids)


def predict(sim: Simulated | Model, x: np.ndarray) -> np.ndarray:
    """Class indices (argmax of the logits)."""
    if isinstance(sim, Model):
        sim = Simulated(sim, {})
    return run(sim, x).argmax(axis=1)


def correct(sim: Simulated | Model, x: np.ndarray, labels: np.ndarray) -> int:
    """How many of the images are classified right."""
    return int(np.count_nonzero(predict(sim, x) == np.asarray(labels)))


def accuracy(sim: Simulated | Model, x: np.ndarray, labels: np.ndarray) -> float:
    r""":math:`\text{accuracy} = \frac{\#\{n : \arg\max_k z_{n,k} = y_n\}}{N}`."""
    return correct(sim, x, labels) / len(labels)
