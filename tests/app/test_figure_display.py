"""How the app shows a figure: the title written above it, larger type in presentation mode,
the exported file with its title and the page's key."""
import plotly.graph_objects as go

from quantviz.app.shell.figure import PRESENT_FONT, displayed, for_export


def _figure():
    fig = go.Figure(go.Scatter(x=[0, 1], y=[1, 2], name="values"))
    return fig.update_layout(title={"text": "Accuracy", "subtitle": {"text": "on 359 images"}},
                             xaxis_title="bits", yaxis={"title": {"text": "accuracy (%)"}},
                             xaxis2={"title": "size (KB)"}, font={"size": 14})


def test_the_title_goes_above_the_chart_as_text():
    spec, text, subtitle = displayed(_figure())
    assert (text, subtitle) == ("Accuracy", "on 359 images")
    title = spec.to_dict()["layout"]["title"]
    assert title["font"]["color"] == "rgba(0,0,0,0)"        # kept in the layout, not drawn


def test_presentation_mode_enlarges_every_axis_and_the_legend_which_stay_readable_without_it():
    layout = displayed(_figure(), present=True)[0].to_dict()["layout"]
    normal = displayed(_figure())[0].to_dict()["layout"]
    assert layout["font"]["size"] == PRESENT_FONT and normal["font"]["size"] == 14
    for axis in ("xaxis", "yaxis", "xaxis2"):
        assert layout[axis]["tickfont"]["size"] >= PRESENT_FONT - 2
        assert layout[axis]["title"]["font"]["size"] >= PRESENT_FONT
        assert layout[axis]["title"]["text"] == normal[axis]["title"]["text"]   # the words stay
        assert normal[axis]["tickfont"]["size"] >= 14                           # readable on a laptop too
    assert layout["legend"]["font"]["size"] >= PRESENT_FONT - 2


def test_the_exported_file_carries_the_title_the_page_wrote():
    fig = go.Figure(go.Scatter(x=[0, 1], y=[1, 2]))
    assert for_export(fig, "The staircase").layout.title.text == "The staircase"
    assert for_export(_figure(), "ignored").layout.title.text == "Accuracy"   # its own title wins


def test_a_figure_with_its_own_title_gets_room_for_it_in_the_file():
    keyed = _figure().update_layout(margin={"t": 12})       # the page writes the title above a keyed figure
    assert for_export(keyed, None).layout.margin.t >= 60    # the file draws it above the plot
    assert for_export(_figure().update_layout(margin={"t": 90}), None).layout.margin.t == 90
