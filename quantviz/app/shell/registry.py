"""The pages of the app, in menu order: (file under views/, title key, icon, url path).

The page files live in ``views/``, not ``pages/``: Streamlit treats a ``pages/`` folder beside
the entry script as its older multipage mode, and a shared deep link opened first on a freshly
started server would run the page file alone, without ``app.py`` (no language, no menu).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    path: str       # relative to the project root, e.g. "views/home.py"
    title_key: str  # string-table key of the menu title
    icon: str
    url_path: str
    section: str = "nav.section.learn"
    embed_height: int = 560  # pixels: the iframe in the Share panel's snippet fits the embed view


PAGES: list[PageInfo] = [
    PageInfo("views/home.py", "nav.home", ":material/home:", "home", embed_height=620),
    PageInfo("views/lesson.py", "nav.lesson", ":material/school:", "lesson", embed_height=640),
    PageInfo("views/mapping.py", "nav.mapping", ":material/stairs:", "mapping", embed_height=840),
    PageInfo("views/formats.py", "nav.formats", ":material/pin:", "formats", embed_height=840),
    PageInfo("views/lowbit.py", "nav.lowbit", ":material/compress:", "beyond-int8", embed_height=770),
    PageInfo("views/why.py", "nav.why", ":material/lightbulb:", "why", embed_height=780),
    PageInfo("views/arithmetic.py", "nav.arithmetic", ":material/calculate:", "arithmetic", embed_height=660),
    PageInfo("views/weights.py", "nav.weights", ":material/bar_chart:", "weights", embed_height=780),
    PageInfo("views/int8.py", "nav.int8", ":material/memory:", "int8", embed_height=850),
    PageInfo("views/llm.py", "nav.llm", ":material/stacks:", "llm", embed_height=800),
]


def embed_height(url_path: str | None) -> int:
    """The iframe height for the page at ``url_path`` ("" is the first page, the app's root)."""
    url_path = url_path or PAGES[0].url_path
    return next((p.embed_height for p in PAGES if p.url_path == url_path), PageInfo("", "", "", "").embed_height)
