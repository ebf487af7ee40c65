"""A shared link to a page works on a freshly started server, before anyone opens the root."""
from e2e_helpers import ROOT, free_port, no_exception, start_streamlit, wait_idle


def test_deep_link_on_a_fresh_server_runs_the_router(browser):
    port = free_port()
    proc = start_streamlit(ROOT / "app.py", port)
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/arithmetic?lang=zh")
        wait_idle(page)
        assert no_exception(page)
        assert page.locator('[data-testid="stSidebar"]').get_by_text("简体中文").count() == 1  # our switch
        assert "lang=zh" in page.url
        heading = page.locator("h1").first.inner_text()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in heading), heading
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
