"""Many floats, one integer: how many distinct inputs each integer code stands for."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .common import BLUE
from .mapping_style import figure, layout

MAX_BARS = 512


def group_codes(q: np.ndarray, values: np.ndarray, max_bars: int = MAX_BARS) -> tuple[np.ndarray, np.ndarray, int]:
    """Sum ``values`` over groups of ``k`` consecutive codes so that at most ``max_bars`` remain.

    Returns the first code of each group, the sums and ``k``.
    """
    k = max(1, -(-q.size // max_bars))
    if k == 1:
        return q, values, 1
    pad = (-q.size) % k
    padded = np.concatenate([values, np.zeros(pad, dtype=values.dtype)])
    return q[::k], padded.reshape(-1, k).sum(axis=1), k


def code_counts_figure(q: np.ndarray, distinct: np.ndarray, xmin: np.ndarray, xmax: np.ndarray,
                       labels: dict, log_y: bool = False, height: int = 380) -> go.Figure:
    """Bars: distinct input values stored as each code ``q``; hover gives the inputs' range.

    With many codes, bars sum groups of ``k`` codes (``labels["grouped"]`` formats ``{k}``).
    ``labels``: title, x, y, hover, grouped.
    """
    starts, sums, k = group_codes(q, distinct)
    if k == 1:
        trace = {"type": "bar", "x": q, "y": distinct, "customdata": np.stack([xmin, xmax], axis=1),
                 "marker": {"color": BLUE, "line": {"width": 0}}, "showlegend": False,
                 "hovertemplate": labels["hover"] + "<extra></extra>"}
    else:
        trace = {"type": "bar", "x": starts + (k - 1) / 2, "y": sums, "width": k, "showlegend": True,
                 "marker": {"color": BLUE, "line": {"width": 0}}, "name": labels["grouped"].format(k=k),
                 "hovertemplate": "q ≈ %{x:.0f}<br>%{y:,}<extra></extra>"}
    return figure([trace], layout(labels["title"], labels["x"], labels["y"], height,
                                  bargap=0.05 if q.size <= 64 else 0, yaxis={"type": "log"} if log_y else {}))
