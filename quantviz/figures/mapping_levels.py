"""Many floats, one integer: how many distinct inputs each integer code stands for."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .common import BLUE, styled

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
    fig = go.Figure()
    if k == 1:
        custom = np.stack([np.nan_to_num(xmin, nan=np.nan), xmax], axis=1)
        fig.add_trace(go.Bar(x=q, y=distinct, customdata=custom, marker={"color": BLUE, "line": {"width": 0}},
                             hovertemplate=labels["hover"] + "<extra></extra>", showlegend=False))
    else:
        fig.add_trace(go.Bar(x=starts + (k - 1) / 2, y=sums, width=k, marker={"color": BLUE, "line": {"width": 0}},
                             name=labels["grouped"].format(k=k), showlegend=True,
                             hovertemplate="q ≈ %{x:.0f}<br>%{y:,}<extra></extra>"))
    fig.update_layout(bargap=0.05 if q.size <= 64 else 0)
    if log_y:
        fig.update_yaxes(type="log")
    return styled(fig, labels["title"], labels["x"], labels["y"], height=height)
