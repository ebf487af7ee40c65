"""The mapping page's figures: what they draw, and that they stay small for a million values."""
import base64

import numpy as np
import plotly.io as pio
import pytest

from quantviz import choose_qparams, fake_quantize
from quantviz.calibrate import range_sweep
from quantviz.datasets import synthetic
from quantviz.figures.mapping.error import error_curve_figure, error_histogram_figure
from quantviz.figures.mapping.histogram import MAX_GRID_LINES, grid_step, histogram_figure, step_outline
from quantviz.figures.mapping.levels import code_counts_figure, group_codes
from quantviz.figures.mapping.main import main_figure
from quantviz.figures.mapping.staircase import staircase_figure, staircase_x
from quantviz.figures.mapping.tradeoff import tradeoff_figure
from quantviz.figures.spec import typed_array, with_legend
from quantviz.figures.static import to_matplotlib
from quantviz.figures.style import keyed_layout

HIST = {k: k for k in ("title", "x", "y", "kept", "clipped", "grid_all", "range", "clip_region",
                       "minmax", "percentile", "mse", "entropy")}
HIST["grid"] = "every {k}th of {levels}"
STAIR = {k: k for k in ("title", "x", "y", "ideal", "codes", "marker", "hover")}


def _names(fig):
    return [trace.name for trace in fig.data]


def _grid_lines(fig, name):
    trace = next(t for t in fig.data if t.name == name)
    return int(np.isnan(np.asarray(trace.x, dtype=float)).sum())  # one gap after each line


@pytest.mark.parametrize("bits, lines", [(3, 8), (6, 64), (8, 64), (16, 64)])
def test_every_level_when_few_a_sample_when_many(bits, lines):
    x = synthetic("normal", 100_000)
    counts, edges = np.histogram(x, bins=120)
    qp = choose_qparams(-3, 3, bits=bits)
    fig = histogram_figure(edges, counts, qp, (-5, 5), HIST)
    name = "grid_all" if qp.levels <= MAX_GRID_LINES else f"every {grid_step(qp.levels)}th of {qp.levels}"
    assert _grid_lines(fig, name) == lines


def _area(trace) -> float:
    """Area enclosed by a filled outline (shoelace formula over each NaN-separated polygon)."""
    x, y = np.asarray(trace.x, float), np.asarray(trace.y, float)
    total = 0.0
    for part in np.split(np.arange(x.size), np.flatnonzero(np.isnan(x)) + 1):
        px, py = x[part], y[part]
        px, py = px[~np.isnan(px)], py[~np.isnan(py)]
        total += abs(np.dot(px, np.roll(py, -1)) - np.dot(py, np.roll(px, -1))) / 2
    return total


def test_step_outline_encloses_exactly_the_selected_bars():
    edges = np.array([0.0, 1.0, 2.0, 4.0, 5.0, 6.0])
    counts = np.array([3, 0, 5, 2, 7])
    mask = np.array([True, True, False, True, True])
    x, y = step_outline(edges, counts, mask, 0.0)
    assert np.isnan(x).sum() == 1  # two runs of neighbouring bars: two polygons
    trace = type("T", (), {"x": x, "y": y})
    assert _area(trace) == pytest.approx(3 * 1 + 0 * 1 + 2 * 1 + 7 * 1)
    assert step_outline(edges, counts, np.zeros(5, bool), 0.0)[0].size == 0
    _, y_log = step_outline(edges, counts, mask, 0.5)  # a log axis has no zero: empty bars sit on the floor
    assert np.nanmin(y_log) == 0.5


def test_clipped_values_and_regions():
    x = synthetic("normal", 100_000)
    counts, edges = np.histogram(x, bins=120)
    qp = choose_qparams(-1, 1)
    fig = histogram_figure(edges, counts, qp, (-5, 5), HIST, picks={"minmax": (-4.5, 4.5)}, range_used=(-1, 1))
    assert {"kept", "clipped", "range", "picks"} <= set(_names(fig))
    kept, clipped = fig.data[0], next(t for t in fig.data if t.name == "clipped")
    assert np.nanmin(np.abs(np.asarray(clipped.x, float))) > 1 - np.diff(edges).max()
    assert _area(kept) + _area(clipped) == pytest.approx(float(np.dot(counts, np.diff(edges))))
    assert len(fig.layout.shapes) == 2
    assert [e.label for e in fig.key][:3] == ["kept", "clipped",
                                              "clip_region"] and "minmax" in {e.label for e in fig.key}
    wide = histogram_figure(edges, counts, choose_qparams(-6, 6), (-5, 5), HIST)
    assert "clipped" not in _names(wide) and len(wide.layout.shapes) == 0
    assert "clip_region" not in {e.label for e in wide.key}


def test_each_pick_keeps_its_own_row_and_colour():
    counts, edges = np.histogram(synthetic("normal", 10_000), bins=40)
    picks = {"minmax": (-3.9, 3.9), "percentile": (-3.9, 3.9), "mse": (-2.5, 2.5)}
    fig = histogram_figure(edges, counts, choose_qparams(-3, 3), (-5, 5), HIST, picks=picks)
    marks = next(t for t in fig.data if t.name == "picks")
    assert list(marks.text) == ["minmax", "minmax", "percentile", "percentile", "mse", "mse"]
    assert len(set(marks.marker.color)) == 3 and len(set(marks.y)) == 3  # equal picks stay visible


def test_log_count_axis():
    counts, edges = np.histogram(synthetic("outliers", 10_000), bins=50)
    fig = histogram_figure(edges, counts, choose_qparams(-3, 3), (-12, 12), HIST, log_y=True)
    assert fig.layout.yaxis.type == "log"


def test_main_figure_shares_x_and_stays_small_for_a_million_values():
    x = synthetic("normal", 1_000_000)
    counts, edges = np.histogram(x, bins=120)
    qp = choose_qparams(-4, 4, bits=8)
    fig = main_figure(edges, counts, qp, (-5.5, 5.5), HIST, STAIR,
                      picks={"minmax": (-4.9, 4.9), "mse": (-3, 3)}, range_used=(-4, 4))
    assert {t.yaxis for t in fig.data} == {"y", "y2"} and {t.xaxis for t in fig.data} <= {None, "x"}
    spec = pio.to_json(fig)
    assert len(spec) < 40_000 and "NaN" not in spec  # numbers go out as typed arrays
    wire = fig.to_dict()["data"][0]
    assert wire["type"] == "scatter" and wire["x"]["dtype"] == "f8"  # handed over as assembled
    decoded = np.frombuffer(base64.b64decode(wire["x"]["bdata"]), np.float64)
    np.testing.assert_array_equal(decoded, np.asarray(fig.data[0].x, float))
    layout = fig.to_dict()["layout"]
    assert "title" not in layout and layout["showlegend"] is False and len(fig.key) >= 8


def test_exported_main_figure_carries_its_key_as_a_legend():
    counts, edges = np.histogram(synthetic("normal", 10_000), bins=60)
    fig = main_figure(edges, counts, choose_qparams(-4, 4, bits=8), (-5.5, 5.5), HIST, STAIR,
                      picks={"minmax": (-4.9, 4.9), "mse": (-3, 3)}, range_used=(-4, 4))
    exported = with_legend(fig)
    shown = [t.name for t in exported.data if t.showlegend]
    assert shown == [entry.label for entry in fig.key]              # the key, once, in its order
    assert exported.layout.showlegend and exported.layout.legend.y < 0
    legend = to_matplotlib(exported).legends[0]
    assert [t.get_text() for t in legend.get_texts()] == shown
    assert len(fig.data) == len(exported.data) - len(fig.key)      # the page's figure is unchanged


def test_typed_arrays_for_the_browser():
    floats = typed_array(np.array([0.5, np.nan, -2.0]))
    assert floats["dtype"] == "f8"
    assert np.isnan(np.frombuffer(base64.b64decode(floats["bdata"]), np.float64)[1])
    assert typed_array(np.arange(3, dtype=np.int64))["dtype"] == "i4"
    assert typed_array(np.array([0, 2**40]))["dtype"] == "f8"  # too large for int32: exact as float64
    grid = typed_array(np.zeros((4, 2)))
    assert grid["shape"] == "4,2"
    assert typed_array(np.array([True, False])) == [True, False]


def test_keyed_layout_leaves_room_for_the_axes():
    layout = keyed_layout("x (real units)", "count", 300, yaxis={"type": "log"})
    assert layout["showlegend"] is False and "title" not in layout
    assert layout["margin"]["l"] >= 80 and layout["margin"]["b"] >= 50
    assert layout["yaxis"] == {"title": {"text": "count", "standoff": 8}, "type": "log", "tickfont": {"size": 14}}


def test_staircase_jumps_exactly_at_step_edges_and_clamps():
    qp = choose_qparams(-1, 1, bits=3)
    x = staircase_x(qp, -2, 2, 51)
    k = np.arange(qp.qmin, qp.qmax)
    edges = (k + 0.5 - qp.zero_point) * qp.scale
    assert np.isin(np.nextafter(edges, np.inf), x).all()
    fig = staircase_figure(qp, -2, 2, STAIR, clamp_label="clamp")
    codes = np.asarray(fig.data[1].y)
    assert codes.min() == qp.qmin and codes.max() == qp.qmax
    assert np.all(np.diff(codes) >= 0) and len(fig.layout.shapes) == 4
    home = staircase_figure(qp, -1.1, 1.1, STAIR, x_mark=0.3)  # the home page's call keeps working
    assert _names(home) == ["ideal", "codes", "marker"] and home.layout.legend.y == 1.0


@pytest.mark.parametrize("bits", [4, 8, 12])
def test_error_curve_is_a_sawtooth_inside_and_grows_outside(bits):
    qp = choose_qparams(-1, 1, bits=bits)
    labels = {k: k for k in ("title", "x", "y", "error", "band", "bound", "hover")}
    fig = error_curve_figure(qp, -1.5, 1.5, labels)
    curve = next(t for t in fig.data if t.name == "error")
    x, e = np.asarray(curve.x, float), np.asarray(curve.y, float)
    inside = (x > qp.rmin + qp.scale) & (x < qp.rmax - qp.scale)
    assert np.all(np.abs(e[inside]) <= qp.scale / 2 + 1e-6)  # x̂ is stored as float32
    assert np.nanmax(np.abs(e)) == pytest.approx(1.5 - qp.rmax, rel=0.05)
    assert ("band" in _names(fig)) == (qp.levels > 128)


def test_error_histogram_colours_the_clipped_errors():
    qp = choose_qparams(-1, 1, bits=4)
    x = synthetic("normal", 10_000)
    error = fake_quantize(x, qp) - x
    counts, edges = np.histogram(error, bins=30)
    fig = error_histogram_figure(edges, counts, qp.scale / 2, {"title": "t", "x": "x", "y": "y"}, log_y=True)
    assert [t.fillcolor for t in fig.data] == ["#0072B2", "#D55E00"] and fig.layout.yaxis.type == "log"
    inside = fig.data[0]
    assert np.nanmax(np.abs(np.asarray(inside.x, float))) <= qp.scale / 2 + np.diff(edges).max()
    above_floor = np.maximum(counts, 0.5) - 0.5  # a log axis: the bars stand on 0.5
    assert _area(inside) + _area(fig.data[1]) == pytest.approx(float(np.dot(above_floor, np.diff(edges))))


def test_many_codes_are_grouped():
    q = np.arange(-32768, 32768)
    starts, sums, k = group_codes(q, np.ones(q.size, np.int64))
    assert k == 128 and sums.sum() == q.size and starts.size == 512
    labels = {"title": "t", "x": "q", "y": "n", "hover": "h", "grouped": "{k} codes per bar"}
    fig = code_counts_figure(q, np.ones(q.size, np.int64), np.zeros(q.size), np.ones(q.size), labels)
    outline = fig.data[0]
    assert outline.name == "128 codes per bar" and [e.label for e in fig.key] == ["128 codes per bar"]
    assert len(outline.x) == 2 * 512 + 2 and _area(outline) == pytest.approx(q.size * 128)  # one path
    assert outline.text[1] == "-32768 … -32641"
    few = code_counts_figure(np.arange(4), np.array([1, 5, 0, 2]), np.zeros(4), np.ones(4), labels)
    assert list(few.data[0].y) == [1, 5, 0, 2] and few.data[0].type == "bar" and not few.key


def test_codes_drawn_as_an_outline_keep_their_hover():
    q = np.arange(0, 256)
    labels = {"title": "t", "x": "q", "y": "n", "hover": "q = %{x}<br>from %{customdata[0]}", "grouped": "{k}"}
    fig = code_counts_figure(q, np.arange(256), q / 10, q / 10 + 0.05, labels)
    outline = fig.data[0]
    assert outline.type == "scatter" and outline.hovertemplate.startswith("q = %{text}")
    corner = 7  # corners 2k-1 and 2k are the top of bar k - 1 and of bar k
    assert outline.text[corner] == "3" and outline.y[corner] == 3 and outline.customdata[corner][0] == 0.3


def test_tradeoff_marks_each_method_and_the_current_range():
    sweep = range_sweep(synthetic("outliers", 50_000), bits=4)
    labels = {k: k for k in ("title", "x", "y", "rounding", "clipping", "total", "current", "hover",
                             "minmax", "percentile", "mse", "entropy")}
    picks = {"minmax": (1.0, 0.5), "mse": (0.3, 0.01), "entropy": (0.2, 0.0)}
    fig = tradeoff_figure(sweep, picks, (0.5, 0.02), labels)
    assert _names(fig) == ["rounding", "clipping", "total", "picks", "current"]
    assert list(fig.data[3].text) == ["minmax", "mse"]  # a zero error has no place on a log axis
    assert [e.label for e in fig.key] == ["rounding", "clipping", "total", "minmax", "mse", "current"]
    assert fig.layout.yaxis.type == "log"


def test_main_figure_marks_the_codes_outside_the_range_the_scale_was_chosen_for():
    x = synthetic("normal", 10_000)
    counts, edges = np.histogram(x, bins=60)
    qp = choose_qparams(-2.0, 2.0, signed=True, symmetric=True, scheme="onnxruntime")   # codes [-128, 127]
    labels = {**STAIR, "outside": "outside"}
    fig = main_figure(edges, counts, qp, (-4.0, 4.0), HIST, labels, chosen=(-127, 127))
    mark = next(trace for trace in fig.data if trace.name == "outside")
    codes = np.asarray(mark.y, float)
    assert set(codes[~np.isnan(codes)]) == {-128.0}
    assert np.nanmax(np.asarray(mark.x, float)) < -127.4 * qp.scale          # the step at -128 only
    assert "outside" in [entry.label for entry in fig.key]
    unmarked = main_figure(edges, counts, qp, (-4.0, 4.0), HIST, labels)
    assert "outside" not in [trace.name for trace in unmarked.data]
