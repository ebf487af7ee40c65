"""Each page on a projector (1366x768) and a phone (390x844): its main result on the first screen,
every chart drawn once (within its own margins),
a lesson step in presentation mode as one screen, the figure a control moves in view with the
control on a phone, and nothing wider than the phone. One browser context per screen size."""
import pytest
from e2e_helpers import CHART, IDLE, MARGINS_PUSHED, OUTPUT, open_loaded, page_address

from quantviz.app.shell.registry import PAGES

WIDE, PHONE = {"width": 1366, "height": 768}, {"width": 390, "height": 844}
BY_PATH = {p.url_path: p for p in PAGES}
# each page's main result: a CSS selector and which match (the first chart unless said otherwise)
MAIN = {"home": (CHART, 0), "lesson": (CHART, 0), "mapping": (CHART, 0), "formats": (".qv-formats", 0),
        "beyond-int8": (CHART, 0), "why": (CHART, 0), "weights": (CHART, 0),
        "arithmetic": ('[data-testid="stMetric"]', 1), "int8": ('[data-testid="stMetric"]', 1), "llm": (CHART, 0)}


@pytest.fixture(scope="module")
def wide(shared_context):
    page = shared_context(viewport=WIDE).new_page()
    yield page
    page.close()


@pytest.fixture(scope="module")
def phone(shared_context):
    page = shared_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    yield page
    page.close()


def open_at(page, app_url, url_path, query=""):
    open_loaded(page, page_address(app_url, BY_PATH[url_path], query))
    page.wait_for_timeout(300)


def box(page, selector, nth=0):
    return page.locator(selector).nth(nth).bounding_box()


def visible_share(b, height: int) -> float:
    """The share of a box's height within the viewport's first screen (0 to 1)."""
    shown = min(b["y"] + b["height"], height) - max(b["y"], 0)
    return max(0.0, shown) / b["height"]


@pytest.mark.parametrize("url_path", list(MAIN))
def test_every_chart_is_drawn_once_within_its_own_margins(wide, app_url, url_path):
    """A figure whose legend, colour bar or tick labels do not fit its margins is drawn twice by
    plotly.js (it widens them and starts again), on every change of it."""
    open_at(wide, app_url, url_path)
    wide.wait_for_timeout(500)
    pushed = wide.evaluate(MARGINS_PUSHED)
    assert pushed and not any(pushed), f"{url_path}: margins widened per chart: {pushed}"


@pytest.mark.parametrize("url_path", list(MAIN))
def test_the_main_result_is_on_the_first_screen(wide, app_url, url_path):
    open_at(wide, app_url, url_path)
    selector, nth = MAIN[url_path]
    b = box(wide, selector, nth)
    assert b is not None, f"no {selector} on {url_path}"
    shown = min(b["y"] + b["height"], WIDE["height"]) - max(b["y"], 0)
    if selector == CHART:   # most of it, or 300 px of a tall one (the mapping's grid above its staircase)
        assert shown >= min(0.6 * b["height"], 300), \
            f"{url_path}: {shown:.0f} px of the main figure (top {b['y']:.0f} px) on the first screen"
    else:   # numbers or a table: wholly, or its first 200 px
        scrolled = wide.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTop")
        assert shown >= min(b["height"], 200) - 1, \
            f"{url_path}: its main result starts at {b['y']:.0f} px (page scrolled by {scrolled} px)"
    wide.screenshot(path=str(OUTPUT / f"first-screen-{url_path}-1366.png"))


@pytest.mark.parametrize("step", range(1, 10))
def test_a_lesson_step_is_one_screen_in_presentation_mode(wide, app_url, step):
    open_at(wide, app_url, "lesson", f"present=1&step={step}")
    chart = box(wide, CHART)
    assert visible_share(chart, WIDE["height"]) >= 0.9, f"step {step}: the figure at {chart['y']:.0f} px"
    header = wide.locator('[data-testid="stHeader"]').bounding_box()
    title = box(wide, "h1")
    assert title["y"] >= header["y"] + header["height"] - 8, "the title hides under the menu bar"
    widget = wide.locator('[data-testid="stMain"] [data-testid="stHorizontalBlock"]').nth(1)
    control = widget.locator('[role="slider"], input, [data-baseweb="select"], [data-testid="stButtonGroup"]')
    assert visible_share(control.first.bounding_box(), WIDE["height"]) == 1.0, f"step {step}: its widget"
    wide.screenshot(path=str(OUTPUT / f"present-step{step}-1366.png"))


MOVED = [("home", "", "Bits"), ("lesson", "step=6", "Bits"), ("mapping", "", "bits")]


@pytest.mark.parametrize("url_path, query, slider", MOVED, ids=[m[0] for m in MOVED])
def test_on_a_phone_the_figure_follows_its_control(phone, app_url, url_path, query, slider):
    open_at(phone, app_url, url_path, query)
    control = phone.get_by_role("slider", name=slider).first
    control.evaluate("e => e.scrollIntoView({block: 'center'})")
    phone.wait_for_timeout(300)
    c = control.bounding_box()
    chart = box(phone, CHART)
    assert 0 <= c["y"] <= PHONE["height"]
    shown = min(chart["y"] + chart["height"], PHONE["height"]) - max(chart["y"], 0)
    assert shown >= 200, f"{url_path}: with {slider} on screen, {shown:.0f} px of the figure are"
    phone.screenshot(path=str(OUTPUT / f"phone-control-{url_path}-390.png"))


OVERFLOW = """() => {
  const wide = e => e.scrollWidth > e.clientWidth + 1;
  const main = document.querySelector('[data-testid="stMain"]');
  const formulas = [...document.querySelectorAll('.katex-display')].filter(wide).map(e => e.textContent.slice(0, 40));
  const tables = [...document.querySelectorAll('[data-testid="stTable"]')].filter(wide).length;
  return {page: main.scrollWidth - main.clientWidth, formulas, tables};
}"""


# pages whose every formula fits a phone once scaled (the others have long aligned derivations)
FORMULAS_FIT = ("home", "lesson", "mapping", "formats")


@pytest.mark.parametrize("url_path", [p.url_path for p in PAGES])
def test_on_a_phone_no_formula_or_table_runs_off_the_edge(phone, app_url, url_path):
    query = "step=6" if url_path == "lesson" else ""
    open_at(phone, app_url, url_path, query)
    for expander in phone.locator('[data-testid="stExpander"] summary').all()[:4]:   # formulas folded away too
        if "Share" not in expander.inner_text():
            expander.click()
    phone.locator(IDLE).wait_for(timeout=30_000)
    phone.wait_for_timeout(500)
    found = phone.evaluate(OVERFLOW)
    assert found["page"] <= 1, f"{url_path}: the page is {found['page']} px wider than the phone"
    assert not found["tables"], f"{url_path}: {found['tables']} tables wider than the phone"
    if url_path in FORMULAS_FIT:
        assert not found["formulas"], f"{url_path}: formulas wider than the phone: {found['formulas']}"
    else:   # scaled down to half size, a longer one scrolls inside its own box: nothing is cut off
        styles = phone.locator(".katex-display").evaluate_all("all => all.map(e => getComputedStyle(e).overflowX)")
        assert set(styles) <= {"auto", "scroll"}
