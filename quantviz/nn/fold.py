"""Fold batch normalization into the dense or conv layer before it.

At inference batch norm is a fixed affine map per output channel, so it merges into the
weights and bias of the layer that feeds it, and the network loses a layer without changing
its output. Folding is also what makes the per-channel ranges of a conv layer differ: each
output channel's weights are multiplied by its own :math:`\\gamma / \\sqrt{\\sigma^2 + \\epsilon}`.
"""
from __future__ import annotations

import numpy as np

from .layers import BatchNorm, Conv2D, Dense
from .model import Model


def fold_into(layer: Dense | Conv2D, bn: BatchNorm) -> Dense | Conv2D:
    r"""The layer with ``bn`` folded in: per output channel :math:`c`,

    .. math:: k_c = \frac{\gamma_c}{\sqrt{\sigma_c^2 + \epsilon}}, \qquad
              W'_c = k_c W_c, \qquad b'_c = k_c (b_c - \mu_c) + \beta_c

    computed in float64 and stored as float32.
    """
    k = bn.gamma.astype(np.float64) / np.sqrt(bn.var.astype(np.float64) + bn.eps)   # (C,)
    w = layer.weight.astype(np.float64)
    if w.shape[0] != k.shape[0]:
        raise ValueError(f"{bn.name} has {k.shape[0]} channels but {layer.name} has {w.shape[0]} outputs")
    weight = w * k.reshape((-1,) + (1,) * (w.ndim - 1))
    bias = k * (layer.bias.astype(np.float64) - bn.mean) + bn.beta
    if isinstance(layer, Conv2D):
        return Conv2D(layer.name, weight, bias, stride=layer.stride, padding=layer.padding)
    return Dense(layer.name, weight, bias)


def fold_batch_norm(model: Model) -> Model:
    """A new model in which every batch norm is folded into the dense or conv layer before it."""
    layers: list = []
    for layer in model.layers:
        if isinstance(layer, BatchNorm):
            if not layers or not isinstance(layers[-1], (Dense, Conv2D)):
                raise ValueError(f"{layer.name} must follow a dense or conv layer to be folded")
            layers[-1] = fold_into(layers[-1], layer)
        else:
            layers.append(layer)
    meta = dict(model.meta, batch_norm_folded=True)
    return Model(model.name, layers, dict(model.input), meta)
