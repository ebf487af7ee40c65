"""Binary, ternary (TWN) and XNOR-Net quantizers on hand-made tensors, and the popcount identity."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from quantviz.lowbit import (
    METHODS,
    approximate,
    approximation_error,
    binary_connect,
    binary_matmul,
    cast_weights,
    popcount_dot,
    ternary,
    xnor_activations,
    xnor_dense,
    xnor_weights,
)

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False)


def test_binary_connect_counts_zero_as_positive():
    assert binary_connect([0.3, -0.2, 0.0, -0.0, -1e-30]).tolist() == [1, -1, 1, 1, -1]


def test_ternary_by_hand():
    w = np.array([1.0, -0.5, 0.25, -0.125, 0.0, 2.0])
    t = ternary(w)
    # mean|w| = 3.875 / 6, delta = 0.7 * that = 0.4520833...; above it: 1.0, -0.5, 2.0
    assert t.delta == pytest.approx(0.7 * 3.875 / 6, rel=1e-15)
    assert t.alpha == pytest.approx(3.5 / 3, rel=1e-15)
    a = t.alpha
    assert t.w_hat.tolist() == [a, -a, 0.0, 0.0, 0.0, a]


def test_ternary_threshold_is_strict():
    # mean|w| = 1 -> delta = 0.7 exactly in float64? 0.7 * 1.0 == 0.7: a weight at 0.7 stays 0
    w = np.array([0.7, -0.7, 1.3, -1.3])
    t = ternary(w)
    assert t.delta == 0.7 and t.alpha == 1.3
    assert t.w_hat.tolist() == [0.0, 0.0, 1.3, -1.3]


def test_ternary_of_zeros_and_of_a_constant():
    assert ternary(np.zeros(5)).w_hat.tolist() == [0.0] * 5
    t = ternary(np.full(4, -0.25))
    assert t.alpha == 0.25 and t.w_hat.tolist() == [-0.25] * 4


def test_xnor_dense_alpha_per_output_row():
    w = np.array([[1.0, -3.0, 0.5, -0.5],
                  [0.0, 0.0, 0.0, 2.0]])
    w_hat, alpha = xnor_weights(w)
    assert alpha.tolist() == [5.0 / 4, 2.0 / 4]
    assert w_hat.tolist() == [[1.25, -1.25, 1.25, -1.25], [0.5, 0.5, 0.5, 0.5]]


def test_xnor_conv_alpha_per_output_filter():
    w = np.arange(-12, 12, dtype=np.float64).reshape(2, 3, 2, 2)  # filter 0: -12..-1, filter 1: 0..11
    w_hat, alpha = xnor_weights(w)
    assert alpha.tolist() == [78 / 12, 66 / 12]
    assert np.all(w_hat[0] == -78 / 12) and np.all(w_hat[1] == 66 / 12)


def test_xnor_activations_mean_over_channels():
    x = np.array([[1.0, -2.0, 3.0], [-0.5, 0.5, 0.0]])  # (batch, features)
    x_hat, beta = xnor_activations(x)
    assert beta.ravel().tolist() == [2.0, 1.0 / 3]
    assert x_hat.tolist() == [[2.0, -2.0, 2.0], [-1 / 3, 1 / 3, 1 / 3]]
    maps = np.zeros((1, 2, 1, 2))
    maps[0, :, 0, 0] = [4.0, -2.0]
    maps[0, :, 0, 1] = [-1.0, -1.0]
    x_hat, beta = xnor_activations(maps, channel_axis=1)
    assert beta.shape == (1, 1, 1, 2) and beta.ravel().tolist() == [3.0, 1.0]
    assert x_hat[0, :, 0, 0].tolist() == [3.0, -3.0]


def test_popcount_demonstration_by_hand():
    a = np.array([1, -1, 1, 1, -1, -1, 1, -1, 1, 1])   # n = 10: two padding bits in the last byte
    b = np.array([1, 1, 1, -1, -1, 1, 1, -1, -1, 1])
    r = popcount_dot(a, b)
    assert r["popcount"] == 6 and r["n"] == 10  # equal at positions 0, 2, 4, 6, 7, 9
    assert r["dot"] == 2 == r["reference"]
    assert r["packed_a"].tolist() == [0b10110010, 0b11000000]
    assert r["xnor"].tolist()[0] == 0b10101011


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 200), st.integers(0, 2**32 - 1))
def test_popcount_dot_equals_float_dot(n, seed):
    rng = np.random.default_rng(seed)
    a, b = rng.choice([-1.0, 1.0], n), rng.choice([-1.0, 1.0], n)
    r = popcount_dot(a, b)
    assert r["dot"] == r["reference"] == float(a @ b)


def test_binary_matmul_and_xnor_dense_match_the_float_products():
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((7, 13)), rng.laplace(size=(5, 13))
    assert np.array_equal(binary_matmul(x, w, rows_per_block=3), np.sign(x + 0.0) @ np.sign(w).T)
    x_hat, _ = xnor_activations(x)
    w_hat, _ = xnor_weights(w)
    np.testing.assert_allclose(xnor_dense(x, w), x_hat @ w_hat.T, rtol=1e-12)


def test_float_casts_of_weights():
    w = np.array([1 + 2**-8, 65520.0, 2049.0, 464.0, -1e9])
    assert cast_weights(w, "bfloat16")[0] == 1.0
    assert cast_weights(w, "float16")[1:3].tolist() == [65504.0, 2048.0]  # saturating, not inf
    assert cast_weights(w, "float8_e4m3fn")[3:].tolist() == [448.0, -448.0]
    assert cast_weights(w, "float8_e5m2")[4] == -57344.0


def test_error_report_by_hand():
    w, w_hat = np.array([1.0, -2.0, 2.0]), np.array([1.0, -1.0, 3.0])
    e = approximation_error(w, w_hat)
    assert e["mse"] == 2 / 3 and e["sqnr_db"] == pytest.approx(10 * np.log10(9 / 2))
    assert approximation_error(w, w)["sqnr_db"] == np.inf
    assert approximation_error(np.zeros(2), np.ones(2))["sqnr_db"] == -np.inf


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 9)), elements=finite))
def test_every_method_keeps_shape_and_sign(w):
    for method in METHODS:
        r = approximate(w, method)
        assert r.w_hat.shape == w.shape and np.all(np.isfinite(r.w_hat))
        assert np.all(r.w_hat * w >= 0), method  # never flips a sign (zero may go either way)
        assert r.bits_per_weight >= 1
    t = ternary(w)
    assert set(np.unique(np.abs(t.w_hat))) <= {0.0, t.alpha}
    assert np.all((np.abs(w) > t.delta) == (t.w_hat != 0)) or t.alpha == 0


def test_ternary_alpha_minimises_the_error_for_its_support():
    # for a fixed support I, the best scale is mean|w| over I: TWN's alpha
    w = np.random.default_rng(1).laplace(size=1000)
    t = ternary(w)
    support = t.w_hat != 0
    errors = [np.sum((w - a * np.sign(w) * support) ** 2) for a in (t.alpha * 0.99, t.alpha, t.alpha * 1.01)]
    assert errors[1] < errors[0] and errors[1] < errors[2]


def test_storage_per_weight():
    w = np.ones((4, 8))
    assert approximate(w, "binary").bits_per_weight == 1
    assert approximate(w, "ternary").bits_per_weight == 2 + 32 / 32
    assert approximate(w, "xnor").bits_per_weight == 1 + 32 * 4 / 32
    assert approximate(w, "float8_e5m2").bits_per_weight == 8
    assert approximate(w, "ternary").thresholds == (-0.7, 0.7)


@pytest.mark.parametrize("call, message", [
    (lambda: ternary([np.nan, 1.0]), "NaN or inf"),
    (lambda: ternary([]), "empty"),
    (lambda: xnor_weights(np.ones(3)), r"\(out, in\)"),
    (lambda: approximate(np.ones((2, 2)), "int3"), "unknown method"),
    (lambda: cast_weights(np.ones(2), "float12"), "unknown float format"),
    (lambda: popcount_dot(np.ones(3), np.ones(4)), "same length"),
    (lambda: binary_matmul(np.ones((2, 3)), np.ones((2, 4))), r"\(N, K\)"),
    (lambda: approximation_error(np.ones(3), np.ones(2)), "must match"),
])
def test_bad_input_says_what_to_change(call, message):
    with pytest.raises(ValueError, match=message):
        call()
