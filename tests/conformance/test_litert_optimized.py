"""``nn.xnnpack`` (the int8 page's rounding "as LiteRT's optimized kernels") against LiteRT 2.3's
default resolver (``BUILTIN``: optimized kernels and the XNNPACK delegate): the QUANTIZE operation
alone, and random networks' output codes."""
import numpy as np
import pytest
from ai_edge_litert import interpreter as litert
from conformance_check import SCALE, agree, dyadic_scales, f32, probe_values, rng_for
from conformance_networks import network_inputs, random_network

from quantviz import QParams
from quantviz.calibrate import METHODS
from quantviz.nn.intinfer import forward_int
from quantviz.nn.ptq import PTQConfig, quantize_model
from quantviz.nn.xnnpack import quantize_input
from quantviz.tflite import litert as quantviz_litert
from quantviz.tflite.convert import export
from quantviz.tflite.write import Graph, Op, Tensor, serialize

LIBRARY = "LiteRT"
TYPES = {"int8": (-128, 127), "uint8": (0, 255)}


def optimized_quantize(x: np.ndarray, qp: QParams, dtype: str) -> np.ndarray:
    tensors = [Tensor("x", x.shape, "float32"),
               Tensor("q", x.shape, dtype, scale=np.array([np.float32(qp.scale)]),
                      zero_point=np.array([int(qp.zero_point)]))]
    model = serialize(Graph(tensors, [Op("QUANTIZE", [0], [1])], [0], [1]))
    interpreter = litert.Interpreter(model_content=model,
                                     experimental_op_resolver_type=litert.OpResolverType.BUILTIN)
    interpreter.allocate_tensors()
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x)
    interpreter.invoke()
    return interpreter.get_tensor(interpreter.get_output_details()[0]["index"]).astype(np.int64)


@pytest.mark.parametrize("dtype", list(TYPES))
def test_optimized_quantize_rounds_x_times_reciprocal_half_to_even(dtype):
    rng = rng_for("litert optimized quantize", dtype)
    qmin, qmax = TYPES[dtype]
    scales = np.concatenate([dyadic_scales(rng, 10 * SCALE), 10.0 ** rng.uniform(-8, 3, 10 * SCALE)])
    for s in scales:
        qp = QParams(float(np.float32(s)), int(rng.integers(qmin, qmax + 1)), qmin, qmax, scheme="tflite")
        x = np.concatenate([probe_values(rng, qp.scale, qp.zero_point, qmin, qmax, 2000),
                            np.array([np.inf, -np.inf, 0.3], np.float32)])
        theirs = optimized_quantize(x, qp, dtype)
        agree(LIBRARY, quantize_input(x, qp).astype(np.int64), theirs,
              lambda i: ("import numpy as np\nfrom quantviz import QParams\n"
                         "from quantviz.nn.xnnpack import quantize_input\n"
                         f"qp = QParams({qp.scale!r}, {qp.zero_point}, {qmin}, {qmax}, scheme='tflite')\n"
                         f"assert quantize_input(np.array([{f32(x[i])}]), qp).tolist() == [{theirs[i]}]"
                         f"  # {LIBRARY}: QUANTIZE, optimized kernels"))


def test_a_tie_that_the_two_kernels_round_apart():
    """0.3 with scale 1/255 is exactly 76.5 in float32 both ways: the reference kernel rounds it
    away from zero (77), XNNPACK to even (76)."""
    qp = QParams(float(np.float32(1 / 255)), -128, -128, 127, scheme="tflite")
    x = np.array([0.3], np.float32)
    assert optimized_quantize(x, qp, "int8").tolist() == quantize_input(x, qp).tolist() == [76 - 128]
    from quantviz import quantize
    assert quantize(x, qp).tolist() == [77 - 128]


def test_nan_becomes_the_highest_code():
    """Documented exception: NaN has no code; XNNPACK's clamp turns it into the highest code
    (measured), which ``quantize_input`` reproduces."""
    qp = QParams(0.1, 3, -128, 127, scheme="tflite")
    x = np.full(64, np.nan, np.float32)
    assert set(optimized_quantize(x, qp, "int8").tolist()) == set(quantize_input(x, qp).tolist()) == {127}


@pytest.mark.parametrize("index", range(16))
def test_random_networks_output_codes(index):
    rng = rng_for("litert optimized networks", index)
    for _ in range(SCALE):
        model = random_network(rng, index)
        calib = network_inputs(rng, model.input["shape"], 50)
        config = PTQConfig(weight_bits=int(rng.choice([8, 8, 6, 4])), per_channel=bool(rng.random() < 0.6),
                           method=str(rng.choice(METHODS)), n_calib=50,
                           rounding="xnnpack")
        qmodel = quantize_model(model, calib, config)
        x = network_inputs(rng, model.input["shape"], 300)
        theirs = quantviz_litert.run(export(qmodel), x, "optimized")
        ours = forward_int(qmodel, x)[qmodel.layers[-1].name]
        agree(LIBRARY, ours, theirs, lambda i: f"# {model.name}, {config}: output code {i} (optimized kernels)")
