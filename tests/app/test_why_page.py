"""The "Why it works" page: the stored width sweep, the mode switch, live recompute, bad links."""
import json

import pytest

from quantviz.app import why as why_view
from quantviz.app.shell.i18n import in_language
from quantviz.app.strings import TABLE
from quantviz.nn import widthsweep

PAGE = "views/why.py"


def gap_column(at, bits: int, lang: int = 0):
    table = at.dataframe[0].value
    return table[TABLE["why.col.gap"][lang].format(bits=bits)].tolist()


def chart_titles(at) -> list[str]:
    return [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]


def chart_subtitles(at) -> list[str]:
    return [json.loads(c.proto.spec)["layout"]["title"]["subtitle"]["text"] for c in at.get("plotly_chart")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_in_both_languages(open_page, lang):
    at = open_page(PAGE, lang=lang)
    i = 0 if lang == "en" else 1
    assert not at.exception and not at.warning
    assert at.title[0].value == TABLE["why.title"][i]
    assert chart_titles(at) == [TABLE["fig.why.gap.title"][i], TABLE["fig.why.acc.title"][i]]
    assert len(at.latex) == 5 and at.dataframe[0].value.columns[0] == TABLE["why.col.width"][i]


def test_table_shows_the_stored_gaps(open_page):
    at = open_page(PAGE)
    stored = widthsweep.load()
    n = stored["test_images"]
    expected = [round(100 * (m["float"] - m["weights_activations"][2]) / n, 2) for m in stored["models"]]
    assert gap_column(at, 4) == expected
    assert at.dataframe[0].value.iloc[:, 0].tolist() == [4, 8, 16, 32, 64, 128, 256]
    reading = " ".join(m.value for m in at.markdown)
    assert f"at 4 bits from {expected[0]:.1f} pp (width 4)" in reading


def test_the_mode_switch_changes_figures_table_and_reading(open_page):
    at = open_page(PAGE)
    gaps_both = gap_column(at, 3)
    reading_both = [m.value for m in at.markdown]
    at.button_group(key="quantized").set_value("weights").run()
    assert not at.exception
    assert gap_column(at, 3) != gaps_both and gap_column(at, 3)[-1] < gaps_both[-1]
    assert [m.value for m in at.markdown] != reading_both
    assert all(TABLE["why.mode.weights"][0] in s for s in chart_subtitles(at))


def test_chinese_mode_switch(open_page):
    at = open_page(PAGE, lang="zh")
    with in_language("zh"):
        before = gap_column(at, 4, lang=1)
        at.button_group(key="quantized").set_value("weights").run()
        assert not at.exception and gap_column(at, 4, lang=1) != before
        assert all(TABLE["why.mode.weights"][1] in s for s in chart_subtitles(at))


def test_recompute_reproduces_the_stored_results(open_page):
    at = open_page(PAGE)
    assert not any(TABLE["fig.why.live"][0] in s for s in chart_subtitles(at))
    at.button(key="recompute").click().run()
    assert not at.exception
    assert at.success[0].value == TABLE["why.same"][0]
    assert all(TABLE["fig.why.live"][0] in s for s in chart_subtitles(at))
    assert TABLE["why.source.live"][0].split(":")[0] in at.caption[0].value
    assert gap_column(at, 4)[0] == round(100 * 135 / 359, 2)


def test_a_link_to_weights_only(open_page):
    at = open_page(PAGE, quantized="weights")
    assert not at.exception and not at.warning
    assert at.button_group(key="quantized").value == "weights"


def test_bad_url_value_falls_back_with_a_notice(open_page):
    at = open_page(PAGE, quantized="everything")
    assert not at.exception
    assert "quantized=everything" in " ".join(w.value for w in at.warning)
    assert at.button_group(key="quantized").value == "weights_activations"


def test_embed_view_shows_the_main_figure_only(open_page):
    at = open_page(PAGE, view="figure")
    assert not at.exception and len(at.get("plotly_chart")) == 1 and not at.dataframe and not at.button


def test_differences_counts_changed_numbers():
    stored = widthsweep.load()
    changed = json.loads(json.dumps(stored))
    changed["models"][3]["weights"][1] += 1
    changed["models"][0]["float"] -= 2
    assert why_view.differences(stored, stored) == (0, 77)
    assert why_view.differences(stored, changed) == (2, 77)
