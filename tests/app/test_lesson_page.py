"""The lesson in AppTest: every step in both languages, the step in the URL, previous / next,
each step's widget changing its figure, the embed view, the share link, the numbers behind it."""
import base64
import json

import numpy as np
import pytest
from visible_text import element_texts, english_runs

from quantviz.app.lesson import data
from quantviz.app.lesson.nav import TOTAL
from quantviz.app.lesson.steps import DEEPER
from quantviz.app.shell.registry import PAGES
from quantviz.app.strings import TABLE
from quantviz.nn import zoo

PAGE = "views/lesson.py"


def ok(at):
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def figure(at) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1, "one figure per step"
    return json.loads(charts[0].proto.spec)


def title(at) -> str:
    return figure(at)["layout"]["title"]["text"]


def array(values) -> np.ndarray:
    """A figure's data array (plotly sends numpy arrays base64-encoded)."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
    return np.asarray(values)


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture
def lesson(open_page):
    def _open(**query):
        at = open_page(PAGE, **query)
        ok(at)
        return at
    return _open


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("step", range(1, TOTAL + 1))
def test_each_step_has_its_text_widget_figure_progress_and_deeper_link(lesson, step, lang):
    at = lesson(step=str(step), lang=lang)
    i = 0 if lang == "en" else 1
    assert at.header[0].value == f"{step}. {TABLE[f'lesson.s{step}.title'][i]}"
    assert TABLE[f"lesson.s{step}.text"][i][:30] in markdown(at)
    progress = at.get("progress")[0].proto
    assert progress.value == int(100 * step / TOTAL)
    assert progress.text.startswith(TABLE["lesson.progress"][i].format(n=step, total=TOTAL, title="")[:8])
    assert figure(at)["layout"]["title"]["text"]
    registered = {p.url_path for p in PAGES}
    expected = next(p for p in DEEPER[step] if p in registered)
    assert [link.proto.page for link in at.get("page_link")] == [expected]
    if lang == "zh":  # nothing left in English: text, widgets, figure titles, axes, legend, hover
        runs = [run for text in element_texts(at) for run in english_runs(text)]
        assert not runs, runs


def test_a_teacher_can_link_to_step_4(lesson):
    at = lesson(step="4")
    assert at.header[0].value.startswith("4. ")
    assert at.query_params["step"] == ["4"] or at.query_params["step"] == "4"


@pytest.mark.parametrize("raw", ["banana", "0", str(TOTAL + 1), "4.5"])
def test_a_bad_step_falls_back_to_step_1_with_a_notice(lesson, raw):
    at = lesson(step=raw)
    assert at.header[0].value.startswith("1. ")
    assert any(f"step={raw}" in w.value for w in at.warning)


def test_next_and_previous_buttons_move_one_step_and_stop_at_the_ends(lesson):
    at = lesson()
    assert at.button(key="lesson_prev").disabled and not at.button(key="lesson_next").disabled
    at.button(key="lesson_next").click().run()
    assert at.header[0].value.startswith("2. ")
    at.button(key="lesson_next").click().run()
    at.button(key="lesson_prev").click().run()
    assert at.header[0].value.startswith("2. ")
    at = lesson(step=str(TOTAL))
    assert at.button(key="lesson_next").disabled and not at.button(key="lesson_prev").disabled


def test_the_arrow_keys_are_the_shortcuts_of_previous_and_next(lesson):
    at = lesson(step="3", present="1")
    assert at.button(key="lesson_prev").proto.shortcut.lower() in ("left", "arrowleft")
    assert at.button(key="lesson_next").proto.shortcut.lower() in ("right", "arrowright")
    assert any("font-size: 21px" in m.value for m in at.markdown)


def test_step_1_compares_a_weight_form(lesson):
    at = lesson(step="1")
    w = zoo.weight_tensors("mlp")["dense1.weight"].ravel()[:data.FIRST_WEIGHTS]
    before, after = (array(t["y"]) for t in figure(at)["data"][:2])
    assert np.array_equal(before, w)
    assert 0 < np.max(np.abs(after - w)) <= np.max(np.abs(zoo.weight_tensors("mlp")["dense1.weight"])) / 127  # int8
    at.button_group(key="form").set_value("binary").run()
    ok(at)
    after = array(figure(at)["data"][1]["y"])
    assert len(np.unique(np.abs(after))) == 1 and np.array_equal(np.sign(after), np.sign(w))  # ±alpha
    assert "bits per weight: **1** instead of 32" in markdown(at)


def test_step_2_trades_size_for_accuracy(lesson):
    at = lesson(step="2")
    metrics = {m.label: m for m in at.metric}
    float_acc = 100 * zoo.load_model("mlp").meta["test_accuracy"]
    assert metrics["Test accuracy"].value == f"{data.accuracy('mlp', 8):.2f} %"
    assert abs(data.accuracy("mlp", None) - float_acc) < 1e-9
    at.slider(key="wbits").set_value(2).run()
    ok(at)
    metrics = {m.label: m for m in at.metric}
    kb = float(metrics["Model size"].value.split()[0])
    assert kb == pytest.approx((17024 * 2 / 8 + 4 * (202 + 202)) / 1000, abs=0.05)
    assert "11.7x smaller" in metrics["Model size"].delta
    assert data.accuracy("mlp", 2) < data.accuracy("mlp", 8)


def test_step_3_shows_the_bits_of_the_value(lesson):
    at = lesson(step="3", value="-2")
    bits = "".join(b for trace in figure(at)["data"] for b in trace["text"])
    assert bits == "1" + "10000000" + "0" * 23  # -2 = -1 x 2^1
    at.number_input(key="value").set_value(1e39).run()
    assert TABLE["lesson.s3.kind.inf"][0] in markdown(at)


def test_step_6_fewer_bits_make_a_coarser_staircase(lesson):
    at = lesson(step="6")
    assert "8 codes" in title(at)                        # opens at 3 bits, where the steps show
    assert "codes 0..7" in markdown(at) and "stored as **4** (rounded, ties to even)" in markdown(at)
    at.slider(key="sbits").set_value(8).run()
    ok(at)
    assert "256" in title(at) and "127.5" in markdown(at) and "stored as **128**" in markdown(at)
    assert "step 7 keeps the article's 127" in markdown(at)


def test_step_7_the_articles_253_against_127(lesson):
    at = lesson(step="7")
    text = markdown(at)
    assert "x → **127**, y → **255**" in text and "read back as **253**" in text and "code **127**" in text
    bars = figure(at)["data"][0]
    assert bars["text"] == ["0", "253", "0"]
    at.slider(key="x").set_value(0.5).run()
    at.slider(key="y").set_value(0.5).run()
    ok(at)
    values = [float(v) for v in figure(at)["data"][0]["text"]]
    assert values[0] == 0.25 and abs(values[2] - 0.25) <= 2 / 255 and values[1] > 100


def test_step_8_tflite_scales_per_channel(lesson):
    at = lesson(step="8", tlayer="cnn/conv2.weight")
    bars = figure(at)["data"][0]
    w = zoo.weight_tensors("cnn")["conv2.weight"]
    expected = np.abs(w).reshape(16, -1).max(axis=1) / 127
    assert np.allclose(array(bars["y"]), expected, rtol=1e-6)
    assert "16 output channels" in markdown(at)


def test_embed_view_is_the_step_widget_and_figure_alone(lesson):
    at = lesson(step="6", sbits="3", embed="true", view="figure")
    assert not at.title and not at.header and not at.get("progress") and not at.button
    assert "8 codes" in title(at)
    assert at.slider(key="sbits").value == 3
    assert any("step=6" in m.value and "sbits=3" in m.value for m in at.markdown)  # the link to the full page


def test_share_panel_gives_the_link_and_the_iframe_of_the_step(lesson):
    at = lesson(step="4", lang="zh", share="true")  # the panel is drawn while open
    snippets = [c.value for c in at.code]
    assert any("step=4" in s and "lang=zh" in s and "embed" not in s for s in snippets)
    assert any(s.startswith("<iframe") and "step=4" in s and "embed=true" in s and "view=figure" in s
               for s in snippets)


def test_step_9_compares_the_llm_formats_and_leads_to_their_page(lesson):
    from quantviz.llm import compare
    from quantviz.llm.outliers import synthetic_weights
    from quantviz.llm.registry import FORMATS
    at = lesson(step="9", lfmt="NF4")
    assert not at.exception and not at.warning
    rows, cols, tail, seed = data.STEP9_LAYER
    p = compare.evaluate(FORMATS["NF4"], synthetic_weights(rows, cols, seed, tail_df=tail))
    assert f"**NF4**: **{p.stored_bits:.4g} bits per weight** with an SQNR of **{p.sqnr_db:.1f} dB**" in markdown(at)
    at.segmented_control(key="lfmt").set_value("MXFP4").run()
    assert "**MXFP4**: **4.25 bits per weight**" in markdown(at)
    assert any(link.proto.page == "views/llm.py" or "llm" in str(link.proto) for link in at.get("page_link"))


def test_model_size_counts_weights_at_their_bits_and_the_rest_at_32():
    m = zoo.load_model("cnn")
    weights = sum(layer.weight.size for layer in m.layers if hasattr(layer, "weight"))
    channels = sum(len(layer.weight) for layer in m.layers if hasattr(layer, "weight"))
    assert data.model_size("cnn", None)["bytes"] == 4 * sum(v.size for v in zoo.weight_tensors("cnn").values())
    assert data.model_size("cnn", 4)["bytes"] == weights / 2 + 4 * channels + 4 * channels  # biases and scales
    assert data.model_size("cnn", 8)["scales"] == channels


def test_wider_networks_lose_less_on_average():
    widths, gaps = data.width_gaps(3)
    assert widths == sorted(zoo.WIDTH_MODELS)
    assert np.mean(gaps[:2]) > np.mean(gaps[-3:])
