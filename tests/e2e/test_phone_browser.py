"""The arithmetic page on a 390x844 phone: a page a student scrolls through, not twelve screens,
with each main control and the result it moves on one screen together."""
from e2e_helpers import CHART, OUTPUT, no_exception, page_address, wait_idle

from quantviz.app.shell.registry import PAGES

PHONE = {"width": 390, "height": 844}
# Five screens: the main story's two sections (the article's 0.0 x 1.0 and the integer-only
# matmul) take about two each, then the folded sections' titles. It was 12,231 px when every
# derivation, table and section was drawn one under the other.
MAX_SCREENS = 5
CUT = "e => [e, ...e.querySelectorAll('*')].filter(n => n.scrollWidth > n.clientWidth + 1).map(n => n.tagName)"
HEIGHT = "document.querySelector('[data-testid=\"stMain\"]').scrollHeight"


def span(*boxes) -> float:
    """The height from the highest top to the lowest bottom of some boxes: what a screen must hold
    to show them together."""
    return max(b["y"] + b["height"] for b in boxes) - min(b["y"] for b in boxes)


def test_the_arithmetic_page_fits_a_phone_with_each_control_beside_its_result(browser, app_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(app_url)   # the router first: a deep link is then served inside the app
    wait_idle(page)
    page.goto(page_address(app_url, next(p for p in PAGES if p.url_path == "arithmetic")))
    page.wait_for_selector(CHART, timeout=60_000)
    wait_idle(page)
    page.wait_for_timeout(500)
    assert no_exception(page)
    height = page.evaluate(HEIGHT)
    assert height <= MAX_SCREENS * PHONE["height"], f"the page is {height} px long on a phone"

    selectbox = '[data-testid="stSelectbox"]'
    x = page.get_by_label("Real x").first.bounding_box()
    naive, correct = (page.locator('[data-testid="stMetric"]').nth(i).bounding_box() for i in (0, 1))
    weights = page.locator(selectbox).filter(has_text="Weights").bounding_box()
    chart = page.locator('[data-testid="stPlotlyChart"]').first.bounding_box()
    element = page.locator(selectbox).filter(has_text="Show the numbers for")
    row = page.locator('[data-testid="stHorizontalBlock"]').filter(has=element)
    formula = row.locator(".katex-display").bounding_box()
    pairs = {"x and both products": (x, naive, correct), "the weights and the error figure": (weights, chart),
             "the element and its requantization": (element.bounding_box(), formula)}
    for name, boxes in pairs.items():
        assert span(*boxes) <= PHONE["height"], f"{name}: {span(*boxes):.0f} px apart from top to bottom"
    for value in page.locator('[data-testid="stMetricValue"]').all():   # a product is never cut off
        assert value.evaluate(CUT) == [], value.inner_text()
    assert "253.0" in page.locator('[data-testid="stMetricValue"]').first.inner_text()
    page.screenshot(path=str(OUTPUT / "phone-arithmetic-390.png"), full_page=True)
    context.close()
