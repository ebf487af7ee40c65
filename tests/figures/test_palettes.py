"""The figures' colours stay apart for readers with a colour-vision deficiency, and colour is
never the only thing that tells two series apart.

Each palette that one figure or key uses together is simulated (colorspacious, severity 100) for
deuteranomaly, protanomaly and tritanomaly; any two of its colours must stay at least
``MIN_DELTA_E`` apart in CAM02-UCS (about the difference between two clearly named colours), or
the series must differ in something else too (dash, line width, marker shape, a text label)."""
import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from quantviz.figures import formats, lesson, why
from quantviz.figures.colours import rgb
from quantviz.figures.formats import spacing_figure
from quantviz.figures.mapping.histogram import METHOD_COLOURS, METHOD_GLYPHS, METHOD_SYMBOLS

MIN_DELTA_E = 10.0
DEFICIENCIES = ("deuteranomaly", "protanomaly", "tritanomaly")


def seen(colour: str, deficiency: str | None) -> np.ndarray:
    """``colour`` (sRGB 0..1) as a reader with ``deficiency`` (None: typical vision) sees it."""
    x = np.asarray(rgb(colour), dtype=np.float64) / 255
    if deficiency is None:
        return x
    simulated = cspace_convert(x, {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}, "sRGB1")
    return np.clip(simulated, 0, 1)


def distance(a: str, b: str) -> float:
    """The smallest CAM02-UCS distance between ``a`` and ``b`` over typical vision and the three deficiencies."""
    return min(deltaE(seen(a, d), seen(b, d), input_space="sRGB1") for d in (None, *DEFICIENCIES))


def test_the_simulation_separates_what_it_should():
    assert distance("#D55E00", "#009E73") > 15          # Okabe-Ito vermillion and bluish green: apart
    assert distance("#ff0000", "#00aa00") < MIN_DELTA_E < deltaE(seen("#ff0000", None), seen("#00aa00", None),
                                                                 input_space="sRGB1")   # pure red and green: not


PALETTES = {
    "formats page: bit fields": formats.FIELD_COLOURS,
    "lesson: a float's bit fields": lesson.FIELD_COLOURS,
    "mapping: calibration methods": METHOD_COLOURS,
    "why it works: bits": why.BITS_COLOURS,
    "formats page: spacing curves": {f: c for f, c in formats.FORMAT_COLOURS.items() if f != "int4"},
}


@pytest.mark.parametrize("name", PALETTES)
def test_palette_is_told_apart_under_each_deficiency(name):
    colours = PALETTES[name]
    close = [(a, b, round(distance(colours[a], colours[b]), 1)) for a, b in itertools.combinations(colours, 2)
             if distance(colours[a], colours[b]) < MIN_DELTA_E]
    allowed = {("float8_e4m3fn", "uint8"), ("float8_e5m2", "uint8")}   # uint8 is drawn 4 px wide, floats 1.5 px
    assert [c for c in close if (c[0], c[1]) not in allowed] == []


def test_spacing_curves_differ_in_more_than_colour():
    curves = [{"format": f, "name": f, "x": np.array([1.0, 2.0]), "y": np.array([1.0, 2.0]), "dash": f == "int4"}
              for f in formats.FORMAT_COLOURS]
    fig = spacing_figure(curves, {k: k for k in ("title", "x", "y", "hover", "mark")})
    lines = [(t.name, t.line.color, t.line.width, t.line.dash) for t in fig.data]
    for (n1, c1, w1, d1), (n2, c2, w2, d2) in itertools.combinations(lines, 2):
        assert distance(c1, c2) >= MIN_DELTA_E or w1 != w2 or d1 != d2, (n1, n2)


def test_calibration_methods_have_a_shape_and_a_glyph_each():
    assert len(set(METHOD_SYMBOLS.values())) == len(METHOD_SYMBOLS) == len(METHOD_COLOURS)
    assert len(set(METHOD_GLYPHS.values())) == len(METHOD_GLYPHS)


def test_each_bit_width_in_the_why_page_has_its_own_dash():
    assert len(set(why.BITS_DASH.values())) == len(why.BITS_DASH) and set(why.BITS_DASH) == set(why.BITS_COLOURS)
