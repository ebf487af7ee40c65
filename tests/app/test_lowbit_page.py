"""The "Beyond int8" page on the bundled networks: a layer under each method, the whole network
under each format, the popcount example, both languages, bad links."""
import pytest

from quantviz.app.shell.i18n import in_language
from quantviz.app.strings import TABLE
from quantviz.lowbit import approximation_error, ternary
from quantviz.nn import lowbitnet, zoo

PAGE = "views/lowbit.py"


def metric(at, key: str) -> str:
    label = TABLE[key][0]
    return next(m.value for m in at.metric if m.label == label)


def network_table(at):
    return at.dataframe[1].value


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_in_both_languages(open_page, lang):
    at = open_page(PAGE, lang=lang)
    i = 0 if lang == "en" else 1
    assert not at.exception and not at.warning
    assert at.title[0].value == TABLE["lowbit.title"][i]
    assert len(at.get("plotly_chart")) == 2
    assert at.selectbox(key="model").value == "mlp" and at.selectbox(key="layer").value == "dense1.weight"
    assert network_table(at).columns[0] == TABLE["lowbit.net.col.format"][i]
    assert any(TABLE["lowbit.net.title"][i] == s.value for s in at.header)


def test_metrics_match_the_library_on_a_real_layer(open_page):
    at = open_page(PAGE)  # ternary on mlp dense1.weight by default
    w = zoo.weight_tensors("mlp")["dense1.weight"]
    sqnr = approximation_error(w, ternary(w).w_hat)["sqnr_db"]
    assert metric(at, "lowbit.metric.sqnr") == f"{sqnr:.1f} dB"
    assert metric(at, "lowbit.metric.bits") == f"{2 + 32 / w.size:.4g}"
    assert f"{lowbitnet.tensor_bytes(w.shape, 'ternary'):,} bytes instead of {4 * w.size:,}" in at.caption[1].value
    table = at.dataframe[0].value
    assert len(table) == 9 and table.iloc[:2, 1].tolist() == [round(8 + 32 / w.size, 3), round(4 + 32 / w.size, 3)]


def test_whole_network_table_and_collapse(open_page):
    at = open_page(PAGE)
    table = network_table(at)
    assert len(table) == len(lowbitnet.VARIANTS)
    sizes = dict(zip(table.iloc[:, 0], table.iloc[:, 2]))
    assert sizes[TABLE["lowbit.method.float32"][0]] == 17226 * 4
    assert sizes[TABLE["lowbit.method.int8"][0]] == 17024 + 12 + 808
    accuracy = dict(zip(table.iloc[:, 0], table.iloc[:, 4]))
    assert accuracy[TABLE["lowbit.method.float16"][0]] == accuracy[TABLE["lowbit.method.float32"][0]] == 98.05
    assert accuracy[TABLE["lowbit.method.xnor_activations"][0]] < 15
    collapse = next(m.value for m in at.markdown if m.value.startswith("**XNOR-Net with binarized inputs collapses"))
    assert f"{accuracy[TABLE['lowbit.method.xnor_activations'][0]]:.1f} %" in collapse


def test_changing_method_layer_and_model_changes_the_output(open_page):
    at = open_page(PAGE)
    ternary_sqnr = metric(at, "lowbit.metric.sqnr")
    at.selectbox(key="method").set_value("binary").run()
    assert metric(at, "lowbit.metric.sqnr") != ternary_sqnr
    assert float(metric(at, "lowbit.metric.sqnr").split()[0]) < 0  # unscaled ±1 is worse than nothing
    assert any(TABLE["lowbit.binary.note"][0][:30] in i.value for i in at.info)
    at.selectbox(key="method").set_value("float16").run()
    assert float(metric(at, "lowbit.metric.sqnr").split()[0]) > 60
    mlp_bytes = network_table(at).iloc[0, 2]
    at.selectbox(key="model").set_value("cnn").run()
    assert not at.exception and at.selectbox(key="layer").value == "conv1.weight"  # the old layer is forgotten
    assert network_table(at).iloc[0, 2] == 1898 * 4 != mlp_bytes
    at.selectbox(key="layer").set_value("conv2.weight").run()
    assert at.dataframe[0].value.shape[0] == 9
    assert "(16, 8, 3, 3)" in at.selectbox(key="layer").format_func("conv2.weight")


def test_every_method_renders_on_every_layer_of_the_cnn(open_page):
    at = open_page(PAGE, model="cnn")
    for layer in ("conv1.weight", "dense1.weight"):
        at.selectbox(key="layer").set_value(layer).run()
        for method in lowbitnet.FORMATS:
            at.selectbox(key="method").set_value(method).run()
            assert not at.exception, (layer, method)


def test_chinese_controls_change_the_output(open_page):
    at = open_page(PAGE, lang="zh")
    with in_language("zh"):
        before = metric_zh(at)
        at.selectbox(key="method").set_value("xnor").run()
        assert metric_zh(at) != before and not at.exception
        assert at.header[0].value == TABLE["lowbit.table.title"][1]


def metric_zh(at) -> str:
    label = TABLE["lowbit.metric.sqnr"][1]
    return next(m.value for m in at.metric if m.label == label)


def test_popcount_example_follows_the_slider(open_page):
    at = open_page(PAGE)
    at.slider(key="n").set_value(9).run()
    result = next(m.value for m in at.markdown if "popcount =" in m.value)
    dot, reference = result.split("**")[1], result.rsplit(" ", 1)[-1].rstrip(".")
    assert int(dot) == int(float(reference)) and "(the 7 padding bits" in result
    assert len(at.code[0].value.splitlines()) == 5


def test_bad_url_values_fall_back_with_a_notice(open_page):
    at = open_page(PAGE, model="resnet", layer="dense9", method="int3", n="1000")
    assert not at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "model=resnet" in notices and "layer=dense9" in notices and "method=int3" in notices and "n=1000" in notices
    assert at.selectbox(key="method").value == "ternary" and at.selectbox(key="model").value == "mlp"


def test_a_link_to_a_layer_of_another_model(open_page):
    at = open_page(PAGE, model="mlp_w4", layer="dense2.weight", method="xnor")
    assert not at.exception and not at.warning
    assert at.selectbox(key="layer").value == "dense2.weight"
    w = zoo.weight_tensors("mlp_w4")["dense2.weight"]
    assert metric(at, "lowbit.metric.bits") == f"{1 + 32 * 10 / w.size:.4g}"


def test_embed_view_shows_only_the_main_figure(open_page):
    at = open_page(PAGE, view="figure")
    assert not at.exception and len(at.get("plotly_chart")) == 1 and not at.dataframe and not at.metric
