"""Gradient steps: SGD with momentum and Adam. Each updates the layers' arrays in place.

``step(params, grads)`` takes two dicts keyed alike (``"<layer>.<param>"``); the optimizer keeps
its per-parameter state under the same keys.
"""
from __future__ import annotations

import numpy as np


class SGD:
    r"""Stochastic gradient descent with momentum:
    :math:`v \leftarrow \mu v + g, \quad \theta \leftarrow \theta - \eta v`."""

    def __init__(self, lr: float = 0.05, momentum: float = 0.9):
        self.lr, self.momentum = lr, momentum
        self.velocity: dict[str, np.ndarray] = {}

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        for key, p in params.items():
            v = self.velocity.setdefault(key, np.zeros_like(p))
            v *= self.momentum
            v += grads[key]
            p -= np.float32(self.lr) * v


class Adam:
    r"""Adam (Kingma and Ba, 2015), with bias-corrected moments:

    .. math:: m \leftarrow \beta_1 m + (1 - \beta_1) g, \quad v \leftarrow \beta_2 v + (1 - \beta_2) g^2,
              \quad \theta \leftarrow \theta - \eta \frac{m / (1 - \beta_1^t)}{\sqrt{v / (1 - \beta_2^t)} + \epsilon}
    """

    def __init__(self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m: dict[str, np.ndarray] = {}
        self.v: dict[str, np.ndarray] = {}
        self.t = 0

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        self.t += 1
        c1, c2 = 1 - self.beta1 ** self.t, 1 - self.beta2 ** self.t
        for key, p in params.items():
            g = grads[key]
            m = self.m.setdefault(key, np.zeros_like(p))
            v = self.v.setdefault(key, np.zeros_like(p))
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            v += (1 - self.beta2) * g * g
            p -= (self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)).astype(p.dtype)


OPTIMIZERS = {"sgd": SGD, "adam": Adam}
