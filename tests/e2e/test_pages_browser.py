"""Every registered page in a real browser (parametrized over the registry, so new pages are
covered too): its Share panel's iframe snippet in a blog post on another origin, presentation
mode in the dark theme, and a 390 px phone screen. Screenshots go to test-output/."""
import re

import pytest
from e2e_helpers import CHART, IDLE, OUTPUT, content_screenshot, no_exception, open_loaded, page_address

from quantviz.app.shell.registry import PAGES

IDS = [p.url_path for p in PAGES]
SHARE = re.compile("(Share|分享)$")


def open_page(page, address):
    open_loaded(page, address)
    assert no_exception(page)


def share_snippets(page) -> tuple[str, str]:
    """The Share panel's link and iframe snippet, as a reader copies them."""
    page.locator('[data-testid="stExpander"] summary', has_text=SHARE).last.click()
    codes = page.locator('[data-testid="stExpander"] [data-testid="stCode"] code')
    codes.nth(1).wait_for(timeout=10_000)
    return codes.nth(0).inner_text(), codes.nth(1).inner_text()


def blog_post(blog_site, name: str, snippet: str) -> str:
    folder, origin = blog_site
    (folder / f"{name}.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'></head>"
        "<body style='font-family:sans-serif;max-width:900px;margin:auto'>"
        f"<h1>A post about quantization</h1><p>The figure below is live.</p>{snippet}<p>The end.</p></body></html>")
    return f"{origin}/{name}.html"


def embedded_chart(page, timeout=60_000):
    frame = page.frame_locator("iframe")
    frame.locator(IDLE).wait_for(timeout=timeout)
    frame.locator(CHART).first.wait_for(timeout=30_000)
    frame.locator(IDLE).wait_for(timeout=timeout)
    return frame


@pytest.mark.parametrize("info", PAGES, ids=IDS)
def test_share_snippet_embeds_the_main_figure_on_another_origin(page, app_url, blog_site, info):
    open_page(page, page_address(app_url, info))
    content_screenshot(page, f"page-{info.url_path}-light")
    link, snippet = share_snippets(page)
    assert link.startswith(page_address(app_url, info).rstrip("/"))
    assert snippet.startswith("<iframe") and "embed=true" in snippet and "view=figure" in snippet
    page.goto(blog_post(blog_site, info.url_path, snippet))
    frame = embedded_chart(page)
    assert frame.locator('[data-testid="stException"]').count() == 0
    assert frame.locator("h1").count() == 0                           # the page's title stays out
    assert not frame.locator('[data-testid="stSidebar"]').is_visible()
    assert not frame.locator('[data-testid="stExpander"] summary', has_text=SHARE).count()  # no Share panel inside
    height = int(re.search(r'height="(\d+)"', snippet).group(1))
    needed = frame.locator('[data-testid="stMain"]').evaluate("main => main.scrollHeight")
    assert needed <= height, f"the embed needs {needed} px, the snippet's iframe is {height} px high"
    page.set_viewport_size({"width": 1280, "height": height + 300})  # the whole post, no resize while shooting
    frame.locator(IDLE).wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(OUTPUT / f"embed-{info.url_path}.png"))


@pytest.mark.parametrize("info", PAGES, ids=IDS)
def test_phone_screen_in_the_dark_theme_in_chinese(tab, app_url, info):
    page = tab(viewport={"width": 390, "height": 844}, color_scheme="dark", is_mobile=True, has_touch=True)
    open_page(page, page_address(app_url, info, "lang=zh"))
    background = page.evaluate("getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor")
    assert sum(map(int, re.findall(r"\d+", background)[:3])) < 3 * 80, background  # the dark theme
    overflow = page.evaluate("(() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                             " return m.scrollWidth - m.clientWidth; })()")
    assert overflow <= 1, f"the page is {overflow} px wider than the phone"
    for chart in page.locator('[data-testid="stPlotlyChart"]').all()[:3]:
        assert chart.bounding_box()["width"] <= 390
    content_screenshot(page, f"page-{info.url_path}-phone-dark-zh")


REACT = [  # (page, two states of its embed, and what the figure's title says in each)
    ("lesson", "step=6&sbits=3", "onto 8 codes", "step=6&sbits=5", "onto 32 codes"),
    ("weights", "model=cnn&tensor=conv2.weight", "Values of conv2.weight", "", "Values of dense1.weight"),
]


@pytest.mark.parametrize("url_path, state_a, title_a, state_b, title_b", REACT, ids=[r[0] for r in REACT])
def test_the_embedded_figure_follows_its_state(page, app_url, blog_site, url_path, state_a, title_a, state_b, title_b):
    info = next(p for p in PAGES if p.url_path == url_path)
    for state, title in ((state_a, title_a), (state_b, title_b)):
        src = page_address(app_url, info, "&".join(filter(None, [state, "embed=true&view=figure"])))
        page.goto(blog_post(blog_site, f"{url_path}-react", f"<iframe src='{src}' width='100%' height='620'></iframe>"))
        frame = embedded_chart(page)
        assert frame.locator("strong", has_text=title).is_visible()  # the figure's title, written above it


def test_the_embedded_lesson_figure_moves_with_its_slider(page, app_url, blog_site):
    info = next(p for p in PAGES if p.url_path == "lesson")
    src = page_address(app_url, info, "step=6&sbits=3&embed=true&view=figure")
    page.goto(blog_post(blog_site, "lesson-slider", f"<iframe src='{src}' width='100%' height='620'></iframe>"))
    frame = embedded_chart(page)
    assert frame.locator("strong", has_text="onto 8 codes").is_visible()
    steps = frame.locator(".scatterlayer .trace").nth(1).locator("path.js-line").get_attribute("d")
    frame.get_by_role("slider", name="Bits").focus()
    page.keyboard.press("ArrowRight")
    frame.locator("strong", has_text="onto 16 codes").wait_for(timeout=30_000)
    frame.locator(IDLE).wait_for(timeout=30_000)
    assert frame.locator(".scatterlayer .trace").nth(1).locator("path.js-line").get_attribute("d") != steps
    page.screenshot(path=str(OUTPUT / "embed-lesson-slider.png"), full_page=True)


def test_streamlit_embed_link_alone_shows_the_figure_view(page, app_url):
    """``?embed=true`` plus the page's state is enough for the single-figure view; ``&view=page``
    embeds the whole page instead."""
    info = next(p for p in PAGES if p.url_path == "arithmetic")
    open_page(page, page_address(app_url, info, "embed=true&rx=5"))
    charts = page.locator('[data-testid="stPlotlyChart"]')
    assert page.locator("h1").count() == 0 and charts.count() == 1
    assert page.get_by_role("link", name=re.compile("Open the full interactive page")).is_visible()
    open_page(page, page_address(app_url, info, "embed=true&view=page&requant=true"))   # its figure and the matmul's
    assert page.locator("h1").count() >= 1 and charts.count() > 1
