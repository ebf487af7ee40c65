"""Fast figure assembly for the mapping page: traces and layout as plain dicts, one Figure.

Building a figure with ``add_trace``/``update_layout``/``add_vrect`` validates every property
on every call (about 100 ms per figure on these machines), and even an unvalidated ``go.Figure``
copies every array twice on its way to the browser (about 18 ms for the main figure).
``SpecFigure`` hands the assembled dicts over as they are. The look matches ``common.styled``.
"""
from __future__ import annotations

import plotly.graph_objects as go

from .common import RED


def layout(title: str, x_title: str, y_title: str, height: int = 380, **extra) -> dict:
    """Title, axis titles (with units), legible fonts, the legend under the plot."""
    base = {
        "title": {"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 17}},
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}},
        "height": height,
        "font": {"size": 14},
        "margin": {"l": 60, "r": 20, "t": 60, "b": 40},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.22, "xanchor": "left", "x": 0.0},
        "hoverlabel": {"font": {"size": 14}},
        "template": {},  # no plotly template: the Streamlit theme styles the chart
    }
    if not title:  # the page writes the title above the chart, where it can wrap on a phone
        base["margin"] = {**base["margin"], "t": 24}
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return base


class SpecFigure(go.Figure):
    """A figure kept as the plain dicts it was assembled from.

    ``to_dict()`` (what ``st.plotly_chart`` and ``plotly.io.to_json`` read) hands those dicts back
    as they are: no conversion, no deep copy. ``data`` and ``layout`` (for tests and for anyone
    who wants to edit the figure) build an ordinary ``go.Figure`` on first use.
    """

    def __init__(self, data: list[dict], layout: dict):  # noqa: D107 - no BaseFigure state until asked
        object.__setattr__(self, "_spec", {"data": data, "layout": layout})
        object.__setattr__(self, "_built", None)

    def _figure(self) -> go.Figure:
        if self._built is None:
            object.__setattr__(self, "_built", go.Figure(data=self._spec["data"], layout=self._spec["layout"],
                                                         _validate=False))
        return self._built

    def to_dict(self) -> dict:
        return self._spec

    def to_plotly_json(self) -> dict:
        return self._spec

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


def figure(traces: list[dict], layout_: dict) -> go.Figure:
    return SpecFigure(traces, layout_)


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
