"""The .tflite writer produces files that LiteRT runs, with the integer arithmetic we expect."""
import numpy as np
import pytest
from ai_edge_litert import interpreter as litert

from quantviz.intarith.fixedpoint import multiply_by_quantized_multiplier, quantize_multiplier
from quantviz.tflite.inspect import inspect, operators
from quantviz.tflite.write import Graph, Op, Tensor, serialize
from quantviz.weightfiles import WeightFileError


def tiny_fc_graph(rng):
    s_in, zp_in, s_out, zp_out = 0.05, -3, 0.1, -10
    w = rng.integers(-127, 128, (3, 4)).astype(np.int8)
    s_w = np.array([0.01, 0.02, 0.005])
    bias = rng.integers(-500, 500, 3).astype(np.int32)
    tensors = [
        Tensor("x", (1, 4), "float32"),
        Tensor("x_q", (1, 4), "int8", scale=np.array([s_in]), zero_point=np.array([zp_in])),
        Tensor("w", (3, 4), "int8", data=w, scale=s_w, zero_point=np.zeros(3, int)),
        Tensor("b", (3,), "int32", data=bias, scale=s_in * s_w, zero_point=np.zeros(3, int)),
        Tensor("y_q", (1, 3), "int8", scale=np.array([s_out]), zero_point=np.array([zp_out])),
        Tensor("y", (1, 3), "float32"),
    ]
    ops = [Op("QUANTIZE", [0], [1]), Op("FULLY_CONNECTED", [1, 2, 3], [4], {"activation": "relu"}),
           Op("DEQUANTIZE", [4], [5])]
    return Graph(tensors, ops, [0], [5]), (s_in, zp_in, w, s_w, bias, s_out, zp_out)


def expected_fc(x_q, params):
    """TFLite's int8 fully connected, per channel, written out by hand."""
    s_in, zp_in, w, s_w, bias, s_out, zp_out = params
    acc = (w.astype(np.int64) * (x_q.astype(np.int64) - zp_in)).sum(axis=1) + bias
    out = []
    for c in range(3):
        m0, shift = quantize_multiplier(np.float64(np.float32(s_in)) * np.float64(np.float32(s_w[c]))
                                        / np.float64(np.float32(s_out)))
        out.append(multiply_by_quantized_multiplier(int(acc[c]), m0, shift) + zp_out)
    return np.clip(out, zp_out, 127)   # fused ReLU: the clamp starts at the zero point


def test_written_file_round_trips_through_inspect():
    graph, (s_in, zp_in, w, s_w, bias, s_out, zp_out) = tiny_fc_graph(np.random.default_rng(0))
    data = serialize(graph)
    rows = {row["name"]: row for row in inspect(data)}
    assert operators(data) == ["QUANTIZE", "FULLY_CONNECTED", "DEQUANTIZE"]
    assert np.array_equal(rows["w"]["data"], w) and rows["w"]["dtype"] == "int8"
    assert np.array_equal(rows["b"]["data"], bias)
    assert np.allclose(rows["w"]["scale"], s_w.astype(np.float32))
    assert rows["y_q"]["zero_point"].tolist() == [zp_out] and rows["x"]["scale"] is None


def test_litert_reference_kernels_run_the_file_as_expected():
    rng = np.random.default_rng(1)
    graph, params = tiny_fc_graph(rng)
    interpreter = litert.Interpreter(model_content=serialize(graph),
                                     experimental_op_resolver_type=litert.OpResolverType.BUILTIN_REF,
                                     experimental_preserve_all_tensors=True)
    interpreter.allocate_tensors()
    for _ in range(50):
        x = rng.standard_normal((1, 4)).astype(np.float32) * 3
        interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x)
        interpreter.invoke()
        x_q = interpreter.get_tensor(1)
        expected_x_q = np.clip(np.copysign(np.floor(np.abs(x / np.float32(0.05)) + 0.5), x) - 3, -128, 127)
        assert np.array_equal(x_q[0], expected_x_q[0])
        assert np.array_equal(interpreter.get_tensor(4)[0], expected_fc(x_q[0], params))


@pytest.mark.parametrize("data, code", [(b"", "not_format"), (b"12345678", "not_format"),
                                        (b"\x10\x00\x00\x00TFL3" + b"\xff" * 20, "damaged")])
def test_inspect_refuses_what_is_not_a_model(data, code):
    with pytest.raises(WeightFileError) as info:
        inspect(data)
    assert info.value.code == code
