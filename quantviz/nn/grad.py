"""Training-mode forward passes (keeping what the backward pass needs) and backward passes.

``forward_train(layer, x) -> (y, cache)`` and ``backward(layer, cache, dy) -> (dx, grads)``, where
``grads`` maps a parameter's short name (``weight``, ``bias``, ``gamma``, ``beta``) to the gradient
of the loss, same shape as the parameter. Batch norm uses the batch statistics in training and
updates its running ``mean`` and ``var`` (momentum 0.1, unbiased variance, as PyTorch does).
"""
from __future__ import annotations

import numpy as np

from .layers import BatchNorm, Conv2D, Dense, Flatten, MaxPool2D, ReLU, conv_patches

BN_MOMENTUM = 0.1


def _dense_forward(layer: Dense, x):
    return layer.forward(x), x


def _dense_backward(layer: Dense, x, dy):
    return dy @ layer.weight, {"weight": dy.T @ x, "bias": dy.sum(axis=0)}


def _conv_forward(layer: Conv2D, x):
    o, _, kh, kw = layer.weight.shape
    cols = conv_patches(x, kh, kw, layer.stride, layer.padding)      # (N, OH, OW, K)
    y = cols @ layer.weight.reshape(o, -1).T + layer.bias               # (N, OH, OW, O)
    return np.ascontiguousarray(y.transpose(0, 3, 1, 2)), (x.shape, cols)


def _conv_backward(layer: Conv2D, cache, dy):
    (n, c, h, w), cols = cache
    o, _, kh, kw = layer.weight.shape
    s, p = layer.stride, layer.padding
    dyt = dy.transpose(0, 2, 3, 1)                                       # (N, OH, OW, O)
    oh, ow = dyt.shape[1:3]
    grads = {"weight": (dyt.reshape(-1, o).T @ cols.reshape(-1, cols.shape[-1])).reshape(layer.weight.shape),
             "bias": dyt.sum(axis=(0, 1, 2))}
    dcols = (dyt @ layer.weight.reshape(o, -1)).reshape(n, oh, ow, c, kh, kw)
    dxp = np.zeros((n, c, h + 2 * p, w + 2 * p), dtype=dy.dtype)
    for u in range(kh):
        for v in range(kw):
            dxp[:, :, u:u + s * (oh - 1) + 1:s, v:v + s * (ow - 1) + 1:s] += \
                dcols[..., u, v].transpose(0, 3, 1, 2)
    return dxp[:, :, p:p + h, p:p + w], grads


def _bn_axes(x):
    return (0,) + tuple(range(2, x.ndim))


def _bn_forward(layer: BatchNorm, x):
    axes, shape = _bn_axes(x), layer.channel_shape(x)
    mean, var = x.mean(axis=axes), x.var(axis=axes)
    count = x.size // x.shape[1]
    layer.mean = ((1 - BN_MOMENTUM) * layer.mean + BN_MOMENTUM * mean).astype(np.float32)
    unbiased = var * count / max(count - 1, 1)
    layer.var = ((1 - BN_MOMENTUM) * layer.var + BN_MOMENTUM * unbiased).astype(np.float32)
    inv_std = 1.0 / np.sqrt(var + np.float32(layer.eps))
    x_hat = (x - mean.reshape(shape)) * inv_std.reshape(shape)
    y = layer.gamma.reshape(shape) * x_hat + layer.beta.reshape(shape)
    return y, (x_hat, inv_std, count)


def _bn_backward(layer: BatchNorm, cache, dy):
    x_hat, inv_std, count = cache
    axes, shape = _bn_axes(dy), layer.channel_shape(dy)
    grads = {"gamma": (dy * x_hat).sum(axis=axes), "beta": dy.sum(axis=axes)}
    d_hat = dy * layer.gamma.reshape(shape)
    dx = (inv_std.reshape(shape) / count) * (
        count * d_hat - d_hat.sum(axis=axes).reshape(shape)
        - x_hat * (d_hat * x_hat).sum(axis=axes).reshape(shape))
    return dx, grads


def _relu_forward(layer: ReLU, x):
    return layer.forward(x), x > 0


def _relu_backward(layer: ReLU, mask, dy):
    return dy * mask, {}


def _pool_forward(layer: MaxPool2D, x):
    windows = layer.windows(x)                                           # (N, C, OH, OW, k*k)
    index = windows.argmax(axis=-1)
    y = np.take_along_axis(windows, index[..., None], axis=-1)[..., 0]
    return y, (x.shape, index)


def _pool_backward(layer: MaxPool2D, cache, dy):
    (n, c, h, w), index = cache
    k = layer.size
    dwin = np.zeros(dy.shape + (k * k,), dtype=dy.dtype)
    np.put_along_axis(dwin, index[..., None], dy[..., None], axis=-1)
    dx = dwin.reshape(n, c, h // k, w // k, k, k).transpose(0, 1, 2, 4, 3, 5).reshape(n, c, h, w)
    return dx, {}


def _flatten_forward(layer: Flatten, x):
    return layer.forward(x), x.shape


def _flatten_backward(layer: Flatten, shape, dy):
    return dy.reshape(shape), {}


_RULES = {
    "dense": (_dense_forward, _dense_backward),
    "conv2d": (_conv_forward, _conv_backward),
    "batchnorm": (_bn_forward, _bn_backward),
    "relu": (_relu_forward, _relu_backward),
    "maxpool2d": (_pool_forward, _pool_backward),
    "flatten": (_flatten_forward, _flatten_backward),
}


def forward_train(layer, x: np.ndarray):
    return _RULES[layer.kind][0](layer, x)


def backward(layer, cache, dy: np.ndarray):
    return _RULES[layer.kind][1](layer, cache, dy)


def trainable(layer) -> dict[str, np.ndarray]:
    """The parameters a gradient step changes (batch norm's running statistics are not)."""
    params = layer.params()
    if isinstance(layer, BatchNorm):
        return {"gamma": params["gamma"], "beta": params["beta"]}
    return params
