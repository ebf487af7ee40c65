"""The LLM page's figures: what each draws, and each one exported as PNG, SVG and HTML."""
import re

import numpy as np
import pytest

from quantviz.app.shell.figure import for_export
from quantviz.figures import static
from quantviz.figures.llm import block, codebooks, gptq, network, outliers, pareto
from quantviz.llm import anatomy, compare
from quantviz.llm.gptq import gptq as run_gptq
from quantviz.llm.outliers import synthetic_weights
from quantviz.llm.registry import FORMATS

FAMILIES = list(pareto.FAMILY_STYLE)


def labels(*keys) -> dict:
    return {k: f"<{k}>" for k in keys}


@pytest.fixture(scope="module")
def w():
    return synthetic_weights(32, 512, 0, tail_df=5.0)


@pytest.fixture(scope="module")
def figures(w):
    points = compare.compare(w)
    front = compare.pareto_front(points)
    b = anatomy.block_anatomy(FORMATS["Q4_K"], w, 1)
    x = np.random.default_rng(0).standard_normal((600, 512)).astype(np.float32)
    steps = run_gptq(w, x, FORMATS["Q4_0"].fitter(w), 32).steps
    return {
        "pareto": pareto.pareto_figure([p.__dict__ for p in points], front, "NF4",
                                       labels("title", "subtitle", "x", "y", "hover", "front", "selected", *FAMILIES)),
        "block": block.block_figure(b.x, b.stored, b.codes, b.levels, labels("title", "x", "y", "weights", "stored",
                                                                               "grid", "hover")),
        "codebooks": codebooks.codebook_figure({"int4": np.arange(-7, 8) / 7, "nf4": np.linspace(-1, 1, 16)},
                                               labels("title", "x", "hover", "int4", "nf4")),
        "outliers": outliers.outlier_figure(
            {"none": np.abs(x).max(0), "rotation": np.abs(x).max(0) / 2},
            {"per-tensor": {"none": 0.1, "rotation": 1e-3}, "per-token": {"none": 1e-2, "rotation": 1e-4}},
            labels("title", "channels", "x", "y", "hover", "errors", "error_y", "error_hover", "per-tensor",
                   "per-token", "none", "rotation")),
        "network": network.network_figure([{"name": "float32", "family": "float", "stored_bits": 32, "accuracy": 0.98,
                                            "correct": 352}, {"name": "Q4_K", "family": "llama.cpp",
                                                              "stored_bits": 4.5, "accuracy": 0.97, "correct": 348}],
                                          labels("title", "x", "y", "hover", "float_line", *FAMILIES)),
        "step": gptq.step_figure(steps[3].__dict__, labels("title", "x", "y", "hover", "before", "change")),
        "error": gptq.error_figure({"rtn": 0.1, "gptq": 0.05, "rtn_calib": 0.1, "gptq_calib": 0.04},
                                   labels("title", "y", "hover", "rtn", "gptq", "held_out", "calibration")),
    }


def test_the_main_figure_names_every_format_and_rings_the_chosen_one(figures, w):
    fig = figures["pareto"]
    named = {d[0] for trace in fig.data if trace.customdata is not None for d in trace.customdata}
    assert named == set(FORMATS)
    ring = next(t for t in fig.data if t.name == "<selected>")
    p = compare.evaluate(FORMATS["NF4"], w)
    assert ring.x == (p.stored_bits,) and ring.y == (p.sqnr_db,)
    front = next(t for t in fig.data if t.name == "<front>")
    assert list(front.x) == sorted(front.x) and len(front.x) == len(compare.pareto_front(compare.compare(w)))
    assert pareto.selected_name({"selection": {"points": [{"customdata": ["Q8_0", 1e-6]}]}}) == "Q8_0"


def test_the_gptq_step_shows_only_the_compensation(figures):
    change = np.asarray(figures["step"].data[1].z, dtype=float)
    assert np.isnan(change[:, :4]).all() and np.isfinite(change[:, 4:]).all()


def level_lines(shape: dict) -> list[tuple[float, float, float]]:
    """A level path's lines as (start, end, value)."""
    return [(float(x0), float(x1), float(y))
            for x0, y, x1 in re.findall(r"M([^,]+),([^H]+)H([^M]+)", shape["path"])]


def test_the_block_reads_back_each_stored_value_as_one_level_line_per_position(w):
    b = anatomy.block_anatomy(FORMATS["Q4_0"], w, 1)
    fig = block.block_figure(b.x, b.stored, b.codes, b.levels, labels("title", "x", "y", "weights", "stored",
                                                                        "grid", "hover"))
    grid, read_back = fig.to_dict()["layout"]["shapes"]             # one path each: one element to draw
    assert (grid["layer"], read_back["layer"]) == ("between", "above")   # Q4_0: 32 weights, drawn as dots
    lines = level_lines(read_back)
    assert [y for _, _, y in lines] == [float(v) for v in b.stored]           # exactly the stored values
    assert np.allclose([(x0 + x1) / 2 for x0, x1, _ in lines], np.arange(len(b.x)))   # centred on its position
    hover = next(t for t in fig.traces() if t["name"] == "<stored>")           # an invisible line to hover
    assert hover["line"]["width"] == 0 and np.array_equal(hover["y"], b.stored)
    assert np.array_equal(hover["customdata"][:, 1], b.codes)                  # its code in the hover


def test_a_super_block_draws_its_256_weights_as_dashes_in_one_path(w):
    b = anatomy.block_anatomy(FORMATS["Q4_K"], w, 1)
    fig = block.block_figure(b.x, b.stored, b.codes, b.levels, labels("title", "x", "y", "weights", "stored",
                                                                        "grid", "hover"))
    grid, weights, read_back = fig.to_dict()["layout"]["shapes"]
    assert [y for _, _, y in level_lines(weights)] == [float(v) for v in b.x]
    assert [t["mode"] for t in fig.traces()] == ["lines"]                     # no marker per weight
    assert [e.glyph for e in fig.key] == ["━", "▬", "━"]


def test_the_outlier_figure_has_the_channels_above_and_the_errors_below(figures):
    fig = figures["outliers"]
    lines = [t for t in fig.traces() if t["type"] == "scatter"]
    bars = [t for t in fig.traces() if t["type"] == "bar"]
    assert len(lines) == 2 and all("yaxis" not in t for t in lines)          # max |X_j| on the upper axes
    assert len(bars) == 2 and all(t["xaxis"] == "x2" and t["yaxis"] == "y2" for t in bars)
    layout = fig.to_dict()["layout"]
    assert layout["yaxis2"]["domain"][1] < layout["yaxis"]["domain"][0]        # the panels do not overlap
    assert layout["yaxis"]["type"] == layout["yaxis2"]["type"] == "log"
    assert [e.label for e in fig.key] == ["<none>", "<rotation>"]             # one key for both panels


def test_the_gptq_step_colour_scales_are_written_out(figures):
    """plotly.js knows no PuOr and its own RdBu runs the other way: the browser gets the lists."""
    scales = [t["colorscale"] for t in figures["step"].traces()]
    assert all(isinstance(s, list) and s[0][0] == 0 and s[-1][0] == 1 for s in scales)


@pytest.mark.parametrize("name", ["pareto", "block", "codebooks", "outliers", "network", "step", "error"])
def test_every_figure_exports(figures, name):
    fig = for_export(figures[name], "a title")
    assert static.to_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in static.to_svg(fig)[:400]
    assert b"plotly" in static.to_html(fig)[:100_000].lower()


@pytest.mark.parametrize("name", ["Q4_K", "Q4_0", "NF4", "MXFP4"])
def test_the_block_grid_lines_pass_over_every_level_of_every_position_and_no_other(w, name):
    levels = anatomy.block_anatomy(FORMATS[name], w, 1).levels
    lines = list(zip(*block.grid_lines(levels), strict=True))
    drawn = {(p, y) for x0, x1, y in lines for p in range(int(np.ceil(x0)), int(np.floor(x1)) + 1)}
    wanted = {(p, float(y)) for p in range(levels.shape[1]) for y in levels[:, p] if np.isfinite(y)}
    assert drawn == wanted
    assert len(lines) < levels.size / 4     # a line per level of each run of positions sharing a scale
    assert level_lines(block.level_shape(*block.grid_lines(levels), "grey", 1, "between")) == lines
