"""The Share panel: the link of the current state, and an iframe snippet of the page's main figure.

Any page can call ``share_panel()`` (the current URL parameters) or ``share_panel(params)``
(a page's own settings, e.g. only the values that differ from the defaults); the page foot draws
it for a page that does not. The embed view
``?embed=true&view=figure`` is Streamlit's embed mode (no menu, no sidebar) plus the page
showing its main figure alone (``layout.is_embed_view``).
"""
from __future__ import annotations

import html
from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

import streamlit as st

from quantviz.app.shell import controls
from quantviz.app.shell.fit import HEIGHT_MESSAGE
from quantviz.app.shell.i18n import lang, t

EMBED = {"embed": "true", "view": "figure"}
THEMES = ("auto", "light", "dark")   # the embed's theme: the reader's, or one of Streamlit's two
FALLBACK_BASE = "http://localhost:8501"
NOT_STATE = ("embed", "view", "embed_options", "share")  # of the view (and this panel), not of the state
DRAWN = "_share_drawn"


START = "_share_start_params"


def current_params() -> dict[str, str]:
    """The page's state as link parameters: the URL as it is now, plus any value the link named
    by a code (``?model=cnn``) that the widget holds but Streamlit left out of the URL."""
    params = st.query_params.to_dict()
    for key, raw in st.session_state.get(START, {}).items():
        if key not in params and key in st.session_state and str(st.session_state[key]) == raw:
            params[key] = raw
    return params


def page_url() -> str:
    """The address of the current page, without parameters."""
    try:
        url = st.context.url
    except Exception:  # noqa: BLE001 - outside a browser session (AppTest) there is no URL
        url = None
    return url or FALLBACK_BASE


def state_link(params: dict[str, str] | None = None, base: str | None = None) -> str:
    """The link that reopens the page in its current state (``lang`` included when not English)."""
    params = dict(current_params() if params is None else params)
    for key in NOT_STATE:
        params.pop(key, None)
    if lang() != "en":
        params["lang"] = lang()
    query = urlencode(params)
    return (base or page_url()) + (f"?{query}" if query else "")


def embed_link(params: dict[str, str] | None = None, base: str | None = None, theme: str = "auto") -> str:
    """The embed view of the same state (without presentation mode: a blog post has its own type),
    in one theme (Streamlit's ``embed_options=light_theme`` or ``dark_theme``) or the reader's."""
    params = dict(current_params() if params is None else params)
    params.pop("present", None)
    link = state_link(params, base)
    view = {**EMBED, **({"embed_options": f"{theme}_theme"} if theme in THEMES[1:] else {})}
    return link + ("&" if "?" in link else "?") + urlencode(view)


def iframe_snippet(src: str, height: int = 520, responsive: bool = True) -> str:
    """The iframe of an embed; ``responsive``: with a few lines of script that set its height to
    the content's, which the embed posts to its parent (``fit.HEIGHT_MESSAGE``) whenever it changes."""
    frame = (f'<iframe src="{html.escape(src)}" width="100%" height="{height}" '
             f'style="border:0;display:block" title="quantviz" loading="lazy" data-quantviz></iframe>')
    if not responsive:
        return frame
    parts = urlsplit(src)
    origin = f"{parts.scheme}://{parts.netloc}"
    return frame + ("\n<script>addEventListener('message', function (e) {\n"
                    f"  if (e.origin !== '{origin}' || !e.data || e.data.type !== '{HEIGHT_MESSAGE}') return;\n"
                    "  document.querySelectorAll('iframe[data-quantviz]').forEach(function (f) {\n"
                    "    if (f.contentWindow === e.source) f.style.height = e.data.height + 'px';\n"
                    "  });\n});</script>")


def share_panel(params: dict[str, str] | Callable[[], dict[str, str]] | None = None, height: int = 520,
                lazy: bool = False) -> None:
    """An expander with the state link and the iframe snippet, each with a copy button.

    ``params``: the link's parameters (default: the current URL's), or a function giving them.
    ``lazy``: the panel is drawn only while open (the expander is bound to the URL as ``share``):
    closed it costs nothing, where its code blocks would load a syntax highlighter (about half a
    second on a page's first render) and be redrawn on every move of a control the link follows.
    """
    st.session_state[DRAWN] = True
    if lazy:
        panel = controls.fold(t("share.title"), "share", icon=":material/share:")
        if panel is None:
            return
    else:
        panel = st.expander(t("share.title"), icon=":material/share:")
    values = params() if callable(params) else params
    with panel:
        st.markdown(t("share.link"))
        st.code(state_link(values), language=None, wrap_lines=True)
        st.markdown(t("share.embed"))
        theme = st.segmented_control(t("share.theme"), THEMES, default=THEMES[0], key="share_theme",
                                     format_func=lambda code: t(f"share.theme.{code}"), help=t("share.theme.help"),
                                     required=True)
        st.code(iframe_snippet(embed_link(values, theme=theme), height), language="html", wrap_lines=True)
        st.caption(t("share.responsive"))
        st.link_button(t("share.preview"), embed_link(values, theme=theme), icon=":material/open_in_new:")


def panel_drawn() -> bool:
    """Whether the page has drawn its own Share panel in this run."""
    return bool(st.session_state.get(DRAWN))


def no_panel() -> None:
    """No Share panel at the foot: the page draws its own (e.g. one built only while open), or its
    state cannot travel in a link (e.g. an uploaded file)."""
    st.session_state[DRAWN] = True


def forget_panel() -> None:
    """A new run of a page: no Share panel drawn yet; the link's parameters as the run starts."""
    st.session_state[DRAWN] = False
    st.session_state[START] = st.query_params.to_dict()


EMBED_CSS = """
<style>
/* the embed view: the figure alone, edge to edge (no sidebar, no page padding) */
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0.5rem 0.75rem 0 0.75rem !important;
  max-width: 100% !important; }
</style>
"""


def embed_frame() -> None:
    """Strip the page down to its content for an iframe (call first in the embed view)."""
    st.markdown(EMBED_CSS, unsafe_allow_html=True)


def embed_footer(params: dict[str, str] | None = None) -> None:
    """Under an embedded figure: a small link to the full page in the same state."""
    st.markdown(f"[{t('embed.open_full')} ↗]({state_link(params)})")
