"""Every figure a page shows can be redrawn for its PNG / SVG files: none uses a trace, fill or
shape that the static export would have to leave out (it raises ``UnsupportedFigure``)."""
import matplotlib.pyplot as plt
import pytest

from quantviz.app.shell import figure
from quantviz.app.shell.registry import PAGES
from quantviz.figures.static import to_matplotlib

QUERIES = {"mapping": {"fig": "error"}, "int8": {"src": "noise"}}   # secondary figures drawn too


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
