r"""The integer network as LiteRT's default, optimized kernels (XNNPACK) run it.

Two things differ from TFLite's reference kernels (``intlayers``), both in float32:

- the input: multiplied by the reciprocal of its scale and rounded half to **even**,
  :math:`q = \operatorname{round\_even}(x \cdot \mathrm{fl}(1/s)) + z`, where the reference divides
  and rounds halves away from zero (a pixel of 0.3 with scale 1/255 is exactly 76.5: 76 here, 77 there);
- each dense or conv layer's requantization: the int32 accumulator times a float32 multiplier,
  rounded half to even, instead of the fixed-point :math:`M_0 \cdot 2^{\text{shift} - 31}`,

.. math:: q_{out} =
    \operatorname{clamp}\big(\operatorname{round\_even}(\mathrm{fl}(acc) \cdot M) + z_{out},\ a_{min},\
    a_{max}\big), \quad M = \mathrm{fl}\big(\mathrm{fl}(s_{in} s_w) / s_{out}\big)

Pooling, ReLU and flatten are exact and the same. Bit for bit what LiteRT 2.3's optimized kernels
compute (tests/conformance/test_litert_optimized.py).
"""
from __future__ import annotations

import numpy as np

from ..intarith.intkernels import accumulate
from .intlayers import KERNELS, im2col
from .ptq import QLayer, QModel


def quantize_input(x: np.ndarray, qp) -> np.ndarray:
    """``round_even(x * fl(1/s)) + z``, clamped: XNNPACK's float-to-int8 conversion (float32).
    NaN becomes the highest code, as XNNPACK's clamp leaves it (measured; it has no code)."""
    with np.errstate(over="ignore", invalid="ignore"):
        steps = np.rint(np.multiply(np.asarray(x, np.float32), np.float32(1) / np.float32(qp.scale),
                                    dtype=np.float32))
    q = np.clip(steps.astype(np.float64) + int(qp.zero_point), qp.qmin, qp.qmax)
    return np.where(np.isnan(q), qp.qmax, q).astype(qp.dtype)


def multipliers(layer: QLayer) -> np.ndarray:
    """The float32 multiplier per output channel, ``(s_in * s_w) / s_out`` as stored in the file."""
    s_w = np.broadcast_to(np.asarray(layer.weight_qp.scale, np.float64), (len(layer.weight),)).astype(np.float32)
    product = (np.float32(layer.inp.scale) * s_w).astype(np.float32)
    return (product / np.float32(layer.out.scale)).astype(np.float32)


def requantize(acc: np.ndarray, layer: QLayer) -> np.ndarray:
    """(rows, out) int64 accumulators -> int8 codes, in float32 with ties to even."""
    scaled = np.rint(np.multiply(acc.astype(np.float32), multipliers(layer), dtype=np.float32))
    y = scaled.astype(np.int64) + int(layer.out.zero_point)
    return np.clip(y, layer.act_min, layer.act_max).astype(np.int8)


def dense(layer: QLayer, q: np.ndarray) -> np.ndarray:
    acc = accumulate(q, layer.weight, int(layer.inp.zero_point), layer.weight_zero_point)
    return requantize(acc + layer.bias.astype(np.int64), layer)


def conv2d(layer: QLayer, q: np.ndarray) -> np.ndarray:
    o, _, kh, kw = layer.weight.shape
    cols = im2col(q, kh, kw, layer.stride, layer.padding, int(layer.inp.zero_point))
    n, oh, ow, k = cols.shape
    acc = accumulate(cols.reshape(-1, k), layer.weight.reshape(o, -1), int(layer.inp.zero_point),
                     layer.weight_zero_point)
    y = requantize(acc + layer.bias.astype(np.int64), layer)
    return np.ascontiguousarray(y.reshape(n, oh, ow, o).transpose(0, 3, 1, 2))


def forward(qmodel: QModel, x: np.ndarray) -> dict[str, np.ndarray]:
    """Every layer's codes, as ``intinfer.forward_int`` returns them, computed as XNNPACK does."""
    kernels = {**KERNELS, "dense": dense, "conv2d": conv2d}
    q = quantize_input(x, qmodel.input)
    codes = {"input": q}
    for layer in qmodel.layers:
        q = kernels[layer.kind](layer, q)
        codes[layer.name] = q
    return codes
