"""One value in every format: bits, stored value, error, overflow; parsing and exact display."""
import math

import numpy as np
import pytest

from quantviz.encode import (
    FORMATS,
    INT_FORMATS,
    decode,
    encode,
    errors,
    exact_text,
    odd_times_power_of_two,
    parse_value,
    wrap,
)


def test_point_one_in_float32_and_float16():
    e = encode(0.1, "float32")
    assert e.fields == (("sign", "0"), ("exponent", "01111011"), ("mantissa", "10011001100110011001101"))
    assert e.stored == float(np.float32(0.1)) and e.kind == "normal" and not e.overflow
    assert encode(0.1, "float16").stored == 0.0999755859375
    assert encode(-2.5, "bfloat16").bits == "1100000000100000"


def test_float_overflow_saturating_and_plain():
    assert encode(1e40, "float16").stored == 65504 and encode(1e40, "float16").overflow
    raw = encode(1e40, "float16", saturate=False)
    assert raw.stored == math.inf and raw.kind == "inf" and raw.bits == "0111110000000000"
    e4 = encode(500, "float8_e4m3fn", saturate=False)
    assert math.isnan(e4.stored) and e4.kind == "nan" and e4.bits == "01111111"
    assert encode(448, "float8_e4m3fn", saturate=False).stored == 448
    assert not encode(65504, "float16").overflow


def test_integers_saturate_or_wrap():
    sat, raw = encode(200, "int8"), encode(200, "int8", saturate=False)
    assert (sat.stored, sat.kind, sat.bits) == (127, "saturated", "01111111")
    assert (raw.stored, raw.kind, raw.bits) == (-56, "wrapped", "11001000")  # 200 -> -56, as C narrows
    assert encode(9, "int4", saturate=False).stored == -7
    assert encode(-9, "int4").stored == -8
    u = encode(-0.5, "uint8", scale=0.25, zero_point=128)
    assert (u.code, u.stored, u.bits) == (126, -0.5, "01111110")
    assert encode(0.1, "int8", scale=0.01).stored == 0.1  # 10 steps of 0.01: exact in the grid


def test_integers_have_no_code_for_nan_and_no_plain_cast_beyond_int32():
    for saturate in (True, False):
        e = encode(math.nan, "int8", saturate=saturate)
        assert e.code is None and e.kind == "none" and math.isnan(e.stored) and e.bits == "????????"
    assert encode(math.inf, "int8").stored == 127
    assert encode(math.inf, "int8", saturate=False).code is None
    assert encode(1e12, "int8", saturate=False).code is None
    assert encode(2**31 - 1, "int8", saturate=False).stored == -1


@pytest.mark.parametrize("fmt", list(INT_FORMATS))
def test_every_integer_code_decodes_and_encodes_back(fmt):
    bits = INT_FORMATS[fmt][0]
    zp = 7 if fmt == "uint8" else 0
    for code in range(2**bits):
        value = decode(fmt, code, scale=0.03, zero_point=zp)
        assert encode(value, fmt, scale=0.03, zero_point=zp).code == code


def test_float_codes_decode():
    assert decode("float8_e4m3fn", 0x7E) == 448 and math.isnan(decode("float8_e4m3fn", 0x7F))
    assert decode("float16", 0x3C00) == 1.0 and decode("float32", 0x80000000) == 0.0
    assert math.copysign(1, decode("float32", 0x80000000)) == -1


def test_wrap():
    assert wrap(128, -128, 127) == -128 and wrap(-129, -128, 127) == 127 and wrap(256, 0, 255) == 0


def test_errors():
    assert errors(0.1, 0.1) == (0.0, 0.0)
    abs_err, rel_err = errors(0.1, 0.0999755859375)
    assert abs_err == pytest.approx(-2.44140625e-05, rel=1e-9) and rel_err == pytest.approx(2.44140625e-4, rel=1e-9)
    assert errors(1e40, math.inf) == (math.inf, math.inf)
    assert all(math.isnan(v) for v in errors(math.inf, 65504) + errors(1.0, math.nan))
    assert errors(0.0, 0.5) == (0.5, math.inf)


@pytest.mark.parametrize("text, value", [
    ("0.1", 0.1), (" -0 ", -0.0), ("1e40", 1e40), ("inf", math.inf), ("-Infinity", -math.inf),
    ("2^-130", 2.0**-130), ("-2**10", -1024.0), ("2^2000", math.inf), ("0x1.8p-3", 0.1875), ("−3", -3.0)])
def test_parse_value(text, value):
    got = parse_value(text)
    assert got == value and math.copysign(1, got) == math.copysign(1, value)


@pytest.mark.parametrize("text", ["abc", "", "1_000", "1,5", "2^x", "0xZZ"])
def test_parse_value_refuses_garbage(text):
    with pytest.raises(ValueError, match="not a number"):
        parse_value(text)
    assert math.isnan(parse_value("nan"))


def test_exact_text():
    assert exact_text(float(np.float32(0.1))) == ("0.100000001490116119384765625", True)
    assert exact_text(2.0**-24) == ("5.9604644775390625e-8", True)
    assert exact_text(65504.0) == ("65504", True)
    assert exact_text(-0.0) == ("-0", True) and exact_text(-math.inf) == ("-∞", True)
    text, exact = exact_text(2.0**-149)
    assert not exact and text.startswith("1.4012984643248171e-45")
    assert odd_times_power_of_two(float(np.float32(0.1))) == (13421773, -27)
    assert odd_times_power_of_two(448.0) == (7, 6) and odd_times_power_of_two(0.0) is None


def test_bad_format_or_scale():
    with pytest.raises(ValueError, match="unknown number format"):
        encode(1.0, "int3")
    with pytest.raises(ValueError, match="scale"):
        encode(1.0, "int8", scale=0.0)
    with pytest.raises(ValueError, match="zero point"):
        encode(1.0, "uint8", zero_point=300)
    with pytest.raises(ValueError, match="bit pattern"):
        decode("int4", 16)
    assert len(FORMATS) == 8


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from quantviz.numbers import FLOAT_FORMATS  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.floats(-1.27, 1.27), st.sampled_from([0.01, 0.003, 1 / 127]))
def test_integer_error_is_at_most_half_a_step_inside_the_range(x, scale):
    e = encode(x, "int8", scale=scale)
    if abs(x) <= 127 * scale:
        assert abs(e.stored - x) <= scale / 2 * (1 + 1e-12) and e.kind == "code"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(list(FLOAT_FORMATS)), st.floats(allow_nan=False, allow_infinity=False))
def test_float_relative_error_is_at_most_half_an_epsilon_for_normal_numbers(fmt, x):
    f = FLOAT_FORMATS[fmt]
    e = encode(x, fmt)
    if f.min_normal <= abs(x) <= f.max:
        assert errors(x, e.stored)[1] <= f.eps / 2
        assert decode(fmt, e.code) == e.stored
    if abs(x) > f.max:
        assert e.overflow and abs(e.stored) == f.max
