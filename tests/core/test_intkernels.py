import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from quantviz.intarith.intkernels import (
    accumulate,
    activation_range,
    centred_max,
    fc_multipliers,
    fully_connected,
    fully_connected_reference,
    max_safe_inner_dim,
    quantize_bias,
    requantize,
    wrap,
    zero_point_terms,
)

FC = dict(zp_in=-5, zp_w=0, zp_out=3, act_min=-128, act_max=127)


@pytest.mark.parametrize("kernel", [fully_connected, fully_connected_reference])
@pytest.mark.parametrize("w, bias, expected", [([1, 2, 3], 100, 27), ([1, -2, -3], -100, -17)])
def test_reference_page_vectors(kernel, w, bias, expected):
    _, m0, shift = fc_multipliers(0.5, 0.25, 1.0)
    x = np.array([[10, -20, 30]], np.int8)
    out = kernel(x, np.array([w], np.int8), np.array([bias], np.int32), M0=m0, shift=shift, **FC)
    assert out.dtype == np.int8 and out.tolist() == [[expected]]


def test_reference_page_accumulator():
    x, w = np.array([[10, -20, 30]], np.int8), np.array([[1, 2, 3]], np.int8)
    assert accumulate(x, w, zp_in=-5).tolist() == [[90]]  # + bias 100 = 190
    m, m0, shift = fc_multipliers(0.5, 0.25, 1.0)
    assert m.tolist() == 0.125 and (int(m0), int(shift)) == (2**30, -2)
    assert requantize(np.array([[190]]), m0, shift, 3, -128, 127).tolist() == [[27]]


@st.composite
def fc_case(draw):
    batch, n, out = draw(st.integers(1, 4)), draw(st.integers(1, 24)), draw(st.integers(1, 5))
    q_in = draw(hnp.arrays(np.int8, (batch, n)))
    q_w = draw(hnp.arrays(np.int8, (out, n)))
    per_channel = draw(st.booleans())
    size = (out,) if per_channel else ()
    zp_w = draw(st.one_of(st.just(0), hnp.arrays(np.int64, size, elements=st.integers(-128, 127))))
    m0 = draw(hnp.arrays(np.int64, size, elements=st.integers(2**30, 2**31 - 1)))
    shift = draw(hnp.arrays(np.int64, size, elements=st.integers(-24, 3)))
    bias = draw(st.one_of(st.none(), hnp.arrays(np.int32, (out,), elements=st.integers(-(2**20), 2**20))))
    lo = draw(st.integers(-128, 127))
    hi = draw(st.integers(lo, 127))
    return q_in, q_w, bias, dict(zp_in=draw(st.integers(-128, 127)), zp_w=zp_w, M0=m0, shift=shift,
                                 zp_out=draw(st.integers(-128, 127)), act_min=lo, act_max=hi,
                                 single_rounding=draw(st.booleans()), acc_bits=draw(st.sampled_from([32, 16])))


@settings(max_examples=150, deadline=None)
@given(fc_case())
def test_loop_and_vectorized_kernels_agree(case):
    q_in, q_w, bias, kw = case
    fast = fully_connected(q_in, q_w, bias, **kw)
    slow = fully_connected_reference(q_in, q_w, bias, **kw)
    assert fast.dtype == slow.dtype and np.array_equal(fast, slow)


@settings(max_examples=100, deadline=None)
@given(fc_case())
def test_four_terms_sum_to_the_centred_product(case):
    q_in, q_w, _, kw = case
    terms = zero_point_terms(q_in, q_w, kw["zp_in"], kw["zp_w"])
    zp_w = np.asarray(kw["zp_w"]).reshape(-1, 1) if np.ndim(kw["zp_w"]) else kw["zp_w"]
    direct = (q_in.astype(np.int64) - kw["zp_in"]) @ (q_w.astype(np.int64) - zp_w).T
    assert np.array_equal(sum(terms.values()), direct)
    assert np.array_equal(accumulate(q_in, q_w, kw["zp_in"], kw["zp_w"]), direct)
    assert np.array_equal(accumulate(q_in, q_w, kw["zp_in"], kw["zp_w"], acc_bits=16), wrap(direct, 16))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 6), st.integers(1, 64), st.integers(1, 6), st.integers(0, 2**32 - 1), st.booleans())
def test_integer_matmul_is_within_one_output_step_of_float(batch, n, out, seed, per_channel):
    """Inputs on their grids (well scaled): the only error left is the requantization's rounding."""
    rng = np.random.default_rng(seed)
    s_in, zp_in = rng.uniform(0.005, 0.05), int(rng.integers(-30, 30))
    s_w = rng.uniform(0.002, 0.02, out if per_channel else None)
    q_in = rng.integers(-128, 128, (batch, n)).astype(np.int8)
    q_w = rng.integers(-127, 128, (out, n)).astype(np.int8)
    a = s_in * (q_in.astype(np.int64) - zp_in)                  # the reals the codes stand for
    w = np.reshape(s_w, (-1, 1)) * q_w
    bias = quantize_bias(rng.normal(0, 0.5, out), s_in, s_w)
    y = a @ w.T + s_in * np.asarray(s_w) * bias                 # float result
    lo, hi = min(y.min(), 0.0), max(y.max(), 0.0)               # output range, widened to hold 0
    s_out = max(hi - lo, 1e-3) / 255
    zp_out = int(np.clip(np.round(-128 - lo / s_out), -128, 127))
    _, m0, shift = fc_multipliers(s_in, s_w, s_out)
    q = fully_connected(q_in, q_w, bias, zp_in=zp_in, M0=m0, shift=shift, zp_out=zp_out)
    ideal = y / s_out + zp_out
    inside = (ideal > -128.5) & (ideal < 127.5)
    assert np.all(np.abs(q - ideal)[inside] <= 1.0)
    assert np.all(np.abs(q - np.clip(ideal, -128, 127)) <= 1.0)


def test_int32_overflow_wraps_at_the_predicted_size():
    n = max_safe_inner_dim(128, 128)
    assert n == 131071
    a = np.full((1, n + 1), -128, np.int8)
    assert accumulate(a[:, :n], a[:, :n], 0).tolist() == [[n * 16384]]
    assert accumulate(a, a, 0).tolist() == [[-(2**31)]]  # 2^31 wraps around
    assert max_safe_inner_dim(centred_max(-128, 127, -128), centred_max(-127, 127, 0)) == 66311
    assert max_safe_inner_dim(128, 128, acc_bits=16) == 1


def test_large_codes_leave_the_float64_path_and_stay_exact():
    a = np.array([[2**30, 2**30 - 1, 3]], np.int64)
    w = np.array([[2**25, -(2**25) + 1, 5], [7, 2**24, -(2**26)]], np.int64)
    exact = [[sum(int(p) * int(q) for p, q in zip(a[0], row)) for row in w]]
    assert zero_point_terms(a, w, 0)["sum_ab"].tolist() == exact


def test_quantize_bias_rounds_half_away_and_saturates():
    assert quantize_bias([100.0, 0.0625, -0.0625, 1e12], 0.5, 0.25).tolist() == [800, 1, -1, 2**31 - 1]
    assert quantize_bias([1.0, 1.0], 0.5, [0.25, 0.5]).tolist() == [8, 4]
    with pytest.raises(ValueError):
        quantize_bias([np.nan], 1.0, 1.0)


def test_activation_range():
    assert activation_range("none", 0.1, -10, -128, 127) == (-128, 127)
    assert activation_range("relu", 0.1, -10, -128, 127) == (-10, 127)
    assert activation_range("relu6", 0.1, -10, -128, 127) == (-10, 50)
    assert activation_range("relu6", 0.01, -10, -128, 127) == (-10, 127)
    with pytest.raises(ValueError, match="unknown activation"):
        activation_range("gelu", 0.1, 0, -128, 127)


def test_float32_product_option_and_bad_scales():
    m64, _, _ = fc_multipliers(0.1, 0.3, 0.7)
    m32, _, _ = fc_multipliers(0.1, 0.3, 0.7, float32_product=True)
    assert m64 == 0.1 * 0.3 / 0.7 and m32 == float(np.float32(0.1) * np.float32(0.3)) / 0.7
    with pytest.raises(ValueError, match="positive"):
        fc_multipliers(0.0, 0.3, 0.7)


@pytest.mark.parametrize("kwargs, message", [
    (dict(q_in=np.zeros((2, 3), np.int8), q_w=np.zeros((4, 2), np.int8)), "features"),
    (dict(q_in=np.zeros(3, np.int8), q_w=np.zeros((4, 3), np.int8)), "shapes"),
    (dict(q_in=np.zeros((2, 3)), q_w=np.zeros((4, 3), np.int8)), "integer"),
    (dict(q_in=np.zeros((2, 3), np.int8), q_w=np.zeros((4, 3), np.int8), bias=np.zeros(3, np.int32)), "bias"),
    (dict(q_in=np.zeros((2, 3), np.int8), q_w=np.zeros((4, 3), np.int8), zp_w=np.zeros(3, np.int64)), "zp_w"),
    (dict(q_in=np.zeros((2, 3), np.int8), q_w=np.zeros((4, 3), np.int8), act_min=5, act_max=4), "act_min"),
])
def test_bad_arguments_raise_a_clear_error(kwargs, message):
    args = dict(zp_in=0, M0=2**30, shift=0, zp_out=0, **kwargs)
    with pytest.raises(ValueError, match=message):
        fully_connected(**args)


@pytest.mark.parametrize("bits", [8, 12, 16, 24, 32])
def test_wrap_is_twos_complement(bits):
    rng = np.random.default_rng(bits)
    v = np.concatenate([rng.integers(-(2**62), 2**62, 1000), [2**(bits - 1), -(2**(bits - 1)) - 1, 0, -1]])
    half = 2 ** (bits - 1)
    assert wrap(v, bits).tolist() == [(int(x) + half) % (2 * half) - half for x in v]
