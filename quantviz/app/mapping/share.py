"""The mapping page's Share panel, drawn only while it is open.

The same content as ``share.share_panel`` (the state link and the iframe snippet, built by
``quantviz.app.shell.share``), but closed it costs nothing: its code blocks load and run a syntax
highlighter (about half a second on the first render of the page) and would be redrawn on
every slider move, since the link follows the state.
"""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from quantviz.app.shell import share
from quantviz.app.shell.i18n import t
from quantviz.app.shell.layout import embed_height


def share_section(params: Callable[[], dict[str, str]]) -> None:
    """The Share expander; ``params()`` (the link's parameters) is called only when it is open."""
    share.no_panel()  # the page foot draws no second one
    panel = st.expander(t("share.title"), icon=":material/share:", key="share", on_change="rerun",
                        bind="query-params")
    if not panel.open:
        return
    values = params()
    with panel:
        st.markdown(t("share.link"))
        st.code(share.state_link(values), language=None, wrap_lines=True)
        st.markdown(t("share.embed"))
        st.code(share.iframe_snippet(share.embed_link(values), embed_height()), language="html", wrap_lines=True)
        st.link_button(t("share.preview"), share.embed_link(values), icon=":material/open_in_new:")
