"""The mapping page in AppTest: controls change what they should, the article preset, bad links."""
import pytest

from quantviz.app.mapping.state import Settings
from quantviz.app.strings import TABLE

PAGE = "views/mapping.py"


def text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def notices(at) -> str:
    return "\n".join(e.value for e in [*at.warning, *at.info, *at.success])


def value(at, key: str) -> str:
    """The value cell of the numbers table whose quantity is the string ``key``."""
    label = TABLE[key][0].replace("|", "\\|")
    for block in at.markdown:
        for line in block.value.splitlines():
            if line.startswith(f"| {label}"):
                if "\\|" in line:
                    return line.rsplit("| **", 1)[1].strip(" *|")
                return line.split("|")[-2].strip().strip("*")
    raise AssertionError(f"no row {key}")


def ok(at):
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.fixture
def page(open_page):
    def _open(**query):
        at = open_page(PAGE, **{"n": "20000", **query})
        ok(at)
        return at
    return _open


def test_renders_with_numbers_and_the_main_figure(page):
    at = page()
    assert at.title[0].value == TABLE["mapping.title"][0]
    assert value(at, "mapping.m.codes").startswith("[0, 15]")   # 4 bits by default: the steps show
    assert value(at, "mapping.m.levels").endswith("of 16 (2^4)")
    assert value(at, "mapping.m.values") == "20,000 of 20,000"
    assert len(at.get("plotly_chart")) == 1


def test_renders_in_chinese(page):
    at = page(lang="zh")
    assert at.title[0].value == TABLE["mapping.title"][1]
    assert "每个编码" in text(at)


def test_the_article_preset_gives_scale_2_over_255(page):
    at = page(data="normal", bits="4", signed="true")
    at.button(key="article_preset").click().run()
    ok(at)
    assert value(at, "mapping.m.scale") == "0.00784314 per code"
    assert value(at, "mapping.m.zp") == "127.5 → 128"
    assert value(at, "mapping.m.codes").startswith("[0, 255]")
    assert at.session_state["data"] == "article" and at.session_state["bits"] == 8
    assert TABLE["mapping.preset.done"][0] in notices(at)
    table = at.dataframe[0].value
    # exact, PyTorch, ORT, the TFLite converter, the LiteRT QUANTIZE operation, the article
    assert table.iloc[:, 3].tolist() == [128, 127, 128, 127, 127, 127]


def test_formulas_with_the_numbers_plugged_in(page):
    at = page(data="article", bits="8", formulas="true")
    latex = "\n".join(block.value for block in at.latex)
    assert r"\frac{1 - (-1)}{255 - 0} = 0.0078431373" in latex
    assert r"= 127.5 \;\rightarrow\; 128" in latex
    assert r"x = s \, (q - z)" in latex  # the docstring's formula, written once


def test_each_control_changes_what_it_should(page):
    at = page(data="article", bits="8")
    assert value(at, "mapping.m.zp") == "127.5 → 128"
    at.slider(key="bits").set_value(4).run()
    assert value(at, "mapping.m.levels") == "16 of 16 (2^4)" and value(at, "mapping.m.zp") == "7.5 → 8"
    at.toggle(key="signed").set_value(True).run()
    assert value(at, "mapping.m.codes").startswith("[-8, 7]") and value(at, "mapping.m.zp") == "-0.5 → 0"
    at.toggle(key="narrow").set_value(True).run()
    assert value(at, "mapping.m.codes").startswith("[-7, 7]")
    at.toggle(key="symmetric").set_value(True).run()
    assert value(at, "mapping.m.zp") == "0 → 0" and value(at, "mapping.m.scale") == f"{1 / 7:.6g} per code"
    at.toggle(key="narrow").set_value(False)
    at.toggle(key="symmetric").set_value(False).run()
    at.selectbox(key="scheme").set_value("pytorch").run()
    assert value(at, "mapping.m.zp") == "-0.5 → -1"


def test_calibration_and_manual_range(page):
    at = page(data="outliers")
    minmax_scale = value(at, "mapping.m.scale")
    at.selectbox(key="calib").set_value("percentile").run()
    ok(at)
    assert at.slider(key="pct").value == 99.99 and value(at, "mapping.m.scale") != minmax_scale
    at.selectbox(key="calib").set_value("mse").run()
    mse_scale = value(at, "mapping.m.scale")
    assert mse_scale not in (minmax_scale,)
    assert not at.slider(key="rmax").disabled  # the method sets the range, and it can be moved at once
    at.selectbox(key="calib").set_value("manual").run()
    assert value(at, "mapping.m.scale") == mse_scale  # handed over as is
    at.selectbox(key="calib").set_value("minmax").run()
    at.slider(key="rmax").set_value(2.0).run()        # moving a slider takes the range over from the method
    assert at.selectbox(key="calib").value == "manual" and at.slider(key="rmax").value == 2.0
    assert value(at, "mapping.m.range").endswith("]") and float(value(at, "mapping.m.clipped").split("%")[0]) > 0.1


def test_set_by_scale_and_zero_point(page):
    at = page(data="article", bits="8")
    at.button_group(key="mode").set_value("qparams").run()
    ok(at)
    assert at.number_input(key="scale").value == pytest.approx(2 / 255) and at.number_input(key="zp").value == 128
    at.number_input(key="zp").set_value(0).run()
    assert value(at, "mapping.m.range") == "[0, 2]" and value(at, "mapping.m.zp") == "0 → 0"
    assert float(value(at, "mapping.m.clipped").split("%")[0]) > 45
    at.number_input(key="scale").set_value(0.0).run()
    ok(at)
    assert TABLE["mapping.notice.scale"][0][:30] in notices(at)


@pytest.mark.parametrize("fig, charts", [("error", 3), ("levels", 2), ("tradeoff", 2)])
def test_secondary_figures_on_demand(page, fig, charts):
    at = page(data="laplace", fig=fig)
    assert len(at.get("plotly_chart")) == charts


def test_nan_and_inf_are_counted_and_excluded(page):
    at = page(nonfinite="true")
    assert "20 of the values are not finite" in notices(at)
    assert value(at, "mapping.m.values") == "19,980 of 20,000"


def test_one_bit_and_impossible_settings(page):
    at = page(bits="1")
    assert TABLE["mapping.notice.one_bit"][0] in notices(at)
    assert value(at, "mapping.m.levels").endswith("of 2 (2^1)")
    at = page(bits="1", narrow="true")
    assert "narrow range with 1 bit" in notices(at)


@pytest.mark.parametrize("query, shown", [
    ({"calib": "manual", "rmin": "1.5", "rmax": "-1.0"}, "swapped"),
    ({"calib": "manual", "rmin": "0.5", "rmax": "0.5"}, "empty range"),
    ({"mode": "qparams", "zp": "999"}, "lies outside the codes"),
    ({"mode": "qparams", "scale": "-3"}, "must be a positive number"),
    ({"data": "article", "n": "1", "nonfinite": "true"}, "No finite values are left"),
])
def test_bad_input_gives_a_notice(page, query, shown):
    at = page(**query)
    assert shown in notices(at)


def test_garbage_in_the_link_falls_back_with_a_notice(page):
    at = page(bits="banana", data="cauchy", scheme="fortran", rmax="inf", fig="3d", signed="maybe", n="-4",
              calib="manual")
    shown = notices(at)
    for key in ("bits=banana", "data=cauchy", "scheme=fortran", "fig=3d", "signed=maybe", "n=-4"):
        assert key in shown
    assert at.slider(key="bits").value == Settings().bits and at.selectbox(key="data").value == "normal"


def test_share_panel_has_the_link_and_the_embed_snippet(page):
    assert not page(data="bimodal", bits="5").code  # closed, the panel draws nothing
    at = page(data="bimodal", bits="5", share="true")
    codes = [c.value for c in at.code]
    assert any("data=bimodal&" in c and "bits=5" in c and "embed" not in c for c in codes)   # codes, not labels
    assert any(c.startswith("<iframe") and "embed=true&amp;view=figure" in c for c in codes)


def test_embed_view_shows_the_figure_alone(page):
    at = page(data="bimodal", bits="3", embed="true", view="figure")
    assert len(at.get("plotly_chart")) == 1
    assert not at.title and not at.selectbox
    assert [s.key for s in at.slider] == ["bits"] and at.slider(key="bits").value == 3   # the control it keeps
    assert "data=bimodal&" in text(at) and "bits=3" in text(at)
    at.slider(key="bits").set_value(5).run()
    assert "bits=5" in text(at) and len(at.get("plotly_chart")) == 1


def test_a_layer_of_a_bundled_network(page):
    at = page(data="layer:mlp/dense1.weight", n="5", seed="9")
    assert at.selectbox(key="data").value == "layer:mlp/dense1.weight"
    assert value(at, "mapping.m.values") == "8,192 of 8,192"  # 128 x 64 weights; size and seed do not apply
    assert at.number_input(key="n").disabled


def test_each_figure_has_its_key_written_by_the_page(page):
    at = page(calib="manual", rmin="-1.0", rmax="1.0")
    keys = [m.value for m in at.markdown if m.value.startswith("<div")]
    assert len(keys) == 1 and len(at.get("plotly_chart")) == 1
    for label in ("mapping.fig.hist.kept", "mapping.fig.hist.clipped", "mapping.fig.pick.mse",
                  "mapping.fig.stair.codes"):
        assert TABLE[label][0] in keys[0]
    at = page(fig="tradeoff", lang="zh")
    keys = [m.value for m in at.markdown if m.value.startswith("<div")]
    assert len(keys) == 2 and TABLE["mapping.fig.trade.rounding"][1] in keys[1]


def test_key_html_escapes_labels():
    from quantviz.app.shell.figure import key_html
    from quantviz.figures.style import KeyEntry

    html = key_html([KeyEntry("■", "#0072B2", "x < 1 & <b>"), KeyEntry("━", "rgba(1, 2, 3, 0.5)", "q")])
    assert "x &lt; 1 &amp; &lt;b&gt;" in html and "<b>" not in html
    assert html.count("color:") == 2 and "rgba(1, 2, 3, 0.5)" in html


def test_onnxruntime_scale_chosen_for_127_saturates_at_minus_128(page):
    """ONNX Runtime's symmetric int8: the scale is chosen for [-127, 127], QuantizeLinear saturates to
    [-128, 127]; the page says so, marks the step on the staircase and lists both TFLite rows."""
    at = page(bits="8", scheme="onnxruntime", signed="true", symmetric="true", frameworks="true")
    assert value(at, "mapping.m.codes").startswith("[-128, 127]")
    note = TABLE["mapping.saturation.note"][0].format(lo=-127, hi=127, qmin=-128, qmax=127)
    assert note in [c.value for c in at.caption]
    keys = [m.value for m in at.markdown if m.value.startswith("<div")]
    assert TABLE["mapping.fig.stair.outside"][0].format(lo=-127, hi=127) in keys[0]
    table = at.dataframe[0].value.set_index(TABLE["mapping.fw.who"][0])
    chosen, codes = table[TABLE["mapping.fw.chosen"][0]], table[TABLE["mapping.fw.codes"][0]]
    assert (chosen["ONNX Runtime 1.32"], codes["ONNX Runtime 1.32"]) == ("[-127, 127]", "[-128, 127]")
    assert codes[TABLE["mapping.fw.name.tflite"][0]] == "[-127, 127]"
    assert codes[TABLE["mapping.fw.name.tflite_op"][0]] == "[-128, 127]"
    assert codes["PyTorch 2.13"] == chosen["PyTorch 2.13"] == "[-128, 127]"
    assert TABLE["mapping.frameworks.more.body"][0] in text(at)        # the version notes, in a popover
    at = page(scheme="pytorch", signed="true", symmetric="true")
    assert not any("QuantizeLinear" in c.value for c in at.caption)


def test_the_versions_each_scheme_reproduces_in_chinese(page):
    at = page(frameworks="true", lang="zh")
    assert TABLE["mapping.frameworks.versions"][1] in [c.value for c in at.caption]
    assert TABLE["mapping.frameworks.more.body"][1] in text(at)


def test_the_frameworks_table_says_which_rows_no_library_checks_at_these_bits(page):
    """At the default 4 unsigned bits PyTorch and ONNX Runtime (uint4) are checked against the
    library, LiteRT has no 4-bit unsigned type; at 8 bits every row is checked; at 3 bits only PyTorch."""
    def unchecked(at) -> list[str]:
        said = TABLE["mapping.frameworks.unchecked"][0].split("{kind}")[1][:25]   # " codes in the library, ..."
        return [c.value.split(":")[0] for c in at.caption if said in c.value]

    assert unchecked(page(frameworks="true")) == ["TFLite"]
    assert unchecked(page(bits="8", frameworks="true")) == []
    assert unchecked(page(bits="3", frameworks="true")) == ["ONNX Runtime, TFLite"]
