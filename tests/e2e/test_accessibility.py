"""WCAG 2.2 AA in the browser: axe-core on every registered page, in both themes and both
languages, finds no serious or critical violation that the project causes (Streamlit's own markup
is told apart by the commented allow-list in axe_audit.py, each entry naming its upstream issue).

One server and one browser for all of it (the e2e session's); each language visits every page in
one browser context, each page audited in the light theme and the dark."""
import json

import pytest
from axe_audit import LANGUAGES, THEMES, VIEWPORT, audit_all, audit_page, counts, described, open_page, project_caused
from e2e_helpers import OUTPUT, page_address

from quantviz.app.shell.registry import PAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_violation_the_project_causes(browser, app_url, lang):
    findings, audited = audit_all(browser, app_url, lang)
    assert sorted(audited) == sorted((info.url_path, theme) for info in PAGES for theme in THEMES)
    OUTPUT.mkdir(exist_ok=True)
    for theme in THEMES:
        (OUTPUT / f"axe-{theme}-{lang}.json").write_text(json.dumps(
            {" / ".join(key): n for key, n in sorted(counts([f for f in findings if f.theme == theme]).items())},
            indent=1, ensure_ascii=False))
    ours = project_caused(findings)
    assert not ours, f"{len(ours)} serious or critical violations ({lang}):\n" + described(ours)
    gaps = [f for f in findings if f.rule == "heading-order" and f.upstream is None]   # h1, then h2, then h3
    assert not gaps, f"headings skip a level ({lang}):\n" + described(gaps)


def test_the_audit_sees_a_violation_when_there_is_one(tab, app_url):
    """The check can fail: grey text on white added to a page is reported as the project's."""
    from axe_playwright_python.sync_playwright import Axe
    page = tab(viewport=VIEWPORT, color_scheme="light")
    open_page(page, page_address(app_url, PAGES[0]))
    page.evaluate("""() => { const p = document.createElement('p'); p.id = 'qv-probe';
        p.textContent = 'faint'; document.body.appendChild(p);
        p.style.cssText = 'position: fixed; top: 40%; left: 40%; z-index: 99999; font-size: 14px;'
                          + 'color: #aaaaaa; background: #ffffff; padding: 4px'; }""")
    findings = audit_page(page, Axe(), "probe", context="#qv-probe")
    assert [(f.rule, f.impact) for f in project_caused(findings)] == [("color-contrast", "serious")]


# The longest CSS transition or animation on the page, in milliseconds.
LONGEST_MOTION = """() => Math.max(0, ...[...document.querySelectorAll('*')].flatMap(e => {
  const s = getComputedStyle(e);
  return [s.transitionDuration, s.animationDuration].flatMap(v => v.split(','))
    .map(v => v.trim().endsWith('ms') ? parseFloat(v) : parseFloat(v) * 1000); }))"""


def test_no_motion_for_readers_who_ask_for_none(tab, app_url):
    longest = {}
    for motion in ("no-preference", "reduce"):
        page = tab(viewport=VIEWPORT, reduced_motion=motion)
        open_page(page, page_address(app_url, PAGES[0]))
        longest[motion] = page.evaluate(LONGEST_MOTION)
    assert longest["no-preference"] >= 100          # Streamlit's widgets move (transitions of 100 ms and more)
    assert longest["reduce"] <= 1                   # unless the reader's system asks for no motion
