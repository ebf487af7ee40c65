"""Static exports of plotly figures: PNG and SVG redrawn with matplotlib, standalone HTML."""
import warnings

import matplotlib
import numpy as np
import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from quantviz import choose_qparams
from quantviz.figures.mapping.staircase import staircase_figure
from quantviz.figures.static import UnsupportedFigure, to_html, to_matplotlib, to_png, to_svg

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


def test_bars_with_a_base_per_bar_colours_and_outlines():
    fig = go.Figure(go.Bar(x=[0, 1, 2], y=[2.0, 1.0, 3.0], base=[-1.0, 0.5, -2.0],
                           marker={"color": ["#0072B2", "rgba(0,0,0,0)", "#D55E00"],
                                   "line": {"color": "#009E73", "width": 2}}))
    ax = to_matplotlib(fig).axes[0]
    bars = [p for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle)][:3]
    assert [b.get_y() for b in bars] == [-1.0, 0.5, -2.0]          # the base
    assert [b.get_height() for b in bars] == [2.0, 1.0, 3.0]
    assert bars[1].get_facecolor()[3] == 0                          # outline only
    assert np.allclose(bars[1].get_edgecolor()[:3], matplotlib.colors.to_rgb("#009E73"))
    assert np.allclose(bars[2].get_facecolor()[:3], matplotlib.colors.to_rgb("#D55E00"))


def test_categories_and_tick_labels():
    fig = go.Figure(go.Bar(y=["exact", "naive", "correct"], x=[0.0, 253.0, 0.0], orientation="h",
                           text=["0", "253", "0"], textposition="outside"))
    fig.add_trace(go.Bar(x=[0, 1], y=[1, 2], xaxis="x2", yaxis="y2"))
    fig.update_layout(xaxis2={"domain": [0.6, 1], "tickvals": [0, 1], "ticktext": ["C[1,1]", "C[1,2]"]},
                      xaxis={"domain": [0, 0.5]}, yaxis2={"anchor": "x2"})
    mpl = to_matplotlib(fig)
    left, right = mpl.axes
    assert [t.get_text() for t in left.get_yticklabels()] == ["exact", "naive", "correct"]
    assert left.patches[1].get_width() == 253.0 and "253" in [t.get_text() for t in left.texts]
    assert [t.get_text() for t in right.get_xticklabels()] == ["C[1,1]", "C[1,2]"]


def test_outline_only_markers_and_symbols():
    fig = go.Figure([go.Scatter(x=[1, 2], y=[1, 2], mode="markers", name="ring",
                                marker={"color": "rgba(0,0,0,0)", "size": 19, "line": {"color": "#D55E00",
                                                                                       "width": 2.5}}),
                     go.Scatter(x=[1, 2], y=[2, 1], mode="markers", name="cross", marker={"symbol": "x",
                                                                                          "color": "#E69F00"})])
    ax = to_matplotlib(fig).axes[0]
    ring, cross = ax.collections
    assert ring.get_facecolor()[0][3] == 0 and np.allclose(ring.get_edgecolor()[0][:3],
                                                           matplotlib.colors.to_rgb("#D55E00"))
    assert np.allclose(cross.get_facecolor()[0][:3], matplotlib.colors.to_rgb("#E69F00"))
    assert not np.array_equal(ring.get_paths()[0].vertices, cross.get_paths()[0].vertices)  # another symbol


def test_stroke_markers_take_the_line_colour_without_a_warning():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[1, 2], mode="markers", name="ticks",
                               marker={"symbol": "line-ns", "color": "#0072B2", "size": 12,
                                       "line": {"color": "#D55E00", "width": 2}}))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns when a stroke is given an edge colour
        ticks = to_matplotlib(fig).axes[0].collections[0]
    assert np.allclose(ticks.get_edgecolor()[0][:3], matplotlib.colors.to_rgb("#D55E00"))
    assert ticks.get_linewidths()[0] == 2


def test_log_axes_are_labelled_in_plain_numbers():
    fig = go.Figure(go.Scatter(x=[1, 2, 3], y=[1e-4, 1e-2, 10], name="error"))
    fig.update_yaxes(type="log", exponentformat="power")
    mpl = to_matplotlib(fig)
    mpl.canvas.draw()
    labels = [t.get_text() for t in mpl.axes[0].get_yticklabels() if t.get_text()]
    assert "0.001" in labels and "10" in labels              # not mathtext, which the export shows raw
    assert not any("$" in text or "mathdefault" in text for text in labels)
    narrow = to_matplotlib(go.Figure(go.Scatter(x=[1, 2], y=[1.5, 9])).update_yaxes(type="log"))
    narrow.canvas.draw()
    minor = [t.get_text() for t in narrow.axes[0].yaxis.get_minorticklabels() if t.get_text()]
    assert minor == ["2", "5"]                                # within one decade: the 2s and 5s


def test_grouped_bars_stand_side_by_side_as_in_the_browser():
    fig = go.Figure([go.Bar(x=["per tensor", "per token"], y=[3, 2], name="none"),
                     go.Bar(x=["per tensor", "per token"], y=[1, 0.5], name="rotation")])
    ax = to_matplotlib(fig.update_layout(barmode="group")).axes[0]
    none, rotation = ax.patches[:2], ax.patches[2:4]
    assert none[0].get_x() + none[0].get_width() <= rotation[0].get_x() + 1e-9   # not drawn over each other
    assert abs((none[0].get_x() + rotation[0].get_x() + rotation[0].get_width()) / 2 - 0) < 1e-9   # centred on 0
    overlaid = to_matplotlib(fig.update_layout(barmode="overlay")).axes[0].patches
    assert overlaid[0].get_x() == overlaid[2].get_x()


def test_a_rectangle_without_fill_is_an_outline_and_a_heatmap_has_its_colour_bar():
    fig = go.Figure(go.Heatmap(z=[[0, 1], [2, 3]], colorscale="RdBu"))
    fig.add_shape(type="rect", x0=0.5, x1=1.5, y0=-0.5, y1=1.5, line={"color": "#CC79A7", "width": 3})
    fig.add_shape(type="rect", x0=-0.5, x1=0.5, y0=-0.5, y1=0.5, fillcolor="red", opacity=0.1, line_width=0)
    mpl = to_matplotlib(fig)
    outline, band = [p for p in mpl.axes[0].patches if isinstance(p, matplotlib.patches.Rectangle)][-2:]
    assert outline.get_facecolor()[3] == 0 and outline.get_linewidth() > 0    # as the browser: no fill
    assert np.allclose(outline.get_edgecolor()[:3], matplotlib.colors.to_rgb("#CC79A7"))
    assert band.get_linewidth() == 0 and np.allclose(band.get_facecolor(), (1, 0, 0, 0.1))
    assert len(mpl.axes) == 2                                                 # the plot and its colour bar
    assert len(to_matplotlib(fig.update_traces(showscale=False)).axes) == 1


def test_a_path_of_level_lines_is_drawn_where_the_browser_draws_it():
    fig = go.Figure(go.Scatter(x=[0, 5], y=[0, 5], mode="markers"))
    fig.add_shape(type="path", path="M-0.4,1.5H0.4M2,-1e-05H3L4,4V2", line={"color": "#E69F00", "width": 3},
                  layer="above")
    line = [ln for ln in to_matplotlib(fig).axes[0].lines if ln.get_linewidth() == pytest.approx(2.4)][0]
    x, y = line.get_xdata(), line.get_ydata()
    pieces = [(list(a), list(b)) for a, b in zip(np.split(x, np.flatnonzero(np.isnan(x))),
                                                  np.split(y, np.flatnonzero(np.isnan(y)))) if len(a) > 1]
    assert [(a[1:], b[1:]) for a, b in pieces] == [([-0.4, 0.4], [1.5, 1.5]), ([2, 3, 4, 4], [-1e-05, -1e-05, 4, 2])]
    assert np.allclose(matplotlib.colors.to_rgb(line.get_color()), matplotlib.colors.to_rgb("#E69F00"))
    fig.update_shapes(path="M0,0C1,1 2,2 3,3")                                # a curve: not drawn, refused
    with pytest.raises(UnsupportedFigure):
        to_png(fig)


def test_a_symbol_per_point():
    fig = go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 2, 3], mode="markers", name="picks",
                               marker={"symbol": ["circle", "diamond", "circle"], "color": ["red", "green", "blue"]}))
    mpl = to_matplotlib(fig)
    circles, diamonds = mpl.axes[0].collections
    assert len(circles.get_offsets()) == 2 and len(diamonds.get_offsets()) == 1
    assert np.allclose(diamonds.get_facecolor()[0][:3], matplotlib.colors.to_rgb("green"))
    assert not np.array_equal(circles.get_paths()[0].vertices, diamonds.get_paths()[0].vertices)


def test_legend_below_the_plot_gets_room_and_keeps_trace_order():
    fig = go.Figure([go.Scatter(x=[0, 1], y=[0, 1], name=f"trace {i}", mode="lines") for i in range(6)])
    fig.update_layout(height=400, width=800, margin={"b": 40},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.22, "xanchor": "left", "x": 0.0})
    mpl = to_matplotlib(fig)
    assert mpl.get_figheight() * 100 > 400                           # grown for the legend
    legend = mpl.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [f"trace {i}" for i in range(6)]
    mpl.canvas.draw()
    box, plot = legend.get_window_extent(), mpl.axes[0].get_window_extent()
    assert box.y1 < plot.y0 and box.y0 >= 0                          # under the axes, inside the figure


def test_annotations_subtitle_and_shared_x_axis():
    fig = go.Figure([go.Scatter(x=[0, 1], y=[0, 1]), go.Scatter(x=[0, 1], y=[1, 0], yaxis="y2")])
    fig.update_layout(yaxis={"domain": [0.55, 1]}, yaxis2={"domain": [0, 0.45]}, xaxis={"anchor": "y2",
                                                                                        "title": "x (units)"},
                      title={"text": "Title", "subtitle": {"text": "a subtitle"}})
    fig.add_vline(x=0.5, annotation_text="your x")
    mpl = to_matplotlib(fig)
    texts = [t.get_text() for t in mpl.texts] + [t.get_text() for ax in mpl.axes for t in ax.texts]
    assert {"Title", "a subtitle", "your x"} <= set(texts)
    labelled = [ax for ax in mpl.axes if ax.get_xlabel()]
    assert len(labelled) == 1 and labelled[0].get_position().y0 < 0.5  # the x title once, at the bottom


def test_closed_outlines_are_filled_one_polygon_per_run():
    fig = go.Figure(go.Scatter(x=[0, 1, 1, 0, 0, None, 2, 3, 3, 2, 2], y=[0, 0, 1, 1, 0, None, 0, 0, 2, 2, 0],
                               fill="toself", fillcolor="#0072B2", mode="lines", line={"width": 0}))
    ax = to_matplotlib(fig).axes[0]
    polygons = [p for p in ax.patches if isinstance(p, matplotlib.patches.Polygon)]
    assert len(polygons) == 2 and not ax.lines                       # width 0: filled, no outline
    assert np.allclose(polygons[1].get_xy().max(axis=0), [3, 2])
    assert np.allclose(polygons[0].get_facecolor()[:3], matplotlib.colors.to_rgb("#0072B2"))


def _with_circle() -> go.Figure:
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]))
    fig.add_shape(type="circle", x0=0, x1=1, y0=0, y1=1)
    return fig


def _paper_rect() -> go.Figure:
    fig = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]))
    fig.add_shape(type="rect", xref="paper", yref="paper", x0=0, x1=1, y0=0, y1=1)
    return fig


@pytest.mark.parametrize("make", [
    lambda: go.Figure(go.Pie(values=[1, 2])),
    lambda: go.Figure(go.Scatter(x=[0, 1], y=[0, 1], fill="tonextx")),
    _with_circle,
    _paper_rect,
], ids=["pie trace", "fill to next x", "circle shape", "rectangle on paper"])
def test_what_the_export_cannot_draw_fails_instead_of_being_dropped(make):
    with pytest.raises(UnsupportedFigure):
        to_png(make())
