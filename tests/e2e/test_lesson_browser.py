"""The lesson in a real browser: the arrow keys turn the steps in presentation mode, a slider
moves by keyboard (and then the arrows move the slider, not the step)."""
import pathlib

from e2e_helpers import CHART, OUTPUT, content_screenshot, no_exception, wait_idle

from quantviz.app.lesson.nav import TOTAL


def heading(page) -> str:
    return page.locator("h2").first.inner_text()


def test_arrow_keys_turn_the_steps_in_presentation_mode(page, app_url):
    page.goto(f"{app_url}/lesson?step=3&present=1")
    wait_idle(page)
    page.wait_for_selector(CHART, timeout=30_000)
    assert heading(page).startswith("3. ") and page.locator('[data-testid="stSidebar"]').is_hidden()
    page.keyboard.press("ArrowRight")
    page.locator("h2", has_text="4. ").wait_for(timeout=30_000)
    wait_idle(page)
    assert "step=4" in page.url and "present=1" in page.url
    assert page.get_by_text(f"Step 4 of {TOTAL}").is_visible()
    for shown in ("3. ", "2. "):
        page.keyboard.press("ArrowLeft")
        page.locator("h2", has_text=shown).wait_for(timeout=30_000)
        wait_idle(page)
    wait_idle(page)
    assert no_exception(page) and "step=2" in page.url
    content_screenshot(page, "lesson-present-step2")


def test_a_slider_moves_by_keyboard_with_its_visible_label(page, app_url):
    page.goto(f"{app_url}/lesson?step=6&sbits=8")
    wait_idle(page)
    page.wait_for_selector(CHART, timeout=30_000)
    assert page.get_by_text("Bits", exact=True).is_visible()           # the label is shown, not only announced
    slider = page.get_by_role("slider", name="Bits")
    slider.focus()
    for shown in ("onto 128 codes", "onto 64 codes"):
        page.keyboard.press("ArrowLeft")
        page.locator("strong", has_text=shown).wait_for(timeout=30_000)
        wait_idle(page)
    wait_idle(page)
    assert slider.input_value() == "6"
    assert "sbits=6" in page.url and "step=6" in page.url               # the slider moved, not the step
    assert heading(page).startswith("6. ")
    assert page.get_by_text("codes 0..63").is_visible()


def test_the_figure_downloads_as_png_svg_and_standalone_html(page, app_url):
    page.goto(f"{app_url}/lesson?step=6&sbits=3")
    wait_idle(page)
    page.wait_for_selector(CHART, timeout=30_000)
    files = {}
    for label in ("PNG", "SVG", "Interactive HTML"):
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name=label, exact=True).click()
        files[label] = download.value
    png = pathlib.Path(files["PNG"].path()).read_bytes()
    assert files["PNG"].suggested_filename == "quantviz-lesson-6-3bits.png" and png[:4] == b"\x89PNG"
    (OUTPUT / "lesson-step6-export.png").write_bytes(png)
    svg = pathlib.Path(files["SVG"].path()).read_text()
    assert "<svg" in svg and "8 codes" in svg                     # the title travels with the file
    html = pathlib.Path(files["Interactive HTML"].path()).read_text()
    assert "window.quantvizLive" in html and "<script src=" not in html   # the live file: its bits slider
    assert 'id="bits"' in html and 'value="3"' in html
