"""Static exports of plotly figures: PNG and SVG redrawn with matplotlib, standalone HTML."""
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from quantviz import choose_qparams
from quantviz.figures.mapping import staircase_figure
from quantviz.figures.static import to_html, to_matplotlib, to_png, to_svg

LABELS = {"title": "Staircase title", "x": "real value x", "y": "integer code q", "ideal": "ideal",
          "codes": "codes", "marker": "your x", "hover": "%{x}"}


def test_png_and_svg_of_the_staircase():
    fig = staircase_figure(choose_qparams(-1, 1, bits=3), -1.2, 1.2, LABELS, x_mark=0.3)
    png, svg = to_png(fig), to_svg(fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000
    text = svg.decode()
    assert text.lstrip().startswith("<?xml") and "Staircase title" in text and "integer code q" in text


def test_redrawn_figure_keeps_traces_axes_and_shapes():
    fig = make_subplots(rows=1, cols=2)
    fig.add_trace(go.Bar(x=[0, 1, 2], y=[3, 1, 2], name="counts"), row=1, col=1)
    fig.add_trace(go.Scatter(x=[0, 1], y=[1, 2], mode="lines+markers", name="line"), row=1, col=2)
    fig.add_vrect(x0=0.5, x1=1.5, fillcolor="rgba(213,94,0,0.3)", row=1, col=1)
    fig.update_yaxes(type="log", row=1, col=2)
    mpl = to_matplotlib(fig)
    assert len(mpl.axes) == 2
    left, right = mpl.axes
    assert len(left.patches) >= 3 and right.get_yscale() == "log"
    assert right.lines and np.allclose(right.lines[0].get_ydata(), [1, 2])


def test_html_is_standalone():
    html = to_html(go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))).decode()
    assert "<html>" in html and "Plotly.newPlot" in html
    assert "<script src=" not in html and len(html) > 1_000_000  # plotly.js is inlined
