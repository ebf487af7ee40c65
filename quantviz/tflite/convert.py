"""A ``QModel`` as a TFLite graph and file: float input -> QUANTIZE -> int8 layers -> DEQUANTIZE.

TFLite keeps activations as NHWC and conv weights as OHWI, while ``quantviz.nn`` uses NCHW and
(out, in, kh, kw): conv weights are transposed, and a dense layer after a flatten gets its
input columns permuted from C, H, W order to H, W, C order, so that it sees the same values.
Only what TFLite's int8 kernels run is exported: full integer, 8-bit activations, symmetric
weights (zero point 0). Lower weight bit widths are fine: the codes are int8 with fewer levels.
"""
from __future__ import annotations

import numpy as np

from ..nn.ptq import QLayer, QModel
from .write import Graph, Op, Tensor, serialize

FLOAT_INPUT = "input"
FLOAT_OUTPUT = "output"


def check_exportable(qmodel: QModel) -> None:
    """Raise ValueError saying what to change when TFLite's int8 kernels cannot run ``qmodel``."""
    config = qmodel.config
    if config.mode != "int":
        raise ValueError("only a full-integer model can be exported: weight-only quantization "
                         "computes in float")
    if config.act_bits != 8:
        raise ValueError(f"TFLite's int8 kernels clamp activations to [-128, 127]: export needs "
                         f"8-bit activations, not {config.act_bits}")
    for layer in qmodel.layers:
        if layer.weight is not None and np.any(layer.weight_zero_point != 0):
            raise ValueError(f"TFLite's int8 kernels need symmetric weights (zero point 0); "
                             f"{layer.name} has asymmetric ones")


def _qtensor(name, shape, qp, data=None) -> Tensor:
    return Tensor(name, tuple(shape), "int8", data=data, scale=np.atleast_1d(np.float32(qp.scale)),
                  zero_point=np.atleast_1d(np.asarray(qp.zero_point, np.int64)))


def _padding(layer: QLayer) -> str:
    k = layer.weight.shape[2]
    if layer.padding == 0:
        return "valid"
    if layer.stride == 1 and k % 2 == 1 and layer.padding == k // 2 and layer.weight.shape[3] == k:
        return "same"
    raise ValueError(f"{layer.name}: padding {layer.padding} with stride {layer.stride} matches neither "
                     "TFLite's SAME nor VALID padding")


class _Builder:
    def __init__(self):
        self.tensors: list[Tensor] = []
        self.ops: list[Op] = []

    def add(self, tensor: Tensor) -> int:
        self.tensors.append(tensor)
        return len(self.tensors) - 1

    def weight_tensors(self, layer: QLayer, weight: np.ndarray) -> tuple[int, int]:
        s_w = np.broadcast_to(np.asarray(layer.weight_qp.scale, np.float64), (len(weight),))
        per_channel = layer.weight_qp.axis is not None
        s_w = s_w.astype(np.float32) if per_channel else s_w[:1].astype(np.float32)
        zeros = np.zeros(s_w.size, np.int64)
        w = self.add(Tensor(f"{layer.name}/weight", weight.shape, "int8", data=weight.astype(np.int8),
                            scale=s_w, zero_point=zeros))
        s_bias = (np.float32(layer.inp.scale) * s_w.astype(np.float64)).astype(np.float32)
        b = self.add(Tensor(f"{layer.name}/bias", layer.bias.shape, "int32", data=layer.bias.astype(np.int32),
                            scale=s_bias, zero_point=zeros))
        return w, b


def export(qmodel: QModel) -> bytes:
    """A full-integer ``QModel`` as the bytes of a ``.tflite`` file. Raises ValueError if TFLite
    cannot run it (``check_exportable``)."""
    return serialize(build_graph(qmodel))


def build_graph(qmodel: QModel) -> Graph:
    """The TFLite graph of ``qmodel``, input (1, H, W, C) float32, output (1, classes) float32."""
    check_exportable(qmodel)
    c, h, w = qmodel.float_model.input.get("shape", [1, 8, 8])
    g = _Builder()
    x_float = g.add(Tensor(FLOAT_INPUT, (1, h, w, c), "float32"))
    x = g.add(_qtensor(f"{FLOAT_INPUT}/quantized", (1, h, w, c), qmodel.input))
    g.ops.append(Op("QUANTIZE", [x_float], [x]))
    shape, chw = (1, h, w, c), None          # the current NHWC shape; (C, H, W) before a flatten
    for layer in qmodel.layers:
        x, shape, chw = _layer(g, layer, x, shape, chw)
    y = g.add(Tensor(FLOAT_OUTPUT, shape, "float32"))
    g.ops.append(Op("DEQUANTIZE", [x], [y]))
    return Graph(g.tensors, g.ops, [x_float], [y], description=f"quantviz {qmodel.name} int8")


def _layer(g: _Builder, layer: QLayer, x: int, shape: tuple, chw):
    """Append one layer's operator; return its output tensor, NHWC shape and flatten source."""
    if layer.kind == "flatten":
        size = int(np.prod(shape[1:]))
        new_shape = g.add(Tensor(f"{layer.name}/shape", (2,), "int32", data=np.array([-1, size], np.int32)))
        y = g.add(_qtensor(layer.name, (1, size), layer.out))
        g.ops.append(Op("RESHAPE", [x, new_shape], [y], {"new_shape": [-1, size]}))
        return y, (1, size), (shape[3], shape[1], shape[2])
    if layer.kind == "dense":
        weight = layer.weight
        if chw is not None and chw[0] > 1:      # columns in C, H, W order -> H, W, C order
            weight = weight.reshape(len(weight), *chw).transpose(0, 2, 3, 1).reshape(len(weight), -1)
        wt, bt = g.weight_tensors(layer, weight)
        out_shape = (shape[0], len(weight))
        y = g.add(_qtensor(layer.name, out_shape, layer.out))
        activation = "relu" if layer.activation == "relu" else None
        g.ops.append(Op("FULLY_CONNECTED", [x, wt, bt], [y], {"activation": activation}))
        return y, out_shape, None
    if layer.kind == "conv2d":
        padding = _padding(layer)
        o, _, kh, kw = layer.weight.shape
        wt, bt = g.weight_tensors(layer, layer.weight.transpose(0, 2, 3, 1))     # OHWI
        p = layer.padding
        oh, ow = (shape[1] + 2 * p - kh) // layer.stride + 1, (shape[2] + 2 * p - kw) // layer.stride + 1
        out_shape = (shape[0], oh, ow, o)
        y = g.add(_qtensor(layer.name, out_shape, layer.out))
        activation = "relu" if layer.activation == "relu" else None
        g.ops.append(Op("CONV_2D", [x, wt, bt], [y], {"padding": padding, "stride": layer.stride,
                                                        "activation": activation}))
        return y, out_shape, None
    if layer.kind in ("maxpool2d", "avgpool2d"):
        k = layer.size
        out_shape = (shape[0], shape[1] // k, shape[2] // k, shape[3])
        y = g.add(_qtensor(layer.name, out_shape, layer.out))
        kind = "MAX_POOL_2D" if layer.kind == "maxpool2d" else "AVERAGE_POOL_2D"
        g.ops.append(Op(kind, [x], [y], {"size": k, "stride": k, "padding": "valid"}))
        return y, out_shape, None
    if layer.kind == "relu":
        y = g.add(_qtensor(layer.name, shape, layer.out))
        g.ops.append(Op("RELU", [x], [y]))
        return y, shape, chw
    raise ValueError(f"{layer.name}: no TFLite operator for a {layer.kind} layer")


def nhwc_to_nchw(codes: np.ndarray) -> np.ndarray:
    """A 4-d activation from TFLite's layout (N, H, W, C) to ``quantviz.nn``'s (N, C, H, W)."""
    return codes.transpose(0, 3, 1, 2) if codes.ndim == 4 else codes
