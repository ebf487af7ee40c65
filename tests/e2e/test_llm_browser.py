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


# the format whose point is ringed on the main chart (a style rule's thick stroke), as the browser drew it
RINGED = """() => {
  const ringed = [...document.querySelectorAll('.st-key-llm_pareto .points path')]
    .filter(p => getComputedStyle(p).strokeWidth === '10px');
  return ringed.map(p => p.parentNode.parentNode.__data__[0].trace.customdata[p.__data__.i][0]);
}"""


# each chart marked with its place and a count of its redraws; read back: [place, redraws], or None for a
# chart mounted since (a new element)
MARK = """() => document.querySelectorAll('.js-plotly-plot').forEach((gd, i) => {
  gd.__place = i; gd.__redrawn = 0; gd.on('plotly_afterplot', () => gd.__redrawn++); })"""
MARKED = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd =>
  gd.__place === undefined ? null : [gd.__place, gd.__redrawn])"""


def click_point(page, trace: int, point: int, fmt: str) -> None:
    """Click a point of the main chart (``trace``, ``point`` counted from 0) and wait for ``?fmt=``."""
    box = page.locator(CHART).first.locator(".scatterlayer .trace").nth(trace).locator(".points path") \
        .nth(point).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('fmt') === {fmt!r}", timeout=30_000)
    wait_idle(page)


def test_a_click_on_a_point_chooses_its_format_and_the_chart_rings_it(page, app_url):
    open_llm(page, app_url)
    assert no_exception(page) and result_text(page).startswith("Q4_K stores")
    assert page.evaluate(RINGED) == ["Q4_K"]
    page.evaluate(MARK)
    click_point(page, 1, 0, "INT8 g128")                                      # group-wise integers
    assert result_text(page).startswith("INT8 g128 stores this layer in 8.125 bits per weight")
    assert page.evaluate(RINGED) == ["INT8 g128"]
    page.get_by_role("combobox", name="Format").click()
    page.get_by_role("option", name="NF4", exact=True).click()
    page.wait_for_function("() => location.search.includes('fmt=NF4')", timeout=30_000)
    wait_idle(page)
    assert page.evaluate(RINGED) == ["NF4"] and result_text(page).startswith("NF4 stores")
    # another format reruns the sections that depend on it: the block is drawn anew, the formats chart
    # (its ring moved), the codebooks, the network and the outliers are the same charts, never redrawn
    assert page.evaluate(MARKED) == [[0, 0], None, [2, 0], [3, 0], [4, 0]]
    # the chart holds INT8 g128 selected: a click on it again unselects it, and still chooses it
    click_point(page, 1, 0, "INT8 g128")
    assert page.evaluate(RINGED) == ["INT8 g128"]
    assert page.evaluate(MARKED)[0] == [0, 0]                                  # never drawn anew
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
