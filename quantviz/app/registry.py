"""The pages of the app, in menu order: (file under pages/, title key, icon, url path)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageInfo:
    path: str       # relative to the project root, e.g. "pages/home.py"
    title_key: str  # string-table key of the menu title
    icon: str
    url_path: str
    section: str = "nav.section.learn"


PAGES: list[PageInfo] = [
    PageInfo("pages/home.py", "nav.home", ":material/home:", "home"),
    PageInfo("pages/formats.py", "nav.formats", ":material/pin:", "formats"),
    PageInfo("pages/lowbit.py", "nav.lowbit", ":material/compress:", "beyond-int8"),
    PageInfo("pages/arithmetic.py", "nav.arithmetic", ":material/calculate:", "arithmetic"),
    PageInfo("pages/weights.py", "nav.weights", ":material/bar_chart:", "weights"),
]
