"""The mapping page's figures: what they draw, and that they stay small for a million values."""
import numpy as np
import plotly.io as pio
import pytest

from quantviz import choose_qparams, fake_quantize
from quantviz.datasets import synthetic
from quantviz.figures.mapping import staircase_figure, staircase_x
from quantviz.figures.mapping_error import error_curve_figure, error_histogram_figure
from quantviz.figures.mapping_hist import MAX_GRID_LINES, grid_step, histogram_figure
from quantviz.figures.mapping_levels import code_counts_figure, group_codes
from quantviz.figures.mapping_main import main_figure
from quantviz.figures.mapping_tradeoff import tradeoff_figure
from quantviz.calibrate import range_sweep

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


def test_clipped_bars_and_regions():
    x = synthetic("normal", 100_000)
    counts, edges = np.histogram(x, bins=120)
    qp = choose_qparams(-1, 1)
    fig = histogram_figure(edges, counts, qp, (-5, 5), HIST, picks={"minmax": (-4.5, 4.5)}, range_used=(-1, 1))
    assert {"kept", "clipped", "minmax", "range", "clip_region"} <= set(_names(fig))
    clipped = next(t for t in fig.data if t.name == "clipped")
    assert np.all(np.abs(clipped.x) > 1) and sum(clipped.y) + sum(fig.data[0].y) == counts.sum()
    assert len(fig.layout.shapes) == 2
    wide = histogram_figure(edges, counts, choose_qparams(-6, 6), (-5, 5), HIST)
    assert "clipped" not in _names(wide) and len(wide.layout.shapes) == 0


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
    assert len(spec) < 80_000 and "NaN" not in spec  # gaps go out as null
    assert fig.to_dict()["data"][0]["type"] == "bar"  # handed over as assembled


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
    colours = fig.data[0].marker.color
    assert len(set(colours)) == 2 and fig.layout.yaxis.type == "log"


def test_many_codes_are_grouped():
    q = np.arange(-32768, 32768)
    starts, sums, k = group_codes(q, np.ones(q.size, np.int64))
    assert k == 128 and sums.sum() == q.size and starts.size == 512
    labels = {"title": "t", "x": "q", "y": "n", "hover": "h", "grouped": "{k} codes per bar"}
    fig = code_counts_figure(q, np.ones(q.size, np.int64), np.zeros(q.size), np.ones(q.size), labels)
    assert fig.data[0].name == "128 codes per bar" and len(fig.data[0].x) == 512
    few = code_counts_figure(np.arange(4), np.array([1, 5, 0, 2]), np.zeros(4), np.ones(4), labels)
    assert list(few.data[0].y) == [1, 5, 0, 2]


def test_tradeoff_marks_each_method_and_the_current_range():
    sweep = range_sweep(synthetic("outliers", 50_000), bits=4)
    labels = {k: k for k in ("title", "x", "y", "rounding", "clipping", "total", "current", "hover",
                             "minmax", "percentile", "mse", "entropy")}
    picks = {"minmax": (1.0, 0.5), "mse": (0.3, 0.01), "entropy": (0.2, 0.0)}
    fig = tradeoff_figure(sweep, picks, (0.5, 0.02), labels)
    assert _names(fig) == ["rounding", "clipping", "total", "minmax", "mse", "current"]
    assert fig.layout.yaxis.type == "log"
