"""The theme's colours reach WCAG 2.2 AA in light and dark: text 4.5:1, focus ring 3:1.

Streamlit draws a selected option's label in the primary colour on a tint (the primary at about
10 % over the widget's grey), a caption in the text colour at 60 %, and a primary button's label
in white (the app's style draws it in ``a11y.ON_PRIMARY`` instead)."""
import pathlib
import tomllib

import pytest

from quantviz.app.shell import a11y
from quantviz.figures.colours import AA_GRAPHICS, AA_TEXT, blend, contrast_ratio
from quantviz.figures.formats import FIELD_COLOURS, FIELD_TEXT

CONFIG = tomllib.loads((pathlib.Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
THEMES = {"light": 0, "dark": 1}


def theme(name):
    return CONFIG["theme"][name]


def test_contrast_ratio_is_wcags():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)   # the classic near miss
    assert contrast_ratio("#1f6feb", "#dde7f7") == pytest.approx(3.71, abs=0.01)   # the old selected option
    assert blend("#000000", "#ffffff", 0.5) == "#808080"


@pytest.mark.parametrize("name", THEMES)
def test_primary_colour_as_text_on_every_background_it_meets(name):
    th = theme(name)
    primary = th["primaryColor"]
    for background in (th["backgroundColor"], th["secondaryBackgroundColor"]):
        assert contrast_ratio(primary, background) >= AA_TEXT, (name, primary, background)
        tint = blend(primary, background, 0.10)          # a selected segmented control or pill
        assert contrast_ratio(primary, tint) >= AA_TEXT, (name, primary, tint)


@pytest.mark.parametrize("name", THEMES)
def test_primary_buttons_label(name):
    label = a11y.ON_PRIMARY[THEMES[name]]
    assert contrast_ratio(label, theme(name)["primaryColor"]) >= AA_TEXT


@pytest.mark.parametrize("name", THEMES)
def test_captions_and_text(name):
    th = theme(name)
    for background in (th["backgroundColor"], th["secondaryBackgroundColor"]):
        caption = blend(th["textColor"], background, 0.60)
        assert contrast_ratio(caption, background) >= AA_TEXT, (name, caption, background)
        assert contrast_ratio(th["textColor"], background) >= 7.0   # body text: AAA


@pytest.mark.parametrize("name", THEMES)
def test_chart_text_and_focus_ring(name):
    background = theme(name)["backgroundColor"]
    assert contrast_ratio(a11y.CHART_TEXT[THEMES[name]], background) >= AA_TEXT
    assert contrast_ratio(a11y.FOCUS[THEMES[name]], background) >= AA_GRAPHICS
    assert a11y.FOCUS[THEMES[name]].lower() == theme(name)["primaryColor"].lower()


def test_the_style_sets_each_pair():
    for colours in (a11y.CHART_TEXT, a11y.GRIDLINE, a11y.FOCUS, a11y.ON_PRIMARY):
        assert a11y.pair(colours) in a11y.CSS
    assert "prefers-reduced-motion: reduce" in a11y.CSS and ":focus-visible" in a11y.CSS


def test_filled_bit_boxes_read_in_both_themes():
    for field, colour in FIELD_COLOURS.items():
        assert contrast_ratio(FIELD_TEXT[field], colour) >= AA_TEXT, field
