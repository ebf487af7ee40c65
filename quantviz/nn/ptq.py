r"""Post-training quantization of a float model, by default as TFLite's int8 specification has it.

- weights: symmetric, codes in :math:`[-(2^{b-1} - 1),\ 2^{b-1} - 1]` (int8: [-127, 127]), zero
  point 0, one scale per output channel (or per tensor); optionally asymmetric in
  :math:`[-2^{b-1},\ 2^{b-1} - 1]` with a zero point;
- activations: asymmetric, codes in :math:`[-2^{b-1},\ 2^{b-1} - 1]`, one scale and zero point per
  tensor, the range calibrated on the float model's activations over N calibration images;
- biases: int32 with scale :math:`s_{in} s_w` and zero point 0;
- a ReLU after a dense or conv layer is fused into that layer's output clamp; max pooling and
  flatten keep their input's scale and zero point.

The result, ``QModel``, is plain data (integer arrays and ``QParams``) that ``intinfer`` runs and
``quantviz.tflite.convert.export`` writes. The real multiplier of each layer and its fixed-point form:

.. math:: M = \frac{s_{in}\, s_w}{s_{out}} = M_0 \cdot 2^{\text{shift} - 31}
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from ..affine import QParams, choose_qparams, dequantize, quantize
from ..calibrate import METHODS, calibrate
from ..intarith.intkernels import activation_range, fc_multipliers, quantize_bias
from .layers import Conv2D, Dense
from .model import Model, forward

MODES = ("int", "weight")          # full integer, or weight-only (dequantize, float compute)
# How requantization rounds, per layer kind: once (TFLITE_SINGLE_ROUNDING) or twice (SRDHM, then
# a rounding right shift: TFLite's sources by default). "litert" is what the reference kernels of
# the ai-edge-litert 2.3.0 wheel were measured to do (tests/nn/test_tflite_export.py):
# FULLY_CONNECTED rounds once, CONV_2D twice. "xnnpack" is LiteRT's default optimized kernels:
# the input rounded half to even and every layer requantized in float32 (``nn.xnnpack``).
ROUNDINGS = {"litert": {"dense": True, "conv2d": False},
             "single": {"dense": True, "conv2d": True},
             "double": {"dense": False, "conv2d": False},
             "xnnpack": {"dense": True, "conv2d": True}}
MIN_BITS, MAX_BITS = 2, 8
SCHEME = "tflite"


@dataclass(frozen=True)
class PTQConfig:
    """What to quantize and how. ``rounding``: how requantization rounds (``ROUNDINGS``): as
    LiteRT's reference kernels do (the default), always once, or always twice."""
    weight_bits: int = 8
    act_bits: int = 8
    per_channel: bool = True
    weight_symmetric: bool = True
    method: str = "minmax"
    n_calib: int = 100
    mode: str = "int"
    rounding: str = "litert"
    percentile: float = 99.99

    def __post_init__(self):
        for name in ("weight_bits", "act_bits"):
            bits = getattr(self, name)
            if not (isinstance(bits, (int, np.integer)) and MIN_BITS <= bits <= MAX_BITS):
                raise ValueError(f"{name} must be a whole number from {MIN_BITS} to {MAX_BITS}, got {bits!r}")
        if self.method not in METHODS:
            raise ValueError(f"unknown calibration method {self.method!r}: choose one of {', '.join(METHODS)}")
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}: choose 'int' (full integer) or 'weight' (weight-only)")
        if self.rounding not in ROUNDINGS:
            raise ValueError(f"unknown rounding {self.rounding!r}: choose one of {', '.join(ROUNDINGS)}")
        if not (isinstance(self.n_calib, (int, np.integer)) and self.n_calib >= 1):
            raise ValueError(f"n_calib must be at least one calibration image, got {self.n_calib!r}")


@dataclass
class QLayer:
    """One integer layer. ``inp``/``out``: per-tensor activation parameters; ``float_name``: the
    float layer whose output this layer's output approximates (the ReLU when it is fused)."""
    name: str
    kind: str                          # dense | conv2d | maxpool2d | flatten | relu
    float_name: str
    inp: QParams
    out: QParams
    weight: np.ndarray | None = None   # codes: dense (out, in), conv (out, in, kh, kw)
    weight_qp: QParams | None = None   # axis 0 per channel, None per tensor
    bias: np.ndarray | None = None     # int32 (out,)
    M: np.ndarray | None = None        # real multipliers (out,)
    M0: np.ndarray | None = None       # int64 (out,)
    shift: np.ndarray | None = None    # int64 (out,)
    act_min: int = -128
    act_max: int = 127
    activation: str = "none"           # "relu" when fused
    single_rounding: bool = True       # requantize with one rounding (False: two)
    stride: int = 1
    padding: int = 0
    size: int = 2                      # pooling window

    _prep: dict | None = field(default=None, repr=False, compare=False)

    @property
    def weight_zero_point(self):
        return np.broadcast_to(np.asarray(self.weight_qp.zero_point, np.int64), self.M0.shape)

    def prepared(self) -> dict | None:
        r"""Constants of the vectorized kernel, computed once: ``weight_t`` (in, out) float32
        :math:`q_w - z_w`; ``offset`` (out,) int64 :math:`q_{bias} - z_{in} \sum_k (q_w - z_w)`,
        so that :math:`acc = q_{in} (q_w - z_w)^T + offset`; ``M0``, ``shift``. None when an
        accumulator could leave int32 or float32's exact integers, or a multiplier exceeds 1."""
        if self._prep is None and self.weight is not None:
            centred = self.weight.reshape(len(self.weight), -1).astype(np.int64) - self.weight_zero_point[:, None]
            k, w_max = centred.shape[1], int(np.abs(centred).max(initial=0))
            a_max = max(abs(self.inp.qmin), abs(self.inp.qmax))
            offset = self.bias.astype(np.int64) - int(self.inp.zero_point) * centred.sum(axis=1)
            safe = (k * a_max * w_max < 2**24 and k * (a_max + abs(int(self.inp.zero_point))) * w_max
                    + int(np.abs(self.bias).max(initial=0)) < 2**31 and np.all(self.shift <= 0))
            self._prep = {"weight_t": np.ascontiguousarray(centred.T, np.float32), "offset": offset,
                          "M0": self.M0.astype(np.int64), "shift": self.shift.astype(np.int64)} if safe else {}
        return self._prep or None


@dataclass
class QModel:
    name: str
    config: PTQConfig
    input: QParams
    layers: list[QLayer]
    float_model: Model = field(repr=False)
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)   # calibrated, by float name


def activation_qparams(rmin: float, rmax: float, bits: int) -> QParams:
    """Asymmetric signed per-tensor parameters for an activation range (widened to include 0)."""
    return choose_qparams(rmin, rmax, bits=bits, signed=True, symmetric=False, scheme=SCHEME)


def weight_qparams(w: np.ndarray, config: PTQConfig) -> QParams:
    """Per output channel (axis 0) or per tensor, symmetric (narrow range) or asymmetric."""
    if config.per_channel:
        flat = w.reshape(len(w), -1).astype(np.float64)
        rmin, rmax, axis = flat.min(axis=1), flat.max(axis=1), 0
    else:
        rmin, rmax, axis = float(w.min()), float(w.max()), None
    return choose_qparams(rmin, rmax, bits=config.weight_bits, signed=True,
                          symmetric=config.weight_symmetric, scheme=SCHEME, axis=axis)


def calibration_ranges(model: Model, calib_x: np.ndarray, config: PTQConfig) -> dict[str, tuple[float, float]]:
    """``{"input": (rmin, rmax), layer name: (rmin, rmax), ...}`` of the float activations on the
    first ``config.n_calib`` images, each chosen by ``config.method``."""
    x = calib_x[:config.n_calib]
    _, acts = forward(model, x, activations=True)
    kw = dict(method=config.method, bits=config.act_bits, signed=True, scheme=SCHEME, p=config.percentile)
    ranges = {"input": calibrate(x, **kw)}
    for name, a in acts.items():
        ranges[name] = calibrate(a, **kw)
    return ranges


def _weight_layer(layer, inp: QParams, out: QParams, float_name: str, activation: str,
                  config: PTQConfig) -> QLayer:
    wqp = weight_qparams(layer.weight, config)
    s_w = np.broadcast_to(np.asarray(wqp.scale, np.float64), (len(layer.weight),))
    s_w = s_w.astype(np.float32).astype(np.float64)            # as stored in a .tflite file
    s_in, s_out = float(np.float32(inp.scale)), float(np.float32(out.scale))
    M, M0, shift = fc_multipliers(s_in, s_w, s_out)
    act_min, act_max = activation_range(activation, out.scale, out.zero_point, out.qmin, out.qmax)
    extra = {"stride": layer.stride, "padding": layer.padding} if isinstance(layer, Conv2D) else {}
    return QLayer(layer.name, layer.kind, float_name, inp, out, weight=quantize(layer.weight, wqp),
                  weight_qp=wqp, bias=quantize_bias(layer.bias, s_in, s_w), M=M, M0=M0, shift=shift,
                  act_min=act_min, act_max=act_max, activation=activation,
                  single_rounding=ROUNDINGS[config.rounding][layer.kind], **extra)


def quantize_model(model: Model, calib_x: np.ndarray, config: PTQConfig = PTQConfig(),
                   ranges: dict | None = None) -> QModel:
    """The integer version of ``model``, with activation ranges from ``calib_x`` (N, 1, 8, 8)
    float32 (or ``ranges`` from ``calibration_ranges`` if already known)."""
    ranges = ranges or calibration_ranges(model, calib_x, config)
    inp = activation_qparams(*ranges["input"], config.act_bits)
    first = inp
    layers: list[QLayer] = []
    items = model.layers
    i = 0
    while i < len(items):
        layer = items[i]
        if isinstance(layer, (Dense, Conv2D)):
            fused = i + 1 < len(items) and items[i + 1].kind == "relu"
            float_name = items[i + 1].name if fused else layer.name
            out = activation_qparams(*ranges[float_name], config.act_bits)
            layers.append(_weight_layer(layer, inp, out, float_name, "relu" if fused else "none", config))
            i += 2 if fused else 1
        elif layer.kind in ("maxpool2d", "flatten", "relu"):
            extra = {"size": layer.size, "stride": layer.size} if layer.kind == "maxpool2d" else {}
            act_min = max(inp.qmin, int(inp.zero_point)) if layer.kind == "relu" else inp.qmin
            layers.append(QLayer(layer.name, layer.kind, layer.name, inp, inp, act_min=act_min,
                                 act_max=inp.qmax, **extra))
            i += 1
        else:
            raise ValueError(f"layer {layer.name} ({layer.kind}) cannot be quantized: fold batch norm first")
        inp = layers[-1].out
    return QModel(model.name, config, first, layers, model, ranges)


def dequantized_weights_model(qmodel: QModel) -> Model:
    """The float model with every weight replaced by its dequantized codes (biases kept in float):
    what weight-only quantization computes with."""
    lookup = {q.name: q for q in qmodel.layers if q.weight is not None}
    layers = []
    for layer in qmodel.float_model.layers:
        if layer.name in lookup:
            q = lookup[layer.name]
            layer = replace(layer, weight=dequantize(q.weight, q.weight_qp))
        layers.append(layer)
    return Model(qmodel.name, layers, dict(qmodel.float_model.input), dict(qmodel.float_model.meta))


def model_bytes(qmodel: QModel) -> dict[str, int]:
    """Sizes of the parameters: ``float32`` (4 bytes each), ``int8`` (weights 1 byte, int32
    biases, a float32 scale and an int zero point per scale) and ``packed`` (weights at
    ``weight_bits`` bits, rounded up to whole bytes per tensor)."""
    float_bytes = sum(4 * a.size for a in qmodel.float_model.weight_tensors().values())
    int8 = packed = 0
    for q in qmodel.layers:
        if q.weight is None:
            continue
        params = 8 * np.size(q.weight_qp.scale)
        int8 += q.weight.size + 4 * q.bias.size + params
        packed += -(-q.weight.size * qmodel.config.weight_bits // 8) + 4 * q.bias.size + params
    return {"float32": int(float_bytes), "int8": int(int8), "packed": int(packed)}
