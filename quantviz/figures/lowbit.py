"""Weights before and after a low-bit quantizer: two pre-binned histograms on one x axis."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .style import BLUE, GREEN, GREY, ORANGE, PURPLE, RED, styled


def before_after_figure(edges: np.ndarray, before: np.ndarray, after: np.ndarray,
                        thresholds: tuple[float, ...], labels: dict) -> go.Figure:
    """Counts per bin of the weights (top) and of their approximation (bottom), the quantizer's
    thresholds drawn on both. ``labels``: title, x, y, before, after, threshold, hover."""
    centers = (edges[:-1] + edges[1:]) / 2
    width = float(edges[1] - edges[0])
    fig = go.Figure()
    for axis, counts, name, colour in (("", before, labels["before"], BLUE), ("2", after, labels["after"], ORANGE)):
        fig.add_trace(go.Bar(x=centers, y=counts, width=width, name=name, marker={"color": colour},
                             xaxis=f"x{axis}", yaxis=f"y{axis}", hovertemplate=labels["hover"] + "<extra></extra>"))
        for threshold in thresholds:
            fig.add_shape(type="line", x0=threshold, x1=threshold, y0=0, y1=1, xref=f"x{axis}",
                          yref=f"y{axis} domain", line={"color": GREY, "dash": "dash", "width": 2})
    if thresholds:
        fig.add_annotation(x=thresholds[0], y=1, xref="x2", yref="y2 domain", text=labels["threshold"],
                           # between the panels, clear of the legend
                           showarrow=False, xanchor="right", yanchor="bottom")
    # two stacked panels sharing one x axis (faster than make_subplots, which pages pay on every run)
    fig.update_layout(xaxis={"matches": "x2", "showticklabels": False, "anchor": "y"},
                      xaxis2={"anchor": "y2", "title": {"text": labels["x"]}},
                      yaxis={"domain": [0.54, 1.0], "title": {"text": labels["y"]}},
                      yaxis2={"domain": [0.0, 0.46], "title": {"text": labels["y"]}}, bargap=0)
    fig = styled(fig, labels["title"], "", "", height=520)
    fig.update_layout(xaxis2_title_text=labels["x"], yaxis_title_text=labels["y"], yaxis2_title_text=labels["y"],
                      margin={"b": 130})   # the legend goes under the plot (``shell.figure.displayed``)
    return fig


FAMILY_STYLE = {  # colour and marker of each family of formats
    "float": (BLUE, "circle"), "int": (GREEN, "square"), "lowbit": (ORANGE, "diamond"), "xnor_acts": (RED, "x"),
}
TEXT_POSITION = {  # where a point's name goes (the first name of a group of neighbours)
    "float32": "top center", "float16": "bottom center", "bfloat16": "bottom center", "int8": "top center",
    "float8_e4m3fn": "top center", "float8_e5m2": "top center", "int4": "bottom center",
    "ternary": "middle right", "binary": "top center", "xnor": "top right", "xnor_activations": "middle right",
}
NEAR_OCTAVES, NEAR_POINTS = 0.2, 3.0  # points closer than this share one label


def label_groups(points: list[dict]) -> list[dict]:
    """Neighbouring points (within ``NEAR_OCTAVES`` of bits and ``NEAR_POINTS`` of accuracy)
    gathered under one label, placed at the group's first point (fewest bits, then most accurate)."""
    groups: list[dict] = []
    for p in sorted(points, key=lambda p: (p["bits"], -p["accuracy"])):
        for g in groups:
            if abs(np.log2(p["bits"] / g["bits"])) < NEAR_OCTAVES and abs(p["accuracy"] - g["accuracy"]) < NEAR_POINTS:
                g["labels"].append(p["label"])
                break
        else:
            groups.append({"bits": p["bits"], "accuracy": p["accuracy"], "labels": [p["label"]],
                           "position": TEXT_POSITION.get(p["variant"], "top center")})
    for g in groups:
        text = " · ".join(dict.fromkeys(g["labels"]))
        side = g["position"].split()[-1]  # keep the text clear of the marker (and of the highlight ring)
        g["text"] = "  " + text if side == "right" else text + "  " if side == "left" else text
    return groups


def network_figure(points: list[dict], selected: str, float_accuracy: float, ticks: list[tuple[float, str]],
                   labels: dict) -> go.Figure:
    """Test accuracy (%) of a whole network against bits per weight (log axis), one point per
    format. ``points``: variant, label, family, bits, accuracy (%), correct, size (text);
    ``ticks``: (bits, text) pairs for the x axis (e.g. the model size at that many bits);
    ``labels``: title, subtitle, x, y, hover, float_line, selected and one legend name per family."""
    fig = go.Figure()
    for family, (colour, symbol) in FAMILY_STYLE.items():
        group = [p for p in points if p["family"] == family]
        if group:
            fig.add_trace(go.Scatter(
                x=[p["bits"] for p in group], y=[p["accuracy"] for p in group], mode="markers", name=labels[family],
                marker={"color": colour, "symbol": symbol, "size": 11, "line": {"width": 1, "color": colour}},
                customdata=[[p["label"], p["size"], p["correct"]] for p in group], cliponaxis=False,
                hovertemplate=labels["hover"] + "<extra></extra>"))
    groups = label_groups(points)
    # names on invisible markers as large as the visible ones, so that plotly sets the text clear of them
    fig.add_trace(go.Scatter(x=[g["bits"] for g in groups], y=[g["accuracy"] for g in groups], mode="markers+text",
                             text=[g["text"] for g in groups], textposition=[g["position"] for g in groups],
                             marker={"size": 14, "color": "rgba(0,0,0,0)"}, showlegend=False, hoverinfo="skip",
                             cliponaxis=False))
    chosen = [p for p in points if p["variant"] == selected]
    if chosen:
        p = chosen[0]
        fig.add_trace(go.Scatter(x=[p["bits"]], y=[p["accuracy"]], mode="markers", name=labels["selected"],
                                 marker={"size": 22, "color": "rgba(0,0,0,0)", "line": {"width": 2.5, "color": PURPLE}},
                                 hoverinfo="skip"))
    fig.add_shape(type="line", x0=0, x1=1, xref="x domain", y0=float_accuracy, y1=float_accuracy, yref="y",
                  line={"color": GREY, "dash": "dot", "width": 1.5})
    fig.add_annotation(x=0, xref="x domain", y=float_accuracy, yref="y", text=labels["float_line"], showarrow=False,
                       xanchor="left", yanchor="top", font={"color": GREY, "size": 12})
    fig = styled(fig, labels["title"], labels["x"], labels["y"], height=560)
    fig.update_layout(title_subtitle_text=labels["subtitle"],
                      xaxis={"type": "log", "tickvals": [b for b, _ in ticks], "ticktext": [s for _, s in ticks],
                             "range": [np.log10(0.75), np.log10(48)]},
                      yaxis={"range": [0, 108], "dtick": 20, "ticksuffix": " %"},
                      legend={"orientation": "h", "x": 0.0, "xanchor": "left", "y": -0.3, "yanchor": "top"},
                      margin={"t": 80, "b": 180})   # the legend's rows under the axis title
    return fig
