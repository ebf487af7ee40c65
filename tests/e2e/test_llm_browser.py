"""The LLM weight formats page in a browser: a click on a point of the main chart chooses its
format (and puts it in the URL), the GPTQ panel shows its progress, the embed view shows the
main figure alone; screenshots in both themes at 1366x768 and 390x844."""
from e2e_helpers import MARGINS_PUSHED, content_screenshot, no_exception, open_loaded, wait_idle

CHART = '[data-testid="stPlotlyChart"]'
PROGRESS = '[data-testid="stProgress"] [role="progressbar"]'


def open_llm(page, app_url, query=""):
    open_loaded(page, f"{app_url}/llm{query}", ready=f"{CHART} .main-svg")


def result_text(page) -> str:
    return page.get_by_text("stores this layer in").first.text_content()


def test_a_click_on_a_point_chooses_its_format(page, app_url):
    open_llm(page, app_url)
    assert no_exception(page) and result_text(page).startswith("Q4_K stores")
    chart = page.locator(CHART).first
    points = chart.locator(".scatterlayer .trace").nth(1).locator(".points path")   # group-wise integers
    box = points.first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_function("() => location.search.includes('fmt=INT8')", timeout=30_000)
    wait_idle(page)
    assert result_text(page).startswith("INT8 g128 stores this layer in 8.125 bits per weight")
    assert no_exception(page)


def test_every_chart_is_drawn_once_within_its_own_margins(page, app_url):
    """A legend, colour bar or axis that does not fit a figure's margins makes plotly.js push them
    and draw the whole figure again: on this page, every press would pay for it twice."""
    for query in ("?gptq=true", "?gptq=true&lang=zh&fmt=NVFP4"):
        open_llm(page, app_url, query)
        page.get_by_text("GPTQ", exact=False).first.wait_for()
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 7", timeout=60_000)
        wait_idle(page)
        pushed = page.evaluate(MARGINS_PUSHED)
        assert len(pushed) == 7 and not any(pushed), f"{query}: margins pushed per chart: {pushed}"


def test_gptq_shows_its_progress_and_warns_of_few_rows(page, app_url):
    open_llm(page, app_url, "?gptq=true&calib=128&rows=64")
    page.get_by_text("On the held-out rows").wait_for(timeout=60_000)
    assert page.get_by_text("128 calibration rows for 512 columns").is_visible()
    page.evaluate("""sel => { window.progressSeen = [];
        new MutationObserver(() => document.querySelectorAll(sel).forEach(
            bar => window.progressSeen.push(Number(bar.getAttribute('aria-valuenow'))))
        ).observe(document.body, {subtree: true, childList: true, attributes: true});
    }""", PROGRESS)
    slider = page.get_by_role("slider", name="Calibration rows")
    slider.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    wait_idle(page, 60_000)
    page.get_by_text("On the held-out rows").wait_for(timeout=60_000)
    seen = page.evaluate("window.progressSeen")
    assert seen and seen[-1] == 100, seen
    assert page.get_by_text("GPTQ: all 512 columns of 64 rows done").is_visible()
    assert no_exception(page)


def test_embed_view_is_the_main_figure_alone(page, app_url):
    open_llm(page, app_url, "?embed=true&view=figure&fmt=NF4")
    assert page.locator(CHART).count() == 1 and no_exception(page)
    assert page.locator('[data-testid="stSlider"]').count() == 0


def test_screenshots_in_both_themes_and_sizes(tab, app_url):
    for scheme in ("light", "dark"):
        for width, height in ((1366, 768), (390, 844)):
            page = tab(viewport={"width": width, "height": height}, color_scheme=scheme)
            open_llm(page, app_url, "?lang=zh" if width < 500 else "")
            assert no_exception(page)
            assert content_screenshot(page, f"llm-{scheme}-{width}", max_height=9000).stat().st_size > 20_000
            page.close()
