"""A whole bundled network under each weight format: test accuracy against bits per weight."""
from __future__ import annotations

import plotly.graph_objects as go

from ..style import GREY, PURPLE, styled
from .pareto import FAMILY_STYLE


def network_figure(rows: list[dict], selected: str, labels: dict) -> go.Figure:
    """``rows``: name, family, stored_bits, accuracy (0..1), correct; ``labels``: title, x, y,
    hover, float_line, selected and one legend name per family."""
    fig = go.Figure()
    base = next((r for r in rows if r["family"] == "float"), None)
    for family, (colour, symbol) in FAMILY_STYLE.items():
        group = [r for r in rows if r["family"] == family and family != "float"]
        if group:
            fig.add_trace(go.Scatter(
                x=[r["stored_bits"] for r in group], y=[100 * r["accuracy"] for r in group], mode="markers",
                name=labels[family], customdata=[[r["name"], r["correct"]] for r in group],
                marker={"color": colour, "symbol": symbol, "size": 11},
                hovertemplate=labels["hover"] + "<extra></extra>"))
    chosen = [r for r in rows if r["name"] == selected]
    if chosen:
        r = chosen[0]
        fig.add_trace(go.Scatter(x=[r["stored_bits"]], y=[100 * r["accuracy"]], mode="markers",
                                 name=labels["selected"], hoverinfo="skip",
                                 marker={"size": 22, "color": "rgba(0,0,0,0)",
                                         "line": {"width": 2.5, "color": PURPLE}}))
    if base is not None:
        acc = 100 * base["accuracy"]
        fig.add_shape(type="line", x0=0, x1=1, xref="x domain", y0=acc, y1=acc, yref="y",
                      line={"color": GREY, "dash": "dot", "width": 1.5})
        fig.add_annotation(x=0, xref="x domain", y=acc, yref="y", text=labels["float_line"], showarrow=False,
                           xanchor="left", yanchor="bottom", font={"color": GREY, "size": 12})
    fig = styled(fig, labels["title"], labels["x"], labels["y"], height=440)
    fig.update_layout(xaxis={"type": "log", "tickvals": [2, 3, 4, 5, 6, 8], "ticktext": ["2", "3", "4", "5", "6", "8"]},
                      yaxis={"ticksuffix": " %"})
    return fig
