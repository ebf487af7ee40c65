import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quantviz import QParams, article, quantize
from quantviz.intarith.arith import add_left_shift, quantized_add, quantized_multiply
from quantviz.intarith.fixedpoint import multiply_by_quantized_multiplier, quantize_multiplier

ARTICLE = article.qparams()


def test_the_article_example_253_and_127():
    x_q, y_q = quantize(np.array([0.0, 1.0]), ARTICLE).tolist()
    assert (x_q, y_q) == (127, 255)
    z_q, trace = quantized_multiply(x_q, y_q, ARTICLE, ARTICLE, ARTICLE)
    assert z_q == 127
    assert trace["naive"].value == 127 * 255
    assert round(trace["naive"].real) == 253  # (2/255) * (127 * 255 - 127) = 253.0039
    assert trace["z_q"].real == 0.0 and trace["exact"].real == 0.0
    assert trace["acc"].value == 0 and trace["y_centred"].value == 128


def test_multiply_trace_is_consistent():
    qp_x, qp_y, qp_z = QParams(0.05, 10, 0, 255), QParams(0.02, 128, 0, 255), QParams(0.1, 30, 0, 255)
    z_q, tr = quantized_multiply(60, 200, qp_x, qp_y, qp_z)
    assert (tr["x_centred"].value, tr["y_centred"].value, tr["acc"].value) == (50, 72, 3600)
    assert tr["M"].value == pytest.approx(0.05 * 0.02 / 0.1)
    m0, shift = quantize_multiplier(tr["M"].value)
    assert (tr["M0"].value, tr["shift"].value) == (m0, shift)
    assert tr["scaled"].value == multiply_by_quantized_multiplier(3600, m0, shift) == 36
    assert z_q == tr["z_q"].value == 66
    assert tr["exact"].real == pytest.approx(2.5 * 1.44)
    assert tr["z_q"].real == pytest.approx(3.6)


def test_multiply_clamps_to_the_output_range():
    z_q, tr = quantized_multiply(255, 255, ARTICLE, ARTICLE, QParams(0.001, 0, 0, 255))
    assert tr["unclamped"].value > 255 and z_q == 255


def test_single_rounding_differs_where_the_reference_says():
    one = QParams(1.0, 0, -128, 127)
    qp_z = QParams(1 / 0.3, 0, -128, 127)  # M = 1 * 1 / (1 / 0.3) = 0.3
    assert quantized_multiply(1, 1, one, one, qp_z)[0] == 1
    assert quantized_multiply(1, 1, one, one, qp_z, single_rounding=True)[0] == 0


def test_arrays_equal_scalars():
    rng = np.random.default_rng(0)
    qp_x, qp_y, qp_z = QParams(0.03, 5, -128, 127), QParams(0.07, -20, -128, 127), QParams(0.2, 3, -128, 127)
    x, y = rng.integers(-128, 128, 40), rng.integers(-128, 128, 40)
    for op in (quantized_multiply, quantized_add):
        z, trace = op(x, y, qp_x, qp_y, qp_z)
        assert z.tolist() == [op(int(a), int(b), qp_x, qp_y, qp_z)[0] for a, b in zip(x, y)]
        assert trace["z_q"].value.shape == (40,)


qparams = st.builds(lambda s, zp: QParams(s, zp, -128, 127),
                    st.floats(1e-3, 1.0), st.integers(-128, 127))


@settings(max_examples=200, deadline=None)
@given(qparams, qparams, qparams, st.integers(-128, 127), st.integers(-128, 127), st.booleans())
def test_multiply_is_the_formula_rounded(qp_x, qp_y, qp_z, x, y, single):
    z_q, tr = quantized_multiply(x, y, qp_x, qp_y, qp_z, single)
    ideal = qp_z.zero_point + qp_x.scale * qp_y.scale / qp_z.scale * (x - qp_x.zero_point) * (y - qp_y.zero_point)
    assert abs(tr["unclamped"].value - ideal) < (0.5 + 1e-6 if single else 1.0)
    assert z_q == min(max(tr["unclamped"].value, -128), 127)


def tflite_add(x, y, qp_x, qp_y, qp_z):
    """TFLite's reference int8 Add, transcribed with Python ints."""
    left_shift = 20
    twice_max = 2 * max(qp_x.scale, qp_y.scale)
    mult = [quantize_multiplier(m) for m in (qp_x.scale / twice_max, qp_y.scale / twice_max,
                                             twice_max / ((1 << left_shift) * qp_z.scale))]
    sx = multiply_by_quantized_multiplier((x - qp_x.zero_point) * (1 << left_shift), *mult[0])
    sy = multiply_by_quantized_multiplier((y - qp_y.zero_point) * (1 << left_shift), *mult[1])
    raw = multiply_by_quantized_multiplier(sx + sy, *mult[2]) + qp_z.zero_point
    return min(max(raw, qp_z.qmin), qp_z.qmax)


@settings(max_examples=200, deadline=None)
@given(qparams, qparams, qparams, st.integers(-128, 127), st.integers(-128, 127))
def test_add_is_tflite_and_the_formula_rounded(qp_x, qp_y, qp_z, x, y):
    z_q, tr = quantized_add(x, y, qp_x, qp_y, qp_z)
    assert z_q == tflite_add(x, y, qp_x, qp_y, qp_z)
    ideal = (qp_z.zero_point + qp_x.scale / qp_z.scale * (x - qp_x.zero_point)
             + qp_y.scale / qp_z.scale * (y - qp_y.zero_point))
    assert abs(tr["unclamped"].value - ideal) < 1.0
    assert tr["exact"].real == pytest.approx(tr["x_q"].real + tr["y_q"].real)


def test_add_needs_rescaling():
    qp_x, qp_y, qp_z = QParams(0.01, 0, 0, 255), QParams(0.04, 0, 0, 255), QParams(0.05, 0, 0, 255)
    z_q, tr = quantized_add(100, 50, qp_x, qp_y, qp_z)  # 1.0 + 2.0
    assert z_q == 60 and tr["z_q"].real == pytest.approx(3.0)
    assert tr["no_rescale"].real == pytest.approx(7.5)  # 150 steps of 0.05: wrong
    assert tr["x_in_z_steps"].value == pytest.approx(20.0) and tr["y_in_z_steps"].value == pytest.approx(40.0)
    z_q, tr = quantized_add(127, 255, ARTICLE, ARTICLE, ARTICLE)  # 0.0 + 1.0 with zero point 127
    assert tr["naive"].real == pytest.approx(2.0)  # the zero point counted twice
    assert z_q == 255


def test_left_shift_follows_the_code_width():
    assert add_left_shift(ARTICLE, ARTICLE) == 20
    assert add_left_shift(ARTICLE, QParams(0.1, 0, -32768, 32767)) == 15


@pytest.mark.parametrize("args, message", [
    ((300, 1, ARTICLE, ARTICLE, ARTICLE), "outside"),
    ((1.5, 1, ARTICLE, ARTICLE, ARTICLE), "whole"),
    ((1, 1, QParams(np.array([0.1, 0.2]), 0, 0, 255, axis=0), ARTICLE, ARTICLE), "per-channel"),
    ((np.nan, 1, ARTICLE, ARTICLE, ARTICLE), "whole"),
])
def test_bad_operands_raise_a_clear_error(args, message):
    for op in (quantized_multiply, quantized_add):
        with pytest.raises(ValueError, match=message):
            op(*args)


def test_sixteen_bit_products_that_overflow_int32_are_refused():
    wide = QParams(1.0, -32768, -32768, 32767)
    with pytest.raises(ValueError, match="int32"):
        quantized_multiply(32767, 32767, wide, wide, wide)
