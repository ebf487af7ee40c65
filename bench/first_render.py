"""First render of every registered page against the minimal one-slider page, in headless Chromium.

A first render is timed in the page itself: from the start of the navigation (a new browser
context, so nothing is cached in the browser) until the app is idle, no element is still
waiting for its code (Streamlit's skeletons) and every plotly chart has drawn its SVG; the
moment this first holds is kept when it still holds 300 ms later. Beside the time, the CPU it
cost: the page's renderer main thread (Chrome's ``Performance.getMetrics``) plus the server
process. On a machine shared with other work the times follow the load; the CPU much less so.

Each page gets a fresh app server: a student's first visit finds the process running (its
first run imports every page's modules, ``gc_policy``) but this page's caches empty. So the
server is warmed with another page, then the page is opened with its caches ``empty``, then
``--repeat`` times ``warm`` (cached, as for the next student), each time after the minimal page
(``bench/apps/minimal.py``, one server, nothing to cache). A page's ratios are its warm medians
over the minimal medians measured between them.

    python -m bench.first_render [--pages mapping,int8] [--repeat 3]
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


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of process ``pid`` so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def render(browser, url: str, server_pid: int) -> tuple[float, float]:
    """(seconds, CPU seconds) of opening ``url`` in a new context until it is ready (``READY``)
    and still is ``SETTLE_MS`` later; the CPU: the renderer's main thread and the server's."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    try:
        server = cpu_seconds(server_pid)
        page.goto(url)
        for _ in range(20):
            page.wait_for_function(READY, timeout=60_000, polling="raf")
            page.wait_for_timeout(SETTLE_MS)
            if page.evaluate(READY):
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                return page.evaluate("window.__readyAt") / 1e3, metrics["ThreadTime"] + cpu_seconds(server_pid) - server
        raise RuntimeError(f"{url} never settled")
    finally:
        context.close()


def page_renders(browser, info, minimal: tuple[str, int], repeat: int) -> dict:
    """A fresh server for ``info``'s page: warmed with another page, then the page with its caches
    empty, then ``repeat`` times the minimal page and the page again (warm)."""
    from quantviz.app.shell.registry import PAGES

    port = free_port()
    server = start_streamlit(ROOT / "app.py", port)
    app_url = f"http://127.0.0.1:{port}"
    try:
        render(browser, page_address(app_url, next(p for p in PAGES if p is not info)), server.pid)
        url = page_address(app_url, info)
        empty = render(browser, url, server.pid)
        floor, warm = [], []
        for _ in range(repeat):
            floor.append(render(browser, *minimal))
            warm.append(render(browser, url, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=20)
    med = [statistics.median(x[i] for x in warm) for i in range(2)]
    base = [statistics.median(x[i] for x in floor) for i in range(2)]
    return {"empty": empty[0], "warm": med[0], "minimal": base[0], "cpu": med[1], "minimal_cpu": base[1],
            "load": os.getloadavg()[0]}


def measure(browser, minimal: tuple[str, int], names: list[str] | None = None, repeat: int = 3,
            show=None) -> dict[str, dict]:
    """Every page's renders (``names``: only these url paths); ``show(name, renders)`` as each is done.
    ``minimal``: the minimal page's address and its server's pid."""
    from quantviz.app.shell.registry import PAGES

    renders = {}
    for info in PAGES:
        if not names or info.url_path in names:
            renders[info.url_path] = page_renders(browser, info, minimal, repeat)
            if show:
                show(info.url_path, renders[info.url_path])
    return renders


def header() -> None:
    print(f"first render of every page, a fresh server each: seconds (empty cache, warm median) and CPU ms "
          f"(renderer main thread + server), each against the minimal page's; target <= {TARGET}")
    print(f"{'page':<13}{'empty s':>8}{'warm s':>8}{'minimal s':>10}{'ratio':>7}{'CPU ms':>8}{'minimal':>8}"
          f"{'ratio':>7}{'load':>6}")


def row(name: str, r: dict) -> None:
    print(f"{name:<13}{r['empty']:>8.2f}{r['warm']:>8.2f}{r['minimal']:>10.2f}{r['warm'] / r['minimal']:>7.2f}"
          f"{r['cpu'] * 1e3:>8.0f}{r['minimal_cpu'] * 1e3:>8.0f}{r['cpu'] / r['minimal_cpu']:>7.2f}"
          f"{r['load']:>6.1f}", flush=True)


def report(renders: dict[str, dict]) -> None:
    header()
    for name, r in renders.items():
        row(name, r)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default="", help="comma-separated url paths (default: every page)")
    parser.add_argument("--repeat", type=int, default=3, help="warm renders of each page (and minimal ones)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(exist_ok=True)
    port = free_port()
    minimal = start_streamlit(ROOT / "bench" / "apps" / "minimal.py", port)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            header()
            measure(browser, (f"http://127.0.0.1:{port}/", minimal.pid), [n for n in args.pages.split(",") if n],
                    args.repeat, show=row)
            browser.close()
    finally:
        minimal.terminate()
        minimal.wait(timeout=20)


if __name__ == "__main__":
    main()
