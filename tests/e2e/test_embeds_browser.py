"""Every page's embed in a blog post on another origin, as the Share panel writes its snippet: on a
390 px phone the content fits its frame (the snippet's script makes the frame
as tall as the content), nothing is cut at the side, the link to the full page shows, and the
embed keeps the control that moves its figure; the theme the snippet names wins over the reader's."""
import re

import pytest
from e2e_helpers import CHART, IDLE, OUTPUT, page_address

from quantviz.app.shell.registry import PAGES
from quantviz.app.shell.share import iframe_snippet

SIZES = {"phone": {"width": 390, "height": 844}, "wide": {"width": 1280, "height": 900}}
CONTROL = '[role="slider"], input, [data-baseweb="select"], [data-testid="stButtonGroup"]'
FULL_PAGE = re.compile("Open the full interactive page")


def blog_post(blog_site, name: str, snippet: str, dark: bool = False) -> str:
    folder, origin = blog_site
    colours = "background:#111;color:#eee" if dark else "background:#fff;color:#222"
    (folder / f"{name}.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'></head>"
        f"<body style='font-family:sans-serif;max-width:900px;margin:auto;padding:0 8px;{colours}'>"
        f"<h1>A post about quantization</h1><p>The figure below is live.</p>{snippet}<p>The end.</p></body></html>")
    return f"{origin}/{name}.html"


# each embed on a phone here; on a wide page test_pages_browser.py opens every Share snippet on another
# origin and checks its content fits the snippet's written height (the fallback without the script)
@pytest.fixture(scope="module", params=["phone"])
def reader(request, shared_context):
    size = SIZES[request.param]
    page = shared_context(viewport=size, is_mobile=size["width"] < 500, has_touch=size["width"] < 500).new_page()
    page.size_name = request.param
    yield page
    page.close()


def open_embed(page, blog_site, name, src, dark=False):
    page.goto(blog_post(blog_site, name, iframe_snippet(src, 560), dark))
    frame = page.frame_locator("iframe")
    frame.locator(IDLE).wait_for(timeout=60_000)
    frame.locator(CHART).first.wait_for(timeout=30_000)
    frame.locator(IDLE).wait_for(timeout=60_000)
    return frame


@pytest.mark.parametrize("info", PAGES, ids=[p.url_path for p in PAGES])
def test_each_embed_fits_its_frame_and_keeps_its_control(reader, app_url, blog_site, info):
    src = page_address(app_url, info, "step=6&embed=true&view=figure" if info.url_path == "lesson"
                       else "embed=true&view=figure")
    frame = open_embed(reader, blog_site, f"embed-{info.url_path}-{reader.size_name}", src)
    content = frame.locator('[data-testid="stMainBlockContainer"]')
    iframe = reader.locator("iframe")
    needed = lambda: content.evaluate("e => Math.ceil(e.getBoundingClientRect().height)")  # noqa: E731
    # the snippet's script follows the content's height (it settles within a few frames)
    reader.wait_for_function("([h]) => document.querySelector('iframe').getBoundingClientRect().height >= h",
                             arg=[needed()], timeout=15_000)
    reader.wait_for_timeout(300)
    height = iframe.bounding_box()["height"]
    assert needed() <= height + 1, f"{info.url_path}: {needed()} px of content in a {height:.0f} px frame"
    main = frame.locator('[data-testid="stMain"]')
    assert main.evaluate("m => m.scrollWidth - m.clientWidth") <= 1, f"{info.url_path}: wider than its frame"
    link = frame.get_by_role("link", name=FULL_PAGE)
    frame_box, link_box = iframe.bounding_box(), link.bounding_box()
    assert link_box["y"] + link_box["height"] <= frame_box["y"] + frame_box["height"] + 1, "the link is cut off"
    assert frame.locator(CONTROL).count() >= 1, f"{info.url_path}: its embed has no control"
    reader.screenshot(path=str(OUTPUT / f"embed-{info.url_path}-{reader.size_name}.png"), full_page=True)


@pytest.mark.parametrize("theme, scheme, dark", [("dark_theme", "light", True), ("light_theme", "dark", False)])
def test_the_snippets_theme_wins_over_the_readers(tab, app_url, blog_site, theme, scheme, dark):
    page = tab(viewport=SIZES["wide"], color_scheme=scheme)
    src = page_address(app_url, PAGES[0], f"embed=true&view=figure&embed_options={theme}")
    frame = open_embed(page, blog_site, f"embed-theme-{theme}", src, dark=dark)
    background = frame.locator('[data-testid="stApp"]').evaluate("e => getComputedStyle(e).backgroundColor")
    brightness = sum(map(int, re.findall(r"\d+", background)[:3]))
    assert (brightness < 3 * 80) if dark else (brightness > 3 * 200), background
    page.screenshot(path=str(OUTPUT / f"embed-theme-{theme}.png"), full_page=True)
