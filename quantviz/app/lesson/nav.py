"""The lesson's navigation: the step in the URL (``?step=4``), progress, previous / next buttons
(also on the ← → keys) and the link to the page that goes deeper."""
from __future__ import annotations

import streamlit as st

from quantviz.app.shell import controls
from quantviz.app.shell.i18n import t
from quantviz.app.shell.registry import PAGES

TOTAL = 9
KEY = "step"
STEP_CODES = [str(n) for n in range(1, TOTAL + 1)]


def title(n: int) -> str:
    return t(f"lesson.s{n}.title")


def current_step() -> int:
    """The step as the URL and the buttons set it; a bad link value falls back with a notice."""
    code = controls.choice(t("lesson.step"), KEY, STEP_CODES, widget=st.segmented_control, required=True,
                           help=t("lesson.intro"), label_visibility="collapsed")
    return int(code)


def embed_step() -> int:
    """The step of the embed view, read from the link (no navigation is drawn there)."""
    raw = st.query_params.get(KEY, "1")
    if raw in STEP_CODES:
        return int(raw)
    controls.note(KEY, raw, t("url.reason.choice", options=controls.options_text(STEP_CODES)), 1)
    return 1


def _go(delta: int) -> None:
    step = int(st.session_state.get(KEY) or 1)
    st.session_state[KEY] = str(min(TOTAL, max(1, step + delta)))


def progress(n: int) -> None:
    st.progress(n / TOTAL, text=t("lesson.progress", n=n, total=TOTAL, title=title(n)))


def header() -> int:
    """The step buttons and the progress in one row; the current step."""
    steps, done = st.columns([2, 3], vertical_alignment="bottom")
    with steps:
        n = current_step()
    with done:
        progress(n)
    return n


def buttons(n: int) -> None:
    """Previous and next, with the arrow keys as shortcuts (they work without a mouse on a projector)."""
    row = st.container(horizontal=True, horizontal_alignment="distribute")
    # no icon: the button shows its shortcut's arrow already
    row.button(t("lesson.prev"), key="lesson_prev", on_click=_go, args=(-1,),
               disabled=n <= 1, shortcut="Left", help=t("lesson.prev.help"))
    row.button(t("lesson.next"), key="lesson_next", on_click=_go, args=(1,), disabled=n >= TOTAL,
               shortcut="Right", help=t("lesson.next.help"), type="primary")


def deeper_page(url_paths: list[str]):
    """The first registered page among ``url_paths`` (pages may come and go), or None."""
    pages = {page.url_path: page for page in PAGES}
    return next((pages[p] for p in url_paths if p in pages), None)


def deeper_link(url_paths: list[str]) -> None:
    page = deeper_page(url_paths)
    if page is not None:
        st.page_link(page.path, label=t("lesson.deeper", page=t(page.title_key)), icon=page.icon)
