"""The article's worked example, as its text gives the numbers."""
import pytest

from quantviz import article, dequantize, quantize


def test_the_numbers_the_article_gives():
    n = article.numbers()
    assert (n["rmin"], n["rmax"], n["qmin"], n["qmax"], n["levels"]) == (-1.0, 1.0, 0, 255, 256)
    assert article.SCALE == 2 / 255 and n["scale"] == "2/255"
    assert n["zp_real"] == 127.5 and n["zp"] == 127          # the article drops the .5
    assert n["zp_even"] == 128                               # exact rounding, ties to even
    assert n["zp_float32"] == pytest.approx(127.49999, abs=1e-5)
    assert n["naive"] == 253                                 # 0.0 x 1.0 on the codes themselves


def test_its_grid_stores_0_and_1_as_127_and_255():
    qp = article.qparams()
    assert quantize([0.0, 1.0, -1.0], qp).tolist() == [127, 255, 0]
    assert dequantize(quantize([0.0], qp), qp).tolist() == [0.0]
    assert article.grid(bits=4).qmax == 15 and article.grid(scheme="pytorch").zero_point == 127
