"""Figures of the int8 page: the input digit, float vs int8 probabilities, SQNR per layer, and
one layer's float activations against the dequantized int8 ones. Labels come in from the caller.

The page redraws these four on every move of its test-image slider, so they are assembled as
plain dicts (``spec.figure``): building them with ``go.Figure`` validated every
property on every call, about half of the page's server time per move.
"""
from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from .spec import figure
from .style import BLUE, GREY, KEYED_MARGIN, ORANGE, TITLE_STANDOFF, KeyEntry, merged, styled_layout

SQNR_CAP = 80.0   # dB drawn for an exact layer (infinite SQNR)
INK = [[0.0, "#ffffff"], [1.0, "#000000"]]   # no ink white, full ink black, as drawn on the canvas


def spec_layout(title: str, x_title: str, y_title: str, height: int, **extra) -> dict:
    """``style.styled_layout`` without a plotly template (the Streamlit theme styles the chart)."""
    return merged({**styled_layout(title, x_title, y_title, height), "template": {}}, extra)


def keyed_layout(title: str, x_title: str, y_title: str, height: int, **extra) -> dict:
    """``spec_layout`` without a legend (the page writes the figure's key) and with margins that
    fit the axes: a legend or an axis that does not fit makes plotly enlarge the margins and
    draw the figure twice, on every move of the page's sliders."""
    base = spec_layout(title, x_title, y_title, height, showlegend=False, margin={**KEYED_MARGIN, "t": 60}, **extra)
    del base["legend"]
    for axis in ("xaxis", "yaxis"):
        base[axis]["title"]["standoff"] = TITLE_STANDOFF
    return base


def digit_figure(image: np.ndarray, labels: dict) -> go.Figure:
    """The (8, 8) input as a grey heatmap, ink dark, drawn as an image is read: row 0 of the data
    at the top, column 0 at the left (``image[row, col]`` at x = col, y = row, the y axis reversed).
    ``labels``: title, colorbar, hover."""
    heatmap = {"type": "heatmap", "z": np.asarray(image).tolist(), "zmin": 0, "zmax": 16, "colorscale": INK,
               "showscale": True, "colorbar": {"title": {"text": labels["colorbar"]}, "thickness": 12},
               "hovertemplate": labels["hover"] + "<extra></extra>"}
    hidden = {"showticklabels": False, "showgrid": False, "zeroline": False}
    # room for the colour bar and its title: with less, plotly.js widens the margins and draws again
    layout = spec_layout(labels["title"], "", "", 300, margin={"l": 56, "r": 105, "t": 50, "b": 52},
                         xaxis={**hidden, "constrain": "domain"},
                         yaxis={**hidden, "scaleanchor": "x", "autorange": "reversed"})
    return figure([heatmap], layout)


def probability_figure(p_float: np.ndarray, p_int: np.ndarray, labels: dict) -> go.Figure:
    """Grouped bars of the 10 class probabilities (%). ``labels``: title, x, y, float, int."""
    d = np.arange(len(p_float))

    def bars(x, p, name, colour):   # numeric positions side by side (the static export draws them alike)
        return {"type": "bar", "x": x, "y": 100 * np.asarray(p, np.float64), "width": 0.4, "name": name,
                "marker": {"color": colour}, "customdata": d,
                "hovertemplate": "%{customdata}: %{y:.2f} %<extra>" + name + "</extra>"}
    layout = keyed_layout(labels["title"], labels["x"], labels["y"], 360, barmode="overlay",
                          xaxis={"tickmode": "array", "tickvals": d.tolist(), "ticktext": [str(i) for i in d]},
                          yaxis={"range": [0, 100]})
    key = [KeyEntry("■", BLUE, labels["float"]), KeyEntry("■", ORANGE, labels["int"])]
    return figure([bars(d - 0.2, p_float, labels["float"], BLUE), bars(d + 0.2, p_int, labels["int"], ORANGE)],
                  layout, key)


def sqnr_figure(rows: list[dict], labels: dict, selected: str | None = None) -> go.Figure:
    """SQNR (dB) of each layer's activation, in layer order. An exact layer (infinite SQNR) is
    drawn at ``SQNR_CAP`` and marked. ``labels``: title, x, y, exact, hover."""
    names = [row["layer"] for row in rows]
    values = [row["sqnr_db"] for row in rows]
    shown = [SQNR_CAP if v == math.inf else max(v, 0.0) if math.isfinite(v) else 0.0 for v in values]
    text = [labels["exact"] if v == math.inf else f"{v:.1f}" for v in values]
    colors = [ORANGE if name == selected else BLUE for name in names]
    bar = {"type": "bar", "x": names, "y": shown, "text": text, "textposition": "outside",
           "marker": {"color": colors}, "cliponaxis": False, "hovertemplate": labels["hover"] + "<extra></extra>"}
    layout = keyed_layout(labels["title"], labels["x"], labels["y"], 360,
                          yaxis={"range": [0, max(shown + [10]) * 1.18]})
    return figure([bar], layout)


def activation_figure(x: np.ndarray, x_hat: np.ndarray, labels: dict) -> go.Figure:
    """Each value of one activation: float32 (x) against dequantized int8 (y), with y = x.
    ``labels``: title, x, y, identity, values."""
    x, x_hat = np.ravel(x).astype(np.float64), np.ravel(x_hat).astype(np.float64)
    lo, hi = float(min(x.min(), x_hat.min())), float(max(x.max(), x_hat.max()))
    pad = 0.05 * (hi - lo or 1.0)
    identity = {"type": "scatter", "x": [lo - pad, hi + pad], "y": [lo - pad, hi + pad], "mode": "lines",
                "name": labels["identity"], "line": {"color": GREY, "dash": "dash", "width": 1}, "hoverinfo": "skip"}
    values = {"type": "scatter", "x": x, "y": x_hat, "mode": "markers", "name": labels["values"],
              "marker": {"color": BLUE, "size": 6, "opacity": 0.6},
              "hovertemplate": "%{x:.4g} → %{y:.4g}<extra></extra>"}
    key = [KeyEntry("┅", GREY, labels["identity"]), KeyEntry("●", BLUE, labels["values"])]
    return figure([identity, values], keyed_layout(labels["title"], labels["x"], labels["y"], 380), key)
