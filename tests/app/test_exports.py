"""Every figure a page shows can be redrawn for its PNG / SVG files: none uses a trace, fill or
shape that the static export would have to leave out (it raises ``UnsupportedFigure``)."""
import matplotlib.pyplot as plt
import pytest

from quantviz.app.shell import figure
from quantviz.app.shell.registry import PAGES
from quantviz.figures.static import to_matplotlib

QUERIES = {"mapping": {"fig": "error"}, "int8": {"src": "noise"},   # secondary figures drawn too
           "arithmetic": {"requant": "true", "overflow": "true"}}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_every_figure_shown_redraws_for_the_files(open_page, page, monkeypatch):
    shown = []

    def record(fig, present=False):
        shown.append(fig)
        return displayed(fig, present)

    displayed = figure.displayed
    monkeypatch.setattr(figure, "displayed", record)   # every figure show_figure draws passes here
    at = open_page(page.path, **QUERIES.get(page.url_path, {}))
    assert not at.exception, at.exception
    assert len(shown) > (page.url_path != "home"), "the page shows a figure of its own"
    for fig in shown:
        plt.close(to_matplotlib(figure.for_export(fig, None)))


LIVE = [("views/home.py", {}, ["bits"]), ("views/lesson.py", {"step": "6"}, ["bits"]),
        ("views/mapping.py", {}, ["bits", "rmin", "rmax"]), ("views/mapping.py", {"signed": "true"}, None)]


@pytest.mark.parametrize("path, query, sliders", LIVE, ids=["home", "lesson-6", "mapping", "mapping-signed"])
def test_the_staircase_and_mapping_files_keep_their_sliders(open_page, monkeypatch, path, query, sliders):
    """The interactive HTML file of the staircase (bits) and of the mapping figure (bits and range)
    carries its sliders and the script that recomputes it; where that script would not compute what
    the page shows (signed codes), the file is the plain one."""
    files = []

    def record(*args, live=None, **kwargs):
        files.append(live)
        return show(*args, **kwargs)

    show = figure.show_figure
    monkeypatch.setattr(figure, "show_figure", record)
    at = open_page(path, **query)
    assert not at.exception
    if sliders is None:
        assert files[-1] is None          # the last page run is the one asked for (home runs first)
        return
    html = files[-1]().decode()
    assert "window.quantvizLive" in html and "Plotly.react" in html and "<script src=" not in html
    for key in sliders:
        assert f'id="{key}"' in html
    assert ('id="rmin"' in html) == ("rmin" in sliders)
