"""Synthetic weight tensors shaped like a small network's layers, for pages that need weights
before (or without) a trained model. Trained weights are close to Laplace-distributed around 0."""
from __future__ import annotations

import numpy as np


def synthetic_weight_tensors(seed: int = 0) -> dict[str, np.ndarray]:
    """Three float32 layers, by name: a Laplace dense layer (64, 784), a Gaussian dense layer
    (10, 64) and a Laplace convolution (16, 8, 3, 3) with a few outliers (1 in 200 weights
    multiplied by 8), each with the spread of He initialisation :math:`\\sqrt{2 / \\text{fan\\_in}}`."""
    rng = np.random.default_rng(seed)
    dense1 = rng.laplace(0.0, np.sqrt(2 / 784) / np.sqrt(2), size=(64, 784))  # std = sqrt(2 / fan_in)
    dense2 = rng.normal(0.0, np.sqrt(2 / 64), size=(10, 64))
    conv = rng.laplace(0.0, np.sqrt(2 / 72) / np.sqrt(2), size=(16, 8, 3, 3))
    outliers = rng.random(conv.shape) < 1 / 200
    conv = np.where(outliers, 8 * conv, conv)
    return {"dense1": dense1.astype(np.float32), "dense2": dense2.astype(np.float32),
            "conv1": conv.astype(np.float32)}
