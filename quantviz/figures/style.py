"""The look every chart shares: colours, fonts, margins, titles and where the legend or key goes.

Figures built with ``go.Figure`` use ``styled``; figures assembled as plain dicts
(``quantviz.figures.spec``) use ``layout``, or ``keyed_layout`` when the page writes their key.
"""
from __future__ import annotations

from typing import NamedTuple

import plotly.graph_objects as go

# Colour-blind-safe (Okabe-Ito); readable on white and on a dark background.
BLUE, ORANGE, GREEN, RED, PURPLE, SKY, YELLOW, GREY = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#888888")

# Chart type that reads on a laptop and, times a factor, on a projector (presentation mode): the
# figure's text, tick labels, axis titles and legend in pixels. Streamlit's chart theme would
# draw tick labels at 12 px.
FONT_SIZES = {"font": 14, "tick": 14, "axis_title": 15, "legend": 14}
PRESENT_FACTOR = 19 / 14  # presentation mode: 19 px text
TICKS = {"tickfont": {"size": FONT_SIZES["tick"]}}
# px left of the plot for the y axis's tick labels and title at these sizes: with less, plotly.js
# widens the margin itself and draws the figure a second time
AXIS_ROOM = 92


def styled_layout(title: str, x_title: str, y_title: str, height: int = 380) -> dict:
    """Title, axis titles (with units), legible fonts and a legend above the plot, as a layout dict."""
    return {
        "title": {"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 17}},
        "xaxis": {"title": {"text": x_title}, **TICKS}, "yaxis": {"title": {"text": y_title}, **TICKS},
        "height": height,
        "font": {"size": 14}, "margin": {"l": AXIS_ROOM, "r": 20, "t": 60, "b": 72},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1.0},
        "hoverlabel": {"font": {"size": 14}},
    }


def styled(fig: go.Figure, title: str, x_title: str, y_title: str, height: int = 380) -> go.Figure:
    """``styled_layout`` applied to ``fig``."""
    fig.update_layout(styled_layout(title, x_title, y_title, height))
    return fig


def legend_below(fig: go.Figure, bottom: int = 110) -> go.Figure:
    """The legend under the plot, below the x axis title: on a phone a legend above the plot
    would cover a long title."""
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.22, "xanchor": "left", "x": 0.0},
                      margin={"b": bottom})
    return fig


def merged(base: dict, extra: dict) -> dict:
    """``base`` updated with ``extra``, one level deep: a dict value updates the dict it replaces."""
    for key, value in extra.items():
        base[key] = {**base[key], **value} if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return base


def layout(title: str, x_title: str, y_title: str, height: int = 380, **extra) -> dict:
    """Title, axis titles (with units), legible fonts, the legend under the plot."""
    base = {
        "title": {"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 17}},
        "xaxis": {"title": {"text": x_title}, **TICKS},
        "yaxis": {"title": {"text": y_title}, **TICKS},
        "height": height,
        "font": {"size": 14},
        "margin": {"l": AXIS_ROOM, "r": 20, "t": 60, "b": 40},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.22, "xanchor": "left", "x": 0.0},
        "hoverlabel": {"font": {"size": 14}},
        "template": {},  # no plotly template: the Streamlit theme styles the chart
    }
    if not title:  # the page writes the title above the chart, where it can wrap on a phone
        base["margin"] = {**base["margin"], "t": 24}
    return merged(base, extra)


# Room for the axes (tick labels, title) of the keyed figures: plotly would push the margins
# (and draw twice) for anything larger. y: up to ~7-character tick labels; x: one row of ticks.
KEYED_MARGIN = {"l": AXIS_ROOM, "r": 16, "t": 12, "b": 62}
TITLE_STANDOFF = 8


def panel_title(text: str, top: float) -> dict:
    """The title of one panel of a figure of several, left above it (``top``: the panel's top, as a
    share of the plot area's height): an annotation, which the browser and the files both draw."""
    return {"text": f"<b>{text}</b>", "xref": "paper", "yref": "paper", "x": 0, "y": top, "xanchor": "left",
            "yanchor": "bottom", "yshift": 6, "showarrow": False, "font": {"size": FONT_SIZES["axis_title"]}}


class KeyEntry(NamedTuple):
    """One entry of a figure's key: a glyph (■ ● ━ ┅ ...) in a colour, and its label."""

    glyph: str
    colour: str
    label: str


def keyed_layout(x_title: str, y_title: str, height: int = 380, **extra) -> dict:
    """A layout without title or legend (the page writes both), axes that fit the margins."""
    base = layout("", x_title, y_title, height, showlegend=False, margin=dict(KEYED_MARGIN))
    del base["title"]
    for axis in ("xaxis", "yaxis"):
        base[axis]["title"]["standoff"] = TITLE_STANDOFF
    return merged(base, extra)




def readable_fonts(layout: dict, factor: float = 1.0) -> dict:
    """The font entries of ``layout`` (a figure's layout dict) at ``FONT_SIZES`` times ``factor``:
    the figure's font, every axis's tick labels and title, and the legend. Returns the entries to
    update, the words and other settings of each kept."""
    size = {name: round(px * factor) for name, px in FONT_SIZES.items()}
    fonts = {"font": {**(layout.get("font") or {}), "size": size["font"]},
             "legend": {**(layout.get("legend") or {}),
                        "font": {**((layout.get("legend") or {}).get("font") or {}), "size": size["legend"]}}}
    for name in [k for k in layout if k.startswith(("xaxis", "yaxis"))] or ["xaxis", "yaxis"]:
        axis = dict(layout.get(name) or {})
        title = axis.get("title") or {}
        title = {"text": title} if isinstance(title, str) else dict(title)
        title["font"] = {**(title.get("font") or {}), "size": size["axis_title"]}
        fonts[name] = {**axis, "title": title, "tickfont": {**(axis.get("tickfont") or {}), "size": size["tick"]}}
    return fonts
