"""Figure builders of the Beyond int8 and Why pages: grouping of point names, traces, axes."""
import numpy as np

from quantviz.figures.lowbit import label_groups, network_figure
from quantviz.figures.why import accuracy_figure, gap_figure


def point(variant, bits, accuracy, family="float"):
    return {"variant": variant, "label": variant, "family": family, "bits": bits, "accuracy": accuracy,
            "correct": round(accuracy * 3.59), "size": "1 kB"}


POINTS = [point("float32", 32, 98.0), point("float16", 16, 98.0), point("bfloat16", 16, 98.0),
          point("int8", 8.01, 98.0, "int"), point("float8_e4m3fn", 8, 98.3), point("binary", 1, 75.0, "lowbit"),
          point("xnor", 1.38, 73.8, "lowbit"), point("xnor_activations", 1.38, 10.0, "xnor_acts")]
LABELS = {"title": "t", "subtitle": "s", "x": "x", "y": "y", "hover": "h", "float_line": "f", "selected": "sel",
          "float": "floats", "int": "ints", "lowbit": "low", "xnor_acts": "xa"}


def test_neighbours_share_one_label_and_distant_points_do_not():
    groups = {g["text"].strip("\u2002"): g for g in label_groups(POINTS)}
    assert set(groups) == {"float32", "float16 · bfloat16", "float8_e4m3fn · int8", "binary", "xnor",
                           "xnor_activations"}
    assert groups["xnor"]["text"].startswith("\u2002")  # text on the right is padded clear of the marker


def test_network_figure_has_a_trace_per_family_and_rings_the_selected_point():
    fig = network_figure(POINTS, "xnor", 98.0, [(1, "1"), (32, "32")], LABELS)
    names = [trace.name for trace in fig.data]
    assert names[:4] == ["floats", "ints", "low", "xa"] and names[-1] == "sel"
    assert fig.data[-1].x == (1.38,) and fig.data[-1].y == (73.8,)
    assert fig.layout.xaxis.type == "log" and list(fig.layout.xaxis.tickvals) == [1, 32]
    assert "sel" not in [t.name for t in network_figure(POINTS, "nothing", 98.0, [], LABELS).data]


def test_width_figures_draw_one_line_per_bit_width():
    widths, params = np.array([4, 8, 16]), np.array([310, 610, 1210])
    gaps = np.array([[1.0, 30.0], [0.0, 10.0], [0.0, 5.0]])
    labels = {"title": "t", "subtitle": "s", "x": "x", "y": "y", "bits": "{bits} bits", "hover": "h", "float": "fp32"}
    fig = gap_figure(widths, params, gaps, np.array([8, 3]), labels)
    assert [t.name for t in fig.data] == ["8 bits", "3 bits"] and list(fig.data[1].y) == [30.0, 10.0, 5.0]
    assert fig.layout.title.subtitle.text == "s" and list(fig.layout.xaxis.ticktext) == ["4", "8", "16"]
    acc = accuracy_figure(widths, params, np.array([70.0, 96.0, 97.0]), 100 - gaps, np.array([8, 3]), labels)
    assert [t.name for t in acc.data] == ["fp32", "8 bits", "3 bits"]
