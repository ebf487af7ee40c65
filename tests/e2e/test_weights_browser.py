import urllib.parse

import numpy as np
from e2e_helpers import CHART, no_exception, open_loaded, screenshot, wait_idle

from tests.weightfiles import npz_bytes


def open_weights(page, app_url, query=""):
    open_loaded(page, f"{app_url}/weights{query}")


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


def test_weights_in_chinese_dark_and_narrow(tab, app_url):
    page = tab(viewport={"width": 390, "height": 900}, color_scheme="dark")
    open_weights(page, app_url, "?lang=zh&model=cnn")
    assert no_exception(page)
    assert page.get_by_text("真实网络：训练后的权重落在哪里").is_visible()
    screenshot(page, "weights-dark-zh-narrow", height=4800)


MARKUP = "x\n\n## Session expired [Sign in](https://example.org) ![](https://example.org/p.png) :red[red] :smile:"


def test_a_link_value_is_shown_as_text_not_markup(page, app_url):
    open_weights(page, app_url, "?" + urllib.parse.urlencode({"bins": MARKUP}))
    assert no_exception(page)
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="Session expired").first
    alert.wait_for(timeout=30_000)
    assert alert.locator("h1, h2, h3, img, a[href^='https://example.org']").count() == 0
    assert alert.locator("code").filter(has_text="## Session expired [Sign in](https://example.org)").count() == 1
    assert alert.locator("code").filter(has_text=":smile:").count() == 1     # no emoji, no colour
    assert "\\n\\n## Session" in alert.inner_text()
    screenshot(page, "weights-link-markup", height=1400)


def test_upload_names_are_shown_as_text_not_markup(page, app_url):
    open_weights(page, app_url)
    page.get_by_text("your own file", exact=True).click()
    wait_idle(page)
    name = "<img src=x onerror=alert(1)> ![i](https://example.org/i.png) :red[red] [l](https://example.org)"
    data = npz_bytes(**{name: np.arange(24, dtype=np.float32).reshape(4, 6)})
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": "## Sign in [here](https://example.org).npz", "mimeType": "application/octet-stream", "buffer": data})
    wait_idle(page)
    page.get_by_text("1 tensors shown").wait_for(timeout=30_000)
    wait_idle(page)
    assert no_exception(page)
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("h2").filter(has_text="Sign in").count() == 0
    assert main.locator("a[href^='https://example.org'], img[src='x'], img[src^='https://example.org']").count() == 0
    assert main.locator("code").filter(has_text="## Sign in [here](https://example.org).npz").count() >= 1
    title = main.get_by_role("strong").filter(has_text="Values of <img src=x onerror=alert(1)>").first
    assert title.inner_text().replace("\u200b", "") == f"Values of {name}"    # word for word
    assert page.locator(".main-svg img, .main-svg a").count() == 0        # plotly drew the name as text
    screenshot(page, "weights-upload-markup", height=2400)


def test_two_sessions_in_two_languages_at_once(browser, app_url):
    """Two visitors load the page at the same moment, one in Chinese with link values that make
    its session match labels in both languages: the server runs both scripts at once, and each
    page is in its own language."""
    import re
    contexts = [browser.new_context(), browser.new_context()]
    zh, en = (context.new_page() for context in contexts)
    for page in (zh, en):
        page.goto(app_url)
        wait_idle(page)
    zh.goto(f"{app_url}/weights?lang=zh&model=resnet&src=cloud&tensor=x", wait_until="commit")
    en.goto(f"{app_url}/weights?model=cnn", wait_until="commit")
    for page in (zh, en):
        page.wait_for_selector(CHART, timeout=30_000)
        wait_idle(page)
    assert zh.get_by_text("真实网络：训练后的权重落在哪里").is_visible()
    assert en.get_by_text("Real networks: where trained weights live").is_visible()
    assert not re.search(r"[\u4e00-\u9fff]", en.locator('[data-testid="stMain"]').inner_text())
    for context in contexts:
        context.close()
