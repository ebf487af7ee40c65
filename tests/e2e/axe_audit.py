"""axe-core (bundled by axe-playwright-python) over every registered page in one browser context:
the violations per page, and the ones Streamlit's own markup causes told apart by an allow-list."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from e2e_helpers import CHART, no_exception, page_address, wait_idle

from quantviz.app.shell.registry import PAGES

SERIOUS = ("serious", "critical")
VIEWPORT = {"width": 1366, "height": 768}   # a school laptop
THEMES = ("light", "dark")                  # Streamlit follows the browser's prefers-color-scheme
LANGUAGES = ("en", "zh")


@dataclass(frozen=True)
class Upstream:
    """Violations of ``rule`` on nodes matching ``selector`` (a CSS selector the node or an
    ancestor matches) come from Streamlit's own markup; ``issue`` is where it is tracked."""

    rule: str
    selector: str
    issue: str
    why: str


# Streamlit's own markup, not the project's (each entry names its upstream report).
STREAMLIT = [
    # The sidebar's page menu: a <ul> whose children are <div>s (the sections) with <li>s inside
    # them, so every <li> lacks its list parent and the <ul> holds non-<li> children.
    Upstream("listitem", '[data-testid="stSidebarNav"]',
             "https://github.com/streamlit/streamlit/issues/9213",
             "st.navigation's sidebar menu: <li> inside <div> inside <ul>"),
    Upstream("list", '[data-testid="stSidebarNav"]',
             "https://github.com/streamlit/streamlit/issues/9213",
             "st.navigation's sidebar menu: <ul> with <div> children"),
]


@dataclass
class Finding:
    page: str
    rule: str
    impact: str
    target: str
    html: str
    summary: str
    upstream: str | None  # the allow-list entry's issue, or None: the project's own


def _allowed(page, rule: str, target: list) -> str | None:
    """The upstream issue of the allow-list entry matching this node, or None."""
    selector = target[-1] if target and isinstance(target[-1], str) else None
    for entry in STREAMLIT:
        if entry.rule != rule or selector is None:
            continue
        inside = page.evaluate("([node, outer]) => { const n = document.querySelector(node);"
                               " return !!(n && n.closest(outer)); }", [selector, entry.selector])
        if inside:
            return entry.issue
    return None


def open_page(page, address: str) -> None:
    page.goto(address)
    wait_idle(page, timeout=60_000)
    page.wait_for_selector(CHART, timeout=30_000)
    wait_idle(page)
    assert no_exception(page), address


def audit_page(page, axe, name: str) -> list[Finding]:
    """Every violation axe finds on the page as it stands (frames included), one per node."""
    results = axe.run(page).response
    findings = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            findings.append(Finding(name, violation["id"], node.get("impact") or violation["impact"],
                                    " ".join(map(str, node["target"])), node["html"][:200],
                                    node.get("failureSummary", "")[:300],
                                    _allowed(page, violation["id"], node["target"])))
    return findings


def audit_all(browser, app_url: str, theme: str, lang: str, shoot=None) -> list[Finding]:
    """Every registered page in one context (``theme``, ``lang``); ``shoot(page, info)`` may
    take a screenshot after each page's audit."""
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    context = browser.new_context(viewport=VIEWPORT, color_scheme=theme)
    page = context.new_page()
    findings = []
    try:
        for info in PAGES:
            open_page(page, page_address(app_url, info, "" if lang == "en" else f"lang={lang}"))
            findings += audit_page(page, axe, info.url_path)
            if shoot is not None:
                shoot(page, info)
    finally:
        context.close()
    return findings


def counts(findings: list[Finding]) -> Counter:
    """(rule, impact, project or upstream) -> nodes."""
    return Counter((f.rule, f.impact, "streamlit" if f.upstream else "project") for f in findings)
