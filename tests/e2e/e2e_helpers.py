"""Helpers for the browser tests: a streamlit server on a free port, waiting, screenshots."""
import pathlib
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(script: pathlib.Path, port: int, options: dict[str, str] | None = None) -> subprocess.Popen:
    """``streamlit run script`` on ``port``, headless, with ``options`` on top (e.g.
    ``{"server.enableStaticServing": "true"}``); returns once the server answers."""
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
           "--server.headless", "true", "--server.address", "127.0.0.1",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    cmd += [arg for name, value in (options or {}).items() for arg in (f"--{name}", value)]
    OUTPUT.mkdir(exist_ok=True)
    log = open(OUTPUT / f"streamlit-{port}.log", "w")  # noqa: SIM115 - the server writes it until stopped
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
        if proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError(f"streamlit did not start on port {port}: see {log.name}")


def wait_idle(page, timeout=30_000):
    """Wait until the script has finished running and the page has settled."""
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=timeout)


def no_exception(page):
    return page.locator('[data-testid="stException"]').count() == 0


CHART = '[data-testid="stPlotlyChart"] .main-svg'


def open_loaded(page, address: str, ready: str = CHART, timeout: int = 60_000) -> None:
    """Open an address of the app: wait until its script has run and ``ready`` (its first chart
    unless said otherwise) is drawn, then until the page has settled."""
    page.goto(address)
    wait_idle(page, timeout=timeout)
    page.wait_for_selector(ready, timeout=timeout)
    wait_idle(page)


def page_address(app_url: str, page_info, query: str = "") -> str:
    """The address of a registered page (the first page lives at the root)."""
    from quantviz.app.shell.registry import PAGES
    path = "" if page_info is PAGES[0] else page_info.url_path
    return f"{app_url}/{path}" + (f"?{query}" if query else "")


def content_screenshot(page, name, max_height=7000):
    """A screenshot of the whole content, as tall as the page's content (cheap: one resize)."""
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate("(() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                           " return m ? m.scrollHeight : document.body.scrollHeight; })()")
    page.set_viewport_size({"width": size["width"], "height": int(min(max(height, size["height"]), max_height))})
    page.wait_for_timeout(400)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


def screenshot(page, name, height=2400):
    """Save a screenshot of the whole page under test-output/ (Streamlit scrolls inside the
    page, so the viewport is made tall enough for the content first)."""
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"{name}.png"
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": height})
    page.wait_for_timeout(500)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


# Per chart on the page (those drawn), the margins plotly.js widened beyond those its figure asked
# for ("" when none): a legend, colour bar or tick labels that do not fit make plotly.js widen them
# and draw the whole figure a second time, on every change of it.
MARGINS_PUSHED = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(gd => gd._fullLayout).map(gd => {
  const asked = gd._fullLayout.margin, drawn = gd._fullLayout._size;
  return ['l', 'r', 't', 'b'].filter(side => Math.abs(drawn[side] - asked[side]) > 0.5)
    .map(side => `${side}: ${asked[side]} -> ${Math.round(drawn[side])}`).join(', ');
})"""
