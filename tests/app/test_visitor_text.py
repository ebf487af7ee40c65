"""Text from visitors stays text: a link's values and an upload's file and tensor names reach the
page only inside Markdown code spans (escaped in figure titles), on every page; and two sessions
in two languages at once each render in their own."""
import pathlib
import re
import threading
import time

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest
from test_url_garbage import SHELL_KEYS, url_keys

from quantviz.app.shell.i18n import in_language, lang
from quantviz.app.shell.registry import PAGES
from quantviz.app.shell.text import literal, markdown_text, plotly_text
from tests.weightfiles import npy_bytes, npz_of_members

PAYLOAD = "x\n\n## Session expired [Sign in](https://example.org) ![](https://example.org/p.png) <b>bold</b> :red[red]"
MARKUP = ("## Session", "](https://example.org)", "<b>", ":red[")


def outside_code(markdown: str) -> str:
    """``markdown`` with its code spans removed (a span: a run of backticks up to the same run)."""
    return re.sub(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)", "", markdown, flags=re.S)


def assert_shown_as_text(markdown: str) -> None:
    rest = outside_code(markdown)
    for markup in MARKUP:
        assert markup not in rest, (markup, markdown)


def texts(at) -> list[str]:
    return [e.value for kind in ("markdown", "warning", "info", "error", "caption", "success")
            for e in getattr(at, kind)]


@pytest.mark.parametrize("text", [PAYLOAD, "`", "a``b", "` x `", " ", "", "\u202eevil", "x" * 500])
def test_a_code_span_holds_any_text(text):
    span = literal(text)
    assert outside_code(span) == "" and "\n" not in span
    fence = re.match(r"`+", span).group()
    assert span.startswith(fence + " ") and span.endswith(" " + fence) and fence not in span[len(fence):-len(fence)]
    assert len(span) < 140 and "\u202e" not in span


def test_markdown_and_plotly_escapes():
    assert markdown_text("a*b_[c](d)") == "a\\*b\\_\\[c\\]\\(d\\)"
    assert "\n" not in markdown_text("x\n\n# y")
    assert plotly_text("<a href='x'>y</a>") == "&lt;a href=&#x27;x&#x27;&gt;y&lt;/a&gt;"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path)
def test_a_link_value_is_shown_as_text_on_every_page(open_page, page):
    keys = url_keys(open_page(page.path)) | set(SHELL_KEYS)
    at = open_page(page.path, **{key: PAYLOAD for key in keys})
    assert not at.exception
    notices = [w.value for w in at.warning if "## Session expired" in w.value]
    assert notices, "a notice names the value it replaced"
    for text in texts(at):
        assert_shown_as_text(text)


def test_upload_file_and_tensor_names_are_shown_as_text(open_page):
    names = ["![x](https://example.org/p.png)", "<img src=x onerror=alert(1)>", "## h [l](https://example.org)"]
    data = npz_of_members({f"{name}.npy": npy_bytes(np.arange(12, dtype=np.float32).reshape(3, 4)) for name in names}
                          | {"a\n\n## b.txt": b"not an array"})
    at = open_page("views/weights.py")
    at.button_group(key="src").set_value("upload").run()
    at.file_uploader(key="upload").set_value(("# Sign in [here](https://example.org).npz", data,
                                              "application/octet-stream")).run()
    assert not at.exception and not at.error
    for text in texts(at):
        assert_shown_as_text(text)
        assert "<img" not in outside_code(text)
    specs = " ".join(chart.proto.spec for chart in at.get("plotly_chart"))
    assert "&lt;img src=x" in specs and "<img" not in specs and "\\u003cimg" not in specs


def test_a_refused_upload_names_the_file_as_text(open_page):
    at = open_page("views/weights.py")
    at.button_group(key="src").set_value("upload").run()
    at.file_uploader(key="upload").set_value(("[a](https://example.org)\n\n## b.npy", b"\x93NUMPY junk",
                                              "application/octet-stream")).run()
    assert not at.exception and at.error
    for text in texts(at):
        assert_shown_as_text(text)


def test_the_language_override_of_one_thread_is_not_seen_by_another():
    """``in_language`` in one session's thread (while it matches labels of the other language)
    does not change the language another session's thread renders in."""
    entered, done, seen = threading.Event(), threading.Event(), []

    def matching_labels():
        with in_language("zh"):
            entered.set()
            done.wait(10)

    def rendering():
        entered.wait(10)
        seen.append(lang())
        done.set()

    threads = [threading.Thread(target=matching_labels), threading.Thread(target=rendering)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == ["en"]


CJK = re.compile(r"[\u4e00-\u9fff]")


def test_a_session_keeps_its_language_while_another_matches_labels(open_page):
    """One session (AppTest, in English) runs while another session's thread matches labels in
    Chinese all the time (``in_language``, as ``controls.option_named`` does for a link naming
    an option by its label): the English page shows no Chinese. (AppTest itself cannot run two
    sessions at once: each run sets up and removes a process-wide runtime.)"""
    stop = threading.Event()

    def other_session():
        while not stop.is_set():
            with in_language("zh"):
                time.sleep(0.001)

    thread = threading.Thread(target=other_session)
    thread.start()
    try:
        at = open_page("views/weights.py", model="cnn", bins="60")
        at.selectbox(key="tensor").set_value("conv2.weight").run()
    finally:
        stop.set()
        thread.join()
    shown = [t for t in texts(at) if t]
    assert not at.exception and shown
    assert not [t for t in shown if CJK.search(t)]


def _failing_page():
    raise ValueError("details for the server only: /srv/quantviz/secret.py")


def test_an_unexpected_error_shows_no_details_to_visitors():
    """The served app's config (``client.showErrorDetails = "none"``): a generic message in the
    browser, the exception only in the server's log."""
    import tomllib
    config = tomllib.loads((pathlib.Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
    at = AppTest.from_function(_failing_page)
    at.run()
    (error,) = at.exception
    assert "secret" not in error.message and not error.stack_trace and not error.proto.type
