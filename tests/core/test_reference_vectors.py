"""Every row of the reference page's test-vector table, per scheme."""
import numpy as np
import pytest

from quantviz import QParams, choose_qparams, quantize
from quantviz.numbers import to_float

F32_2_OVER_255 = 0x3C008081


def f32_bits(value):
    return int(np.float32(value).view(np.uint32))


@pytest.mark.parametrize("scheme", ["exact", "pytorch", "onnxruntime", "tflite"])
def test_minus_one_one_uint8_scale_is_2_over_255_everywhere(scheme):
    qp = choose_qparams(-1.0, 1.0, bits=8, scheme=scheme)
    assert f32_bits(qp.scale) == F32_2_OVER_255
    assert (qp.qmin, qp.qmax) == (0, 255)


@pytest.mark.parametrize("scheme, zp", [("pytorch", 127), ("onnxruntime", 128), ("exact", 128),
                                        ("tflite", 127)])
def test_minus_one_one_uint8_zero_point(scheme, zp):
    # PyTorch: in float32 mn / s is -127.49999 -> 127; ORT: exactly -127.5 in float64, half even.
    assert choose_qparams(-1.0, 1.0, scheme=scheme).zero_point == zp


def test_article_zero_point_before_rounding_is_127_5():
    assert choose_qparams(-1.0, 1.0, scheme="exact").zero_point_real == 127.5
    assert choose_qparams(-1.0, 1.0, scheme="pytorch").zero_point_real == pytest.approx(127.49999, abs=1e-5)


@pytest.mark.parametrize("scheme, zp", [("pytorch", -1), ("tflite", -1), ("onnxruntime", 0)])
def test_minus_one_one_int8_affine_zero_point(scheme, zp):
    assert choose_qparams(-1.0, 1.0, signed=True, scheme=scheme).zero_point == zp


def test_symmetric_int8():
    qp = choose_qparams(-1.0, 1.0, signed=True, symmetric=True, scheme="pytorch")
    assert f32_bits(qp.scale) == F32_2_OVER_255 and qp.zero_point == 0 and qp.qmin == -128
    narrow = choose_qparams(-1.0, 1.0, signed=True, symmetric=True, narrow_range=True, scheme="pytorch")
    assert f32_bits(narrow.scale) == f32_bits(1 / 127) and narrow.qmin == -127
    ort = choose_qparams(-1.0, 1.0, signed=True, symmetric=True, scheme="onnxruntime")
    # ORT chooses the scale for [-127, 127]; its QuantizeLinear saturates to int8's [-128, 127]
    assert f32_bits(ort.scale) == f32_bits(1 / 127) and (ort.qmin, ort.qmax) == (-128, 127)
    assert ort.zero_point == 0


def test_onnxruntime_promotes_the_range_to_float64_before_subtracting():
    qp = choose_qparams(-3.03509783744812, 4.475332260131836, scheme="onnxruntime")
    assert qp.scale == 0.029452666640281677             # float32 subtraction: 0.029452668502926826


def test_onnxruntime_quantizelinear_saturates_below_the_narrow_range():
    qp = QParams(0.03826009854674339, 0, -128, 127, scheme="onnxruntime")
    assert quantize(np.array([-5.6547594], np.float32), qp).tolist() == [-128]


@pytest.mark.parametrize("scheme", ["pytorch", "onnxruntime", "tflite"])
def test_minus_half_two(scheme):
    uint8 = choose_qparams(-0.5, 2.0, scheme=scheme)
    int8 = choose_qparams(-0.5, 2.0, signed=True, scheme=scheme)
    assert float(np.float32(uint8.scale)) == 0.009803921915590763
    assert uint8.zero_point == 51 and int8.zero_point == -77


@pytest.mark.parametrize("scheme", ["exact", "pytorch", "onnxruntime", "tflite"])
def test_range_is_widened_to_include_zero(scheme):
    qp = choose_qparams(0.1, 1.0, scheme=scheme)
    assert f32_bits(qp.scale) == f32_bits(1 / 255) and qp.zero_point == 0


@pytest.mark.parametrize("scheme, expected", [
    ("exact", [0, 2, 2, 0, -2, -2]), ("pytorch", [0, 2, 2, 0, -2, -2]),
    ("onnxruntime", [0, 2, 2, 0, -2, -2]), ("tflite", [1, 2, 3, -1, -2, -3])])
def test_ties(scheme, expected):
    x = np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5], dtype=np.float32)
    q = quantize(x, QParams(1.0, 0, -128, 127, scheme=scheme))
    assert q.tolist() == expected


@pytest.mark.parametrize("scheme, expected", [("pytorch", 128), ("onnxruntime", 127)])
def test_reciprocal_vs_division(scheme, expected):
    x = np.float32(0.273939937)
    qp = QParams(float(np.float32(0.00214854861)), 0, 0, 255, scheme=scheme)
    assert int(quantize(x, qp)) == expected


def test_float_casts():
    assert to_float(1 + 2**-8, "bfloat16") == 1.0
    assert to_float(65520, "float16", saturate=False) == np.inf
    assert to_float(2049, "float16") == 2048
    assert to_float(464, "float8_e4m3fn") == 448
