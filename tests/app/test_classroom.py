"""Every registered page (new pages included) in presentation mode with its Share panel, and in
its embed view: the main figure alone."""
import pytest

from quantviz.app.shell.registry import PAGES


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_presentation_mode_and_the_share_panel(open_page, page):
    at = open_page(page.path, present="1", lang="zh", share="true")  # a page may draw it only when open
    assert not at.exception, at.exception
    css = " ".join(m.value for m in at.markdown if "<style>" in m.value)
    assert "font-size: 21px" in css and '[data-testid="stSidebar"]' in css  # large type, no sidebar
    assert at.button(key="present_exit").label == "退出演示模式"
    snippets = [c.value for c in at.code]
    links = [s for s in snippets if s.startswith("http")]
    frames = [s for s in snippets if s.startswith("<iframe")]
    assert links and frames, "a Share panel with the link and the iframe snippet"
    assert "lang=zh" in links[-1] and "present" not in frames[-1]
    assert "share=" not in links[-1] and "share=" not in frames[-1], "the open panel is not part of the state"
    assert "embed=true" in frames[-1] and "view=figure" in frames[-1]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_a_closed_share_panel_draws_nothing(open_page, page):
    at = open_page(page.path)  # its code blocks would cost the page's first render half a second
    assert not at.exception, at.exception
    assert not [c for c in at.code if c.value.startswith(("http", "<iframe"))]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_embed_view_shows_the_main_figure_alone(open_page, page):
    at = open_page(page.path, embed="true", view="figure")
    assert not at.exception, at.exception
    assert not at.title, "no page title in the embed"
    assert at.get("plotly_chart"), "the main figure"
    assert not [c for c in at.code if c.value.startswith("<iframe")], "no Share panel in the embed"
    assert not at.get("download_button"), "no export buttons in the embed"
    assert len(at.get("plotly_chart")) <= 2, "the main figure (with at most the input it shows)"
    full_page = [m.value for m in at.markdown if "↗" in m.value]
    assert len(full_page) == 1, "one link to the full page under the figure, also when the page stops early"
