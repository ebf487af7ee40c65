"""The int8 page in AppTest: both languages, controls change what is shown, bad URL values, uploads."""

import numpy as np
import pytest
from chart_data import array, charts

from quantviz.app.strings import TABLE
from quantviz.nn import zoo
from quantviz.nn.ptq import PTQConfig, quantize_model
from quantviz.tflite.convert import export

PAGE = "views/int8.py"


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def sqnr_layers(at) -> list[str]:
    spec = next(s for s in charts(at) if s["layout"]["title"]["text"] in
                (TABLE["fig.int8.sqnr.title"][0], TABLE["fig.int8.sqnr.title"][1]))
    return list(spec["data"][0]["x"])


def downloads(at) -> list[str]:
    return [button.key for button in at.get("download_button")]


def text(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [s.value for s in at.success] + [w.value for w in at.warning]
                     + [i.value for i in at.info] + [c.value for c in at.caption])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_every_section_in_both_languages(open_page, lang):
    at = open_page(PAGE, lang=lang)
    assert not at.exception and not at.error
    zh = lang == "zh"
    assert at.title[0].value == TABLE["int8.title"][zh]
    titles = [spec["layout"]["title"]["text"] for spec in charts(at)]
    assert titles == [TABLE["fig.int8.digit.title"][zh], TABLE["fig.int8.prob.title"][zh],
                      TABLE["fig.int8.sqnr.title"][zh],
                      TABLE["fig.int8.act.title"][zh].format(layer="dense3", n=10)]
    assert metrics(at)[TABLE["int8.pred.float"][zh]] == "0"          # test image 0 is a zero
    assert metrics(at)[TABLE["int8.test.float"][zh]] == "98.05 %"
    assert TABLE["int8.litert.ok"][zh].format(same=359, n=359) in text(at)
    table = at.dataframe[0].value
    assert table.shape == (7, 4) and table.iloc[0, 2:].tolist() == ["98.05", "98.61"]
    assert "int8_download" in downloads(at)
    grid = "8 × 8 的数值网格" if zh else "a grid of 8 × 8 values from 0 to 15"  # image 0, for a screen reader
    assert any("qv-sr-only" in m.value and grid in m.value for m in at.markdown)


def test_probabilities_are_the_softmax_of_both_models(open_page):
    at = open_page(PAGE, img="5")
    prob = charts(at)[1]
    p_float, p_int = array(prob["data"][0]["y"]), array(prob["data"][1]["y"])
    assert abs(p_float.sum() - 100) < 1e-6 and abs(p_int.sum() - 100) < 1e-6
    label = int(zoo.load_digits_split().test.labels[5])
    assert metrics(at)["float32 predicts"] == str(label) == str(int(np.argmax(p_float)))


def test_fewer_weight_bits_lower_the_accuracy_and_the_sqnr(open_page):
    at = open_page(PAGE, model="cnn")
    before = metrics(at)["quantized accuracy"]
    sqnr_before = array(charts(at)[2]["data"][0]["y"])
    at.slider(key="wbits").set_value(2).run()
    assert not at.exception
    after = metrics(at)["quantized accuracy"]
    assert float(after.rstrip(" %")) < float(before.rstrip(" %")) - 10
    assert array(charts(at)[2]["data"][0]["y"])[-1] < sqnr_before[-1]
    assert "2-bit weights packed" in at.dataframe[1].value.iloc[2, 0]


def test_low_bit_activations_have_no_tflite_file(open_page):
    at = open_page(PAGE)
    at.slider(key="abits").set_value(4).run()
    assert not at.exception and "int8_download" not in downloads(at)
    assert "TFLite's int8 kernels need 8-bit activations" in text(at)


def test_weight_only_shows_every_float_layer_and_no_input_quantization(open_page):
    at = open_page(PAGE, model="cnn")
    assert sqnr_layers(at) == ["input", "relu1", "pool1", "relu2", "pool2", "flatten", "dense1"]
    at.button_group(key="mode").set_value("weight").run()
    assert sqnr_layers(at) == ["conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "flatten", "dense1"]
    assert "weight-only quantization computes in float" in text(at)


def test_the_other_rounding_is_caught_by_litert(open_page):
    at = open_page(PAGE, model="cnn", round="single")
    assert not at.exception
    assert "this rounding is not the one they use" in text(at)


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def test_the_rounding_of_the_optimized_kernels_makes_them_agree(open_page):
    """The page says why LiteRT's optimized kernels (XNNPACK) can differ, and its rounding "as
    LiteRT's optimized kernels" agrees with them on every test image."""
    at = open_page(PAGE, model="cnn")
    assert not at.exception
    assert TABLE["int8.litert.ties"][0] in captions(at)
    assert "same codes on 293/359 images" in captions(at)               # CONV_2D rounded twice
    at = open_page(PAGE, model="cnn", round="xnnpack")
    assert not at.exception
    assert "same codes on 359/359 images" in captions(at)
    assert "this rounding is not the one they use" in text(at)          # not the reference kernels'


def test_inputs_test_image_noise_and_layer_choice(open_page):
    at = open_page(PAGE)
    at.slider(key="img").set_value(3).run()
    assert f"labelled **{int(zoo.load_digits_split().test.labels[3])}**" in text(at)
    at.selectbox(key="layer").set_value("relu1").run()
    assert charts(at)[3]["layout"]["title"]["text"].startswith("relu1: float32 against dequantized int8 (128 values)")
    at.button_group(key="src").set_value("noise").run()
    image = array(charts(at)[0]["data"][0]["z"])
    at.slider(key="seed").set_value(7).run()
    assert not np.array_equal(array(charts(at)[0]["data"][0]["z"]), image)
    assert "no digit at all" in text(at)


def test_the_drawing_input_never_breaks_the_page(open_page):
    at = open_page(PAGE, src="draw")
    assert not at.exception
    # the canvas draws in a browser; here it stays empty: the blank input, and no answer for it
    assert TABLE["int8.draw.empty"][0] in text(at)
    titles = [spec["layout"]["title"]["text"] for spec in charts(at)]
    assert titles[0] == TABLE["fig.int8.digit.title"][0] and TABLE["fig.int8.prob.title"][0] not in titles
    assert not any("predicts" in label for label in metrics(at))
    assert metrics(at)                # the whole test set below still shows its accuracy


def test_bad_url_values_fall_back_with_a_notice(open_page):
    at = open_page(PAGE, model="resnet", wbits="99", abits="x", gran="diagonal", calib="magic", src="webcam",
                   round="up", ncal="-3")
    assert not at.exception
    notices = " ".join(w.value for w in at.warning)
    for raw in ("model=resnet", "wbits=99", "abits=x", "gran=diagonal", "calib=magic", "src=webcam",
                "round=up", "ncal=-3"):
        assert raw in notices, raw
    assert at.slider(key="wbits").value == 8 and at.selectbox(key="calib").value == "minmax"
    assert TABLE["int8.litert.ok"][0].format(same=359, n=359) in text(at)


def test_a_link_sets_every_control(open_page):
    at = open_page(PAGE, model="cnn", wbits="4", abits="8", gran="tensor", calib="percentile", ncal="20",
                   round="litert")
    assert not at.exception and not at.warning
    assert at.slider(key="wbits").value == 4 and at.button_group(key="gran").value == "tensor"
    expected = quantize_model(zoo.load_model("cnn"), zoo.to_input(zoo.load_digits_split().calib.images),
                              PTQConfig(weight_bits=4, per_channel=False, method="percentile", n_calib=20))
    assert at.dataframe[1].value.iloc[3, 1] == f"{len(export(expected)):,}"


def test_the_figure_view_shows_the_input_and_the_probabilities(open_page):
    at = open_page(PAGE, view="figure", model="cnn")
    assert not at.exception and not at.title and len(charts(at)) == 2


def test_inspecting_an_uploaded_tflite_file(open_page):
    qm = quantize_model(zoo.load_model("mlp"), zoo.to_input(zoo.load_digits_split().calib.images), PTQConfig())
    at = open_page(PAGE)
    at.file_uploader(key="int8_upload").set_value(("mlp.tflite", export(qm), "application/octet-stream")).run()
    assert not at.exception
    assert "` mlp.tflite `: 14 tensors; operators: QUANTIZE, RESHAPE, FULLY_CONNECTED" in text(at)
    tensors = at.dataframe[-1].value
    row = tensors[tensors["tensor"] == "dense1/weight"].iloc[0]
    assert row["type"] == "int8" and row["shape"] == "(128, 64)" and row["scale"].startswith("128 channels")


@pytest.mark.parametrize("content, words", [(b"", "is not a .tflite file"),
                                            (b"not a model at all", "is not a .tflite file"),
                                            (b"\x10\x00\x00\x00TFL3" + b"\xff" * 40, "tables point outside the file")])
def test_a_bad_upload_gets_a_warning(open_page, content, words):
    at = open_page(PAGE)
    at.file_uploader(key="int8_upload").set_value(("x.tflite", content, "application/octet-stream")).run()
    assert not at.exception
    assert any("cannot be inspected" in w.value and words in w.value for w in at.warning)


def test_the_formulas_are_typeset_only_when_opened(open_page):
    assert not open_page(PAGE).latex  # KaTeX costs the page's first render
    formulas = open_page(PAGE, formulas="true").latex
    assert len(formulas) >= 3 and any("M_0" in f.value or "M0" in f.value for f in formulas)
