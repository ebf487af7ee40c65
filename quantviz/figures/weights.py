"""Weight and activation tensors: pre-binned histograms, all layers side by side, and the
per-output-channel ranges under the per-tensor range."""
from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .style import BLUE, GREY, ORANGE, RED, SKY, styled


def _bars(counts: np.ndarray, edges: np.ndarray, color: str, hover: str) -> go.Bar:
    centers = (edges[:-1] + edges[1:]) / 2
    return go.Bar(x=centers, y=counts, width=np.diff(edges), marker={"color": color, "line": {"width": 0}},
                  customdata=np.stack([edges[:-1], edges[1:]], axis=1),
                  hovertemplate=hover + "<extra></extra>", showlegend=False)


def histogram_figure(counts: np.ndarray, edges: np.ndarray, labels: dict, log: bool = False,
                     band: tuple[float, float] | None = None, color: str = BLUE,
                     height: int = 380) -> go.Figure:
    """Bars of pre-binned ``counts`` over ``edges`` (never the raw values).

    ``labels``: title, x, y (axis titles with units), hover (a format string using
    ``customdata[0]``/``customdata[1]`` for the bin's edges and ``y`` for its count), band (the
    name of the shaded ``band``, e.g. mean +- 3 std). ``log``: counts on a log axis.
    """
    fig = go.Figure(_bars(counts, edges, color, labels["hover"]))
    if band is not None:
        fig.add_vrect(x0=band[0], x1=band[1], fillcolor=ORANGE, opacity=0.12, line_width=0,
                      annotation_text=labels["band"], annotation_position="top left")
    fig.update_layout(bargap=0)
    if log:
        fig.update_yaxes(type="log")
    return styled(fig, labels["title"], labels["x"], labels["y"], height=height)


def overview_figure(items: list[tuple[str, np.ndarray, np.ndarray]], labels: dict, log: bool = False,
                    cols: int = 3, selected: str | None = None) -> go.Figure:
    """Small histograms of several tensors side by side, each on its own value axis.

    ``items``: (name, counts, edges); ``labels``: title, x, y, hover, subplot (a format string
    with ``name``, ``lo``, ``hi``). The ``selected`` tensor is drawn in orange.
    """
    cols = max(1, min(cols, len(items)))
    rows = math.ceil(len(items) / cols)
    titles = [labels["subplot"].format(name=name, lo=edges[0], hi=edges[-1]) for name, _, edges in items]
    row_px, gap_px = 200, 95     # room between rows for tick labels and the next two-line title
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, horizontal_spacing=0.07,
                        vertical_spacing=gap_px / (rows * row_px + (rows - 1) * gap_px) if rows > 1 else 0.0)
    for i, (name, counts, edges) in enumerate(items):
        r, c = divmod(i, cols)
        color = ORANGE if name == selected else BLUE
        fig.add_trace(_bars(counts, edges, color, labels["hover"]), row=r + 1, col=c + 1)
    fig.update_layout(bargap=0)
    fig.update_annotations(font_size=13)
    if log:
        fig.update_yaxes(type="log")
    for c in range(1, cols + 1):
        fig.update_xaxes(title_text=labels["x"], row=rows, col=c)
    for r in range(1, rows + 1):
        fig.update_yaxes(title_text=labels["y"], row=r, col=1)
    fig = styled(fig, labels["title"], "", "", height=150 + row_px * rows + gap_px * (rows - 1))
    fig.update_layout(margin={"t": 110})
    return fig


def channel_ranges_figure(lo: np.ndarray, hi: np.ndarray, labels: dict, order: np.ndarray | None = None,
                          height: int = 440) -> go.Figure:
    """Each output channel's [min, max] as a bar, under dashed lines at the per-tensor min and max.

    ``labels``: title, x, y, hover (format string with ``x`` the channel, ``customdata[0..2]``
    min, max, usage in %), tensor (legend name of the per-tensor range), channel (legend name of
    the bars). ``order``: channel indices in the order to draw them (e.g. sorted by width).
    """
    order = np.arange(len(lo)) if order is None else np.asarray(order)
    t_lo, t_hi = float(np.nanmin(lo)), float(np.nanmax(hi))
    span = t_hi - t_lo if t_hi > t_lo else 1.0
    lo_o, hi_o = lo[order], hi[order]
    x = np.arange(len(order))
    usage = 100 * (hi_o - lo_o) / span
    fig = go.Figure(go.Bar(
        x=x, y=hi_o - lo_o, base=lo_o, name=labels["channel"], marker={"color": BLUE, "line": {"width": 0}},
        customdata=np.stack([lo_o, hi_o, usage, order], axis=1),
        hovertemplate=labels["hover"] + "<extra></extra>"))
    edge = [-0.5, len(order) - 0.5]
    for value in (t_lo, t_hi):
        fig.add_trace(go.Scatter(x=edge, y=[value, value], mode="lines", name=labels["tensor"],
                                 line={"color": RED, "dash": "dash", "width": 2}, hoverinfo="skip",
                                 showlegend=value == t_lo))
    fig.add_hline(y=0, line={"color": GREY, "width": 1})
    fig.update_layout(bargap=0.15 if len(order) <= 64 else 0)
    fig = styled(fig, labels["title"], labels["x"], labels["y"], height=height)
    # legend under the plot, where a long title cannot collide with it on a narrow screen
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0.0},
                      margin={"b": 116})
    return fig


def channel_runs_figure(runs: dict, t_lo: float, t_hi: float, labels: dict, height: int = 440) -> go.Figure:
    """Runs of neighbouring channels (``quantviz.weightstats.channel_buckets``) for a tensor with
    too many channels for one bar each: per run a light bar over its envelope (lowest min to
    highest max) and a dark bar from its median min to its median max, under the per-tensor range.

    ``labels``: title, x, y, tensor, envelope, median (legend names), runs_hover (format string
    with ``customdata[0..5]``: first and last channel, envelope, median range).
    """
    first, size = runs["first"], runs["size"]
    x = first + (size - 1) / 2
    custom = np.stack([first, first + size - 1, runs["min"], runs["max"], runs["median_lo"], runs["median_hi"]], axis=1)
    fig = go.Figure()
    for lo, hi, colour, name in ((runs["min"], runs["max"], SKY, labels["envelope"]),
                                 (runs["median_lo"], runs["median_hi"], BLUE, labels["median"])):
        fig.add_trace(go.Bar(x=x, y=hi - lo, base=lo, width=size, name=name, customdata=custom,
                             marker={"color": colour, "line": {"width": 0}},
                             hovertemplate=labels["runs_hover"] + "<extra></extra>"))
    edge = [-0.5, float(first[-1] + size[-1]) - 0.5]
    for value in (t_lo, t_hi):
        fig.add_trace(go.Scatter(x=edge, y=[value, value], mode="lines", name=labels["tensor"],
                                 line={"color": RED, "dash": "dash", "width": 2}, hoverinfo="skip",
                                 showlegend=value == t_lo))
    fig.add_hline(y=0, line={"color": GREY, "width": 1})
    fig.update_layout(barmode="overlay", bargap=0)
    fig = styled(fig, labels["title"], labels["x"], labels["y"], height=height)
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0.0},
                      margin={"b": 116})
    return fig
