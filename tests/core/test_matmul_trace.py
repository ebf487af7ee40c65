import numpy as np
import pytest

from quantviz.intarith.intkernels import fully_connected_reference
from quantviz.intarith.matmul_trace import integer_matmul

A = np.array([[0.5, -1.2, 0.3], [1.0, 0.2, -0.7], [0.0, 0.8, 1.5], [-0.4, -0.9, 0.6]])
B = np.array([[0.7, -0.3], [0.2, 0.9], [-0.5, 0.4]])
BIAS = np.array([0.1, -0.2])


@pytest.mark.parametrize("weights", ["asymmetric", "per_tensor", "per_channel"])
@pytest.mark.parametrize("activation", ["none", "relu"])
def test_trace_is_consistent_with_the_kernels(weights, activation):
    tr = integer_matmul(A, B, BIAS, weights=weights, activation=activation)
    assert tr.q_out.shape == (4, 2) and tr.q_w.shape == (2, 3) and tr.n == 3
    centred = (tr.q_a - tr.qp_a.zero_point) @ (tr.q_w - np.reshape(tr.qp_w.zero_point, (-1, 1))).T
    assert np.array_equal(sum(tr.terms.values()), centred)
    assert np.array_equal(tr.acc, centred) and np.array_equal(tr.acc_bias, centred + tr.q_bias)
    assert np.array_equal(tr.q_out, np.clip(tr.unclamped, tr.act_min, tr.act_max))
    reference = fully_connected_reference(
        tr.q_a.astype(np.int8), tr.q_w.astype(np.int8), tr.q_bias.astype(np.int32), zp_in=tr.qp_a.zero_point,
        zp_w=tr.qp_w.zero_point, M0=tr.M0, shift=tr.shift, zp_out=tr.qp_out.zero_point,
        act_min=tr.act_min, act_max=tr.act_max)
    assert np.array_equal(tr.q_out, reference)
    assert np.allclose(tr.error_lsb * tr.qp_out.scale, tr.x_out - tr.y_float)
    if activation == "relu":
        assert tr.act_min == tr.qp_out.zero_point and tr.x_out.min() >= 0


def test_the_error_stays_within_what_rounding_the_inputs_explains():
    rng = np.random.default_rng(0)
    for _ in range(50):
        a, b = rng.normal(size=(4, 6)), rng.normal(size=(6, 3))
        tr = integer_matmul(a, b, rng.normal(size=3), weights="per_channel")
        s_a, s_w = tr.qp_a.scale, np.asarray(tr.qp_w.scale)
        # |a_hat b_hat - a b| <= sum |da| |b| + |a| |db| + |da| |db|, plus the bias and output roundings
        bound = (s_a / 2 * np.abs(b).sum(0) + np.abs(a) @ (s_w / 2 * np.ones_like(b))
                 + b.shape[0] * s_a * s_w / 4 + s_a * s_w / 2 + tr.qp_out.scale)
        assert np.all(np.abs(tr.x_out - tr.y_float) <= bound + 1e-12)


def test_sixteen_bit_accumulator_wraps():
    a = np.array([[2.0, 1.9, 2.0]])
    b = np.array([[1.0], [0.95], [1.0]])
    wide, narrow = integer_matmul(a, b, weights="per_tensor"), integer_matmul(a, b, weights="per_tensor", acc_bits=16)
    assert wide.acc[0, 0] > 2**15
    assert narrow.acc[0, 0] == wide.acc[0, 0] - 2**16
    assert abs(narrow.error_lsb[0, 0]) > 10 and abs(wide.error_lsb[0, 0]) <= 1


@pytest.mark.parametrize("a, b, bias, message", [
    (A, B[:2], None, "rows"),
    (A, B, [1.0], "bias"),
    (np.full((2, 2), np.nan), np.ones((2, 2)), None, "NaN"),
    (np.full((2, 2), 1e9), np.ones((2, 2)), None, "beyond"),
    (np.ones((20, 2)), np.ones((2, 2)), None, "at most"),
    (np.ones((0, 2)), np.ones((2, 2)), None, "non-empty"),
])
def test_bad_matrices_raise_a_clear_error(a, b, bias, message):
    with pytest.raises(ValueError, match=message):
        integer_matmul(a, b, bias)
