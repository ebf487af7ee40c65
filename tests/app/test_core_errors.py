"""The core's errors, by code, shown in the reader's language (quantviz.app.shell.errors)."""
import re
import string

import numpy as np
import pytest

from quantviz import QParams, article, choose_qparams
from quantviz.app.shell.errors import explain
from quantviz.app.shell.i18n import in_language
from quantviz.app.strings import TABLE
from quantviz.errors import MESSAGES, QuantError
from quantviz.intarith.arith import quantized_multiply
from quantviz.intarith.fixedpoint import quantize_multiplier
from quantviz.intarith.matmul_trace import integer_matmul

CJK = re.compile(r"[\u4e00-\u9fff]")
U8 = article.qparams()

FAILURES = [  # real calls that fail, and numbers the message must keep
    (lambda: choose_qparams(1.0, -1.0), ["1.0", "-1.0"]),
    (lambda: choose_qparams(0.0, np.inf), []),
    (lambda: choose_qparams(np.nan, 1.0), []),
    (lambda: choose_qparams(0.0, 1.0, bits=17), ["1", "16", "17"]),
    (lambda: choose_qparams(0.0, 1.0, bits=1, narrow_range=True), ["2"]),
    (lambda: QParams(0.0, 0, 0, 255), ["0.0"]),
    (lambda: QParams(0.1, 300, 0, 255), ["300", "0", "255"]),
    (lambda: QParams(0.1, 0, 5, 5), ["5"]),
    (lambda: quantize_multiplier(np.inf), []),
    (lambda: quantize_multiplier(1e12), []),
    (lambda: quantized_multiply(300, 1, U8, U8, U8), ["0", "255"]),
    (lambda: integer_matmul([[1.0, 2.0]], [[1.0], [2.0], [3.0]]), ["2", "3"]),
    (lambda: integer_matmul([[np.nan]], [[1.0]]), ["A"]),
]


@pytest.mark.parametrize("call, numbers", FAILURES)
def test_core_errors_read_in_chinese_with_their_numbers(call, numbers):
    with pytest.raises(ValueError) as info:
        call()
    with in_language("zh"):
        text = explain(info.value)
    assert CJK.search(text), text
    assert not re.search(r"[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}", text), text  # no English sentence left
    for number in numbers:
        assert number in text, (number, text)
    with in_language("en"):
        assert not CJK.search(explain(info.value))


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", MESSAGES)
def test_every_code_has_a_sentence_in_both_languages_with_the_errors_values(code):
    key = f"error.{code}"
    assert key in TABLE and all(TABLE[key])
    for text in TABLE[key]:
        assert fields(text) <= fields(MESSAGES[code]), (code, text)


def test_failures_carry_a_code_and_the_values_of_their_sentence():
    with pytest.raises(QuantError) as info:
        QParams(0.1, 300, 0, 255)
    assert info.value.code == "zp_range" and info.value.params == {"value": 300, "qmin": 0, "qmax": 255}
    assert isinstance(info.value, ValueError) and "300 lies outside [0, 255]" in str(info.value)


def test_unknown_messages_are_shown_whole_and_introduced_in_chinese():
    err = ValueError("something new: change x")
    with in_language("en"):
        assert explain(err) == "something new: change x"
    with in_language("zh"):
        assert "something new: change x" in explain(err) and CJK.search(explain(err))

