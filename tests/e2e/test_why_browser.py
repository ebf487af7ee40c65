"""The "Why it works" page in a browser: recompute shows its progress and updates the chart."""
from e2e_helpers import no_exception, open_loaded, screenshot, wait_idle

PROGRESS = '[data-testid="stProgress"] [role="progressbar"]'


def open_why(page, app_url, query=""):
    open_loaded(page, f"{app_url}/why{query}")


def first_chart_text(page) -> str:
    return page.locator('[data-testid="stPlotlyChart"]').first.text_content()


def test_recompute_shows_progress_and_updates_the_chart(page, app_url):
    open_why(page, app_url)
    assert no_exception(page)
    assert "recomputed live" not in first_chart_text(page)
    lines_before = page.locator('[data-testid="stPlotlyChart"]').first.locator(".scatterlayer .trace").count()
    # record every value the progress bar shows; the run may take a fraction of a second and the
    # browser may then draw only its last state, so intermediate steps are tested in
    # tests/nn/test_widthsweep.py (progress after every measurement), not here
    page.evaluate("""sel => { window.progressSeen = [];
        const look = () => document.querySelectorAll(sel).forEach(
            bar => window.progressSeen.push(Number(bar.getAttribute('aria-valuenow'))));
        new MutationObserver(look).observe(document.body,
            {subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow']});
    }""", PROGRESS)
    page.get_by_role("button", name="Recompute now").click()
    wait_idle(page)
    page.get_by_text("Done: 77 evaluations", exact=False).wait_for(timeout=60_000)
    seen = page.evaluate("window.progressSeen")
    assert seen and seen[-1] == 100, seen   # a progress bar was shown and it filled
    assert page.locator(PROGRESS).get_attribute("aria-valuenow") == "100"
    assert "recomputed live" in first_chart_text(page)
    assert page.locator('[data-testid="stPlotlyChart"]').first.locator(".scatterlayer .trace").count() == lines_before
    assert page.get_by_text("The live results are identical to the stored ones.").is_visible()
    assert no_exception(page)
    assert screenshot(page, "why-recomputed", height=4200).stat().st_size > 10_000


def test_weights_only_link_in_chinese_dark_and_narrow(tab, app_url):
    page = tab(viewport={"width": 390, "height": 900}, color_scheme="dark")
    open_why(page, app_url, "?lang=zh&quantized=weights")
    assert no_exception(page)
    assert page.get_by_text("为什么可行：越宽的网络越不在意").is_visible()
    assert "仅权重" in first_chart_text(page)
    screenshot(page, "why-dark-zh-narrow", height=5200)
