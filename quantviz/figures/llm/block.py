"""One block of a format: its weights, what it stores for each (read back), and every value each
position could have taken (its grid: one scale shared by the block, or by a sub-block).

The read-back values and the grid are short level lines, hundreds of them: each set is drawn as one
SVG path (a layout shape, ``M x0,y H x1`` per line), one element for the browser to draw, where a
trace with gaps between its lines is one element per line."""
from __future__ import annotations

import numpy as np

from ..spec import figure
from ..style import BLUE, GREY, ORANGE, KeyEntry, keyed_layout

MAX_LEVEL_MARKS = 20_000     # grid marks drawn (levels x positions); beyond, the grid is left out
HALF = 0.4                   # half a level line's length, in positions
MAX_DOTS = 64                # weights drawn as dots up to this many; beyond, as short dashes in one path
DASH = 0.3                   # half a weight's dash, in positions


def block_figure(x: np.ndarray, stored: np.ndarray, codes: np.ndarray, levels: np.ndarray, labels: dict):
    """``x``, ``stored``, ``codes``: the block's weights (dots; dashes in a block of more than
    ``MAX_DOTS``), values read back (a level line at each position, on the grid), codes (one per
    position); ``levels``: (levels, positions) every value a position can hold (NaN: none);
    ``labels``: title, x, y, weights, stored, grid, hover.
    Assembled as plain dicts with a key the page writes (``quantviz.figures.spec``): the block
    slider redraws it on every move, and a legend or margins too small for the axes would make the
    browser draw it twice. The read-back values' hover is an invisible line through them."""
    n = len(x)
    pos = np.arange(n)
    shapes, key = [], []
    if levels.size <= MAX_LEVEL_MARKS:
        shapes.append(level_shape(*grid_lines(levels), GREY, 1, "between"))
        key.append(KeyEntry("━", GREY, labels["grid"]))
    traces = []
    if n <= MAX_DOTS:
        traces.append({"type": "scatter", "x": pos, "y": np.asarray(x, dtype=np.float64), "mode": "markers",
                       "name": labels["weights"], "marker": {"color": BLUE, "size": 7}, "hoverinfo": "skip"})
    else:
        shapes.append(level_shape(pos - DASH, pos + DASH, x, BLUE, 2.5, "between"))
    shapes.append(level_shape(pos - HALF, pos + HALF, stored, ORANGE, 3, "above"))
    traces.append({"type": "scatter", "x": pos, "y": np.asarray(stored, dtype=np.float64), "mode": "lines",
                   "name": labels["stored"], "line": {"color": ORANGE, "width": 0},
                   "customdata": np.stack([x, codes.astype(np.float64)], axis=1),
                   "hovertemplate": labels["hover"] + "<extra></extra>"})
    key += [KeyEntry("●" if n <= MAX_DOTS else "▬", BLUE, labels["weights"]), KeyEntry("━", ORANGE, labels["stored"])]
    layout = keyed_layout(labels["x"], labels["y"], 420, title={"text": labels["title"]}, shapes=shapes)
    return figure(traces, layout, key)


def level_shape(x0, x1, y, colour: str, width: float, layer: str) -> dict:
    """Horizontal lines from ``(x0, y)`` to ``(x1, y)`` (arrays, one line each) as one path shape
    in the axes' data coordinates; ``layer``: "between" the gridlines and the traces, or "above" them."""
    path = "".join(f"M{a!r},{c!r}H{b!r}" for a, b, c in zip(*(np.asarray(v, dtype=np.float64).tolist()
                                                                  for v in (x0, x1, y)), strict=True))
    return {"type": "path", "path": path, "xref": "x", "yref": "y", "layer": layer,
            "line": {"color": colour, "width": width}}


def grid_lines(levels: np.ndarray, half: float = HALF) -> tuple[list, list, list]:
    """The grid as short level lines, one per level under each run of positions that share their
    levels (a block or sub-block with one scale): the lines' starts, ends and values."""
    n = levels.shape[1]
    same = [np.array_equal(levels[:, i], levels[:, i - 1], equal_nan=True) for i in range(1, n)]
    starts = [0] + [i for i in range(1, n) if not same[i - 1]]
    x0, x1, ys = [], [], []
    for start, end in zip(starts, starts[1:] + [n], strict=True):
        for level in levels[:, start]:
            if np.isfinite(level):
                x0.append(start - half)
                x1.append(end - 1 + half)
                ys.append(float(level))
    return x0, x1, ys
