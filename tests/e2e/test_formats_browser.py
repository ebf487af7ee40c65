from e2e_helpers import no_exception, screenshot, wait_idle


def open_formats(page, app_url, query=""):
    page.goto(f"{app_url}/formats{query}")
    wait_idle(page)


def shown_bits(page, fmt):
    return page.locator(f'[data-format="{fmt}"] .qv-bits').first.get_attribute("data-bits")


def test_typing_a_value_changes_the_bits(page, app_url):
    open_formats(page, app_url)
    assert no_exception(page)
    assert shown_bits(page, "float16") == "0 01011 1001100110"
    box = page.get_by_role("textbox", name="Value x")
    box.fill("1e40")
    box.press("Enter")
    wait_idle(page)
    assert "value=1e40" in page.url
    assert shown_bits(page, "float16") == "0 11110 1111111111"   # saturated at 65504
    assert page.locator('[data-format="float16"]').get_by_text("65504", exact=True).count() == 1
    # the bit editor (float8_e4m3fn, 448 = 0 1111 110): flip the sign bit
    page.get_by_role("button", name="0₇").click()
    wait_idle(page)
    assert box.input_value() == "-448.0"
    assert shown_bits(page, "float8_e4m3fn") == "1 1111 110"
    assert screenshot(page, "formats-light", height=3600).stat().st_size > 10_000


def test_formats_dark_chinese_phone(tab, app_url):
    page = tab(viewport={"width": 390, "height": 900}, color_scheme="dark")
    open_formats(page, app_url, "?lang=zh&value=nan")
    assert no_exception(page)
    assert page.get_by_text("数字如何存储：浮点数与整数").is_visible()
    assert shown_bits(page, "float8_e4m3fn") == "0 1111 111"
    assert shown_bits(page, "int8") == "? ???????"
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=20_000)
    screenshot(page, "formats-dark-zh-390", height=6500)
