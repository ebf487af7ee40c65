"""The weights page in AppTest: bundled models, controls, bad URL values, uploads."""
import string

import numpy as np
import pytest
from chart_data import array, charts

from quantviz.app.shell.i18n import in_language
from quantviz.app.shell.text import literal
from quantviz.app.strings import TABLE
from quantviz.weightfiles import MESSAGES
from tests.weightfiles import npy_bytes, npz_bytes, sample_weights, tflite_bytes

PAGE = "views/weights.py"


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def upload(at, filename: str, data: bytes):
    at.button_group(key="src").set_value("upload").run()
    at.file_uploader(key="upload").set_value((filename, data, "application/octet-stream")).run()
    return at


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_every_section_in_both_languages(open_page, lang):
    at = open_page(PAGE, lang=lang)
    assert not at.exception and not at.error
    assert at.title[0].value == TABLE["weights.title"][lang == "zh"]
    specs = charts(at)
    assert len(specs) == 4  # histogram, channel ranges, overview, activations
    titles = [spec["layout"]["title"]["text"] for spec in specs]
    assert titles[0] == TABLE["fig.weights.hist.title"][lang == "zh"].format(name="dense1.weight")
    assert at.dataframe[0].value.shape == (14, 2)
    assert at.get("link_button")[0].proto.url == "mapping?data=layer:mlp/dense1.weight" + (
        "&lang=zh" if lang == "zh" else "")


def test_the_histogram_counts_every_weight_and_follows_the_bins_and_log_controls(open_page):
    at = open_page(PAGE)
    assert array(charts(at)[0]["data"][0]["y"]).sum() == 128 * 64
    assert len(array(charts(at)[0]["data"][0]["x"])) == 80
    at.slider(key="bins").set_value(30).run()
    assert len(array(charts(at)[0]["data"][0]["x"])) == 30
    assert charts(at)[0]["layout"]["yaxis"].get("type") != "log"
    at.toggle(key="log").set_value(True).run()
    assert charts(at)[0]["layout"]["yaxis"]["type"] == "log"


def test_choosing_a_model_and_a_tensor_changes_what_is_shown(open_page):
    at = open_page(PAGE)
    at.selectbox(key="model").set_value("cnn").run()
    assert at.selectbox(key="tensor").value == "conv1.weight"  # the old layer does not exist here
    at.selectbox(key="tensor").set_value("conv2.weight").run()
    assert "` conv2.weight ` (16, 8, 3, 3): 1,152 values" in markdown(at)
    channels = charts(at)[1]
    assert len(array(channels["data"][0]["x"])) == 16  # one bar per output channel
    assert "The widest channel is" in markdown(at)
    assert at.get("link_button")[0].proto.url == "mapping?data=layer:cnn/conv2.weight"
    at.selectbox(key="act").set_value("relu2").run()
    assert "` relu2 ` output (16, 4, 4) per image" in markdown(at)


def test_sorting_channels_orders_them_by_width(open_page):
    at = open_page(PAGE, model="cnn", tensor="conv2.weight", sort="true")
    bars = charts(at)[1]["data"][0]
    widths = array(bars["y"])
    assert (np.diff(widths) <= 0).all()


def test_a_bias_has_no_channel_chart_but_says_why(open_page):
    at = open_page(PAGE, tensor="dense1.bias")
    assert len(charts(at)) == 3
    assert any("has one dimension" in i.value for i in at.info)


def test_bad_url_values_fall_back_with_a_notice(open_page):
    at = open_page(PAGE, model="resnet", tensor="nope", bins="many", log="maybe", src="cloud")
    assert not at.exception
    notices = " ".join(w.value for w in at.warning)
    for raw in ("model=resnet", "tensor=nope", "bins=many", "log=maybe", "src=cloud"):
        assert raw in notices, raw
    assert at.selectbox(key="model").value == "mlp" and at.slider(key="bins").value == 80
    assert len(charts(at)) == 4


def test_the_figure_view_shows_only_the_histogram(open_page):
    at = open_page(PAGE, view="figure", model="cnn")
    assert not at.exception and len(charts(at)) == 1 and not at.title


def test_uploading_an_npz_shows_its_tensors(open_page):
    weights = sample_weights()
    at = upload(open_page(PAGE), "mine.npz", npz_bytes(**weights))
    assert not at.exception and not at.error
    assert "` mine.npz `: 2 tensors shown, 144 values." in markdown(at)
    assert at.selectbox(key="utensor").options == ["dense1.weight", "dense1.bias"]
    assert array(charts(at)[0]["data"][0]["y"]).sum() == 128
    assert not at.get("link_button")  # an upload cannot travel in a link
    assert any("bundled models" in i.value for i in at.info)  # no activations without the model


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bad_upload_gets_a_message_in_the_reader_language(open_page, lang):
    # AppTest formats widget labels outside the script run, where the page's language is not
    # known: in_language tells both sides.
    with in_language(lang):
        at = upload(open_page(PAGE, lang=lang), "w.npy", npy_bytes(np.array([object()]), allow_pickle=True))
    assert not at.exception
    expected = TABLE["weightfile.pickle"][lang == "zh"].format(name=literal("w"))
    assert [e.value for e in at.error] == [expected]
    assert not at.get("plotly_chart")


def test_an_upload_with_nan_and_skipped_tensors_reports_them(open_page):
    x = np.array([[1.0, np.nan], [np.inf, 2.0], [0.5, -1.0]], np.float32)
    at = upload(open_page(PAGE), "w.npz", npz_bytes(x=x, label=np.array(["a"]), big=np.zeros((1,) * 5)))
    warnings = " ".join(w.value for w in at.warning)
    assert "Skipped 2 tensors" in warnings and "at most 4 are supported" in warnings
    assert "` x `: 1 NaN and 1 inf values are left out" in warnings
    assert array(charts(at)[0]["data"][0]["y"]).sum() == 4


def test_a_per_channel_tflite_tensor_is_dequantized_per_channel(open_page):
    q = np.array([[10, -10, 127], [1, 2, 3]], np.int8)
    data = tflite_bytes([{"name": "fc/w", "array": q, "scale": [0.5, 0.01], "zero_point": [0, 0], "axis": 0}])
    at = upload(open_page(PAGE), "m.tflite", data)
    table = at.dataframe[0].value
    assert table.iloc[0, 1] == "int8" and table.iloc[0, 2] == "0"
    assert "2 channels: 0.5 ... 0.01" in table.iloc[0, 3]
    assert at.selectbox(key="axis").value == "0"
    assert "from -5 to 63.5" in markdown(at)


def test_every_weight_file_problem_has_both_languages_with_the_same_placeholders():
    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    for code, message in MESSAGES.items():
        en, zh = TABLE[f"weightfile.{code}"]
        assert fields(en) == fields(zh) == fields(message), code


def test_an_all_nan_tensor_and_a_constant_one_render_without_a_traceback(open_page):
    at = upload(open_page(PAGE), "w.npz", npz_bytes(allnan=np.full((2, 3), np.nan), const=np.zeros((4, 4))))
    assert not at.exception
    assert any("no finite value" in w.value for w in at.warning)
    assert len(charts(at)) == 1  # the overview; no histogram of nothing
    at.selectbox(key="utensor").set_value("const").run()
    assert not at.exception and len(charts(at)) == 3
    assert "16 values from 0 to 0" in markdown(at) and "widest channel" not in markdown(at)


def test_a_tensor_with_many_channels_is_drawn_as_runs_of_channels(open_page):
    x = (np.arange(400_000) % 251 - 125).astype(np.int8).reshape(100_000, 4)
    at = upload(open_page(PAGE), "big.npy", npy_bytes(x))
    assert not at.exception
    channels = charts(at)[1]
    envelope, median = channels["data"][:2]
    runs = len(array(envelope["x"]))
    assert 256 < runs <= 512 and len(array(median["x"])) == runs          # not one bar per channel
    assert array(envelope["base"]).min() == -125 and (array(envelope["base"]) + array(envelope["y"])).max() == 125
    assert any("100,000 channels" in c.value for c in at.caption)
    at.toggle(key="sort").set_value(True).run()
    assert not at.exception and len(array(charts(at)[1]["data"][0]["x"])) == runs


def test_the_cached_summary_of_a_huge_tensor_is_small():
    import pickle

    from quantviz.app.weights.data import summarize
    x = np.random.default_rng(0).standard_normal((2_000_000, 2)).astype(np.float32)
    summary = summarize(x, 80, axis=0)
    assert len(pickle.dumps(summary)) < 100_000
    runs = summary["channels"]["runs"]["channel"]
    assert runs["size"].sum() == 2_000_000 and runs["min"].min() == x.min() and runs["max"].max() == x.max()
    widths = summary["channels"]["runs"]["width"]
    assert (np.diff(widths["median_hi"] - widths["median_lo"]) <= 1e-6).all()   # sorted: widest first


def test_a_refused_upload_is_cached_as_plain_data_not_the_exception():
    """What the cache keeps for a refused upload is the problem alone: no traceback, hence no
    frame holding the file's bytes or the half-read file (a 30 MB upload here)."""
    import pickle

    from quantviz.app.weights.data import _read_upload
    from quantviz.weightfiles import Problem
    data = npy_bytes(np.zeros(15_000_000, np.float16))[:-1]         # one byte short: refused
    kept = _read_upload("refused-upload", "w.npy", data)
    assert isinstance(kept, Problem) and kept.code == "truncated"
    assert not hasattr(kept, "__traceback__") and len(pickle.dumps(kept)) < 2_000


def test_the_formulas_are_typeset_only_when_opened(open_page):
    assert not open_page(PAGE).latex  # KaTeX costs the page's first render
    assert open_page(PAGE, formulas="true").latex
