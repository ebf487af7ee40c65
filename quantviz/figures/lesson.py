"""Figures of the lesson: one per step (data and label strings in, a plotly figure out)."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .style import BLUE, GREEN, GREY, ORANGE, RED, legend_below, styled

FIELD_COLOURS = {"sign": RED, "exponent": BLUE, "mantissa": GREEN}


def before_after_figure(before: np.ndarray, after: np.ndarray, labels: dict) -> go.Figure:
    """Step 1: a few weights in float32 (outlined bars) and after quantization (filled markers).

    ``labels``: title, x, y (with units), before, after, hover (format string with %{x}, %{y}).
    """
    index = np.arange(len(before))
    hover = labels["hover"] + "<extra>%{fullData.name}</extra>"
    fig = go.Figure([
        go.Bar(x=index, y=before, name=labels["before"], marker={"color": "rgba(0,0,0,0)",
               "line": {"color": BLUE, "width": 2}}, hovertemplate=hover),
        go.Scatter(x=index, y=after, name=labels["after"], mode="markers",
                   marker={"color": ORANGE, "size": 11, "symbol": "diamond"}, hovertemplate=hover),
    ])
    fig.add_hline(y=0, line={"color": GREY, "width": 1})
    fig.update_layout(bargap=0.25)
    return legend_below(styled(fig, labels["title"], labels["x"], labels["y"], height=400))


def size_accuracy_figure(rows: list[dict], current: int | None, labels: dict) -> go.Figure:
    """Step 2: test accuracy against model size, one point per weight width (smallest first), the
    chosen one ringed; only it and float32 are named on the chart (the others in their hover).

    ``rows``: dicts with bits (None for float32), kb, acc. ``labels``: title, x, y, point (format
    string with {bits}), float, all, current, hover (format string with %{text}, %{x}, %{y}).
    """
    rows = sorted(rows, key=lambda r: r["kb"])
    names = [labels["float"] if r["bits"] is None else labels["point"].format(bits=r["bits"]) for r in rows]
    kb, acc = [r["kb"] for r in rows], [r["acc"] for r in rows]
    pick = next(i for i, r in enumerate(rows) if r["bits"] == current)
    shown = [name if i == pick or r["bits"] is None else "" for i, (name, r) in enumerate(zip(names, rows))]
    fig = go.Figure([
        go.Scatter(x=kb, y=acc, mode="lines+markers", name=labels["all"], customdata=names,
                   line={"color": GREY, "width": 1, "dash": "dot"}, marker={"color": BLUE, "size": 10},
                   hovertemplate=labels["hover"].replace("%{text}", "%{customdata}") + "<extra></extra>"),
        go.Scatter(x=kb, y=acc, text=shown, mode="markers+text", textposition="bottom center", showlegend=False,
                   hoverinfo="skip", textfont={"size": 14},
                   marker={"size": 24, "color": "rgba(0,0,0,0)"}),  # invisible: keeps the label clear of the ring
        go.Scatter(x=[kb[pick]], y=[acc[pick]], mode="markers", name=labels["current"], hoverinfo="skip",
                   marker={"color": "rgba(0,0,0,0)", "size": 22, "line": {"color": ORANGE, "width": 3}}),
    ])
    low = min(acc)
    fig.update_yaxes(range=[max(0.0, low - 0.15 * (100 - low) - 3), 101])
    fig.update_xaxes(range=[0, max(kb) * 1.08])
    return legend_below(styled(fig, labels["title"], labels["x"], labels["y"], height=420))


def bits_figure(fields: list[tuple[str, str]], labels: dict) -> go.Figure:
    """Step 3: the bit pattern of a float, most significant bit on the left, one colour per field;
    a 1 is a filled box, a 0 an outlined one (readable on a light and on a dark background).

    ``fields``: (field, "0101...") from the most significant bit. ``labels``: title, x, hover
    (format string with %{x} and %{text}) and one name per field.
    """
    total = sum(len(bits) for _, bits in fields)
    fig = go.Figure()
    position = total - 1
    for field, bits in fields:
        x = np.arange(position, position - len(bits), -1)
        position -= len(bits)
        colour = FIELD_COLOURS[field]
        fill = [colour if b == "1" else "rgba(0,0,0,0)" for b in bits]
        ink = ["#ffffff" if b == "1" else colour for b in bits]
        fig.add_trace(go.Bar(x=x, y=np.ones(len(bits)), name=labels[field], text=list(bits),
                             textposition="inside", insidetextanchor="middle",
                             textfont={"size": 15, "color": ink}, constraintext="none",
                             marker={"color": fill, "line": {"color": colour, "width": 2}},
                             hovertemplate=labels["hover"] + f"<extra>{labels[field]}</extra>"))
    fig.update_xaxes(tickvals=list(range(0, total, 4)) + [total - 1], range=[total - 0.5, -0.5])  # high bit left
    fig.update_yaxes(visible=False, range=[0, 1.05])
    fig.update_layout(bargap=0.12)
    fig = styled(fig, labels["title"], labels["x"], "", height=270)
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.85, "xanchor": "left", "x": 0.0},
                      margin={"b": 140})
    return fig


def gap_figure(widths: list[int], gaps: list[float], labels: dict) -> go.Figure:
    """Step 5: accuracy lost by each network width (categorical x axis, one bar per width).

    ``labels``: title, x, y (with units), hover (format string with %{x}, %{y}).
    """
    position = np.arange(len(widths))
    colours = [ORANGE if g > 1 else BLUE for g in gaps]
    fig = go.Figure(go.Bar(x=position, y=gaps, marker={"color": colours}, customdata=widths,
                           hovertemplate=labels["hover"].replace("%{x}", "%{customdata}") + "<extra></extra>"))
    fig.update_xaxes(tickvals=position, ticktext=[str(w) for w in widths])
    fig.add_hline(y=0, line={"color": GREY, "width": 1})
    top = max(1.0, max(gaps)) * 1.1
    fig.update_yaxes(range=[min(0.0, min(gaps)) * 1.1 - 0.2, top])
    return styled(fig, labels["title"], labels["x"], labels["y"], height=380)


def product_figure(values: dict, labels: dict) -> go.Figure:
    """Step 7: the exact product, the naive code product read back, the correct one (horizontal bars).

    ``values``: exact, naive, correct (reals). ``labels``: title, x, hover and one name per value.
    """
    keys = ["exact", "naive", "correct"]
    colours = {"exact": GREY, "naive": RED, "correct": GREEN}
    fig = go.Figure(go.Bar(y=[labels[k] for k in keys], x=[values[k] for k in keys], orientation="h",
                           marker={"color": [colours[k] for k in keys]}, text=[f"{values[k]:.4g}" for k in keys],
                           textposition="outside", cliponaxis=False,
                           hovertemplate=labels["hover"] + "<extra></extra>"))
    span = max(1.0, *(abs(v) for v in values.values()))
    low, high = min(0.0, *values.values()), max(0.0, *values.values())
    fig.update_xaxes(range=[low - (0.3 if low < 0 else 0.03) * span, high + (0.3 if high > 0 else 0.03) * span])
    fig.update_yaxes(autorange="reversed")
    fig.add_vline(x=0, line={"color": GREY, "width": 1})
    fig = styled(fig, labels["title"], labels["x"], "", height=300)
    fig.update_layout(margin={"l": 20})
    fig.update_yaxes(automargin=True)
    return fig


def scales_figure(scales: np.ndarray, per_tensor: float, labels: dict) -> go.Figure:
    """Step 8: one int8 scale per output channel, under the per-tensor scale (dashed line).

    ``labels``: title, x, y (with units), channel, tensor (legend names), hover.
    """
    channels = np.arange(len(scales))
    fig = go.Figure([
        go.Bar(x=channels, y=scales, name=labels["channel"], marker={"color": BLUE},
               hovertemplate=labels["hover"] + "<extra></extra>"),
        go.Scatter(x=[-0.5, len(scales) - 0.5], y=[per_tensor, per_tensor], mode="lines", name=labels["tensor"],
                   line={"color": RED, "dash": "dash", "width": 2}, hoverinfo="skip"),
    ])
    fig.update_layout(bargap=0.15 if len(scales) <= 64 else 0)
    fig.update_yaxes(rangemode="tozero")
    return legend_below(styled(fig, labels["title"], labels["x"], labels["y"], height=400))
