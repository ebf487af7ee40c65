"""The main figure: the values' histogram under the quantization grid, clipped regions shaded."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..affine import QParams
from .common import BLUE, GREEN, GREY, ORANGE, PURPLE, RED, SKY
from .mapping_style import figure, layout, legend_only, vrect

MAX_GRID_LINES = 64
METHOD_COLOURS = {"minmax": ORANGE, "percentile": GREEN, "mse": PURPLE, "entropy": SKY}
METHOD_DASH = {"minmax": "dash", "percentile": "dashdot", "mse": "dot", "entropy": "longdash"}


def grid_step(levels: int, max_lines: int = MAX_GRID_LINES) -> int:
    """Draw every ``k``-th level so that at most ``max_lines`` lines are drawn."""
    return max(1, -(-levels // max_lines))


def vertical_lines(xs, y0: float, y1: float) -> tuple[np.ndarray, np.ndarray]:
    """One trace's x/y for vertical segments at ``xs`` (separated by NaN, a gap in the line)."""
    xs = np.asarray(xs, dtype=np.float64)
    x_out = np.repeat(xs, 3)
    x_out[2::3] = np.nan
    y_out = np.tile([y0, y1, np.nan], xs.size)
    return x_out, y_out


def clip_edges(qp: QParams) -> tuple[float, float]:
    """Inputs below the first or above the second are clamped (half a step beyond the grid)."""
    return float(qp.rmin - qp.scale / 2), float(qp.rmax + qp.scale / 2)


def _lines(xs, y0, y1, name, line, opacity=1.0) -> dict:
    x, y = vertical_lines(xs, y0, y1)
    return {"type": "scatter", "x": x, "y": y, "mode": "lines", "name": name, "hoverinfo": "skip",
            "line": line, "opacity": opacity}


def histogram_parts(edges: np.ndarray, counts: np.ndarray, qp: QParams, view: tuple[float, float],
                    labels: dict, picks: dict | None = None, range_used: tuple[float, float] | None = None,
                    log_y: bool = False, yaxis: str = "y") -> tuple[list, list, dict]:
    """Traces, shapes and y-axis settings of the histogram panel (see ``histogram_figure``)."""
    lo_clip, hi_clip = clip_edges(qp)
    centres = (edges[:-1] + edges[1:]) / 2
    widths = np.diff(edges)
    clipped = (centres < lo_clip) | (centres > hi_clip)
    traces = []
    for name, mask, colour in ((labels["kept"], ~clipped, BLUE), (labels["clipped"], clipped, RED)):
        if mask.any():
            traces.append({"type": "bar", "x": centres[mask], "y": counts[mask], "width": widths[mask],
                           "name": name, "marker": {"color": colour, "line": {"width": 0}}, "opacity": 0.85,
                           "hovertemplate": "x ≈ %{x:.4g}<br>%{y:,}<extra></extra>"})
    y_top = float(counts.max(initial=1)) * 1.08 or 1.0
    y_bottom = 0.5 if log_y else 0.0
    step = grid_step(qp.levels)
    xs = qp.scale * (np.arange(qp.qmin, qp.qmax + 1, step) - qp.zero_point)
    name = labels["grid_all"] if step == 1 else labels["grid"].format(k=step, levels=qp.levels)
    traces.append(_lines(xs, y_bottom, y_top, name, {"color": GREY, "width": 1}, opacity=0.7))
    for method, (a, b) in (picks or {}).items():
        traces.append(_lines((a, b), y_bottom, y_top, labels[method],
                             {"color": METHOD_COLOURS.get(method, GREY), "width": 2,
                              "dash": METHOD_DASH.get(method, "dash")}))
    if range_used is not None:
        traces.append(_lines(range_used, y_bottom, y_top, labels["range"], {"color": RED, "width": 3}))
    for trace in traces:
        trace["yaxis"] = yaxis
    shapes = [vrect(x0, x1) for x0, x1 in ((view[0], lo_clip), (hi_clip, view[1])) if x1 > x0]
    if shapes and "clip_region" in labels:
        traces.append({**legend_only(labels["clip_region"], color=RED, opacity=0.25, size=14, symbol="square"),
                       "yaxis": yaxis})
    axis = ({"type": "log", "range": [np.log10(y_bottom), np.log10(y_top)]} if log_y else {"range": [0, y_top]})
    axis["title"] = {"text": labels["y"]}
    return traces, shapes, axis


def histogram_figure(edges: np.ndarray, counts: np.ndarray, qp: QParams, view: tuple[float, float],
                     labels: dict, picks: dict | None = None, range_used: tuple[float, float] | None = None,
                     log_y: bool = False, height: int = 430) -> go.Figure:
    """Pre-binned values (bars), the grid of real values the codes stand for, clipped regions.

    ``labels``: title, x, y, kept, clipped, grid (format with {k} and {levels}), grid_all,
    clip_region, range, and one label per calibration method in ``picks`` (method -> (rmin, rmax)).
    ``range_used`` is the range the parameters were derived from (drawn as solid lines).
    """
    traces, shapes, axis = histogram_parts(edges, counts, qp, view, labels, picks, range_used, log_y)
    return figure(traces, layout(labels["title"], labels["x"], labels["y"], height, shapes=shapes,
                                 bargap=0, barmode="overlay", xaxis={"range": list(view)}, yaxis=axis))
