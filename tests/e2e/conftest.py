"""Browser tests: `streamlit run` on a free port, driven by Playwright in Debian's Chromium."""
import os
import shutil

import pytest
from e2e_helpers import CHROMIUM_ARGS, OUTPUT, ROOT, free_port, start_streamlit, wait_idle


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def app_url(browser):
    """The app on a free port, its entry page opened once. Until the entry script has run once, a
    fresh Streamlit server serves a deep link such as /arithmetic from the views/ folder without
    the router (streamlit/streamlit#9624): no language switch, no sidebar menu. Every test then
    opens any page's address directly (test_deep_links.py checks a fresh server on its own)."""
    OUTPUT.mkdir(exist_ok=True)
    port = free_port()
    proc = start_streamlit(ROOT / "app.py", port)
    url = f"http://127.0.0.1:{port}"
    page = browser.new_page()   # in a context of its own, closed with the page
    page.goto(url)
    wait_idle(page, timeout=60_000)
    page.close()
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed: `make test` installs Debian's chromium package")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def shared_context(browser):
    """``shared_context(**options)``: the session's browser context with these options (viewport,
    color_scheme, is_mobile, has_touch, reduced_motion), made the first time they are asked for.
    Its cache keeps the app's scripts from one test to the next (a new context loads them again)."""
    contexts = {}

    def context_for(**options):
        key = repr(sorted(options.items()))
        if key not in contexts:
            contexts[key] = browser.new_context(**options)
        return contexts[key]
    yield context_for
    for context in contexts.values():
        context.close()


@pytest.fixture
def tab(shared_context):
    """``tab(**options)``: a new page in the session's context with these options (see
    ``shared_context``); the test's pages are closed when it ends."""
    pages = []

    def open_tab(**options):
        pages.append(shared_context(**options).new_page())
        return pages[-1]
    yield open_tab
    for page in pages:
        if not page.is_closed():
            page.close()


@pytest.fixture
def page(tab):
    return tab(viewport={"width": 1280, "height": 900})


@pytest.fixture(scope="session")
def blog_site(tmp_path_factory):
    """A static site on another local port (another origin), where tests put blog posts that embed
    the app: ``folder, origin = blog_site``."""
    import http.server
    import threading

    from e2e_helpers import free_port

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    folder = tmp_path_factory.mktemp("blog")
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), lambda *a: Quiet(*a, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, f"http://localhost:{port}"
    server.shutdown()
