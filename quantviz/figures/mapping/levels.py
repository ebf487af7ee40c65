"""Many floats, one integer: how many distinct inputs each integer code stands for."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..spec import figure
from ..style import BLUE, KeyEntry, keyed_layout
from .histogram import step_outline

MAX_BARS = 512
MAX_SEPARATE_BARS = 64  # beyond this many bars, one filled outline (one path instead of one per bar)


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

    With many codes, bars sum groups of ``k`` codes (``labels["grouped"]`` formats ``{k}``); beyond
    ``MAX_SEPARATE_BARS`` bars they are drawn as one filled outline (hover at its corners).
    ``labels``: title, x, y, hover, grouped. The key is ``figure.key``.
    """
    starts, sums, k = group_codes(q, distinct)
    floor = 0.5 if log_y else 0.0
    if starts.size <= MAX_SEPARATE_BARS:
        trace = {"type": "bar", "x": q, "y": distinct, "customdata": np.stack([xmin, xmax], axis=1),
                 "marker": {"color": BLUE, "line": {"width": 0}}, "name": "codes",
                 "hovertemplate": labels["hover"] + "<extra></extra>"}
    else:
        x, y = step_outline(np.append(starts, starts[-1] + k) - 0.5, sums, np.ones(sums.size, bool), floor)
        bar = np.concatenate([[0], np.repeat(np.arange(sums.size), 2), [sums.size - 1]])  # bar of each corner
        trace = {"type": "scatter", "x": x, "y": y, "mode": "lines", "fill": "toself", "fillcolor": BLUE,
                 "line": {"width": 0}, "hoveron": "points", "name": labels["grouped"].format(k=k) if k > 1 else "codes"}
        if k == 1:
            trace.update(text=starts[bar].astype(str).tolist(), customdata=np.stack([xmin[bar], xmax[bar]], axis=1),
                         hovertemplate=labels["hover"].replace("%{x}", "%{text}") + "<extra></extra>")
        else:
            trace.update(text=[f"{starts[i]} … {starts[i] + k - 1}" for i in bar],
                         hovertemplate="q = %{text}<br>%{y:,}<extra></extra>")
    key = [KeyEntry("■", BLUE, labels["grouped"].format(k=k))] if k > 1 else []
    top = float(sums.max(initial=1)) * 1.05 or 1.0
    yaxis = {"type": "log", "range": [np.log10(floor), np.log10(top) + 0.05]} if log_y else {"range": [0, top]}
    return figure([trace], keyed_layout(labels["x"], labels["y"], height, bargap=0.05, yaxis=yaxis), key)
