"""One block of a format: its weights, what it stores for each (read back), and every value each
position could have taken (its grid: one scale shared by the block, or by a sub-block)."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..style import BLUE, GREY, ORANGE, styled

MAX_LEVEL_MARKS = 20_000     # grid marks drawn (levels x positions); beyond, the grid is left out


def block_figure(x: np.ndarray, stored: np.ndarray, codes: np.ndarray, levels: np.ndarray, labels: dict) -> go.Figure:
    """``x``, ``stored``, ``codes``: the block's weights, values read back, codes (one per
    position); ``levels``: (levels, positions) every value a position can hold (NaN: none);
    ``labels``: title, x, y, weights, stored, grid, hover."""
    n = len(x)
    pos = np.arange(n)
    fig = go.Figure()
    if levels.size <= MAX_LEVEL_MARKS:
        grid_x, grid_y = grid_lines(levels)
        fig.add_trace(go.Scatter(x=grid_x, y=grid_y, mode="lines", name=labels["grid"],
                                 line={"width": 1, "color": GREY}, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=pos, y=x, mode="markers", name=labels["weights"],
                             marker={"color": BLUE, "size": 7 if n <= 64 else 4}, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=pos, y=stored, mode="markers", name=labels["stored"],
                             customdata=np.stack([x, codes.astype(np.float64)], axis=1),
                             marker={"color": ORANGE, "size": 9 if n <= 64 else 5, "symbol": "x"},
                             hovertemplate=labels["hover"] + "<extra></extra>"))
    return styled(fig, labels["title"], labels["x"], labels["y"], height=420)


def grid_lines(levels: np.ndarray, half: float = 0.4) -> tuple[list, list]:
    """The grid as short level lines, one per level under each run of positions that share their
    levels (a block or sub-block with one scale): ``x``, ``y`` with None between lines. One path
    for the browser to draw, where a mark per level and position was thousands of elements."""
    n = levels.shape[1]
    same = [np.array_equal(levels[:, i], levels[:, i - 1], equal_nan=True) for i in range(1, n)]
    starts = [0] + [i for i in range(1, n) if not same[i - 1]]
    xs, ys = [], []
    for start, end in zip(starts, starts[1:] + [n], strict=True):
        for level in levels[:, start]:
            if np.isfinite(level):
                xs += [start - half, end - 1 + half, None]
                ys += [float(level), float(level), None]
    return xs, ys
