"""A chart in words and numbers: the summary a screen reader reaches and the table under it say
what the figure draws, in the reader's language."""
import numpy as np
import plotly.graph_objects as go

from quantviz.app.shell.figure_text import MAX_ROWS, MAX_SERIES, summary, table
from quantviz.app.shell.i18n import in_language
from quantviz.figures.spec import figure, legend_only
from quantviz.figures.style import layout


def _codes():
    x = np.linspace(-1.0, 1.0, 5)
    return figure([{"type": "scatter", "x": x, "y": np.round(x * 127.5 + 127.5).astype(np.int32), "name": "codes"},
                   legend_only("clipped", color="red")],
                  layout("", "x (real value)", "q (code)"))


def test_summary_gives_each_series_its_points_and_ranges():
    with in_language("en"):
        text = summary(_codes(), "The staircase")
    assert text.startswith("Chart “The staircase”, 1 series.")
    assert "codes: 5 points, x (real value) from -1 to 1, q (code) from 0 to 255." in text
    assert "clipped" not in text                     # a legend entry without points is not a series


def test_summary_in_chinese():
    with in_language("zh"):
        text = summary(_codes(), "阶梯")
    assert "图表“阶梯”，共 1 个序列。" in text and "codes：5 个点" in text and "从 0 到 255" in text


def test_categories_are_named_and_many_series_counted():
    fig = go.Figure([go.Bar(x=["float32", "int8"], y=[98.05, 97.5], name=f"model {i}") for i in range(MAX_SERIES + 2)])
    fig.update_layout(xaxis_title="format", yaxis_title="accuracy (%)")
    with in_language("en"):
        text = summary(fig)
    assert text.startswith("Chart with 8 series.")
    assert "model 0: 2 values of accuracy (%) from 97.5 to 98.05, over format: float32, int8." in text
    assert "And 2 more series" in text


def test_table_holds_the_points_as_shown_and_counts_the_rest():
    with in_language("en"):
        frame, total = table(_codes())
    assert list(frame.columns) == ["series", "x (real value)", "q (code)"]
    assert total == 5 and frame.values.tolist()[0] == ["codes", "-1", "0"] and frame.values.tolist()[-1][2] == "255"
    big = go.Figure(go.Scatter(x=np.arange(MAX_ROWS * 2), y=np.arange(MAX_ROWS * 2) / 3))
    frame, total = table(big)
    assert len(frame) == MAX_ROWS and total == MAX_ROWS * 2
    assert frame.iloc[1, 2] == "0.333333"           # six significant digits, as the page's numbers


def test_missing_points_and_titles_with_markup():
    fig = go.Figure(go.Scatter(x=[0, 1, 2], y=[1.5, None, np.nan], name="<b>w</b> &amp; b"))
    with in_language("en"):
        text = summary(fig, "Error <sub>rms</sub>")
        frame, _ = table(fig)
    assert "Chart “Error rms”" in text and "w & b: 3 points" in text and "y from 1.5 to 1.5" in text
    assert frame.values.tolist()[1][2] == "" and frame.values.tolist()[2][2] == "nan"


def test_stacked_plots_name_each_series_axes():
    fig = go.Figure([go.Bar(x=[0, 1], y=[5, 7], name="counts"),
                     go.Scatter(x=[0, 1], y=[0, 255], name="codes", xaxis="x2", yaxis="y2")])
    fig.update_layout(xaxis_title="x", yaxis_title="count", xaxis2={"title": "x (real)"}, yaxis2={"title": "code"})
    with in_language("en"):
        text = summary(fig)
        frame, _ = table(fig)
    assert "codes: 2 points, x (real) from 0 to 1, code from 0 to 255." in text
    assert "counts: 2 points, x from 0 to 1, count from 5 to 7." in text
    assert list(frame.columns) == ["series", "x", "y"]
    assert frame.values.tolist()[2] == ["codes (x (real); code)", "0", "0"]


def test_the_shown_table_and_summary_keep_markup_as_text():
    """A tensor name from an uploaded file may look like a Markdown link or image: the summary
    and the table (st.table renders Markdown in its cells) show it as text."""
    from streamlit.testing.v1 import AppTest

    def page():
        import plotly.graph_objects as go
        import streamlit as st

        from quantviz.app.shell.figure import show_figure
        fig = go.Figure(go.Bar(x=["[x](https://example.org)", "![i](https://example.org/i.png)"], y=[1, 2],
                               name="$x^2$ <b>w</b>"))
        st.session_state["fig_numbers"] = True       # the expander open
        show_figure(fig, "fig", "fig", export=False)

    at = AppTest.from_function(page).run(timeout=60)
    assert not at.exception
    texts = [m.value for m in at.markdown]
    assert any("qv-sr-only" in v for v in texts)
    cells = at.table[0].value.to_numpy().ravel().tolist()
    assert r"\[x\]\(https\:" in cells[1] and cells[1].startswith(r"\[") and r"\!\[i\]" in cells[4]
    assert r"\$x^2\$" not in cells[0] and cells[0].startswith(r"\$x\^2\$")
    for markdown in texts:
        assert "](https://example.org" not in markdown


def test_an_image_is_a_grid_of_values_with_a_row_per_cell():
    from quantviz.figures.int8 import digit_figure
    image = np.zeros((8, 8), np.uint8)
    image[0, 1], image[7, 7] = 16, 9
    fig = digit_figure(image, {"title": "Input", "colorbar": "ink", "hover": "%{z}"})
    with in_language("en"):
        text = summary(fig, "Input")
        frame, total = table(fig)
    assert text.startswith("Chart “Input”, 1 series.") and "a grid of 8 × 8 values from 0 to 16" in text
    assert total == 64 and list(frame.columns) == ["series", "cell", "value"]
    assert frame.values.tolist()[1][1:] == ["row 0, column 1", "16"] and frame.values.tolist()[-1][2] == "9"
    with in_language("zh"):
        assert "8 × 8 的数值网格" in summary(fig, "输入")
