"""Keyboard only: on the mapping page every enabled control is reached by Tab, each shows a
visible focus ring, the walk comes back round (no trap) and the controls work from the keyboard;
the lesson's arrow keys turn the page but leave a focused control its own arrows."""
from urllib.parse import parse_qs, urlparse

from axe_audit import VIEWPORT, settle
from e2e_helpers import page_address

from quantviz.app.mapping.state import FIGURES, Settings
from quantviz.app.shell.registry import PAGES

MORE = "Codes, scheme and data"   # the mapping page's folded controls (mapping.more)

# What has keyboard focus: a stable name for it, and whether its focus ring can be seen (an
# outline of 2 px or more, or a box shadow, in a colour that is not transparent).
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && !s.outlineColor.endsWith(', 0)');
  const shadow = s.boxShadow !== 'none' && !s.boxShadow.startsWith('rgba(0, 0, 0, 0)');
  e.dataset.qvSeen = '1';
  const name = (e.getAttribute('aria-label') || e.innerText || e.tagName).trim().slice(0, 60);
  return {name: name, visible: outline || shadow};
}"""
# Every enabled control a reader can operate, in the main area and the sidebar. Left out: what a
# closed expander holds (its summary is reached), the options of radio groups (one Tab stop per
# group, the arrow keys move within it, as ARIA's radio group does: GROUPS_UNREACHED checks the
# groups) and plotly's own toolbar (it only zooms and pans).
CONTROLS = """() => [...document.querySelectorAll(
    '[data-testid="stMain"] :is(input, button, summary, a[href], [role="slider"], [tabindex="0"]),'
    + '[data-testid="stSidebar"] :is(input, button, a[href])')]
  .filter(e => !e.disabled && e.getAttribute('aria-disabled') !== 'true' && e.tabIndex >= 0
               && e.offsetParent !== null && !e.closest('.modebar') && !e.closest('[data-testid="stToolbar"]')
               && getComputedStyle(e).visibility !== 'hidden'
               && !(e.tagName !== 'SUMMARY' && e.closest('details:not([open])'))
               && e.getAttribute('role') !== 'radio')
  .map(e => ({name: (e.getAttribute('aria-label') || e.innerText || e.tagName).trim().slice(0, 60),
              seen: e.dataset.qvSeen === '1'}))"""
# Radio groups (segmented controls) Tab never stopped in.
GROUPS_UNREACHED = """() => [...document.querySelectorAll('[role="radiogroup"]')]
  .filter(g => g.offsetParent !== null && !g.closest('details:not([open])')
               && ![...g.querySelectorAll('[role="radio"]')].some(r => r.dataset.qvSeen === '1'))
  .map(g => g.getAttribute('aria-label') || g.innerText.slice(0, 60))"""


def _query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def _page(tab, app_url, url_path, query=""):
    page = tab(viewport=VIEWPORT)
    page.goto(page_address(app_url, next(p for p in PAGES if p.url_path == url_path), query))
    settle(page, url_path)
    return page


def _tab_round(page, limit=150) -> list[dict]:
    """Tab from the top until the focus comes back to where it started (the skip link)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is not None and seen and focused["name"] == seen[0]["name"]:
            return seen
        if focused is not None:
            seen.append(focused)
    raise AssertionError(f"the focus did not come back round in {limit} presses of Tab: {seen[-5:]}")


def test_mapping_page_by_keyboard_alone(tab, app_url):
    page = _page(tab, app_url, "mapping")
    walk = _tab_round(page)
    names = [f["name"] for f in walk]
    assert [f for f in walk if not f["visible"]] == [], "focus not visible"
    unreached = [c["name"] for c in page.evaluate(CONTROLS) if not c["seen"]]
    assert unreached == [], f"controls Tab never reaches: {unreached}"
    assert page.evaluate(GROUPS_UNREACHED) == []
    for expected in ("Bits", "The numbers behind this chart", "PNG", "Share"):
        assert any(expected in name for name in names), (expected, names)

    # operate: a slider with the arrow keys, a switch with Space, an expander with Enter
    bits = page.get_by_role("slider", name="Bits")
    bits.focus()
    page.keyboard.press("ArrowLeft")
    settle(page, "mapping")
    assert _query(page).get("bits") == str(Settings().bits - 1)
    more = page.locator('[data-testid="stExpander"] summary', has_text=MORE)   # the switch is folded away
    more.focus()
    page.keyboard.press("Enter")
    settle(page, "mapping")
    signed = page.get_by_role("switch", name="Signed codes (int)")
    before = signed.is_checked()
    signed.focus()
    page.keyboard.press("Space")
    settle(page, "mapping")
    assert signed.is_checked() != before
    group = page.get_by_role("radiogroup", name="Look closer at")
    options = group.get_by_role("radio")
    options.first.focus()
    page.keyboard.press("ArrowRight")         # a radio group's arrows move within it, Enter chooses
    page.keyboard.press("Enter")
    settle(page, "mapping")
    assert options.nth(1).get_attribute("aria-checked") == "true"
    assert _query(page).get("fig") == FIGURES[1]   # the code, not the label
    page.locator("summary", has_text="The numbers behind this chart").first.focus()
    page.keyboard.press("Enter")
    settle(page, "mapping")
    table = page.locator('[data-testid="stExpander"] [data-testid="stTable"] table').first
    table.wait_for(timeout=15_000)
    assert table.locator("tbody tr").count() > 10


def test_lesson_arrow_keys_turn_the_page_without_trapping_the_focus(tab, app_url):
    page = _page(tab, app_url, "lesson")
    page.keyboard.press("ArrowRight")          # nothing focused: the arrow is the lesson's
    settle(page, "lesson")
    assert _query(page).get("step") == "2"
    page.keyboard.press("ArrowLeft")
    settle(page, "lesson")
    assert _query(page).get("step", "1") == "1"
    page.keyboard.press("ArrowRight")
    settle(page, "lesson")

    slider = page.get_by_role("slider", name="Bits per weight")   # step 2's widget
    slider.focus()
    page.keyboard.press("ArrowLeft")          # a focused slider keeps its own arrows
    settle(page, "lesson")
    assert _query(page).get("step") == "2" and _query(page).get("wbits") == "7"
    assert page.evaluate(FOCUSED)["name"] == "Bits per weight"    # and the focus stays on it

    walk = _tab_round(page)                     # the rest of the page, and back round
    names = [f["name"] for f in walk]
    assert any("Next" in n for n in names) and any("Previous" in n for n in names), names
    assert [f for f in walk if not f["visible"]] == []
    page.get_by_role("button", name="Next").focus()
    page.keyboard.press("Enter")
    settle(page, "lesson")
    assert _query(page).get("step") == "3"
