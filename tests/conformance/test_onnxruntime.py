"""The ``onnxruntime`` scheme against ONNX Runtime 1.32 itself: the quantization tool's scale and
zero point (``compute_scale_zp``, ``quantize_data``), and ``QuantizeLinear``,
``DequantizeLinear`` and ``QLinearMatMul`` run in an ``InferenceSession`` (models built with
``onnx``), for every integer type ONNX Runtime quantizes to: int4, uint4, int8, uint8, int16, uint16.
"""
import functools

import ml_dtypes
import numpy as np
import onnxruntime as ort
import pytest
from conformance_check import (
    SCALE,
    agree,
    dyadic_scales,
    f32,
    probe_values,
    qparams_code,
    quantize_snippet,
    random_ranges,
    rng_for,
)
from onnx import TensorProto, helper
from onnxruntime.quantization.quant_utils import compute_scale_zp, get_qmin_qmax_for_qType, quantize_data

from quantviz import QParams, choose_qparams, dequantize, quantize
from quantviz.intarith.qlinear import qlinear_matmul

LIBRARY = "ONNX Runtime"
TYPES = {(4, True): TensorProto.INT4, (4, False): TensorProto.UINT4, (8, True): TensorProto.INT8,
         (8, False): TensorProto.UINT8, (16, True): TensorProto.INT16, (16, False): TensorProto.UINT16}
NUMPY = {TensorProto.INT4: ml_dtypes.int4, TensorProto.UINT4: ml_dtypes.uint4, TensorProto.INT8: np.int8,
         TensorProto.UINT8: np.uint8, TensorProto.INT16: np.int16, TensorProto.UINT16: np.uint16}
CONFIGS = [(bits, signed, symmetric, reduce) for (bits, signed) in TYPES for symmetric in (False, True)
           for reduce in (False, True)]
N_RANGES = 500 * SCALE


def session(nodes, inputs, outputs, initializers=()):
    graph = helper.make_graph(nodes, "conformance", inputs, outputs, initializer=list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])
    model.ir_version = 10
    return ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])


def value(name, elem_type):
    return helper.make_tensor_value_info(name, elem_type, None)


# --- scale and zero point: the quantization tool

def tool_qparams(rmin, rmax, options):
    """``compute_scale_zp`` range by range (it takes one range at a time), as the tool calls it."""
    bits, signed, symmetric, reduce = options
    qmin, qmax = get_qmin_qmax_for_qType(TYPES[bits, signed], reduce_range=reduce, symmetric=symmetric)
    scales, zps = [], []
    with np.errstate(over="ignore"):
        for lo, hi in zip(rmin, rmax):
            zp, scale = compute_scale_zp(np.array(lo, np.float32), np.array(hi, np.float32), qmin, qmax, symmetric)
            scales.append(np.float32(scale))
            zps.append(int(zp))
    return np.array(scales, np.float32), np.array(zps, np.int64)


@pytest.mark.parametrize("options", CONFIGS, ids=str)
def test_compute_scale_zp(options):
    bits, signed, symmetric, reduce = options
    rmin, rmax = random_ranges(rng_for("ort qparams", options), N_RANGES)
    scale, zp = tool_qparams(rmin, rmax, options)
    qp = choose_qparams(rmin, rmax, bits=bits, signed=signed, symmetric=symmetric, reduce_range=reduce,
                        scheme="onnxruntime", axis=0)

    def snippet(i):
        return ("from quantviz import choose_qparams\n"
                f"qp = choose_qparams({float(rmin[i])!r}, {float(rmax[i])!r}, bits={bits}, signed={signed}, "
                f"symmetric={symmetric}, reduce_range={reduce}, scheme='onnxruntime')\n"
                f"assert (qp.scale, qp.zero_point) == ({float(scale[i])!r}, {int(zp[i])})  # {LIBRARY}")
    agree(LIBRARY, np.asarray(qp.scale).astype(np.float32), scale, snippet)
    agree(LIBRARY, np.asarray(qp.zero_point), zp, snippet)


@pytest.mark.parametrize("options", [(8, False, False, False), (8, True, True, False), (8, True, False, True),
                                     (4, True, True, False), (16, False, False, False)], ids=str)
def test_quantize_data(options):
    """The tool's weight path: min-max range, scale and zero point, codes of the whole tensor."""
    bits, signed, symmetric, reduce = options
    rng = rng_for("ort quantize_data", options)
    for _ in range(10 * SCALE):
        data = (rng.standard_normal(4000) * 10.0 ** rng.uniform(-4, 4) + rng.normal(0, 1)).astype(np.float32)
        data[:5] = data[:5] * 7                      # a few outliers
        zp, scale, theirs = quantize_data(data, TYPES[bits, signed], symmetric, reduce_range=reduce)
        qp = choose_qparams(float(data.min()), float(data.max()), bits=bits, signed=signed, symmetric=symmetric,
                            reduce_range=reduce, scheme="onnxruntime")
        agree(LIBRARY, np.array([np.float32(qp.scale), qp.zero_point], np.float64),
              np.array([np.float32(scale), int(zp)], np.float64),
              lambda i: f"# quantize_data: range [{f32(data.min())}, {f32(data.max())}], {options}")
        theirs = np.asarray(theirs).astype(np.int64)
        agree(LIBRARY, quantize(data, qp).astype(np.int64), theirs,
              lambda i: quantize_snippet(data[i], qp, theirs[i], f"{LIBRARY}: quantize_data"))


# --- QuantizeLinear and DequantizeLinear in a session

@functools.lru_cache(maxsize=64)
def quantize_linear(elem_type, zero_point, axis=None):
    """x, scale -> codes (int4 types read back through a Cast to 8 bits, which numpy can hold)."""
    out_type = {TensorProto.INT4: TensorProto.INT8, TensorProto.UINT4: TensorProto.UINT8}.get(elem_type, elem_type)
    zp = helper.make_tensor("z", elem_type, [] if axis is None else [len(zero_point)],
                            [zero_point] if axis is None else list(zero_point))
    nodes = [helper.make_node("QuantizeLinear", ["x", "s", "z"], ["q"], **({} if axis is None else {"axis": axis})),
             helper.make_node("Cast", ["q"], ["y"], to=out_type)]
    return session(nodes, [value("x", TensorProto.FLOAT), value("s", TensorProto.FLOAT)],
                   [value("y", out_type)], [zp])


def ort_quantize(x, qp, elem_type):
    if qp.axis is None:
        sess = quantize_linear(elem_type, int(qp.zero_point))
        return sess.run(None, {"x": x, "s": np.array(np.float32(qp.scale))})[0].astype(np.int64)
    sess = quantize_linear(elem_type, tuple(int(z) for z in qp.zero_point), qp.axis)
    return sess.run(None, {"x": x, "s": np.asarray(qp.scale, np.float32)})[0].astype(np.int64)


def quantize_cases(options, n_params):
    bits, signed, symmetric, reduce = options
    rng = rng_for("ort quantize cases", options)
    rmin, rmax = random_ranges(rng, n_params)
    for lo, hi in zip(rmin, rmax):
        yield choose_qparams(float(lo), float(hi), bits=bits, signed=signed, symmetric=symmetric,
                             reduce_range=reduce, scheme="onnxruntime")
    qp = choose_qparams(-1.0, 1.0, bits=bits, signed=signed, scheme="onnxruntime")
    for s in dyadic_scales(rng, n_params):
        yield QParams(float(s), int(rng.integers(qp.qmin, qp.qmax + 1)), qp.qmin, qp.qmax, scheme="onnxruntime")


@pytest.mark.parametrize("options", CONFIGS, ids=str)
def test_quantize_linear(options):
    """Includes ONNX Runtime's symmetric int8: the scale chosen for [-127, 127], values beyond it -128."""
    rng = rng_for("ort quantize values", options)
    elem_type = TYPES[options[0], options[1]]
    for i, qp in enumerate(quantize_cases(options, 6 * SCALE)):
        n = 900 if i % 4 == 0 else 300           # 4,506 values take quantviz's fast path for large tensors
        x = probe_values(rng, qp.scale, qp.zero_point, qp.qmin, qp.qmax, n)
        theirs = ort_quantize(x, qp, elem_type)
        agree(LIBRARY, quantize(x, qp).astype(np.int64), theirs,
              lambda i: quantize_snippet(x[i], qp, theirs[i], f"{LIBRARY}: QuantizeLinear"))


def test_symmetric_int8_saturates_below_the_range_its_scale_was_chosen_for():
    rng = rng_for("ort -128")
    rmin, rmax = random_ranges(rng, 200)
    qp = choose_qparams(rmin, rmax, bits=8, signed=True, symmetric=True, scheme="onnxruntime", axis=0)
    assert (qp.qmin, qp.qmax) == (-128, 127)
    scale = np.asarray(qp.scale, np.float32)
    ok = np.isfinite(128.5 * scale.astype(np.float64)) & (scale > 0) & (scale < 1e30)
    x = (-128.0 * scale[ok]).astype(np.float32)           # the level of -128: beyond [-127, 127]
    theirs = np.array([ort_quantize(np.array([v]), QParams(float(s), 0, -128, 127, scheme="onnxruntime"),
                                    TensorProto.INT8)[0] for v, s in zip(x[:20], scale[ok][:20])])
    assert np.all(theirs == -128)


@pytest.mark.parametrize("signed", [False, True])
def test_quantize_linear_per_axis(signed):
    rng = rng_for("ort per axis", signed)
    elem_type = TYPES[8, signed]
    for trial in range(10 * SCALE):
        channels = int(rng.integers(1, 12))
        rmin, rmax = random_ranges(rng, channels)
        keep = (rmax.astype(np.float64) - rmin) < 1e38
        if not keep.any():
            continue
        qp = choose_qparams(rmin[keep], rmax[keep], signed=signed, symmetric=bool(trial % 2),
                            scheme="onnxruntime", axis=1)
        x = np.stack([probe_values(rng, s, z, qp.qmin, qp.qmax, 40)
                      for s, z in zip(np.asarray(qp.scale), np.asarray(qp.zero_point))], axis=1)
        theirs = ort_quantize(x, qp, elem_type)

        def snippet(i):
            row, c = divmod(i, x.shape[1])
            one = QParams(float(qp.scale[c]), int(qp.zero_point[c]), qp.qmin, qp.qmax, scheme="onnxruntime")
            return quantize_snippet(x[row, c], one, theirs[row, c], f"{LIBRARY}: QuantizeLinear, axis 1, channel {c}")
        agree(LIBRARY, quantize(x, qp).astype(np.int64), theirs, snippet)


def test_nan_has_no_code():
    """Documented exception: NaN has no code. quantviz stores it as the zero point; ONNX Runtime's
    QuantizeLinear gives the type's lowest code (the ONNX specification leaves it undefined)."""
    x = np.full(40, np.nan, np.float32)
    for (bits, signed), elem_type in TYPES.items():
        qp = choose_qparams(-1.0, 3.0, bits=bits, signed=signed, scheme="onnxruntime")
        assert set(quantize(x, qp).tolist()) == {qp.zero_point}
        assert set(ort_quantize(x, qp, elem_type).tolist()) == {qp.qmin}


@functools.lru_cache(maxsize=16)
def dequantize_linear(elem_type, zero_point):
    """codes (8-bit numpy for the int4 types, cast in the graph), scale -> floats."""
    wide = {TensorProto.INT4: TensorProto.INT8, TensorProto.UINT4: TensorProto.UINT8}.get(elem_type)
    nodes = [helper.make_node("DequantizeLinear", ["q4" if wide else "q", "s", "z"], ["y"])]
    if wide:
        nodes.insert(0, helper.make_node("Cast", ["q"], ["q4"], to=elem_type))
    zp = helper.make_tensor("z", elem_type, [], [zero_point])
    return session(nodes, [value("q", wide or elem_type), value("s", TensorProto.FLOAT)],
                   [value("y", TensorProto.FLOAT)], [zp])


@pytest.mark.parametrize("bits_signed", list(TYPES), ids=str)
def test_dequantize_linear(bits_signed):
    bits, signed = bits_signed
    rng = rng_for("ort dequantize", bits_signed)
    elem_type = TYPES[bits_signed]
    for qp in quantize_cases((bits, signed, False, False), 4 * SCALE):
        q = np.concatenate([np.arange(qp.qmin, qp.qmax + 1), rng.integers(qp.qmin, qp.qmax + 1, 300)])
        q = q[:2000].astype(qp.dtype)
        sess = dequantize_linear(elem_type, int(qp.zero_point))
        theirs = sess.run(None, {"q": q, "s": np.array(np.float32(qp.scale))})[0]
        agree(LIBRARY, dequantize(q, qp), theirs,
              lambda i: ("import numpy as np\nfrom quantviz import QParams, dequantize\n"
                         f"qp = {qparams_code(qp)}\nassert dequantize(np.array([{int(q[i])}]), qp).tolist() == "
                         f"[{float(theirs[i])!r}]  # {LIBRARY}: DequantizeLinear"))


# --- QLinearMatMul

@functools.lru_cache(maxsize=8)
def qlinear_session(a_type, b_type, y_type):
    names = [("a", a_type), ("sa", TensorProto.FLOAT), ("za", a_type), ("b", b_type), ("sb", TensorProto.FLOAT),
             ("zb", b_type), ("sy", TensorProto.FLOAT), ("zy", y_type)]
    node = helper.make_node("QLinearMatMul", [n for n, _ in names], ["y"])
    return session([node], [value(n, t) for n, t in names], [value("y", y_type)])


def ort_qlinear_matmul(a, a_qp, b, b_qp, y_qp):
    types = [TensorProto.INT8 if qp.qmin < 0 else TensorProto.UINT8 for qp in (a_qp, b_qp, y_qp)]
    feeds = {"a": a, "sa": np.array(np.float32(a_qp.scale)), "za": np.array(a_qp.zero_point, a.dtype),
             "b": b, "sb": np.asarray(b_qp.scale, np.float32), "zb": np.asarray(b_qp.zero_point, b.dtype),
             "sy": np.array(np.float32(y_qp.scale)), "zy": np.array(y_qp.zero_point, y_qp.dtype)}
    return qlinear_session(*types).run(None, feeds)[0]


def matmul_case(rng, a_signed, b_signed, y_signed, b_bits=8, per_column=False):
    m, k, n = int(rng.integers(1, 24)), int(rng.integers(1, 400)), int(rng.integers(1, 24))
    a_lo, a_hi = (-128, 127) if a_signed else (0, 255)
    b_lo, b_hi = (-(2 ** (b_bits - 1)), 2 ** (b_bits - 1) - 1) if b_signed else (0, 2**b_bits - 1)
    y_lo, y_hi = (-128, 127) if y_signed else (0, 255)
    a = rng.integers(a_lo, a_hi + 1, (m, k)).astype(np.int8 if a_signed else np.uint8)
    b = rng.integers(b_lo, b_hi + 1, (k, n)).astype(np.int8 if b_signed else np.uint8)
    if rng.random() < 0.5:                                    # dyadic scales: ties in acc * M
        s_a, s_b = 2.0 ** rng.integers(-9, -2, 2)
        s_y = 2.0 ** rng.integers(-5, 5) * s_a * s_b * 64
    else:
        s_a, s_b = rng.uniform(1e-3, 0.1, 2)
        s_y = s_a * s_b * np.sqrt(k) * rng.uniform(0.05, 40)
    a_qp = QParams(float(np.float32(s_a)), int(rng.integers(a_lo, a_hi + 1)), a_lo, a_hi, scheme="onnxruntime")
    zb = 0 if b_signed else int(rng.integers(0, 256))
    if per_column:
        s_cols = (s_b * rng.uniform(0.5, 2, n)).astype(np.float32).astype(np.float64)
        b_qp = QParams(s_cols, np.zeros(n, np.int64), -128, 127, axis=1, scheme="onnxruntime")
    else:
        b_qp = QParams(float(np.float32(s_b)), zb, -128 if b_signed else 0, 127 if b_signed else 255,
                       scheme="onnxruntime")
    y_qp = QParams(float(np.float32(s_y)), int(rng.integers(y_lo, y_hi + 1)), y_lo, y_hi, scheme="onnxruntime")
    return a, a_qp, b, b_qp, y_qp


def matmul_snippet(a, a_qp, b, b_qp, y_qp, i, theirs):
    row, col = divmod(i, theirs.shape[1])
    return ("import numpy as np\nfrom quantviz import QParams\nfrom quantviz.intarith.qlinear import qlinear_matmul\n"
            f"a = np.array([{a[row].tolist()}], np.{a.dtype})\n"
            f"b = np.array({b[:, col:col + 1].tolist()}, np.{b.dtype})\n"
            f"a_qp = {qparams_code(a_qp)}\n"
            f"b_qp = QParams({float(np.atleast_1d(b_qp.scale)[col if b_qp.axis else 0])!r}, "
            f"{int(np.atleast_1d(b_qp.zero_point)[col if b_qp.axis else 0])}, {b_qp.qmin}, {b_qp.qmax}, "
            f"scheme='onnxruntime')\ny_qp = {qparams_code(y_qp)}\n"
            f"assert qlinear_matmul(a, a_qp, b, b_qp, y_qp).tolist() == [[{int(theirs[row, col])}]]  # {LIBRARY}")


@pytest.mark.parametrize("types, b_bits, per_column", [
    ((False, False, False), 8, False), ((True, True, True), 8, False), ((True, True, True), 8, True),
    ((False, True, False), 7, False)], ids=["u8u8u8", "s8s8s8", "s8s8s8-per-column", "u8s8u8-7bit-weights"])
def test_qlinear_matmul(types, b_bits, per_column):
    rng = rng_for("ort qlinearmatmul", types, b_bits, per_column)
    for _ in range(60 * SCALE):
        a, a_qp, b, b_qp, y_qp = matmul_case(rng, *types, b_bits=b_bits, per_column=per_column)
        theirs = ort_qlinear_matmul(a, a_qp, b, b_qp, y_qp).astype(np.int64)
        ours = qlinear_matmul(a, a_qp, b, b_qp, y_qp).astype(np.int64)
        agree(LIBRARY, ours, theirs, lambda i: matmul_snippet(a, a_qp, b, b_qp, y_qp, i, theirs))


def test_uint8_by_int8_saturates_pairs_of_products():
    """Documented exception: ONNX Runtime multiplies uint8 by int8 with AVX2's ``vpmaddubsw``,
    which adds two neighbouring products and saturates the pair to int16 before accumulating.
    With 8-bit weights that can differ from the exact sum quantviz computes (7-bit weights, as
    ``reduce_range`` gives, never saturate: test_qlinear_matmul); the difference is exactly that."""
    rng = rng_for("ort u8s8")
    differ = 0
    for _ in range(40):
        a, a_qp, b, b_qp, y_qp = matmul_case(rng, False, True, False)
        theirs = ort_qlinear_matmul(a, a_qp, b, b_qp, y_qp).astype(np.int64)
        k = a.shape[1] + a.shape[1] % 2
        a2 = np.pad(a.astype(np.int64), ((0, 0), (0, k - a.shape[1])))
        b2 = np.pad(b.astype(np.int64), ((0, k - b.shape[0]), (0, 0)))
        pairs = a2[:, 0::2, None] * b2[None, 0::2] + a2[:, 1::2, None] * b2[None, 1::2]
        acc = np.clip(pairs, -32768, 32767).sum(axis=1) - a_qp.zero_point * b.astype(np.int64).sum(axis=0)
        multiplier = np.float32(np.float32(a_qp.scale) * np.float32(b_qp.scale)) / np.float32(y_qp.scale)
        emulated = np.clip(np.rint(np.multiply(acc.astype(np.float32), multiplier, dtype=np.float32))
                           + y_qp.zero_point, 0, 255)
        assert np.array_equal(emulated, theirs)
        differ += int((qlinear_matmul(a, a_qp, b, b_qp, y_qp) != theirs).sum())
    assert differ > 0
