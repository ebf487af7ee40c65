"""axe-core (bundled by axe-playwright-python) over every registered page in one browser context:
the violations per page, and the ones Streamlit's own markup causes told apart by an allow-list."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from e2e_helpers import CHART, no_exception, page_address, wait_idle

from quantviz.app.shell.a11y import HTML_LANG
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


# Streamlit's own markup, not the project's (each entry names where it is tracked upstream).
STREAMLIT = [
    # st.navigation's sidebar menu with sections: SidebarNav.tsx draws a <ul> whose children are
    # NavSection.tsx's <div>s (heading and links), so each link's <li> lacks its list parent and
    # the <ul> holds non-<li> children. Pages without a section are plain <li>s in the <ul>, which
    # is why app.py passes a one-section menu as a list (no violation today). Upstream: Streamlit's
    # open accessibility issue https://github.com/streamlit/streamlit/issues/8399 (no issue of its
    # own found for the list markup); the markup is in frontend/app/src/components/Navigation/.
    Upstream("listitem", '[data-testid="stSidebarNav"]',
             "https://github.com/streamlit/streamlit/issues/8399",
             "st.navigation's sections: <li> inside <div> inside <ul>"),
    Upstream("list", '[data-testid="stSidebarNav"]',
             "https://github.com/streamlit/streamlit/issues/8399",
             "st.navigation's sections: <ul> with <div> children"),
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
    theme: str = ""


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
    settle(page, address)


def settle(page, name: str) -> None:
    wait_idle(page, timeout=60_000)
    page.wait_for_selector(CHART, timeout=30_000)
    wait_idle(page)
    assert no_exception(page), name


def switch_page(page, info) -> None:
    """Go to another page through the menu, as a reader does: the session (its language) stays,
    and the browser keeps the app loaded (faster than opening the address)."""
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{info.url_path}"]').first.click()
    page.wait_for_url(f"**/{info.url_path}*")
    settle(page, info.url_path)


def audit_page(page, axe, name: str, context=None) -> list[Finding]:
    """Every violation axe finds on the page as it stands (frames included), one per node;
    ``context``: a CSS selector to audit only part of the page."""
    results = axe.run(page, context=context).response
    assert results.get("testEngine", {}).get("name") == "axe-core", results.keys()
    findings = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            findings.append(Finding(name, violation["id"], node.get("impact") or violation["impact"],
                                    " ".join(map(str, node["target"])), node["html"][:200],
                                    node.get("failureSummary", "")[:300],
                                    _allowed(page, violation["id"], node["target"])))
    return findings


def audit_all(browser, app_url: str, lang: str, shoot=None) -> tuple[list[Finding], list[tuple[str, str]]]:
    """Every registered page in ``lang``, each in both themes, in one browser context: the
    findings and the (page, theme) pairs audited; ``shoot(page, info, theme)`` may take a
    screenshot after each audit.

    The theme follows the browser's colour scheme (Streamlit's default, "use system setting"),
    switched on the page as a reader's system would switch it: each page is loaded once.
    """
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    context = browser.new_context(viewport=VIEWPORT, color_scheme=THEMES[0])
    page = context.new_page()
    findings, audited = [], []
    theme = THEMES[0]
    try:
        for info in PAGES:
            if info is PAGES[0]:
                open_page(page, page_address(app_url, info, "" if lang == "en" else f"lang={lang}"))
            else:
                switch_page(page, info)
            assert ("lang=zh" in page.url) == (lang == "zh"), page.url   # the page is in that language,
            assert page.evaluate("document.documentElement.lang") == HTML_LANG[lang]  # and says so
            for turn in range(len(THEMES)):
                if turn:  # the other theme: the one this page was not opened in
                    theme = next(other for other in THEMES if other != theme)
                    set_theme(page, theme, info.url_path)
                findings += [replace(f, theme=theme) for f in audit_page(page, axe, info.url_path)]
                audited.append((info.url_path, theme))
                if shoot is not None:
                    shoot(page, info, theme)
    finally:
        context.close()
    return findings, audited


def set_theme(page, theme: str, name: str) -> None:
    """Switch the browser's colour scheme and wait until the app has redrawn in that theme."""
    page.emulate_media(color_scheme=theme)
    page.wait_for_function("""(theme) => getComputedStyle(document.querySelector('[data-testid="stApp"]'))
                                           .colorScheme === theme""", arg=theme, timeout=15_000)
    page.wait_for_timeout(300)   # the charts redraw in the theme's colours
    settle(page, name)


def counts(findings: list[Finding]) -> Counter:
    """(rule, impact, project or upstream) -> nodes."""
    return Counter((f.rule, f.impact, "streamlit" if f.upstream else "project") for f in findings)


def project_caused(findings: list[Finding]) -> list[Finding]:
    """The serious and critical findings that no allow-list entry explains."""
    return [f for f in findings if f.impact in SERIOUS and f.upstream is None]


def described(findings: list[Finding]) -> str:
    return "\n".join(f"{f.page} ({f.theme}): {f.rule} ({f.impact}) at {f.target}\n    {f.html}\n    {f.summary}"
                      for f in findings)


def main() -> None:
    """Every page in both themes and languages: the axe counts per rule (project or Streamlit),
    and a screenshot of every page in each theme (English) under test-output/."""
    import shutil

    from e2e_helpers import CHROMIUM_ARGS, ROOT, content_screenshot, free_port, start_streamlit
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = start_streamlit(ROOT / "app.py", port)
    findings = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            for lang in LANGUAGES:
                def shoot(page, info, theme, lang=lang):
                    if lang == "en":
                        content_screenshot(page, f"a11y-{info.url_path}-{theme}")
                found, _ = audit_all(browser, f"http://127.0.0.1:{port}", lang, shoot)
                findings += found
            browser.close()
    finally:
        server.terminate()
    for (rule, impact, source), n in sorted(counts(findings).items()):
        print(f"{rule:32} {impact:9} {source:9} {n:5}")


if __name__ == "__main__":  # python tests/e2e/axe_audit.py
    main()
