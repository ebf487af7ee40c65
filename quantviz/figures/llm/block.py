"""One block of a format: its weights, what it stores for each (read back), and every value each
position could have taken (its grid: one scale shared by the block, or by a sub-block)."""
from __future__ import annotations

import numpy as np

from ..spec import figure
from ..style import BLUE, GREY, ORANGE, KeyEntry, keyed_layout

MAX_LEVEL_MARKS = 20_000     # grid marks drawn (levels x positions); beyond, the grid is left out


def block_figure(x: np.ndarray, stored: np.ndarray, codes: np.ndarray, levels: np.ndarray, labels: dict):
    """``x``, ``stored``, ``codes``: the block's weights (dots), values read back (a level line at
    each position, on the grid), codes (one per position); ``levels``: (levels, positions) every
    value a position can hold (NaN: none); ``labels``: title, x, y, weights, stored, grid, hover.
    Assembled as plain dicts with a key the page writes (``quantviz.figures.spec``): the block
    slider redraws it on every move, and a legend or margins too small for the axes would make the
    browser draw it twice."""
    n = len(x)
    pos = np.arange(n)
    traces, key = [], []
    if levels.size <= MAX_LEVEL_MARKS:
        grid_x, grid_y = grid_lines(levels)
        traces.append({"type": "scatter", "x": grid_x, "y": grid_y, "mode": "lines", "name": labels["grid"],
                       "line": {"width": 1, "color": GREY}, "hoverinfo": "skip"})
        key.append(KeyEntry("━", GREY, labels["grid"]))
    traces.append({"type": "scatter", "x": pos, "y": np.asarray(x, dtype=np.float64), "mode": "markers",
                   "name": labels["weights"], "marker": {"color": BLUE, "size": 7 if n <= 64 else 4},
                   "hoverinfo": "skip"})
    tick_x, tick_y = ticks(stored)
    traces.append({"type": "scatter", "x": tick_x, "y": tick_y, "mode": "lines", "name": labels["stored"],
                   "customdata": np.repeat(np.stack([x, codes.astype(np.float64)], axis=1), 3, axis=0),
                   "line": {"color": ORANGE, "width": 3}, "hovertemplate": labels["hover"] + "<extra></extra>"})
    key += [KeyEntry("●", BLUE, labels["weights"]), KeyEntry("━", ORANGE, labels["stored"])]
    layout = keyed_layout(labels["x"], labels["y"], 420, title={"text": labels["title"]})
    return figure(traces, layout, key)


def ticks(values: np.ndarray, half: float = 0.4) -> tuple[np.ndarray, np.ndarray]:
    """A short level line at each position's value, all in one path (``x``, ``y`` with a gap, NaN,
    after each): one element for the browser to draw where a marker per position was hundreds."""
    n = len(values)
    x = np.stack([np.arange(n) - half, np.arange(n) + half, np.full(n, np.nan)], axis=1).ravel()
    y = np.repeat(np.asarray(values, dtype=np.float64), 3)
    y[2::3] = np.nan
    return x, y


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
