import io

import numpy as np
from e2e_helpers import no_exception, open_loaded, screenshot, wait_idle
from PIL import Image


def open_int8(page, app_url, query=""):
    open_loaded(page, f"{app_url}/int8{query}")


def metric_value(page, label):
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_draw_a_stroke_and_see_a_prediction(page, app_url):
    open_int8(page, app_url, "?src=draw")
    assert no_exception(page)
    page.get_by_text("The canvas is empty").wait_for(timeout=30_000)
    # nothing drawn, nothing predicted
    assert page.locator('[data-testid="stMetric"]').filter(has_text="predicts").count() == 0
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
    page.get_by_text("Quantization: bits").click()          # the settings are folded under the answers
    slider = page.get_by_role("slider", name="Weight bits")
    slider.focus()
    for _ in range(6):
        slider.press("ArrowLeft")
    wait_idle(page)
    assert "wbits=2" in page.url
    assert float(metric_value(page, "quantized accuracy").rstrip(" %")) < 90
    screenshot(page, "int8-cnn-2bit-light", height=3600)


def test_int8_in_chinese_dark_and_narrow(tab, app_url):
    page = tab(viewport={"width": 390, "height": 900}, color_scheme="dark")
    open_int8(page, app_url, "?lang=zh&model=cnn")
    assert no_exception(page)
    assert page.get_by_text("实时用 int8 运行一个小网络").is_visible()
    screenshot(page, "int8-dark-zh-narrow", height=7000)


def test_a_drawing_shows_the_right_way_up(page, app_url):
    """Pixel (0, 0) of the data is the top left of the picture: a Γ drawn on the canvas (a bar
    along the top, a bar down the left) is a Γ in the input figure, not an L."""
    open_int8(page, app_url, "?src=draw")
    canvas = page.locator(".canvas-root canvas.upper-canvas")
    canvas.wait_for(timeout=30_000)
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = canvas.bounding_box()

    def at(u, v):
        return box["x"] + u * box["width"], box["y"] + v * box["height"]
    page.mouse.move(*at(0.2, 0.85))
    page.mouse.down()
    for i in range(1, 13):                      # up the left side ...
        page.mouse.move(*at(0.2, 0.85 - 0.65 * i / 12))
    for i in range(1, 13):                      # ... then along the top
        page.mouse.move(*at(0.2 + 0.65 * i / 12, 0.2))
    page.mouse.up()
    page.get_by_text("The canvas is empty").wait_for(state="detached", timeout=30_000)
    wait_idle(page)
    heatmap = page.locator('[data-testid="stPlotlyChart"] .heatmaplayer image').first
    heatmap.wait_for(timeout=30_000)
    heatmap.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    picture = np.asarray(Image.open(io.BytesIO(heatmap.screenshot())).convert("L"), dtype=np.float64)
    ink = 1 - picture / 255
    quarter_r, quarter_c = ink.shape[0] // 4, ink.shape[1] // 4
    top, bottom = ink[:quarter_r].mean(), ink[-quarter_r:].mean()
    left, right = ink[:, :quarter_c].mean(), ink[:, -quarter_c:].mean()
    assert top > 2 * bottom and left > 2 * right, (top, bottom, left, right)
    assert ink[-quarter_r:, -quarter_c:].max() < 0.2                    # the bottom-right corner is blank
