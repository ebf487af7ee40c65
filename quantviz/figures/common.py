"""Shared look of every chart."""
from __future__ import annotations

import plotly.graph_objects as go

# Colour-blind-safe (Okabe-Ito); readable on white and on a dark background.
BLUE, ORANGE, GREEN, RED, PURPLE, SKY, YELLOW, GREY = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#888888")


def styled_layout(title: str, x_title: str, y_title: str, height: int = 380) -> dict:
    """Title, axis titles (with units), legible fonts and a legend above the plot, as a layout dict."""
    return {
        "title": {"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 17}},
        "xaxis": {"title": {"text": x_title}}, "yaxis": {"title": {"text": y_title}}, "height": height,
        "font": {"size": 14}, "margin": {"l": 60, "r": 20, "t": 60, "b": 55},
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
