r"""The integer layers of a ``QModel``: each on int8 codes, as TFLite's reference kernels.

Each kernel has a plain-loop reference (``*_reference``, TFLite's reference kernel line by line)
and a vectorized version; they agree bit for bit (tests/nn/test_intinfer.py). Activations stay
in the float model's NCHW layout; ``quantviz.tflite.convert`` permutes to TFLite's NHWC.

A dense or conv layer computes, per output channel :math:`c` (im2col turns a convolution into a
fully connected layer over patches, padded with the input zero point, i.e. with real zeros):

.. math:: q_{out} =
    \operatorname{clamp}\Big(z_{out} + M_c \big(\textstyle\sum_k (q_{in} - z_{in})(q_{w} - z_{w,c}) +
    q_{bias,c}\big),\ a_{min},\ a_{max}\Big)

Max pooling takes the largest code of each window; average pooling sums the codes and divides
with rounding half away from zero,

.. math:: q_{out} =
    \operatorname{clamp}\left(\operatorname{sign}(S) \left\lfloor \frac{|S| + \lfloor n / 2 \rfloor}{n}
    \right\rfloor,\ a_{min},\ a_{max}\right), \quad S = \sum_{window} q_{in}
"""
from __future__ import annotations

import numpy as np

from ..intarith.fixedpoint import multiply_by_quantized_multiplier
from ..intarith.intkernels import fully_connected, fully_connected_reference
from .ptq import QLayer


def _fc_kwargs(layer: QLayer) -> dict:
    return dict(zp_in=int(layer.inp.zero_point), zp_w=layer.weight_zero_point, M0=layer.M0,
                shift=layer.shift, zp_out=int(layer.out.zero_point), act_min=layer.act_min,
                act_max=layer.act_max)


def rescale(acc: np.ndarray, M0: np.ndarray, shift: np.ndarray, single_rounding: bool,
            offset: np.ndarray | int = 0, zero_point: int = 0) -> np.ndarray:
    r"""``multiply_by_quantized_multiplier(acc + offset, M0, shift) + zero_point`` for sums within int32 and
    multipliers below 1 (``shift <= 0``), in fewer array passes; bit for bit the same
    (tests/nn/test_intinfer.py). ``M0``, ``shift``, ``offset``: per output channel (last axis).

    One rounding: :math:`\lfloor (x M_0 + 2^{30 - \text{shift}}) / 2^{31 - \text{shift}} \rfloor`.
    Two: :math:`h = \lfloor (x M_0 + 2^{30}) / 2^{31} \rfloor`, then
    :math:`\lfloor (h + 2^{e-1} - [h < 0]) / 2^{e} \rfloor` with :math:`e = -\text{shift}`
    (ties away from zero). Adding :math:`z \cdot 2^{k}` before a shift by :math:`k` adds
    :math:`z` after it, so the zero point costs no extra pass (unless :math:`k > 52`).
    """
    y = acc * M0                                              # int64: |x M0| < 2^62
    if single_rounding:
        total = 31 - shift
        y += offset * M0 + np.left_shift(1, total - 1, dtype=np.int64)
        if np.all(total <= 52):              # |z| 2^total stays far below 2^63
            y += np.left_shift(zero_point, total, dtype=np.int64)
            y >>= total
        else:
            y >>= total
            y += zero_point
        return y
    y += offset * M0 + (1 << 30)
    y >>= 31
    e = -shift
    negative = y < 0
    negative &= e > 0
    y += (np.left_shift(1, e, dtype=np.int64) >> 1) + np.left_shift(zero_point, e, dtype=np.int64)
    y -= negative                            # ties away from zero: one less below zero
    y >>= e
    return y


def _fast_fc(layer: QLayer, q: np.ndarray) -> np.ndarray | None:
    """(rows, in) codes -> (rows, out) codes with the layer's prepared constants, or None when the
    accumulator bounds or a multiplier above 1 need the general kernel."""
    prep = layer.prepared()
    if prep is None:
        return None
    acc = (q.astype(np.float32) @ prep["weight_t"]).astype(np.int32)   # exact: |sum| < 2^24
    y = rescale(acc, prep["M0"], prep["shift"], layer.single_rounding, prep["offset"],
                zero_point=int(layer.out.zero_point))
    np.clip(y, layer.act_min, layer.act_max, out=y)
    return y.astype(np.int8 if layer.act_min >= -128 and layer.act_max <= 127 else np.int32)


def dense(layer: QLayer, q: np.ndarray) -> np.ndarray:
    """(N, in) codes -> (N, out) codes."""
    y = _fast_fc(layer, q)
    if y is not None:
        return y
    return fully_connected(q, layer.weight, layer.bias, single_rounding=layer.single_rounding, **_fc_kwargs(layer))


def dense_reference(layer: QLayer, q: np.ndarray) -> np.ndarray:
    return fully_connected_reference(q, layer.weight, layer.bias, single_rounding=layer.single_rounding,
                                     **_fc_kwargs(layer))


def im2col(q: np.ndarray, kh: int, kw: int, stride: int, padding: int, pad_value: int) -> np.ndarray:
    """Codes (N, C, H, W) -> patches (N, OH, OW, C * kh * kw), padded with ``pad_value``."""
    if padding:
        q = np.pad(q, ((0, 0), (0, 0), (padding, padding), (padding, padding)), constant_values=pad_value)
    windows = np.lib.stride_tricks.sliding_window_view(q, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    n, c, oh, ow = windows.shape[:4]
    return windows.transpose(0, 2, 3, 1, 4, 5).reshape(n, oh, ow, c * kh * kw)


def conv2d(layer: QLayer, q: np.ndarray) -> np.ndarray:
    """(N, C, H, W) codes -> (N, O, OH, OW) codes: im2col, then the fully connected kernel."""
    o, _, kh, kw = layer.weight.shape
    cols = im2col(q, kh, kw, layer.stride, layer.padding, int(layer.inp.zero_point))
    n, oh, ow, k = cols.shape
    y = _fast_fc(layer, cols.reshape(-1, k))
    if y is None:
        y = fully_connected(cols.reshape(-1, k), layer.weight.reshape(o, -1), layer.bias,
                            single_rounding=layer.single_rounding, **_fc_kwargs(layer))
    return np.ascontiguousarray(y.reshape(n, oh, ow, o).transpose(0, 3, 1, 2))


def conv2d_reference(layer: QLayer, q: np.ndarray) -> np.ndarray:
    """TFLite's reference ``integer_ops::ConvPerChannel``: taps outside the input are skipped."""
    n, c, h, w = q.shape
    o, _, kh, kw = layer.weight.shape
    s, p = layer.stride, layer.padding
    oh, ow = (h + 2 * p - kh) // s + 1, (w + 2 * p - kw) // s + 1
    zp_in, zp_w = int(layer.inp.zero_point), layer.weight_zero_point
    out = np.empty((n, o, oh, ow), np.int8 if layer.act_min >= -128 and layer.act_max <= 127 else np.int32)
    for b in range(n):
        for ch in range(o):
            for i in range(oh):
                for j in range(ow):
                    acc = 0
                    for ci in range(c):
                        for u in range(kh):
                            for v in range(kw):
                                y, x = i * s - p + u, j * s - p + v
                                if 0 <= y < h and 0 <= x < w:
                                    w_c = int(layer.weight[ch, ci, u, v]) - int(zp_w[ch])  # centred weight
                                    acc += (int(q[b, ci, y, x]) - zp_in) * w_c
                    acc = int(np.int64(acc + int(layer.bias[ch])).astype(np.int32))
                    value = multiply_by_quantized_multiplier(acc, int(layer.M0[ch]), int(layer.shift[ch]),
                                                             layer.single_rounding)
                    out[b, ch, i, j] = min(max(value + int(layer.out.zero_point), layer.act_min), layer.act_max)
    return out


def _windows(q: np.ndarray, k: int) -> np.ndarray:
    n, c, h, w = q.shape
    if h % k or w % k:
        raise ValueError(f"a {h}x{w} input does not divide into {k}x{k} pooling windows")
    return q.reshape(n, c, h // k, k, w // k, k).transpose(0, 1, 2, 4, 3, 5).reshape(n, c, h // k, w // k, k * k)


def max_pool(layer: QLayer, q: np.ndarray) -> np.ndarray:
    """Non-overlapping ``size`` x ``size`` windows: the largest code, clamped."""
    return np.clip(_windows(q, layer.size).max(axis=-1), layer.act_min, layer.act_max).astype(q.dtype)


def max_pool_reference(layer: QLayer, q: np.ndarray) -> np.ndarray:
    n, c, h, w = q.shape
    k = layer.size
    out = np.empty((n, c, h // k, w // k), q.dtype)
    for b in range(n):
        for ch in range(c):
            for i in range(h // k):
                for j in range(w // k):
                    best = -(2**31)
                    for u in range(k):
                        for v in range(k):
                            best = max(best, int(q[b, ch, i * k + u, j * k + v]))
                    out[b, ch, i, j] = min(max(best, layer.act_min), layer.act_max)
    return out


def avg_pool(layer: QLayer, q: np.ndarray) -> np.ndarray:
    """Non-overlapping windows: the sum of codes divided by the count, rounded half away from zero."""
    total = _windows(q, layer.size).sum(axis=-1, dtype=np.int64)
    count = layer.size * layer.size
    mean = np.sign(total) * ((np.abs(total) + count // 2) // count)
    return np.clip(mean, layer.act_min, layer.act_max).astype(q.dtype)


def avg_pool_reference(layer: QLayer, q: np.ndarray) -> np.ndarray:
    """TFLite's reference int8 ``AveragePool``: C division truncates toward zero."""
    n, c, h, w = q.shape
    k = layer.size
    out = np.empty((n, c, h // k, w // k), q.dtype)
    for b in range(n):
        for ch in range(c):
            for i in range(h // k):
                for j in range(w // k):
                    acc = sum(int(q[b, ch, i * k + u, j * k + v]) for u in range(k) for v in range(k))
                    num = acc + k * k // 2 if acc > 0 else acc - k * k // 2
                    mean = abs(num) // (k * k) * (1 if num >= 0 else -1)
                    out[b, ch, i, j] = min(max(mean, layer.act_min), layer.act_max)
    return out


def relu(layer: QLayer, q: np.ndarray) -> np.ndarray:
    """A ReLU that could not be fused (same parameters in and out): codes below the zero point rise to it."""
    return np.clip(q, layer.act_min, layer.act_max).astype(q.dtype)


def flatten(layer: QLayer, q: np.ndarray) -> np.ndarray:
    """(N, C, H, W) -> (N, C*H*W) in C, H, W order, as the float model flattens."""
    return q.reshape(len(q), -1)


KERNELS = {"dense": dense, "conv2d": conv2d, "maxpool2d": max_pool, "avgpool2d": avg_pool,
           "relu": relu, "flatten": flatten}
REFERENCE_KERNELS = {"dense": dense_reference, "conv2d": conv2d_reference, "maxpool2d": max_pool_reference,
                     "avgpool2d": avg_pool_reference, "relu": relu, "flatten": flatten}
