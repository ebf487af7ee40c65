"""The shared frame of every page: language switch, presentation mode, embed view, page header."""
from __future__ import annotations

import streamlit as st

from quantviz.app.shell import controls, registry, share
from quantviz.app.shell.fit import fit_page
from quantviz.app.shell.i18n import LANGUAGE_NAMES, t
from quantviz.app.strings import LANGUAGES

CSS = """
<style>
/* figures and tables read well on a projector: no tiny captions */
[data-testid="stCaptionContainer"] { font-size: 0.95rem; }
/* a long formula scrolls sideways on a phone instead of being cut off */
.katex-display { overflow-x: auto; overflow-y: hidden; padding: 0.2rem 0; }
/* a page's sections are h2 under its h1 title (a screen reader's outline has no gap), drawn at a
   section's size; their parts (h3) a step smaller */
[data-testid="stMain"] h2 { font-size: 1.75rem; padding: 0.75rem 0 1rem 0; }
[data-testid="stMain"] h3 { font-size: 1.375rem; }
/* a row of choices wider than a phone wraps onto a second line instead of hiding its last ones */
[data-testid="stButtonGroup"] div:has(> button) { flex-wrap: wrap; row-gap: 0.25rem; }
</style>
"""


def language_switch() -> str:
    """The English / 简体中文 switch in the sidebar, kept in the URL as ``?lang=en|zh``.

    Not a bound widget: Streamlit would put the displayed name in the URL, and ``?lang=zh`` is
    the link we promise. The router writes the parameter back on every run, so it survives
    page switches.
    """
    if "lang" not in st.session_state:
        raw = st.query_params.get("lang", "en")
        st.session_state["lang"] = raw if raw in LANGUAGES else "en"
        if raw not in LANGUAGES:
            controls.note("lang", raw, t("url.reason.choice", options=controls.options_text(list(LANGUAGES))), "en")
    with st.sidebar:
        st.segmented_control(t("lang.label"), list(LANGUAGES), format_func=LANGUAGE_NAMES.get,
                             key="lang_switch", default=st.session_state["lang"],
                             on_change=_language_changed)
    if st.session_state["lang"] == "en":
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = st.session_state["lang"]
    return st.session_state["lang"]


def _language_changed():
    choice = st.session_state.get("lang_switch")
    if choice in LANGUAGES:
        st.session_state["lang"] = choice


CURRENT_PAGE = "_page"  # the url path of the page being run, set by the router

PRESENT_CSS = """
<style>
/* presentation mode: large type for a projector, no sidebar */
html { font-size: 21px; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"] { display: none !important; }
html [data-testid="stMainBlockContainer"] { max-width: 100%; padding: 4.25rem 3rem 2rem 3rem; }
/* a compact header: the step's figure, not the page's title, fills the screen */
h1 { font-size: 1.8rem !important; padding: 0 0 0.4rem 0 !important; }
</style>
"""


def presentation_mode() -> bool:
    """``?present=1``: larger type and no sidebar, for a projector.

    Read from the link once per session, then written back to the URL on every run (page
    switches drop unbound parameters). The page foot offers a way out.
    """
    share.forget_panel()  # a new run of a page: it has not drawn its Share panel yet
    if "present" not in st.session_state:
        st.session_state["present"] = st.query_params.get("present") in ("1", "true")
    if st.session_state["present"]:
        st.query_params["present"] = "1"
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)
    else:
        st.query_params.pop("present", None)
    return st.session_state["present"]


def page_foot() -> None:
    """The foot of every page (the router calls it after the page has run): the Share panel of
    the page's state unless the page drew its own (in the embed view: the link to the full
    page), and in presentation mode a small button that leaves it. The panel is drawn only while
    open: closed, its two code blocks would still cost a page's first render half a second."""
    if is_embed_view():
        if not share.panel_drawn():
            share.embed_footer()
        return
    if not share.panel_drawn():
        share.share_panel(height=embed_height(), lazy=True)
    if st.session_state.get("present"):
        st.button(t("present.exit"), key="present_exit", type="tertiary",
                  on_click=lambda: st.session_state.update(present=False))


def embed_height() -> int:
    """The height in pixels of the current page's iframe in the Share panel's snippet."""
    return registry.embed_height(st.session_state.get(CURRENT_PAGE))


def end_page() -> None:
    """Stop the page here (the embed view after its figure, or nothing more to show) with its
    foot still drawn: ``st.stop()`` alone would skip the router's ``page_foot``."""
    page_foot()
    st.stop()


def is_presenting() -> bool:
    """Presentation mode (``?present=1``) is on."""
    return bool(st.session_state.get("present"))


def is_embed_view() -> bool:
    """Show a page's main figure alone (for an iframe in a blog post): ``?view=figure``, or
    Streamlit's ``?embed=true`` unless the link asks for the whole page (``&view=page``)."""
    view = st.query_params.get("view")
    return view == "figure" or (view != "page" and bool(st.context.is_embedded))


def page_header(title_key: str, intro_key: str | None = None) -> None:
    st.markdown(CSS, unsafe_allow_html=True)
    fit_page()
    if is_embed_view():
        share.embed_frame()
        return
    st.title(t(title_key))
    if intro_key:
        st.markdown(t(intro_key))


def side_by_side(ratio: tuple[int, int] = (2, 3)):
    """Two columns: a page's controls on the left, the figure they move on the right. On a phone
    Streamlit stacks them, the controls just above their figure."""
    return st.columns(ratio, gap="medium")
