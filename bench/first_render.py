"""First render of every registered page against the minimal one-slider page, in headless Chromium.

A first render is timed in the page itself: from the start of the navigation (a new browser
context, so nothing is cached in the browser) until the app is idle, no element is still
waiting for its code (Streamlit's skeletons) and every plotly chart has drawn its SVG; the
moment this first holds is kept when it still holds 300 ms later.

Each page gets a fresh app server: a student's first visit finds the process running (its
first run imports every page's modules, ``gc_policy``) but this page's caches empty. So the
server is warmed with another page, then the page is opened twice, each in a new context:
``empty`` (the page's caches empty) and ``warm`` (cached, as for the next student). The minimal
page (``bench/apps/minimal.py``, one server, nothing to cache) is opened between the two, and
each page's ratio is taken against the minimal renders next to it, so that the ratio follows
the machine's load much less than the times do.

    python -m bench.first_render [--pages mapping,int8]
"""
from __future__ import annotations

import argparse
import os
import statistics

from tests.e2e.e2e_helpers import CHROMIUM_ARGS, IDLE, OUTPUT, ROOT, free_port, page_address, start_streamlit

# True once the page is idle with everything drawn; window.__readyAt keeps when that began.
READY = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const ready = document.querySelector('IDLE') !== null && main !== null
    && main.querySelector('[data-testid="stElementContainer"]') !== null
    && document.querySelector('[data-testid="stSkeleton"]') === null
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'));
  if (!ready) { window.__readyAt = undefined; return false; }
  if (window.__readyAt === undefined) window.__readyAt = performance.now();
  return true;
}""".replace("IDLE", IDLE)
SETTLE_MS = 300
TARGET = 1.3


def render_seconds(browser, url: str, before: str | None = None) -> float:
    """Seconds from navigating to ``url`` (a new context; ``before``: a page opened first in it)
    until it is ready (``READY``) and still is ``SETTLE_MS`` later."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        if before:
            page.goto(before)
            page.wait_for_selector(IDLE, timeout=60_000)
        page.goto(url)
        for _ in range(20):
            page.wait_for_function(READY, timeout=60_000, polling="raf")
            page.wait_for_timeout(SETTLE_MS)
            if page.evaluate(READY):
                return page.evaluate("window.__readyAt") / 1e3
        raise RuntimeError(f"{url} never settled")
    finally:
        context.close()


def page_renders(browser, info, minimal_url: str) -> dict:
    """A fresh server: warmed with another page, then ``info``'s page opened with its caches
    empty, the minimal page, ``info``'s page again (warm), the minimal page."""
    from quantviz.app.shell.registry import PAGES

    port = free_port()
    server = start_streamlit(ROOT / "app.py", port)
    app_url = f"http://127.0.0.1:{port}"
    other = next(p for p in PAGES if p is not info)
    try:
        render_seconds(browser, page_address(app_url, other))
        url = page_address(app_url, info)
        empty = render_seconds(browser, url)
        floor = [render_seconds(browser, minimal_url)]
        warm = render_seconds(browser, url)
        floor.append(render_seconds(browser, minimal_url))
    finally:
        server.terminate()
        server.wait(timeout=20)
    return {"empty": empty, "warm": warm, "minimal": statistics.mean(floor)}


def measure(browser, minimal_url: str, names: list[str] | None = None) -> dict[str, dict]:
    from quantviz.app.shell.registry import PAGES

    return {info.url_path: page_renders(browser, info, minimal_url) for info in PAGES
            if not names or info.url_path in names}


def report(renders: dict[str, dict]) -> None:
    print(f"first render of every page (a fresh server each), load average {os.getloadavg()[0]:.1f}; "
          f"ratios against the minimal page opened between (target <= {TARGET})")
    print(f"{'page':<13}{'empty cache s':>14}{'warm s':>8}{'minimal s':>11}{'ratio empty':>13}{'ratio warm':>12}")
    for name, r in renders.items():
        print(f"{name:<13}{r['empty']:>14.2f}{r['warm']:>8.2f}{r['minimal']:>11.2f}"
              f"{r['empty'] / r['minimal']:>13.2f}{r['warm'] / r['minimal']:>12.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default="", help="comma-separated url paths (default: every page)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(exist_ok=True)
    port = free_port()
    minimal = start_streamlit(ROOT / "bench" / "apps" / "minimal.py", port)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            renders = measure(browser, f"http://127.0.0.1:{port}/", [n for n in args.pages.split(",") if n])
            browser.close()
    finally:
        minimal.terminate()
        minimal.wait(timeout=20)
    report(renders)


if __name__ == "__main__":
    main()
