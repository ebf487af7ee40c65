"""Any garbage in a link, on any page (new pages included): every control's URL key set to a
bad value at once still renders the page, with no traceback."""
import random

import pytest
from streamlit.testing.v1 import AppTest

from quantviz.app.shell.registry import PAGES

GARBAGE = ["nan", "-1e999", "💥<script>alert(1)</script>"]
SHELL_KEYS = ("lang", "present", "view", "step")


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def url_keys(at: AppTest) -> set[str]:
    """The keys of the page's widgets (URL-bound controls use their key as the URL parameter)."""
    return {n.key for n in _walk(at.main) if getattr(n, "key", None) and hasattr(n, "value")}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_every_parameter_garbage_at_once(open_page, page):
    keys = url_keys(open_page(page.path)) | set(SHELL_KEYS)
    for bad in GARBAGE:
        at = open_page(page.path, **{key: bad for key in keys})
        assert not at.exception, (bad, at.exception)
        assert at.get("plotly_chart") or at.markdown, f"{page.url_path} shows nothing with {bad!r}"
        assert any(bad in w.value for w in at.warning), "a notice names the value it replaced"


EXTREMES = ["0", "-0", "5e-324", "1e-30", "1", "-1", "127.5", "255", "65535", "-1e9", "1e30", "3.4e38"]


def numeric_keys(at: AppTest) -> list[str]:
    return sorted({n.key for n in _walk(at.main) if getattr(n, "key", None)
                   and isinstance(getattr(n, "value", None), (int, float)) and not isinstance(n.value, bool)})


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_extreme_numbers_in_every_numeric_control(open_page, page):
    """Valid numbers at the edges (0, the smallest subnormal, 3.4e38, negative...) in every
    numeric control of the page at once, in a few seeded combinations: no traceback."""
    keys = numeric_keys(open_page(page.path))
    rng = random.Random(page.url_path)
    for _ in range(4):
        at = open_page(page.path, **{key: rng.choice(EXTREMES) for key in keys})
        assert not at.exception, ({k: at.query_params.get(k) for k in keys}, at.exception)


def test_the_notice_writes_the_allowed_range_readably(open_page):
    at = open_page("views/formats.py", scale="-1e999", zp="1e999")
    notices = " ".join(w.value for w in at.warning)
    assert "scale=-1e999" in notices and "from 1e-12 to 1e+12" in notices and "1000000000000.0" not in notices
    assert "zp=1e999" in notices and "from 0 to 255" in notices
