"""The main figure: the values' histogram under the quantization grid, clipped regions shaded."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ...affine import QParams
from ..spec import figure, vrect
from ..style import BLUE, GREEN, GREY, ORANGE, PURPLE, RED, SKY, TITLE_STANDOFF, KeyEntry, keyed_layout

MAX_GRID_LINES = 64
METHOD_COLOURS = {"minmax": ORANGE, "percentile": GREEN, "mse": PURPLE, "entropy": SKY}
METHOD_SYMBOLS = {"minmax": "circle", "percentile": "diamond", "mse": "star", "entropy": "square"}
METHOD_GLYPHS = {"minmax": "●", "percentile": "◆", "mse": "★", "entropy": "■"}
SHADE = "rgba(213, 94, 0, 0.25)"  # the clipped regions (``vrect`` over the page background)


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


def step_outline(edges: np.ndarray, counts: np.ndarray, mask: np.ndarray, y0: float) -> tuple[np.ndarray, np.ndarray]:
    """The outline of the bars ``mask`` selects, as one closed polygon per run of neighbouring bars
    (runs separated by NaN): the histogram as a single filled path instead of a path per bar."""
    xs, ys = [], []
    idx = np.flatnonzero(mask)
    for run in np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1) if idx.size else []:
        a, b = run[0], run[-1] + 1                     # bars a .. b-1, edges a .. b
        xs += [np.repeat(edges[a:b + 1], 2), [np.nan]]
        ys += [[y0], np.repeat(np.maximum(counts[a:b], y0), 2), [y0, np.nan]]
    if not xs:
        return np.empty(0), np.empty(0)
    return np.concatenate(xs)[:-1], np.concatenate(ys).astype(np.float64)[:-1]


def _area(x: np.ndarray, y: np.ndarray, name: str, colour: str) -> dict:
    return {"type": "scatter", "x": x, "y": y, "mode": "lines", "fill": "toself", "fillcolor": colour,
            "line": {"width": 0}, "name": name, "hoveron": "points", "opacity": 0.85,
            "hovertemplate": "x ≈ %{x:.4g}<br>%{y:,}<extra></extra>"}


def _picks(picks: dict, labels: dict, y_top: float, log_y: bool) -> dict:
    """Each calibration method's (rmin, rmax) as two markers in its colour and symbol, one row per
    method under the top of the panel (so that equal picks stay visible)."""
    methods = [m for m in picks for _ in range(2)]
    x = np.array([v for m in picks for v in picks[m]], dtype=np.float64)
    row = np.repeat(np.arange(len(picks)), 2)
    y = y_top / 1.35 ** row if log_y else y_top * (1 - 0.065 * row)
    return {"type": "scatter", "x": x, "y": y, "mode": "markers", "name": "picks",
            "cliponaxis": False, "text": [labels[m] for m in methods],
            "marker": {"color": [METHOD_COLOURS.get(m, GREY) for m in methods],
                       "symbol": [METHOD_SYMBOLS.get(m, "circle") for m in methods], "size": 12,
                       "line": {"width": 1, "color": "white"}},
            "hovertemplate": "%{text}: %{x:.4g}<extra></extra>"}


def histogram_parts(edges: np.ndarray, counts: np.ndarray, qp: QParams, view: tuple[float, float],
                    labels: dict, picks: dict | None = None, range_used: tuple[float, float] | None = None,
                    log_y: bool = False, yaxis: str = "y") -> tuple[list, list, dict, list[KeyEntry]]:
    """Traces, shapes, y-axis settings and key of the histogram panel (see ``histogram_figure``)."""
    lo_clip, hi_clip = clip_edges(qp)
    edges = np.asarray(edges, np.float64)   # compared with bounds that may lie beyond float32
    centres = (edges[:-1] + edges[1:]) / 2
    clipped = (centres < lo_clip) | (centres > hi_clip)
    y_top = float(counts.max(initial=1)) * 1.08 or 1.0
    y_bottom = 0.5 if log_y else 0.0
    traces, key = [], []
    for name, mask, colour in ((labels["kept"], ~clipped, BLUE), (labels["clipped"], clipped, RED)):
        if mask.any():
            traces.append(_area(*step_outline(edges, counts, mask, y_bottom), name, colour))
            key.append(KeyEntry("■", colour, name))
    shapes = [vrect(x0, x1) for x0, x1 in ((view[0], lo_clip), (hi_clip, view[1])) if x1 > x0]
    if shapes and "clip_region" in labels:
        key.append(KeyEntry("■", SHADE, labels["clip_region"]))
    step = grid_step(qp.levels)
    xs = qp.scale * (np.arange(qp.qmin, qp.qmax + 1, step) - qp.zero_point)
    name = labels["grid_all"] if step == 1 else labels["grid"].format(k=step, levels=qp.levels)
    traces.append(_lines(xs, y_bottom, y_top, name, {"color": GREY, "width": 1}, opacity=0.7))
    key.append(KeyEntry("│", GREY, name))
    if range_used is not None:
        traces.append(_lines(range_used, y_bottom, y_top, labels["range"], {"color": RED, "width": 3}))
        key.append(KeyEntry("┃", RED, labels["range"]))
    if picks:
        traces.append(_picks(picks, labels, y_top, log_y))
        key += [KeyEntry(METHOD_GLYPHS.get(m, "●"), METHOD_COLOURS.get(m, GREY), labels[m]) for m in picks]
    for trace in traces:
        trace["yaxis"] = yaxis
    axis = ({"type": "log", "range": [np.log10(y_bottom), np.log10(y_top)]} if log_y else {"range": [0, y_top]})
    axis["title"] = {"text": labels["y"], "standoff": TITLE_STANDOFF}
    return traces, shapes, axis, key


def histogram_figure(edges: np.ndarray, counts: np.ndarray, qp: QParams, view: tuple[float, float],
                     labels: dict, picks: dict | None = None, range_used: tuple[float, float] | None = None,
                     log_y: bool = False, height: int = 430) -> go.Figure:
    """Pre-binned values (one filled outline), the grid of real values the codes stand for, clipped
    regions, the calibration methods' picks; the key as ``figure.key``.

    ``labels``: title, x, y, kept, clipped, grid (format with {k} and {levels}), grid_all,
    clip_region, range, and one label per calibration method in ``picks`` (method -> (rmin, rmax)).
    ``range_used`` is the range the parameters were derived from (drawn as solid lines).
    """
    traces, shapes, axis, key = histogram_parts(edges, counts, qp, view, labels, picks, range_used, log_y)
    return figure(traces, keyed_layout(labels["x"], labels["y"], height, shapes=shapes,
                                       xaxis={"range": list(view)}, yaxis=axis), key)
