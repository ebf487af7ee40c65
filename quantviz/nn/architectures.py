"""The bundled models' architectures, freshly initialized (He normal weights, zero biases).

Every model takes the digits as (N, 1, 8, 8) float32 in [0, 1] (``data.to_input``) and returns
10 logits.
"""
from __future__ import annotations

import numpy as np

from .layers import BatchNorm, Conv2D, Dense, Flatten, MaxPool2D, ReLU
from .model import Model

INPUT = {"shape": [1, 8, 8], "layout": "NCHW", "range": [0.0, 1.0],
         "preprocess": "pixel counts 0..16 divided by 16"}


def he_normal(rng: np.random.Generator, shape: tuple[int, ...], fan_in: int) -> np.ndarray:
    r"""Weights drawn from :math:`\mathcal{N}(0, 2 / \text{fan\_in})` (He et al., 2015)."""
    return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(np.float32)


def dense(rng: np.random.Generator, name: str, n_in: int, n_out: int) -> Dense:
    return Dense(name, he_normal(rng, (n_out, n_in), n_in), np.zeros(n_out, np.float32))


def conv(rng: np.random.Generator, name: str, c_in: int, c_out: int, k: int = 3) -> Conv2D:
    return Conv2D(name, he_normal(rng, (c_out, c_in, k, k), c_in * k * k),
                  np.zeros(c_out, np.float32), stride=1, padding=k // 2)


def batch_norm(name: str, channels: int) -> BatchNorm:
    ones, zeros = np.ones(channels, np.float32), np.zeros(channels, np.float32)
    return BatchNorm(name, ones, zeros, zeros.copy(), ones.copy())


def mlp(name: str, widths: tuple[int, ...], seed: int) -> Model:
    """Flatten, then dense layers of the given widths (first 64, last 10) with ReLU between."""
    rng = np.random.default_rng(seed)
    layers: list = [Flatten("flatten")]
    for i, (n_in, n_out) in enumerate(zip(widths[:-1], widths[1:]), start=1):
        layers.append(dense(rng, f"dense{i}", n_in, n_out))
        if i < len(widths) - 1:
            layers.append(ReLU(f"relu{i}"))
    return Model(name, layers, dict(INPUT))


def cnn(name: str, channels: tuple[int, int], seed: int) -> Model:
    """conv 3x3 - batch norm - ReLU - max pool 2, twice (8x8 -> 4x4 -> 2x2), then dense to 10."""
    rng = np.random.default_rng(seed)
    c1, c2 = channels
    layers = [conv(rng, "conv1", 1, c1), batch_norm("bn1", c1), ReLU("relu1"), MaxPool2D("pool1", 2),
              conv(rng, "conv2", c1, c2), batch_norm("bn2", c2), ReLU("relu2"), MaxPool2D("pool2", 2),
              Flatten("flatten"), dense(rng, "dense1", c2 * 4, 10)]
    return Model(name, layers, dict(INPUT))
