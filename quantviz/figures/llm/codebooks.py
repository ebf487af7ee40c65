"""The values of three 4-bit codes on one number line, as multiples of the block's largest
magnitude: uniform int4, NF4's normal quantiles, FP4 (E2M1)'s powers of two."""
from __future__ import annotations

import plotly.graph_objects as go

from ..style import BLUE, GREEN, RED, styled

COLOURS = {"int4": BLUE, "nf4": GREEN, "fp4": RED}


def codebook_figure(books: dict, labels: dict) -> go.Figure:
    """``books``: name -> ascending values on [-1, 1]; ``labels``: title, x, hover and a row
    name per book."""
    fig = go.Figure()
    for name, values in books.items():
        row = labels[name]
        fig.add_trace(go.Scatter(x=values, y=[row] * len(values), mode="markers", name=row,
                                 marker={"color": COLOURS.get(name, BLUE), "size": 12, "symbol": "line-ns",
                                         "line": {"width": 3, "color": COLOURS.get(name, BLUE)}},
                                 customdata=list(range(len(values))),
                                 hovertemplate=labels["hover"] + "<extra></extra>"))
    fig = styled(fig, labels["title"], labels["x"], "", height=300)
    fig.update_layout(showlegend=False, xaxis={"range": [-1.08, 1.08], "zeroline": True},
                      yaxis={"type": "category", "categoryorder": "array",
                             "categoryarray": [labels[n] for n in reversed(list(books))]})
    return fig
