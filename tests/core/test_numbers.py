import numpy as np
import pytest

from quantviz.numbers import FLOAT_FORMATS, float_fields, float_spacing, to_float


def test_format_table():
    f32, f16 = FLOAT_FORMATS["float32"], FLOAT_FORMATS["float16"]
    assert (f32.bits, f32.exponent_bits, f32.mantissa_bits, f32.bias) == (32, 8, 23, 127)
    assert f16.max == 65504 and f16.eps == 2**-10 and f16.min_subnormal == 2**-24
    assert FLOAT_FORMATS["bfloat16"].mantissa_bits == 7
    e4 = FLOAT_FORMATS["float8_e4m3fn"]
    assert e4.max == 448 and not e4.has_inf and e4.min_subnormal == 2**-9
    assert FLOAT_FORMATS["float8_e5m2"].max == 57344


def test_bfloat16_rounds_correctly_above_a_tie():
    # a float64 just above the tie 1 + 2^-8 must round up (a cast through float32 would not)
    assert to_float(1 + 2**-8 + 2**-40, "bfloat16") == 1 + 2**-7


def test_overflow_without_saturation():
    assert np.isnan(to_float(470, "float8_e4m3fn", saturate=False))
    assert to_float(470, "float8_e4m3fn") == 448
    assert to_float(1e6, "float8_e5m2", saturate=False) == np.inf
    assert np.isnan(to_float(np.nan, "float16"))


def test_fields():
    assert float_fields(1.0, "float32") == (0, 127, 0)
    assert float_fields(-2.5, "bfloat16") == (1, 128, 32)
    assert float_fields(448, "float8_e4m3fn") == (0, 15, 6)


def test_spacing():
    assert float_spacing(1.0, "float16") == 2**-10
    assert float_spacing(1000.0, "float16") == 0.5
    assert float_spacing(0.0, "float16") == 2**-24
    with pytest.raises(ValueError, match="unknown float format"):
        to_float(1.0, "float12")
