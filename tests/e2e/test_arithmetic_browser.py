from e2e_helpers import no_exception, screenshot, wait_idle


def metric_values(page):
    return page.locator('[data-testid="stMetricValue"]').all_inner_texts()


def open_arithmetic(page, url):
    page.goto(url)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    wait_idle(page)


def test_the_example_updates_when_an_input_changes(page, app_url):
    open_arithmetic(page, app_url + "/arithmetic")
    assert no_exception(page)
    assert page.get_by_text("Arithmetic on quantized numbers").is_visible()
    values = metric_values(page)
    assert values[:2] == ["127 × 255 = 32385 → 253.0", "127 → 0.0"]
    field = page.get_by_label("Real x").first
    field.fill("0.5")
    field.press("Enter")
    wait_idle(page)
    assert "mx=0.5" in page.url
    assert metric_values(page)[1] == "191 → 0.501961"
    assert no_exception(page)
    screenshot(page, "arithmetic-light", height=7600)


def test_matrix_text_drives_the_matmul_and_the_link(page, app_url):
    open_arithmetic(page, app_url + "/arithmetic?mmw=per_channel&overflow=true")
    page.locator('[data-testid="stExpander"] summary', has_text="The matrices A, B and the bias").click()
    field = page.get_by_role("textbox", name="A (activations, batch × N)")
    field.fill("1,0,0")
    field.press("Enter")
    wait_idle(page)
    assert "mmA=1%2C0%2C0" in page.url or "mmA=1,0,0" in page.url
    assert page.get_by_text("of 2 accumulators").is_visible()
    assert no_exception(page)


def test_arithmetic_in_chinese_dark_and_narrow(tab, app_url):
    page = tab(viewport={"width": 390, "height": 844}, color_scheme="dark")
    open_arithmetic(page, app_url + "/arithmetic?lang=zh")
    assert no_exception(page)
    assert page.locator("h1").filter(has_text="量化数的运算").is_visible()
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=20_000)
    screenshot(page, "arithmetic-dark-zh-390", height=12000)
