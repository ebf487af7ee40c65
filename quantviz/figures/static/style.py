"""Plotly's styles in matplotlib's terms: colours, dashes, marker symbols and sizes, text offsets."""
from __future__ import annotations

import html
import re

DEFAULT_COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#888888"]
DASHES = {"dot": ":", "dash": "--", "dashdot": "-.", "longdash": (0, (9, 3)), "solid": "-", None: "-"}
MARKERS = {"circle": "o", "square": "s", "diamond": "D", "x": "X", "cross": "P", "triangle-up": "^",
           "triangle-down": "v", "star": "*", "line-ns": "|", "line-ew": "_"}
NONE = (0.0, 0.0, 0.0, 0.0)  # no fill: an outline-only marker
PX_TO_PT = 0.75  # plotly sizes are pixels; matplotlib's are points (1/72 inch at 96 px per inch)


def color(value, fallback, alpha: float = 1.0):
    """A matplotlib colour from a plotly one ('#rrggbb', 'rgb(...)', 'rgba(...)', names), with
    ``alpha`` applied on top of the colour's own."""
    if not isinstance(value, str):
        value = fallback
    if not isinstance(value, str):
        return value
    match = re.match(r"rgba?\(([^)]*)\)", value.replace(" ", ""))
    if match:
        parts = [float(p) for p in match.group(1).split(",")]
        rgb = tuple(p / 255 for p in parts[:3])
        return (*rgb, (parts[3] if len(parts) == 4 else 1.0) * alpha)
    if alpha < 1.0:
        from matplotlib.colors import to_rgba
        return to_rgba(value, alpha)
    return value


def is_transparent(value) -> bool:
    """An 'rgba(..., 0)' colour: plotly's way of drawing a marker's outline only."""
    c = color(value, None)
    return isinstance(c, tuple) and len(c) == 4 and c[3] == 0


def marker_area(size_px: float) -> float:
    """matplotlib's scatter size (area in points²) of a plotly marker ``size_px`` across."""
    return (size_px * PX_TO_PT) ** 2


def text_offset(position: str) -> tuple[tuple[float, float], str, str]:
    """Offset in points and alignment of a point's text at plotly's ``textposition``."""
    vertical, _, horizontal = (position or "middle center").partition(" ")
    dy = {"top": 7, "bottom": -7}.get(vertical, 0)
    dx = {"left": -7, "right": 7}.get(horizontal, 0)
    va = {"top": "bottom", "bottom": "top"}.get(vertical, "center")
    ha = {"left": "right", "right": "left"}.get(horizontal, "center")
    return (dx, dy), ha, va


def plain(text: str) -> str:
    """Plotly titles may hold HTML (<br>, <b>, <sub>) and entities (&lt;): keep the words."""
    text = re.sub(r"<br\s*/?>", " ", text or "")
    return html.unescape(re.sub(r"<[^>]+>", "", text))
