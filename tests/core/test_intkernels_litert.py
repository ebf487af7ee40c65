"""The vectorized FullyConnected kernel against LiteRT's own int8 kernels, bit for bit.

The ai-edge-litert wheel rounds the requantization once (it is built with TFLITE_SINGLE_ROUNDING):
it matches ``single_rounding=True`` everywhere, while two roundings differ on about one random
layer in sixty (and on the reference page's M = 0.3 example below).
"""
import numpy as np
import pytest
from ai_edge_litert import interpreter as litert

from quantviz.intarith.intkernels import activation_range, fc_multipliers, fully_connected
from quantviz.tflite.write import Graph, Op, Tensor, serialize

RESOLVERS = {"reference": litert.OpResolverType.BUILTIN_REF, "optimized": litert.OpResolverType.BUILTIN}


def fc_case(rng, batch, n, out, per_channel, activation):
    """A random int8 FullyConnected layer with float32 parameters, as a .tflite file stores them."""
    s_in, zp_in = np.float32(rng.uniform(0.005, 0.1)), int(rng.integers(-128, 128))
    s_w = rng.uniform(0.001, 0.02, out if per_channel else 1).astype(np.float32)
    s_out, zp_out = np.float32(rng.uniform(0.05, 0.5) * np.sqrt(n)), int(rng.integers(-100, 100))
    w = rng.integers(-127, 128, (out, n)).astype(np.int8)
    bias = rng.integers(-3000, 3000, out).astype(np.int32)
    tensors = [
        Tensor("x_q", (batch, n), "int8", scale=np.array([s_in]), zero_point=np.array([zp_in])),
        Tensor("w", (out, n), "int8", data=w, scale=s_w, zero_point=np.zeros(s_w.size, int)),
        Tensor("b", (out,), "int32", data=bias, scale=(s_in * s_w).astype(np.float32),
               zero_point=np.zeros(s_w.size, int)),
        Tensor("y_q", (batch, out), "int8", scale=np.array([s_out]), zero_point=np.array([zp_out])),
    ]
    graph = Graph(tensors, [Op("FULLY_CONNECTED", [0, 1, 2], [3], {"activation": activation})], [0], [3])
    _, m0, shift = fc_multipliers(float(s_in), s_w.astype(np.float64) if per_channel else float(s_w[0]),
                                  float(s_out))
    act_min, act_max = activation_range(activation or "none", float(s_out), zp_out, -128, 127)
    kwargs = dict(zp_in=zp_in, M0=m0, shift=shift, zp_out=zp_out, act_min=act_min, act_max=act_max,
                  single_rounding=True)
    return serialize(graph), w, bias, kwargs


@pytest.mark.parametrize("resolver", list(RESOLVERS))
@pytest.mark.parametrize("per_channel", [False, True])
def test_fully_connected_matches_litert(resolver, per_channel):
    rng = np.random.default_rng(7 + per_channel)
    for trial in range(12):
        batch, n, out = int(rng.integers(1, 9)), int(rng.integers(1, 300)), int(rng.integers(1, 40))
        activation = None if trial % 3 else "relu"
        model, w, bias, kwargs = fc_case(rng, batch, n, out, per_channel, activation)
        interpreter = litert.Interpreter(model_content=model, experimental_op_resolver_type=RESOLVERS[resolver])
        interpreter.allocate_tensors()
        x_q = rng.integers(-128, 128, (batch, n)).astype(np.int8)
        interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x_q)
        interpreter.invoke()
        expected = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])
        got = fully_connected(x_q, w, bias, **kwargs)
        assert np.array_equal(got, expected), (trial, batch, n, out, activation)


def run(model: bytes, x_q: np.ndarray, resolver: str) -> np.ndarray:
    interpreter = litert.Interpreter(model_content=model, experimental_op_resolver_type=RESOLVERS[resolver])
    interpreter.allocate_tensors()
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x_q)
    interpreter.invoke()
    return interpreter.get_tensor(interpreter.get_output_details()[0]["index"])


@pytest.mark.parametrize("resolver", list(RESOLVERS))
def test_litert_rounds_once(resolver):
    """M = 0.3 (s_in = 1, s_w = 0.3, s_out = 1): acc 1 -> 0 and acc 8 -> 2 with one rounding
    (two roundings would give 1 and 3)."""
    tensors = [Tensor("x_q", (2, 1), "int8", scale=np.array([1.0]), zero_point=np.array([0])),
               Tensor("w", (1, 1), "int8", data=np.array([[1]], np.int8), scale=np.array([0.3]),
                      zero_point=np.array([0])),
               Tensor("y_q", (2, 1), "int8", scale=np.array([1.0]), zero_point=np.array([0]))]
    model = serialize(Graph(tensors, [Op("FULLY_CONNECTED", [0, 1, -1], [2])], [0], [2]))
    x_q = np.array([[1], [8]], np.int8)
    _, m0, shift = fc_multipliers(1.0, float(np.float32(0.3)), 1.0)
    kwargs = dict(zp_in=0, M0=m0, shift=shift, zp_out=0)
    assert run(model, x_q, resolver).tolist() == [[0], [2]]
    assert fully_connected(x_q, np.array([[1]], np.int8), **kwargs, single_rounding=True).tolist() == [[0], [2]]
    assert fully_connected(x_q, np.array([[1]], np.int8), **kwargs).tolist() == [[1], [3]]
