from e2e_helpers import no_exception, screenshot, wait_idle


def test_home_renders_in_a_real_browser(page, app_url):
    page.goto(app_url)
    wait_idle(page)
    assert no_exception(page)
    assert page.get_by_text("How a neural network fits in 8 bits").is_visible()
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=20_000)
    assert screenshot(page, "home-light").stat().st_size > 10_000


def test_home_in_chinese_and_dark(tab, app_url):
    page = tab(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page.goto(app_url + "/?lang=zh")
    wait_idle(page)
    assert no_exception(page)
    assert page.get_by_text("神经网络如何装进 8 位整数").is_visible()
    screenshot(page, "home-dark-zh")


def test_slider_moves_with_the_keyboard_and_updates_the_url(page, app_url):
    page.goto(app_url)
    wait_idle(page)
    slider = page.get_by_role("slider", name="A real value x")
    slider.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('x=0.305')", timeout=30_000)
    wait_idle(page)
    page.get_by_text("x = 0.3050").first.wait_for(timeout=30_000)


def test_presentation_mode_hides_the_sidebar(page, app_url):
    page.goto(app_url + "/?present=1")
    wait_idle(page)
    assert no_exception(page)
    page.wait_for_function("getComputedStyle(document.documentElement).fontSize === '21px'", timeout=30_000)
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    screenshot(page, "home-present")


def test_the_favicon_ships_with_the_app(page, app_url):
    """No fetch from the internet for the tab's icon: it is served by the app itself."""
    page.goto(app_url)
    wait_idle(page)
    href = page.evaluate("[...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)")
    assert href and all(h.startswith(app_url) for h in href), href
    response = page.request.get(href[-1])
    assert response.ok and response.headers["content-type"].startswith("image/")
