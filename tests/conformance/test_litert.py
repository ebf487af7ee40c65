"""The ``tflite`` scheme and the int8 network's kernels against LiteRT 2.3's reference kernels.

Every operator the int8 network uses (QUANTIZE, CONV_2D, MAX_POOL_2D, RELU, RESHAPE,
FULLY_CONNECTED, DEQUANTIZE) runs in LiteRT's interpreter with the reference op resolver
(``BUILTIN_REF``): alone over every type it takes, and inside random networks (random shapes,
weights, bit widths, per-channel or per-tensor scales, calibrations), layer by layer.
"""
import numpy as np
import pytest
from ai_edge_litert import interpreter as litert
from conformance_check import SCALE, agree, dyadic_scales, f32, probe_values, quantize_snippet, rng_for
from conformance_networks import network_inputs, random_network

from quantviz import QParams, choose_qparams, dequantize, quantize
from quantviz.calibrate import METHODS
from quantviz.nn.intinfer import forward_int
from quantviz.nn.ptq import PTQConfig, quantize_model
from quantviz.tflite import litert as quantviz_litert
from quantviz.tflite.convert import export
from quantviz.tflite.write import Graph, Op, Tensor, serialize

LIBRARY = "LiteRT"
REFERENCE = litert.OpResolverType.BUILTIN_REF
TYPES = {"int8": (-128, 127), "uint8": (0, 255), "int16": (-32768, 32767)}   # QUANTIZE's outputs
INT32_LIMIT = 2.0**31


def run_op(kind: str, x: np.ndarray, in_tensor: Tensor, out_tensor: Tensor) -> np.ndarray:
    """One operator on ``x`` in LiteRT's reference kernels."""
    graph = Graph([in_tensor, out_tensor], [Op(kind, [0], [1])], [0], [1])
    interpreter = litert.Interpreter(model_content=serialize(graph), experimental_op_resolver_type=REFERENCE)
    interpreter.allocate_tensors()
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x)
    interpreter.invoke()
    return interpreter.get_tensor(interpreter.get_output_details()[0]["index"])


def litert_quantize(x: np.ndarray, qp: QParams, dtype: str) -> np.ndarray:
    out = Tensor("q", x.shape, dtype, scale=np.array([np.float32(qp.scale)]),
                 zero_point=np.array([int(qp.zero_point)]))
    return run_op("QUANTIZE", x, Tensor("x", x.shape, "float32"), out).astype(np.int64)


def defined(x: np.ndarray, scale: float) -> np.ndarray:
    """Where LiteRT's ``static_cast<int32_t>(round(x / s))`` is defined C++: the rounded quotient
    fits int32 (test_quantize_beyond_int32_is_undefined covers the rest)."""
    with np.errstate(over="ignore", invalid="ignore"):
        steps = np.abs(np.divide(x, np.float32(scale), dtype=np.float32).astype(np.float64))
    return np.floor(steps + 0.5) < INT32_LIMIT


def quantize_cases(rng, dtype: str, n_params: int):
    """The runtime QUANTIZE op's parameters: from random ranges as the converter picks them
    (asymmetric, and symmetric, whose converter range [-127, 127] the op widens to the type's),
    and dyadic scales with random zero points (exact ties)."""
    qmin, qmax = TYPES[dtype]
    bits, signed = (16, True) if dtype == "int16" else (8, dtype == "int8")
    for trial in range(n_params):
        lo, hi = np.sort(rng.standard_normal(2) * 10.0 ** rng.uniform(-6, 6))
        symmetric = dtype == "int16" or trial % 2 == 1
        qp = choose_qparams(float(lo), float(hi), bits=bits, signed=signed, symmetric=symmetric, scheme="tflite")
        yield QParams(qp.scale, qp.zero_point, qmin, qmax, scheme="tflite")
    for s in dyadic_scales(rng, n_params):
        zp = 0 if dtype == "int16" else int(rng.integers(qmin, qmax + 1))     # int16 needs zero point 0
        yield QParams(float(s), zp, qmin, qmax, scheme="tflite")


@pytest.mark.parametrize("dtype", list(TYPES))
def test_quantize_op(dtype):
    rng = rng_for("litert quantize", dtype)
    for qp in quantize_cases(rng, dtype, 10 * SCALE):
        x = probe_values(rng, qp.scale, qp.zero_point, qp.qmin, qp.qmax, 2000)
        x = x[defined(x, qp.scale)]
        theirs = litert_quantize(x, qp, dtype)
        agree(LIBRARY, quantize(x, qp).astype(np.int64), theirs,
              lambda i: quantize_snippet(x[i], qp, theirs[i], f"{LIBRARY}: QUANTIZE"))


def test_converter_and_quantize_op_ranges():
    """TFLite's converter clamps symmetric int8 weights to [-127, 127] (``scheme="tflite"``);
    its runtime QUANTIZE op saturates to the type, [-128, 127]: the same value, two codes."""
    converter = choose_qparams(-1.0, 1.0, signed=True, symmetric=True, scheme="tflite")
    op = QParams(converter.scale, 0, -128, 127, scheme="tflite")
    x = np.array([-1.0 - 2 * converter.scale], np.float32)
    assert (converter.qmin, converter.qmax) == (-127, 127)
    assert quantize(x, converter).tolist() == [-127] and quantize(x, op).tolist() == [-128]
    assert litert_quantize(x, op, "int8").tolist() == [-128]


def test_quantize_beyond_int32_is_undefined():
    """Documented exception: where ``round(x / s)`` does not fit int32 (huge values, ±inf, NaN),
    LiteRT's ``static_cast<int32_t>`` is undefined in C++. On x86-64 it gives INT32_MIN, which
    then becomes the lowest code, or (when a negative zero point makes the sum wrap) the highest.
    quantviz saturates: qmin below, qmax above, the zero point for NaN."""
    x = np.array([3e38, -3e38, 1e10, -1e10, 2.2e9, -2.2e9, np.inf, -np.inf, np.nan], np.float32)
    for zp in (3, 0, -5):
        qp = QParams(1.0, zp, -128, 127, scheme="tflite")
        assert not defined(x, qp.scale).any()
        assert quantize(x, qp).tolist() == [127, -128] * 4 + [zp]
        assert set(litert_quantize(x, qp, "int8").tolist()) == {-128 if zp >= 0 else 127}


@pytest.mark.parametrize("dtype", list(TYPES))
def test_dequantize_op(dtype):
    rng = rng_for("litert dequantize", dtype)
    for qp in quantize_cases(rng, dtype, 5 * SCALE):
        q = np.concatenate([np.arange(qp.qmin, qp.qmax + 1)[:5000],
                            rng.integers(qp.qmin, qp.qmax + 1, 3000)]).astype(dtype)
        scale, zp = np.array([np.float32(qp.scale)]), np.array([int(qp.zero_point)])
        theirs = run_op("DEQUANTIZE", q, Tensor("q", q.shape, dtype, scale=scale, zero_point=zp),
                        Tensor("x", q.shape, "float32"))
        agree(LIBRARY, dequantize(q, qp), theirs,
              lambda i: ("import numpy as np\nfrom quantviz import QParams, dequantize\n"
                         f"qp = QParams({float(qp.scale)!r}, {int(qp.zero_point)}, {qp.qmin}, {qp.qmax}, "
                         f"scheme='tflite')\nassert dequantize(np.array([{int(q[i])}]), qp).tolist() == "
                         f"[{float(theirs[i])!r}]  # {LIBRARY}: DEQUANTIZE"))


# --- whole random networks, layer by layer

@pytest.mark.parametrize("index", range(24))
def test_random_networks_layer_by_layer(index):
    rng = rng_for("litert networks", index)
    for _ in range(SCALE):
        model = random_network(rng, index)
        calib = network_inputs(rng, model.input["shape"], 50)
        config = PTQConfig(weight_bits=int(rng.choice([8, 8, 6, 4, 2])), per_channel=bool(rng.random() < 0.6),
                           method=str(rng.choice(METHODS)), n_calib=50)
        qmodel = quantize_model(model, calib, config)
        x = network_inputs(rng, model.input["shape"], 120)
        theirs = quantviz_litert.run(export(qmodel), x, "reference", tensors=True)
        ours = forward_int(qmodel, x)
        agree(LIBRARY, ours["input"], theirs["input/quantized"],
              lambda i: quantize_snippet(x.ravel()[i], qmodel.input, theirs["input/quantized"].ravel()[i],
                                         f"{LIBRARY}: QUANTIZE in {model.name}"))
        shape = model.input["shape"]
        for layer in qmodel.layers:
            got = theirs[layer.name]
            if layer.kind == "flatten" and got.ndim == 2 and len(shape) == 3:   # NHWC order -> C, H, W
                c, h, w = shape
                got = got.reshape(-1, h, w, c).transpose(0, 3, 1, 2).reshape(len(got), -1)
            agree(LIBRARY, ours[layer.name], got,
                  lambda i, layer=layer: (f"# {model.name}, {config}: layer {layer.name} ({layer.kind}), "
                                          f"flat index {i}; rebuild with random_network(rng_for('litert networks', "
                                          f"{index}), {index})"))
            if ours[layer.name].ndim == 4:
                shape = ours[layer.name].shape[1:]
        last = qmodel.layers[-1]
        agree(LIBRARY, dequantize(ours[last.name], last.out), theirs["output"],
              lambda i: f"# {model.name}: DEQUANTIZE of the output, flat index {i}")


def test_zoo_networks_agree_with_the_reference_kernels():
    """The bundled MLP and CNN on random inputs (tests/nn/test_tflite_export.py: on the test set)."""
    from quantviz.nn import zoo
    rng = rng_for("litert zoo")
    calib = zoo.to_input(zoo.load_digits_split().calib.images)
    for name in ("mlp", "cnn"):
        qmodel = quantize_model(zoo.load_model(name), calib, PTQConfig())
        x = rng.uniform(-0.2, 1.2, (300 * SCALE, 1, 8, 8)).astype(np.float32)
        theirs = quantviz_litert.run(export(qmodel), x, "reference")
        ours = forward_int(qmodel, x)[qmodel.layers[-1].name]
        agree(LIBRARY, ours, theirs, lambda i: f"# {name}: output codes of input {i // ours.shape[1]}")


def test_snippet_values_are_exact():
    """The snippets write float32 values exactly (the float64 repr of a float32)."""
    v = np.float32(0.1)
    assert eval(f32(v), {"np": np}) == v
