"""Any garbage in a link, on any page (new pages included): every control's URL key set to a
bad value at once still renders the page, with no traceback."""
import pytest
from streamlit.testing.v1 import AppTest

from quantviz.app.registry import PAGES

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
