import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quantviz import QParams, choose_qparams, dequantize, fake_quantize, quantize
from quantviz.numbers import int_range

SCHEMES = ["exact", "pytorch", "onnxruntime", "tflite"]
finite = st.floats(-1e4, 1e4, allow_nan=False, width=32)


@st.composite
def setups(draw):
    a, b = sorted([draw(finite), draw(finite)])
    bits = draw(st.integers(2, 16))
    return dict(rmin=a, rmax=b, bits=bits, signed=draw(st.booleans()),
                symmetric=draw(st.booleans()), scheme=draw(st.sampled_from(SCHEMES)))


@settings(max_examples=300, deadline=None)
@given(setups(), st.lists(st.floats(0, 1), min_size=1, max_size=50))
def test_error_within_half_a_step_inside_the_range(setup, fractions):
    qp = choose_qparams(**setup)
    lo, hi = qp.rmin, qp.rmax
    x = (lo + np.array(fractions) * (hi - lo)).astype(np.float32)
    x = x[(x >= lo) & (x <= hi)]
    err = np.abs(fake_quantize(x, qp).astype(np.float64) - x)
    slack = 1e-6 * np.maximum(np.abs(x), qp.scale) + qp.scale * 1e-6
    assert np.all(err <= qp.scale / 2 + slack)


@settings(max_examples=300, deadline=None)
@given(setups())
def test_quantize_of_dequantize_is_identity(setup):
    qp = choose_qparams(**setup)
    q = np.arange(qp.qmin, qp.qmax + 1)
    assert np.array_equal(quantize(dequantize(q, qp), qp), q)


@settings(max_examples=200, deadline=None)
@given(setups(), st.lists(finite, min_size=2, max_size=100))
def test_quantize_is_monotone(setup, values):
    qp = choose_qparams(**setup)
    x = np.sort(np.array(values, dtype=np.float32))
    assert np.all(np.diff(quantize(x, qp).astype(np.int64)) >= 0)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 6), st.integers(1, 20), st.sampled_from(SCHEMES), st.booleans(),
       st.integers(0, 2**31))
def test_per_channel_equals_per_tensor_channel_by_channel(channels, width, scheme, symmetric, seed):
    w = np.random.default_rng(seed).standard_normal((channels, width)).astype(np.float32)
    w *= np.arange(1, channels + 1, dtype=np.float32)[:, None]
    qp = choose_qparams(w.min(axis=1), w.max(axis=1), signed=True, symmetric=symmetric,
                        scheme=scheme, axis=0)
    q = quantize(w, qp)
    for c in range(channels):
        one = choose_qparams(w[c].min(), w[c].max(), signed=True, symmetric=symmetric, scheme=scheme)
        assert one.scale == qp.scale[c] and one.zero_point == qp.zero_point[c]
        assert np.array_equal(q[c], quantize(w[c], one))
        assert np.array_equal(dequantize(q, qp)[c], dequantize(q[c], one))


def test_per_channel_on_last_axis():
    w = np.random.default_rng(0).standard_normal((5, 3)).astype(np.float32)
    qp = choose_qparams(w.min(axis=0), w.max(axis=0), signed=True, axis=1)
    for c in range(3):
        one = choose_qparams(w[:, c].min(), w[:, c].max(), signed=True)
        assert np.array_equal(quantize(w, qp)[:, c], quantize(w[:, c], one))


def test_large_tensor_matches_small_blocks():
    x = np.random.default_rng(1).standard_normal(300_001).astype(np.float32)
    for scheme in SCHEMES:
        qp = choose_qparams(-3, 3, scheme=scheme)
        whole = quantize(x, qp)
        pieces = np.concatenate([quantize(x[i:i + 1000], qp) for i in range(0, x.size, 1000)])
        assert np.array_equal(whole, pieces)
        assert np.array_equal(dequantize(whole, qp),
                              np.concatenate([dequantize(whole[i:i + 999], qp) for i in range(0, x.size, 999)]))


def test_nonfinite_values_saturate_or_map_to_zero_point():
    qp = choose_qparams(-1, 1)
    assert quantize([np.nan, np.inf, -np.inf], qp).tolist() == [qp.zero_point, 255, 0]


def test_storage_dtypes():
    assert quantize([0.5], choose_qparams(-1, 1)).dtype == np.uint8
    assert quantize([0.5], choose_qparams(-1, 1, signed=True)).dtype == np.int8
    assert quantize([0.5], choose_qparams(-1, 1, bits=12, signed=True)).dtype == np.int16
    assert dequantize(np.array([3], np.uint8), choose_qparams(-1, 1)).dtype == np.float32


@pytest.mark.parametrize("scheme", SCHEMES)
def test_degenerate_ranges_work(scheme):
    zeros = np.zeros(10, np.float32)
    qp = choose_qparams(0.0, 0.0, scheme=scheme)
    assert np.all(fake_quantize(zeros, qp) == 0)
    const = np.full(10, 3.5, np.float32)
    qp = choose_qparams(3.5, 3.5, scheme=scheme)
    assert np.allclose(fake_quantize(const, qp), 3.5, atol=qp.scale / 2)


@pytest.mark.parametrize("kwargs, message", [
    (dict(rmin=-1, rmax=1, bits=0), "bits must be from 1 to 16"),
    (dict(rmin=-1, rmax=1, bits=17), "bits must be from 1 to 16"),
    (dict(rmin=-1, rmax=1, bits=2.5), "whole number"),
    (dict(rmin=1, rmax=-1), "swap them"),
    (dict(rmin=float("nan"), rmax=1), "NaN"),
    (dict(rmin=-1, rmax=float("inf")), "infinite"),
    (dict(rmin=-1, rmax=1, bits=1, narrow_range=True), "single code"),
    (dict(rmin=-1, rmax=1, scheme="tensorrt"), "unknown scheme"),
    (dict(rmin=np.array([-1, -2]), rmax=np.array([1, 2])), "axis="),
])
def test_invalid_arguments_say_what_to_change(kwargs, message):
    with pytest.raises(ValueError, match=message):
        choose_qparams(**kwargs)


@pytest.mark.parametrize("kwargs, message", [
    (dict(scale=0.0, zero_point=0), "positive finite"),
    (dict(scale=-0.1, zero_point=0), "positive finite"),
    (dict(scale=float("nan"), zero_point=0), "positive finite"),
    (dict(scale=0.1, zero_point=300), "outside"),
    (dict(scale=0.1, zero_point=1.5), "integer"),
])
def test_invalid_qparams(kwargs, message):
    with pytest.raises(ValueError, match=message):
        QParams(qmin=0, qmax=255, **kwargs)


def test_wrong_axis():
    w = np.zeros((3, 4), np.float32)
    qp = choose_qparams(np.zeros(3), np.ones(3), axis=5)
    with pytest.raises(ValueError, match="axis 5 does not exist"):
        quantize(w, qp)
    with pytest.raises(ValueError, match="channels"):
        quantize(w, choose_qparams(np.zeros(4), np.ones(4), axis=0))


def test_int_ranges():
    assert int_range(8) == (0, 255)
    assert int_range(8, signed=True) == (-128, 127)
    assert int_range(8, signed=True, narrow_range=True) == (-127, 127)
    assert int_range(1, signed=True) == (-1, 0)
    assert int_range(16) == (0, 65535)


def test_reduce_range():
    assert choose_qparams(-1, 1, signed=True, reduce_range=True, scheme="pytorch").qmin == -64
    assert choose_qparams(-1, 1, reduce_range=True, scheme="pytorch").qmax == 127
    ort = choose_qparams(-1, 1, signed=True, reduce_range=True, scheme="onnxruntime")
    assert ort.scale == 1 / 64                        # chosen for [-64, 64] ...
    assert (ort.qmin, ort.qmax) == (-128, 127)        # ... while QuantizeLinear saturates to int8


def test_onnxruntime_chooses_the_scale_for_127_but_saturates_at_minus_128():
    qp = choose_qparams(-4.86, 4.86, signed=True, symmetric=True, scheme="onnxruntime")
    assert qp.scale == float(np.float32(4.86 / 127)) and (qp.qmin, qp.qmax) == (-128, 127)
    x = np.float32(-5.6547594)
    qp = QParams(0.03826009854674339, 0, -128, 127, scheme="onnxruntime")
    assert quantize(np.array([x]), qp)[0] == -128


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_range_below_float32_resolution_keeps_distinct_levels(scheme):
    qp = choose_qparams(0.0, 9.80908925027372e-45, bits=4, scheme=scheme)
    q = np.arange(qp.qmin, qp.qmax + 1)
    assert qp.scale >= np.finfo(np.float32).tiny
    assert np.array_equal(quantize(dequantize(q, qp), qp), q)
