"""Float32 layers as plain data: a dataclass of numpy arrays, and a ``forward`` method.

Layouts (the same as PyTorch's; TFLite stores conv weights as OHWI and activations as NHWC):

- images and conv activations: ``(N, C, H, W)``, batch first, then channels;
- ``Dense.weight``: ``(out_features, in_features)``, so :math:`y = x W^T + b`;
- ``Conv2D.weight``: ``(out_channels, in_channels, kh, kw)``; ``bias``: ``(out_channels,)``;
- ``Flatten`` keeps the batch axis and flattens the rest in C, H, W order.

Every layer has a ``name`` (unique in its model) and a ``kind`` (its key in ``KINDS``);
``params()`` gives its arrays by short name (``weight``, ``bias``, ...). Training (``grad.py``)
and folding (``fold.py``) work on these same objects.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np


def _f32(a) -> np.ndarray:
    return np.ascontiguousarray(a, dtype=np.float32)


@dataclass
class Dense:
    r"""Fully connected: :math:`y = x W^T + b`, ``x`` (N, in), ``weight`` (out, in), ``bias`` (out,)."""
    name: str
    weight: np.ndarray
    bias: np.ndarray
    kind: ClassVar[str] = "dense"

    def __post_init__(self):
        self.weight, self.bias = _f32(self.weight), _f32(self.bias)
        if self.weight.ndim != 2 or self.bias.shape != self.weight.shape[:1]:
            raise ValueError(f"{self.name}: weight must be (out, in) and bias (out,), "
                             f"got {self.weight.shape} and {self.bias.shape}")

    def forward(self, x: np.ndarray) -> np.ndarray:
        return x @ self.weight.T + self.bias

    def params(self) -> dict[str, np.ndarray]:
        return {"weight": self.weight, "bias": self.bias}


def conv_patches(x: np.ndarray, kh: int, kw: int, stride: int, padding: int) -> np.ndarray:
    """im2col: ``x`` (N, C, H, W) -> patches (N, OH, OW, C * kh * kw), zero padded."""
    if padding:
        x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    windows = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(2, 3))
    windows = windows[:, :, ::stride, ::stride]             # (N, C, OH, OW, kh, kw)
    n, c, oh, ow = windows.shape[:4]
    return windows.transpose(0, 2, 3, 1, 4, 5).reshape(n, oh, ow, c * kh * kw)


@dataclass
class Conv2D:
    r"""2-d convolution (cross-correlation, as in every framework):

    .. math:: y[n, o, i, j] = b[o] + \sum_{c, u, v} W[o, c, u, v]\, x_p[n, c, s i + u, s j + v]

    with :math:`x_p` the input zero padded by ``padding`` on each side and :math:`s` the stride.
    """
    name: str
    weight: np.ndarray
    bias: np.ndarray
    stride: int = 1
    padding: int = 0
    kind: ClassVar[str] = "conv2d"

    def __post_init__(self):
        self.weight, self.bias = _f32(self.weight), _f32(self.bias)
        if self.weight.ndim != 4 or self.bias.shape != self.weight.shape[:1]:
            raise ValueError(f"{self.name}: weight must be (out, in, kh, kw) and bias (out,), "
                             f"got {self.weight.shape} and {self.bias.shape}")

    def forward(self, x: np.ndarray) -> np.ndarray:
        o, _, kh, kw = self.weight.shape
        cols = conv_patches(x, kh, kw, self.stride, self.padding)    # (N, OH, OW, C*kh*kw)
        y = cols @ self.weight.reshape(o, -1).T + self.bias          # (N, OH, OW, O)
        return np.ascontiguousarray(y.transpose(0, 3, 1, 2))         # (N, O, OH, OW)

    def params(self) -> dict[str, np.ndarray]:
        return {"weight": self.weight, "bias": self.bias}


@dataclass
class BatchNorm:
    r"""Batch normalization with running statistics, per channel (axis 1):

    .. math:: y = \gamma \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} + \beta

    ``gamma``, ``beta``, ``mean`` (:math:`\mu`), ``var`` (:math:`\sigma^2`): shape (C,).
    At inference it is an affine map per channel, so ``fold.fold_batch_norm`` merges it into the
    preceding dense or conv layer.
    """
    name: str
    gamma: np.ndarray
    beta: np.ndarray
    mean: np.ndarray
    var: np.ndarray
    eps: float = 1e-5
    kind: ClassVar[str] = "batchnorm"

    def __post_init__(self):
        self.gamma, self.beta = _f32(self.gamma), _f32(self.beta)
        self.mean, self.var = _f32(self.mean), _f32(self.var)

    def channel_shape(self, x: np.ndarray) -> tuple[int, ...]:
        return (1, -1) + (1,) * (x.ndim - 2)

    def forward(self, x: np.ndarray) -> np.ndarray:
        shape = self.channel_shape(x)
        scale = self.gamma / np.sqrt(self.var + np.float32(self.eps))
        return (x - self.mean.reshape(shape)) * scale.reshape(shape) + self.beta.reshape(shape)

    def params(self) -> dict[str, np.ndarray]:
        return {"gamma": self.gamma, "beta": self.beta, "mean": self.mean, "var": self.var}


@dataclass
class ReLU:
    r""":math:`y = \max(x, 0)`."""
    name: str
    kind: ClassVar[str] = "relu"

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(x, np.float32(0))

    def params(self) -> dict[str, np.ndarray]:
        return {}


@dataclass
class MaxPool2D:
    """Max over non-overlapping ``size`` x ``size`` windows (stride = size); H and W must divide."""
    name: str
    size: int = 2
    kind: ClassVar[str] = "maxpool2d"

    def windows(self, x: np.ndarray) -> np.ndarray:
        """(N, C, H, W) -> (N, C, H/k, W/k, k*k)."""
        n, c, h, w = x.shape
        k = self.size
        if h % k or w % k:
            raise ValueError(f"{self.name}: input {h}x{w} does not divide into {k}x{k} windows")
        return x.reshape(n, c, h // k, k, w // k, k).transpose(0, 1, 2, 4, 3, 5).reshape(
            n, c, h // k, w // k, k * k)

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self.windows(x).max(axis=-1)

    def params(self) -> dict[str, np.ndarray]:
        return {}


@dataclass
class Flatten:
    """(N, C, H, W) -> (N, C*H*W), in C, H, W order."""
    name: str
    kind: ClassVar[str] = "flatten"

    def forward(self, x: np.ndarray) -> np.ndarray:
        return x.reshape(len(x), -1)

    def params(self) -> dict[str, np.ndarray]:
        return {}


KINDS = {cls.kind: cls for cls in (Dense, Conv2D, BatchNorm, ReLU, MaxPool2D, Flatten)}
WEIGHT_KINDS = ("dense", "conv2d")  # the layers whose weight and bias the quantizer stores
