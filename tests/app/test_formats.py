"""The number-formats page: bits follow the value, special values, the bit editor, bad links."""
import base64
import json
import re

import numpy as np
import pytest

from quantviz.app.strings import TABLE

PAGE = "views/formats.py"


def bits_of(at, fmt: str, plain: bool = False) -> str:
    """The bit pattern shown for ``fmt`` (the plain-cast pattern with ``plain=True``)."""
    html = next(m.value for m in at.markdown if 'class="qv-formats"' in m.value)
    row = re.search(rf'data-format="{fmt}">(.*?)</div></div>', html).group(1)
    patterns = re.findall(r'data-bits="([^"]*)"', row)
    return patterns[1] if plain else patterns[0]


def pills(at, fmt: str, field: str):
    """The bit editor's pills of one field (keyed by the pattern they show)."""
    return next(b for b in at.button_group if b.key.startswith(f"bits_{fmt}_{field}_"))


def row_text(at, fmt: str) -> str:
    html = next(m.value for m in at.markdown if 'class="qv-formats"' in m.value)
    row = re.search(rf'data-format="{fmt}">(.*?)</div></div>', html).group(1)
    return re.sub(r"<[^>]+>", " ", row)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_in_both_languages(open_page, lang):
    at = open_page(PAGE, lang=lang)
    assert not at.exception and not at.warning
    assert at.title[0].value == TABLE["formats.title"][0 if lang == "en" else 1]
    assert bits_of(at, "float32") == "0 01111011 10011001100110011001101"
    assert bits_of(at, "float16") == "0 01011 1001100110"
    assert bits_of(at, "int8") == "0 0001010"  # 0.1 / 0.01 = 10
    stored = TABLE["formats.col.stored"][0 if lang == "en" else 1]
    assert stored in row_text(at, "float16") and "0.0999755859375" in row_text(at, "float16")


def test_changing_the_value_changes_the_bits(open_page):
    at = open_page(PAGE)
    at.text_input(key="value").input("1e40").run()
    assert bits_of(at, "float16") == "0 11110 1111111111"          # saturates at 65504
    assert bits_of(at, "float16", plain=True) == "0 11111 0000000000"  # a plain cast gives inf
    assert bits_of(at, "float8_e4m3fn", plain=True) == "0 1111 111"    # no inf: NaN
    assert "65504" in row_text(at, "float16") and "∞" in row_text(at, "float16")
    assert bits_of(at, "int8") == "0 1111111" and bits_of(at, "int8", plain=True) == "? ???????"
    at.text_input(key="value").input("-0").run()
    assert bits_of(at, "float32") == "1 00000000 00000000000000000000000"
    assert bits_of(at, "bfloat16") == "1 00000000 0000000"


@pytest.mark.parametrize("value, fmt, bits, text", [
    ("nan", "float16", "0 11111 1000000000", "NaN"),
    ("nan", "int8", "? ???????", TABLE["formats.flag.nan_int"][0]),
    ("-inf", "float8_e5m2", "1 11110 11", "-57344"),
    ("1e-40", "float32", "0 00000000 00000010001011011000010", TABLE["formats.flag.subnormal"][0]),
    ("1e-40", "float16", "0 00000 0000000000", TABLE["formats.flag.underflow"][0]),
    ("2^-9", "float8_e4m3fn", "0 0000 001", "0.001953125"),
    ("200", "int8", "0 1111111", "q = 127"),
])
def test_special_values_display(open_page, value, fmt, bits, text):
    at = open_page(PAGE, value=value, scale="1")
    assert not at.exception and not at.warning
    assert bits_of(at, fmt) == bits
    assert text in row_text(at, fmt)


def test_plain_int_cast_wraps(open_page):
    at = open_page(PAGE, value="200", scale="1")
    assert bits_of(at, "int8", plain=True) == "1 1001000"  # 200 -> -56
    assert "q = -56" in row_text(at, "int8")


def test_scale_and_zero_point_move_the_integer_rows(open_page):
    at = open_page(PAGE)
    at.number_input(key="scale").set_value(0.001).run()
    assert bits_of(at, "int8") == "0 1100100"  # 0.1 / 0.001 = 100
    assert "q = 100" in row_text(at, "int8")
    at.number_input(key="zp").set_value(0).run()
    assert "q = 100" in row_text(at, "uint8")


def test_clicking_bits_builds_a_value(open_page):
    at = open_page(PAGE)  # the editor starts on float8_e4m3fn, holding 0.1015625 = 0 0011 101
    assert pills(at, "float8_e4m3fn", "exponent").value == [4, 3]
    assert pills(at, "float8_e4m3fn", "mantissa").value == [2, 0]
    pills(at, "float8_e4m3fn", "sign").set_value([7]).run()
    assert at.text_input(key="value").value == "-0.1015625"
    assert bits_of(at, "float8_e4m3fn") == "1 0011 101"
    pills(at, "float8_e4m3fn", "exponent").set_value([6, 5, 4, 3]).run()
    assert at.text_input(key="value").value == "-416.0"  # -2^(15-7) * 1.625
    pills(at, "float8_e4m3fn", "mantissa").set_value([2, 1, 0]).run()
    assert at.text_input(key="value").value == "nan"  # S.1111.111 is e4m3fn's only NaN
    assert any("NaN" in m.value for m in at.markdown)


def test_typing_a_value_does_not_disturb_the_editor(open_page):
    # pills with equal labels would be mapped back wrongly and fire on every rerun
    at = open_page(PAGE)
    for value in ("1e40", "0.3", "-0"):
        at.text_input(key="value").input(value).run()
        assert at.text_input(key="value").value == value


def test_clicking_integer_bits(open_page):
    at = open_page(PAGE, format="int8")
    pills(at, "int8", "integer").set_value([]).run()
    pills(at, "int8", "sign").set_value([7]).run()
    assert at.text_input(key="value").value == "-1.28"  # q = -128, scale 0.01
    assert any(r"\cdot (-128 - 0)" in latex.value for latex in at.latex)


def test_bad_url_values_fall_back_with_a_notice(open_page):
    at = open_page(PAGE, value="abc", format="xyz", scale="-3", gap="sideways", zp="999")
    assert not at.exception
    notices = " ".join(w.value for w in at.warning)
    for part in ("value=abc", "format=xyz", "scale=-3", "gap=sideways", "zp=999"):
        assert part in notices
    assert at.text_input(key="value").value == "0.1"
    assert at.selectbox(key="format").value == "float8_e4m3fn"
    assert bits_of(at, "float32") == "0 01111011 10011001100110011001101"


def test_typed_garbage_warns_and_falls_back(open_page):
    at = open_page(PAGE)
    at.text_input(key="value").input("one point five").run()
    assert not at.exception
    assert any("one point five" in w.value for w in at.warning)
    assert bits_of(at, "float16") == "0 01011 1001100110"


def test_range_table_and_spacing_figure(open_page):
    at = open_page(PAGE)
    table = at.table[0].value
    assert table.loc["float16"].iloc[2] == "65504" and table.loc["float8_e4m3fn"].iloc[2] == "448"
    assert table.loc["int4"].iloc[1] == "0.5" and table.loc["int8"].iloc[2] == "1.27"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["yaxis"]["type"] == "log"
    assert "relative" in spec["layout"]["yaxis"]["title"]["text"]
    at.button_group(key="gap").set_value("absolute").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["yaxis"]["title"]["text"] == TABLE["fig.spacing.y.absolute"][0]
    float32 = next(tr for tr in spec["data"] if tr["name"] == "float32")
    x = np.frombuffer(base64.b64decode(float32["x"]["bdata"]), dtype=float32["x"]["dtype"])
    assert x.max() > 3.4e38 and x.min() < 1.5e-45  # float32 reaches 2^128, and 2^-149


def test_figure_view_for_embedding(open_page):
    at = open_page(PAGE, view="figure")
    assert not at.exception and not at.title and not at.table
    assert len(at.get("plotly_chart")) == 1
