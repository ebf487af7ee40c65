"""Settings to quantization parameters: every bad input becomes a notice and a safe fallback."""
from dataclasses import replace

import pytest

from quantviz import article, choose_qparams
from quantviz.app.mapping.state import ARTICLE, Settings, resolve
from quantviz.calibrate import METHODS

PICKS = {"minmax": (article.RMIN, article.RMAX), "percentile": (-0.9, 0.95), "mse": (-0.8, 0.8), "entropy": (-0.7, 0.7)}


def keys(res):
    return [key for _, key, _ in res.notices]


def test_the_article_example():
    res = resolve(ARTICLE, PICKS)
    assert res.qp.scale == article.SCALE and res.qp.zero_point_real == article.ZERO_POINT_REAL
    assert res.qp.zero_point == 128 and res.range_used == (article.RMIN, article.RMAX) and res.notices == []
    assert resolve(replace(ARTICLE, scheme="pytorch"), PICKS).qp.zero_point == article.ZERO_POINT


@pytest.mark.parametrize("calib", METHODS)
def test_a_calibration_method_sets_the_range(calib):
    res = resolve(Settings(calib=calib, rmin=-5.0, rmax=5.0), PICKS)
    assert res.range_used == PICKS[calib]


def test_manual_range_uses_the_sliders():
    res = resolve(Settings(bits=8, calib="manual", rmin=-0.5, rmax=2.0), PICKS)
    assert res.range_used == (-0.5, 2.0) and res.qp.zero_point == 51


def test_inverted_range_is_swapped():
    res = resolve(Settings(calib="manual", rmin=2.0, rmax=-0.5), PICKS)
    assert res.range_used == (-0.5, 2.0) and keys(res) == ["mapping.notice.inverted"]


def test_empty_and_zero_ranges():
    res = resolve(Settings(calib="manual", rmin=0.3, rmax=0.3), PICKS)
    assert "mapping.notice.empty" in keys(res) and res.qp.rmax == pytest.approx(0.3)
    res = resolve(Settings(calib="manual", rmin=0.0, rmax=0.0), PICKS)
    assert keys(res) == ["mapping.notice.zero"] and res.qp.scale == 1.0


def test_one_bit():
    res = resolve(Settings(bits=1), PICKS)
    assert keys(res) == ["mapping.notice.one_bit"] and res.qp.levels == 2
    res = resolve(Settings(bits=1, narrow=True), PICKS)
    assert keys(res) == ["mapping.notice.one_bit", "mapping.notice.invalid"]
    assert res.notices[1][2]["fallback"] == "mapping.notice.fallback.narrow" and res.qp.levels == 2
    res = resolve(Settings(bits=1, signed=True, symmetric=True, scheme="tflite"), PICKS)
    assert "mapping.notice.invalid" in keys(res) and res.qp.levels >= 2


@pytest.mark.parametrize("scale", [0.0, -1.0, float("nan"), float("inf")])
def test_a_scale_that_is_not_positive_falls_back_to_min_max(scale):
    res = resolve(Settings(bits=8, mode="qparams", scale=scale, zp=128), PICKS)
    assert keys(res) == ["mapping.notice.scale"] and res.qp.scale == article.SCALE


def test_a_tiny_scale_is_floored_and_everything_clips():
    res = resolve(Settings(bits=8, mode="qparams", scale=1e-300, zp=0), PICKS)
    assert keys(res) == ["mapping.notice.tiny_scale"] and res.qp.scale == 1e-30
    near_zero = resolve(Settings(bits=8, mode="qparams", scale=1e-9, zp=128), PICKS)
    assert near_zero.notices == [] and near_zero.qp.rmax == pytest.approx(127e-9)


@pytest.mark.parametrize("zp, fixed", [(300, 255), (-7, 0)])
def test_zero_point_outside_the_codes_is_clamped(zp, fixed):
    res = resolve(Settings(bits=8, mode="qparams", scale=0.01, zp=zp), PICKS)
    assert keys(res) == ["mapping.notice.zp"] and res.qp.zero_point == fixed
    assert res.range_used is None and res.qp.zero_point_real == fixed


def test_scale_and_zero_point_set_by_hand():
    res = resolve(Settings(mode="qparams", scale=0.5, zp=3, bits=4, signed=True), PICKS)
    assert (res.qp.qmin, res.qp.qmax, res.qp.scale, res.qp.zero_point) == (-8, 7, 0.5, 3)
    assert res.qp.rmin == -5.5 and res.qp.rmax == 2.0
    sym = resolve(Settings(bits=8, mode="qparams", symmetric=True), PICKS)
    assert keys(sym) == ["mapping.notice.symmetric_qparams"]


def test_data_key_ignores_size_and_seed_of_fixed_tensors():
    assert Settings(data="normal", n=10, seed=3).data_key == ("normal", 10, 3, False)
    assert Settings(data="layer:mlp/w", n=10, seed=3, nonfinite=True).data_key == ("layer:mlp/w", 0, 0, True)


def test_onnxruntime_symmetric_int8_scale_for_127_codes_to_minus_128():
    ort = Settings(bits=8, scheme="onnxruntime", signed=True, symmetric=True)
    res = resolve(ort, PICKS)
    assert res.chosen == (-127, 127) and (res.qp.qmin, res.qp.qmax) == (-128, 127)
    assert res.qp.scale == pytest.approx(1 / 127)
    assert resolve(replace(ort, scheme="tflite"), PICKS).chosen is None        # the converter: [-127, 127]
    assert resolve(replace(ort, scheme="pytorch"), PICKS).chosen is None
    by_hand = resolve(replace(ort, mode="qparams", scale=0.01, zp=0), PICKS)   # QuantizeLinear's codes
    assert (by_hand.qp.qmin, by_hand.qp.qmax) == (-128, 127) and by_hand.chosen is None


def test_set_by_scale_and_zero_point_the_defaults_fit_the_default_bits():
    """A link that only says ?mode=qparams maps [-1, 1] onto the default codes, with no notice."""
    res = resolve(Settings(mode="qparams"), PICKS)
    assert keys(res) == [] and (res.qp.qmin, res.qp.qmax, res.qp.zero_point) == (0, 2**Settings().bits - 1, 8)
    assert res.qp.scale == choose_qparams(-1.0, 1.0, bits=Settings().bits).scale
