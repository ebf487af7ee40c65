"""The "Beyond int8" page on synthetic layers: methods, metrics, the popcount example, bad links."""
import numpy as np
import pytest

from quantviz.app.strings import TABLE
from quantviz.lowbit import approximation_error, ternary
from quantviz.synthetic import synthetic_weight_tensors

PAGE = "views/lowbit.py"


def metric(at, key: str) -> str:
    label = TABLE[key][0]
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_in_both_languages(open_page, lang):
    at = open_page(PAGE, lang=lang)
    assert not at.exception and not at.warning
    assert at.title[0].value == TABLE["lowbit.title"][0 if lang == "en" else 1]
    assert len(at.get("plotly_chart")) == 1


def test_metrics_match_the_library(open_page):
    at = open_page(PAGE)  # ternary on dense1 by default
    w = synthetic_weight_tensors(0)["dense1"]
    sqnr = approximation_error(w, ternary(w).w_hat)["sqnr_db"]
    assert metric(at, "lowbit.metric.sqnr") == f"{sqnr:.1f} dB"
    assert metric(at, "lowbit.metric.bits") == f"{2 + 32 / w.size:.4g}"
    table = at.dataframe[0].value
    assert len(table) == 9 and table.iloc[:, 1].tolist()[:2] == [round(8 + 32 / w.size, 3), round(4 + 32 / w.size, 3)]


def test_changing_method_and_layer_changes_the_output(open_page):
    at = open_page(PAGE)
    ternary_sqnr = metric(at, "lowbit.metric.sqnr")
    at.selectbox(key="method").set_value("binary").run()
    assert metric(at, "lowbit.metric.sqnr") != ternary_sqnr
    assert float(metric(at, "lowbit.metric.sqnr").split()[0]) < 0  # unscaled ±1 is worse than nothing
    assert any(TABLE["lowbit.binary.note"][0][:30] in i.value for i in at.info)
    at.selectbox(key="method").set_value("float16").run()
    assert float(metric(at, "lowbit.metric.sqnr").split()[0]) > 60
    at.selectbox(key="layer").set_value("conv1").run()
    assert at.dataframe[0].value.shape[0] == 9 and not at.exception


def test_popcount_example_follows_the_slider(open_page):
    at = open_page(PAGE)
    at.slider(key="n").set_value(9).run()
    result = next(m.value for m in at.markdown if "popcount =" in m.value)
    dot, reference = result.split("**")[1], result.rsplit(" ", 1)[-1].rstrip(".")
    assert int(dot) == int(float(reference)) and "(the 7 padding bits" in result
    assert len(at.code[0].value.splitlines()) == 5


def test_bad_url_values_fall_back_with_a_notice(open_page):
    at = open_page(PAGE, layer="dense9", method="int3", n="1000")
    assert not at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "layer=dense9" in notices and "method=int3" in notices and "n=1000" in notices
    assert at.selectbox(key="method").value == "ternary"


def test_synthetic_layers_are_reproducible_and_shaped_like_a_network():
    a, b = synthetic_weight_tensors(0), synthetic_weight_tensors(0)
    assert {k: v.shape for k, v in a.items()} == {"dense1": (64, 784), "dense2": (10, 64), "conv1": (16, 8, 3, 3)}
    assert all(np.array_equal(a[k], b[k]) and a[k].dtype == np.float32 for k in a)
    assert abs(a["dense1"].std() - np.sqrt(2 / 784)) < 0.05 * np.sqrt(2 / 784)
