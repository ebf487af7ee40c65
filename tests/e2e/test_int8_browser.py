from e2e_helpers import no_exception, screenshot, wait_idle

CHART = '[data-testid="stPlotlyChart"] .main-svg'
_ROUTED: set[str] = set()


def open_int8(page, app_url, query=""):
    if app_url not in _ROUTED:  # a fresh server serves a deep link inside the app's shell only
        page.goto(app_url)      # once the router (app.py) has run
        wait_idle(page)
        _ROUTED.add(app_url)
    page.goto(f"{app_url}/int8{query}")
    wait_idle(page)
    page.wait_for_selector(CHART, timeout=30_000)
    wait_idle(page)


def metric_value(page, label):
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_draw_a_stroke_and_see_a_prediction(page, app_url):
    open_int8(page, app_url, "?src=draw")
    assert no_exception(page)
    page.get_by_text("The canvas is empty").wait_for(timeout=30_000)
    canvas = page.locator(".canvas-root canvas.upper-canvas")   # fabric.js's event layer
    canvas.wait_for(timeout=30_000)
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = canvas.bounding_box()
    x, top, bottom = box["x"] + box["width"] / 2, box["y"] + 0.15 * box["height"], box["y"] + 0.85 * box["height"]
    page.mouse.move(x, top)
    page.mouse.down()
    for i in range(1, 21):                     # a vertical stroke: a one
        page.mouse.move(x, top + (bottom - top) * i / 20)
    page.mouse.up()
    page.get_by_text("The canvas is empty").wait_for(state="detached", timeout=30_000)
    wait_idle(page)
    assert no_exception(page)
    predicted = metric_value(page, "float32 predicts")
    assert predicted in [str(d) for d in range(10)]
    assert metric_value(page, "quantized predicts") in [str(d) for d in range(10)]
    assert predicted == "1"
    screenshot(page, "int8-drawn", height=1400)


def test_lower_bits_in_the_browser_and_the_litert_check(page, app_url):
    open_int8(page, app_url, "?model=cnn")
    assert no_exception(page)
    assert page.get_by_text("LiteRT agrees on 359/359 test images").is_visible()
    slider = page.get_by_role("slider", name="Weight bits")
    slider.focus()
    for _ in range(6):
        slider.press("ArrowLeft")
    wait_idle(page)
    assert "wbits=2" in page.url
    assert float(metric_value(page, "quantized accuracy").rstrip(" %")) < 90
    screenshot(page, "int8-cnn-2bit-light", height=3600)


def test_int8_in_chinese_dark_and_narrow(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 900}, color_scheme="dark")
    page = context.new_page()
    open_int8(page, app_url, "?lang=zh&model=cnn")
    assert no_exception(page)
    assert page.get_by_text("实时用 int8 运行一个小网络").is_visible()
    screenshot(page, "int8-dark-zh-narrow", height=7000)
    context.close()
