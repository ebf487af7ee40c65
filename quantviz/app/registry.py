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


PAGES: list[PageInfo] = [
    PageInfo("views/home.py", "nav.home", ":material/home:", "home"),
    PageInfo("views/lesson.py", "nav.lesson", ":material/school:", "lesson"),
    PageInfo("views/mapping.py", "nav.mapping", ":material/stairs:", "mapping"),
    PageInfo("views/formats.py", "nav.formats", ":material/pin:", "formats"),
    PageInfo("views/lowbit.py", "nav.lowbit", ":material/compress:", "beyond-int8"),
    PageInfo("views/why.py", "nav.why", ":material/lightbulb:", "why"),
    PageInfo("views/arithmetic.py", "nav.arithmetic", ":material/calculate:", "arithmetic"),
    PageInfo("views/weights.py", "nav.weights", ":material/bar_chart:", "weights"),
    PageInfo("views/int8.py", "nav.int8", ":material/memory:", "int8"),
]
