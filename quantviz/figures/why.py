"""The width sweep: accuracy lost to quantization, and accuracy itself, against hidden width."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .style import BLUE, GREEN, GREY, ORANGE, RED, SKY, styled

BITS_COLOURS = {8: BLUE, 6: SKY, 4: GREEN, 3: ORANGE, 2: RED}
# A dash of its own per width too: colour is never the only thing that tells two lines apart
BITS_DASH = {8: "solid", 6: "dash", 4: "dashdot", 3: "longdash", 2: "dot"}


def _frame(fig: go.Figure, widths: np.ndarray, labels: dict) -> go.Figure:
    """Title and subtitle (short enough for a phone), axes, a log-2 width axis, legend below."""
    fig = styled(fig, labels["title"], labels["x"], labels["y"], height=520)
    fig.update_layout(title_subtitle_text=labels["subtitle"], margin={"t": 80, "b": 150},
                      legend={"orientation": "h", "y": -0.27, "yanchor": "top", "x": 0.0, "xanchor": "left"})
    _width_axis(fig, widths)
    return fig


def _width_axis(fig: go.Figure, widths: np.ndarray) -> None:
    """A log-2 width axis with a tick at every width of the family."""
    lo, hi = np.log10(widths.min() / 1.3), np.log10(widths.max() * 1.3)
    fig.update_xaxes(type="log", tickvals=widths.tolist(), ticktext=[str(int(w)) for w in widths], range=[lo, hi])


def _bits_traces(fig: go.Figure, widths, values, bits, parameters, labels) -> None:
    for j, b in enumerate(bits):
        fig.add_trace(go.Scatter(
            x=widths, y=values[:, j], mode="lines+markers", name=labels["bits"].format(bits=int(b)),
            line={"color": BITS_COLOURS.get(int(b), GREY), "width": 2.5, "dash": BITS_DASH.get(int(b), "solid")},
            marker={"size": 8}, customdata=parameters, hovertemplate=labels["hover"] + "<extra></extra>"))


def gap_figure(widths: np.ndarray, parameters: np.ndarray, gaps: np.ndarray, bits: np.ndarray,
               labels: dict) -> go.Figure:
    """Accuracy lost (percentage points) at each bit width, one line per bit width, against the
    hidden width, above a dotted line at 0 (no loss). ``gaps``: (n_widths, n_bits). ``labels``:
    title, subtitle, x, y, bits (with ``{bits}``), hover."""
    fig = go.Figure()
    _bits_traces(fig, widths, gaps, bits, parameters, labels)
    fig.add_shape(type="line", x0=0, x1=1, xref="x domain", y0=0, y1=0, yref="y",
                  line={"color": GREY, "dash": "dot", "width": 1.5})
    fig = _frame(fig, widths, labels)
    fig.update_yaxes(rangemode="tozero", ticksuffix=" pp")
    return fig


def accuracy_figure(widths: np.ndarray, parameters: np.ndarray, float_acc: np.ndarray, acc: np.ndarray,
                    bits: np.ndarray, labels: dict) -> go.Figure:
    """Test accuracy (%) in float32 and at each bit width against the hidden width.
    ``labels``: title, subtitle, x, y, float, bits, hover."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=widths, y=float_acc, mode="lines+markers", name=labels["float"],
                             line={"color": GREY, "width": 4}, marker={"size": 9}, customdata=parameters,
                             hovertemplate=labels["hover"] + "<extra></extra>"))
    _bits_traces(fig, widths, acc, bits, parameters, labels)
    fig = _frame(fig, widths, labels)
    fig.update_yaxes(range=[0, 102], ticksuffix=" %")
    return fig
