"""Fast figure assembly: traces and layout as plain dicts, one Figure.

Building a figure with ``add_trace``/``update_layout``/``add_vrect`` validates every property
on every call (about 100 ms per figure on these machines), and even an unvalidated ``go.Figure``
copies every array twice on its way to the browser (about 18 ms for the main figure).
``SpecFigure`` hands the assembled dicts over as they are, numeric arrays as base64 typed arrays
(what plotly.js reads fastest; a third of the size of decimal JSON). The look is
``style``'s.

The browser draws every changed figure anew (``Plotly.newPlot``), so the page's figures keep
that cheap: a key written by the page instead of a plotly legend, and margins wide enough for
the axes (``style.keyed_layout``). A legend or an axis that does not fit the margins makes plotly
enlarge them and draw the whole figure a second time.
"""
from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go

from .style import RED, KeyEntry

TYPED = {np.dtype(np.float64): "f8", np.dtype(np.float32): "f4", np.dtype(np.int32): "i4",
         np.dtype(np.int16): "i2", np.dtype(np.int8): "i1", np.dtype(np.uint8): "u1",
         np.dtype(np.uint16): "u2", np.dtype(np.uint32): "u4"}


def typed_array(a: np.ndarray):
    """A numeric array as plotly.js's typed-array spec ``{dtype, bdata[, shape]}``.

    int64 (not a JavaScript typed array) goes as int32 when it fits, else float64; other
    dtypes (bool, str, object) stay lists.
    """
    a = np.asarray(a)
    if a.dtype.kind in "iu" and a.dtype not in TYPED:
        fits = a.size == 0 or (np.iinfo(np.int32).min <= a.min() and a.max() <= np.iinfo(np.int32).max)
        a = a.astype(np.int32 if fits else np.float64)
    if a.dtype not in TYPED:
        return a.tolist()
    spec = {"dtype": TYPED[a.dtype], "bdata": base64.b64encode(np.ascontiguousarray(a).tobytes()).decode("ascii")}
    if a.ndim > 1:
        spec["shape"] = ",".join(map(str, a.shape))
    return spec


def _encoded(value):
    if isinstance(value, np.ndarray):
        return typed_array(value)
    if isinstance(value, dict):
        return {k: _encoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encoded(v) for v in value]
    return value


class SpecFigure(go.Figure):
    """A figure kept as the plain dicts it was assembled from.

    ``to_dict()`` (what ``st.plotly_chart`` and ``plotly.io.to_json`` read) hands those dicts back
    with numpy arrays as typed arrays, and nothing else converted or copied. ``data`` and
    ``layout`` (for tests and for anyone who wants to edit the figure) build an ordinary
    ``go.Figure`` on first use. ``key``: the entries the page writes as the figure's key.
    """

    def __init__(self, data: list[dict], layout: dict, key: list[KeyEntry] | None = None):  # noqa: D107
        object.__setattr__(self, "_spec", {"data": data, "layout": layout})
        object.__setattr__(self, "_built", None)
        object.__setattr__(self, "_wire", None)
        object.__setattr__(self, "key", list(key or []))

    def _figure(self) -> go.Figure:
        if self._built is None:
            object.__setattr__(self, "_built", go.Figure(data=self._spec["data"], layout=self._spec["layout"],
                                                         _validate=False))
        return self._built

    def to_dict(self) -> dict:
        if self._wire is None:
            object.__setattr__(self, "_wire", {"data": _encoded(self._spec["data"]), "layout": self._spec["layout"]})
        return self._wire

    def to_plotly_json(self) -> dict:
        return self.to_dict()

    def traces(self) -> list[dict]:
        """The traces as assembled, their arrays as built (numpy, not encoded)."""
        return self._spec["data"]

    @property
    def data(self):
        return self._figure().data

    @property
    def layout(self):
        return self._figure().layout

    def __getattr__(self, name):
        return getattr(self._figure(), name)

    def __repr__(self) -> str:
        return f"SpecFigure({len(self._spec['data'])} traces)"


def figure(traces: list[dict], layout_: dict, key: list[KeyEntry] | None = None) -> go.Figure:
    return SpecFigure(traces, layout_, key)


def vrect(x0: float, x1: float, colour: str = RED, opacity: float = 0.10) -> dict:
    """A full-height band between ``x0`` and ``x1`` (drawn below the data)."""
    return {"type": "rect", "xref": "x", "yref": "paper", "x0": x0, "x1": x1, "y0": 0, "y1": 1,
            "fillcolor": colour, "opacity": opacity, "line": {"width": 0}, "layer": "below"}


def hline(y: float, colour: str, width: float = 1, dash: str = "solid") -> dict:
    return {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": y, "y1": y,
            "line": {"color": colour, "width": width, "dash": dash}}


def vline(x: float, colour: str, width: float = 1, dash: str = "solid") -> dict:
    return {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
            "line": {"color": colour, "width": width, "dash": dash}}


def legend_only(name: str, **marker) -> dict:
    """A legend entry without data (for shaded bands drawn as shapes)."""
    return {"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": name,
            "hoverinfo": "skip", "marker": marker}


LINE_GLYPHS = {"━": "solid", "│": "solid", "┃": "solid", "▬": "solid", "┈": "dot", "┅": "dash"}
MARKER_GLYPHS = {"■": "square", "●": "circle", "◆": "diamond", "★": "star", "✕": "x", "▲": "triangle-up",
                 "○": "circle-open"}


def with_legend(fig: go.Figure) -> go.Figure:
    """A keyed figure with its key as an ordinary legend under the plot (for the exported files,
    which have no page around them to write the key): one legend-only trace per entry."""
    entries = getattr(fig, "key", None)
    if not entries:
        return fig
    out = go.Figure(fig).update_traces(showlegend=False)  # the key, not the traces, names what is drawn
    for entry in entries:
        style = ({"mode": "lines", "line": {"color": entry.colour, "dash": LINE_GLYPHS[entry.glyph], "width": 3}}
                 if entry.glyph in LINE_GLYPHS else
                 {"mode": "markers", "marker": {"color": entry.colour, "size": 11,
                                                "symbol": MARKER_GLYPHS.get(entry.glyph, "circle")}})
        out.add_scatter(x=[None], y=[None], name=entry.label, showlegend=True, hoverinfo="skip", **style)
    bottom = max(110, out.layout.margin.b or 0)
    return out.update_layout(showlegend=True, margin={"b": bottom},
                             legend={"orientation": "h", "yanchor": "top", "y": -0.18, "xanchor": "left", "x": 0.0})
