import numpy as np
from e2e_helpers import no_exception, screenshot, wait_idle

from tests.weightfiles import npz_bytes

CHART = '[data-testid="stPlotlyChart"] .main-svg'


_ROUTED: set[str] = set()


def open_weights(page, app_url, query=""):
    if app_url not in _ROUTED:  # a fresh server serves a deep link inside the app's shell only
        page.goto(app_url)      # once the router (app.py) has run
        wait_idle(page)
        _ROUTED.add(app_url)
    page.goto(f"{app_url}/weights{query}")
    wait_idle(page)
    page.wait_for_selector(CHART, timeout=30_000)
    wait_idle(page)


def test_upload_an_npz_and_see_its_histogram(page, app_url):
    open_weights(page, app_url)
    page.get_by_text("your own file", exact=True).click()
    wait_idle(page)
    rng = np.random.default_rng(0)
    data = npz_bytes(conv=(rng.standard_normal((8, 4, 3, 3)) * 0.2).astype(np.float32),
                     fc=(rng.standard_normal((10, 32)) * 0.1).astype(np.float32))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": "student.npz", "mimeType": "application/octet-stream", "buffer": data})
    wait_idle(page)
    page.get_by_role("strong").filter(has_text="Values of conv").wait_for(timeout=30_000)
    wait_idle(page)
    assert no_exception(page)
    assert page.get_by_text("2 tensors shown, 608 values").is_visible()
    histogram = page.locator('[data-testid="stPlotlyChart"]').first
    assert histogram.locator(".bars path").count() > 20  # the pre-binned bars are drawn
    assert screenshot(page, "weights-upload").stat().st_size > 10_000


def test_bundled_cnn_channel_ranges_and_the_quantize_link(page, app_url):
    open_weights(page, app_url, "?model=cnn&tensor=conv2.weight")
    assert no_exception(page)
    assert page.get_by_role("strong").filter(has_text="Range of each output channel of conv2.weight").is_visible()
    link = page.get_by_role("link", name="Quantize this layer")
    assert "mapping?data=layer:cnn/conv2.weight" in link.get_attribute("href")
    screenshot(page, "weights-cnn-light", height=3800)


def test_weights_in_chinese_dark_and_narrow(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 900}, color_scheme="dark")
    page = context.new_page()
    open_weights(page, app_url, "?lang=zh&model=cnn")
    assert no_exception(page)
    assert page.get_by_text("真实网络：训练后的权重落在哪里").is_visible()
    screenshot(page, "weights-dark-zh-narrow", height=4800)
    context.close()
