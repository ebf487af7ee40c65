"""The mapping page in a real browser: keyboard, URL round trip, embed in a foreign page, looks."""
import http.server
import threading
from urllib.parse import urlencode

import pytest
from e2e_helpers import IDLE, OUTPUT, free_port, no_exception, screenshot, wait_idle

# Choices by their labels, as Streamlit writes them into the URL.
MAPPING = "/mapping?" + urlencode({"n": 20000, "data": "Laplace (sharp peak, long tails)", "calib": "your sliders"})


def open_mapping(page, app_url, query=MAPPING):
    page.goto(app_url + query)
    wait_idle(page)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30_000)
    assert no_exception(page)


def scale_cell(page) -> str:
    return page.locator("td", has_text="per code").first.inner_text()


def test_keyboard_moves_the_range_and_the_url_restores_it(page, app_url):
    open_mapping(page, app_url)
    before = scale_cell(page)
    slider = page.get_by_role("slider", name="rmax (real value)")
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    wait_idle(page)
    assert "rmax=" in page.url and "data=laplace" in page.url and "calib=manual" in page.url   # codes, not labels
    after = scale_cell(page)
    assert after != before
    moved = slider.get_attribute("aria-valuenow")
    page.goto(page.url)
    wait_idle(page)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30_000)
    assert page.get_by_role("slider", name="rmax (real value)").get_attribute("aria-valuenow") == moved
    assert scale_cell(page) == after


@pytest.fixture
def foreign_site(tmp_path):
    """A blog page on another origin (localhost:<other port>) that embeds the figure."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), lambda *a: Quiet(*a, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tmp_path, f"http://localhost:{port}"
    server.shutdown()


def test_embed_view_inside_an_iframe_on_another_origin(page, app_url, foreign_site):
    folder, origin = foreign_site
    src = app_url + "/mapping?embed=true&view=figure&bits=3&n=20000&" + urlencode({"data": "bimodal (two bumps)"})
    (folder / "post.html").write_text(
        "<!doctype html><html><body style='font-family:sans-serif;max-width:900px;margin:auto'>"
        "<h1>My post about quantization</h1><p>Move nothing: the figure below is live.</p>"
        f"<iframe id='fig' src='{src}' width='100%' height='660' style='border:0'></iframe>"
        "<p>The end.</p></body></html>")
    page.goto(origin + "/post.html")
    frame = page.frame_locator("#fig")
    frame.locator(IDLE).wait_for(timeout=60_000)
    frame.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=30_000)
    assert frame.locator('[data-testid="stPlotlyChart"]').count() == 1
    assert frame.get_by_role("slider").count() == 1                    # the one control that moves it: bits
    assert frame.get_by_role("slider", name="bits").input_value() == "3"
    page.wait_for_timeout(500)
    page.screenshot(path=str(OUTPUT / "mapping-embed.png"), full_page=True)
    assert frame.locator("h1").count() == 0
    assert not frame.locator('[data-testid="stSidebar"]').is_visible()
    assert frame.locator('[data-testid="stException"]').count() == 0
    assert frame.get_by_text("levels: the reals the codes stand for").is_visible()  # the figure's key


@pytest.mark.parametrize("name, query, scheme, width, charts", [
    ("mapping-light", MAPPING + "&fig=Error&formulas=true", "light", 1280, 3),
    ("mapping-dark-zh", "/mapping?n=20000&lang=zh&fig=" + "范围的取舍" + "&frameworks=true", "dark", 1280, 2),
    ("mapping-phone", MAPPING + "&" + urlencode({"fig": "Many floats, one integer"}), "light", 390, 2),
])
def test_screenshots(tab, app_url, name, query, scheme, width, charts):
    page = tab(viewport={"width": width, "height": 900}, color_scheme=scheme)
    open_mapping(page, app_url, query)
    page.wait_for_timeout(500)
    assert page.locator('[data-testid="stPlotlyChart"]').count() == charts
    assert screenshot(page, name, height=3200 if width > 500 else 6400).stat().st_size > 20_000


MARGINS = "() => { const gd = document.querySelector('[data-testid=\"stPlotlyChart\"] .js-plotly-plot');" \
          " const m = gd._fullLayout._size; return [m.l, m.r, m.t, m.b]; }"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_main_figure_is_drawn_once_per_change(tab, app_url, width):
    """Plotly draws a figure a second time when a legend or an axis does not fit its margins;
    the page's figures keep their margins (a key written by the page instead of a legend)."""
    from quantviz.figures.style import KEYED_MARGIN

    page = tab(viewport={"width": width, "height": 900})
    open_mapping(page, app_url, MAPPING + "&logy=true")
    wanted = [KEYED_MARGIN[k] for k in ("l", "r", "t", "b")]
    assert page.evaluate(MARGINS) == wanted
    page.get_by_role("slider", name="bits").focus()
    page.keyboard.press("End")  # 16 bits: long tick labels on the code axis
    wait_idle(page)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30_000)
    assert page.evaluate(MARGINS) == wanted
    assert page.get_by_text("stored code q").first.is_visible()  # the key, next to the figure


def test_the_share_panel_opens_with_the_link(page, app_url):
    open_mapping(page, app_url)
    assert page.locator('[data-testid="stCode"]').count() == 0  # closed: nothing drawn
    page.get_by_text("Share", exact=True).click()
    wait_idle(page)
    page.wait_for_selector('[data-testid="stCode"]', timeout=30_000)
    assert "data=laplace" in page.locator('[data-testid="stCode"]').first.inner_text()
    assert "share=true" in page.url
