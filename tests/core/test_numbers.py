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


# --- bit patterns, saturation, correct rounding -------------------------------------------------
from fractions import Fraction  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from quantviz.numbers import float_code, float_from_code, float_kind, int_spacing_curve, spacing_curve, split_code  # noqa: E402

SMALL_FORMATS = ["float16", "bfloat16", "float8_e4m3fn", "float8_e5m2"]


def _all_values(fmt):
    """Every bit pattern of a 16- or 8-bit format and its value, by reinterpreting memory."""
    f = FLOAT_FORMATS[fmt]
    codes = np.arange(2**f.bits, dtype=np.uint32).astype(f"u{f.dtype.itemsize}")
    with np.errstate(invalid="ignore"):  # signalling NaN patterns
        return codes, codes.view(f.dtype).astype(np.float64)


@pytest.mark.parametrize("fmt", SMALL_FORMATS)
def test_every_pattern_round_trips(fmt):
    codes, values = _all_values(fmt)
    for code, value in zip(codes.tolist(), values.tolist()):
        assert float_from_code(code, fmt) == value or (np.isnan(value) and np.isnan(float_from_code(code, fmt)))
        if not np.isnan(value):
            assert float_code(value, fmt, saturate=False) == code


@pytest.mark.parametrize("fmt, nans, infs, subnormals", [
    ("float16", 2046, 2, 2046), ("bfloat16", 254, 2, 254),
    ("float8_e4m3fn", 2, 0, 14), ("float8_e5m2", 6, 2, 6)])
def test_special_patterns_are_classified(fmt, nans, infs, subnormals):
    kinds = [float_kind(c, fmt) for c in range(2**FLOAT_FORMATS[fmt].bits)]
    assert (kinds.count("nan"), kinds.count("inf"), kinds.count("subnormal"), kinds.count("zero")) == \
        (nans, infs, subnormals, 2)
    _, values = _all_values(fmt)
    assert [np.isnan(v) for v in values] == [k == "nan" for k in kinds]


def test_saturation_follows_onnx_cast():
    # ONNX Cast(saturate=1): beyond the largest value, infinities included, -> +-max; NaN stays NaN
    assert to_float(np.inf, "float8_e4m3fn") == 448 and to_float(-np.inf, "float8_e5m2") == -57344
    assert to_float(np.inf, "float16") == 65504 and to_float(-1e300, "float32") == -FLOAT_FORMATS["float32"].max
    # without it: e4m3fn has no infinity, so overflow and inf are NaN; the others overflow to inf
    assert np.isnan(to_float(np.inf, "float8_e4m3fn", saturate=False))
    assert to_float(-np.inf, "float8_e5m2", saturate=False) == -np.inf
    assert to_float(1e40, "float32", saturate=False) == np.inf
    # rounding happens before overflow: 464 is the tie 448 | 480 and rounds to even 448
    assert to_float(464, "float8_e4m3fn", saturate=False) == 448
    assert np.isnan(to_float(465, "float8_e4m3fn", saturate=False))


def test_signed_zero_and_subnormals():
    assert float_code(-0.0, "float16") == 0x8000 and float_fields(-0.0, "float32") == (1, 0, 0)
    assert to_float(2**-25, "float16") == 0.0          # half the smallest subnormal: tie to even 0
    assert to_float(1.5 * 2**-25, "float16") == 2**-24
    assert float_kind(float_code(1e-40, "float32"), "float32") == "subnormal"
    assert to_float(1e-40, "bfloat16") == 2**-133      # bfloat16 keeps float32's exponent range
    assert split_code(0x0001, "float16") == (0, 0, 1)


def _nearest_reference(x: float, fmt: str) -> float:
    """Round to nearest, ties to the even pattern, by exact rational comparison with every value."""
    codes, values = _all_values(fmt)
    finite = np.isfinite(values)
    order = np.argsort(values[finite], kind="stable")
    vals, cods = values[finite][order], codes[finite][order]
    i = int(np.searchsorted(vals, x))
    best = None
    for j in (i - 1, i):
        if 0 <= j < len(vals):
            d = abs(Fraction(float(vals[j])) - Fraction(x))
            key = (d, int(cods[j]) & 1)
            if best is None or key < best[0]:
                best = (key, float(vals[j]))
    return best[1]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SMALL_FORMATS), st.floats(-400, 400, allow_nan=False, allow_subnormal=False),
       st.integers(-16, 16))
def test_to_float_is_correctly_rounded(fmt, mantissa, exponent):
    x = float(np.ldexp(mantissa, exponent))
    if abs(x) > FLOAT_FORMATS[fmt].max:
        return
    got = float(to_float(x, fmt))
    want = _nearest_reference(x, fmt)
    assert got == want or (got == 0 and want == 0)


def test_spacing_curves():
    x, gap = spacing_curve("float32")
    assert x[0] == 2.0**-149 and x[-1] == FLOAT_FORMATS["float32"].max and x[-1] > 2.0**127.99
    assert gap[-1] == 2.0**104 and np.all(np.diff(x) >= 0)
    x, rel = spacing_curve("float16", relative=True)
    normal = x >= 2.0**-14
    assert rel[normal].max() == 2.0**-10 and rel[normal].min() >= 2.0**-11  # the limit at a binade's end
    assert rel[0] == 1.0  # the smallest subnormal is as far from 0 as it is big
    x, gap = spacing_curve("float8_e4m3fn")
    assert x[-1] == 448 and gap[-1] == 32
    assert int_spacing_curve(0.5, 127)[1].tolist() == [0.5, 0.5]
    assert int_spacing_curve(0.5, 127, relative=True)[1].tolist() == [1.0, 1 / 127]
