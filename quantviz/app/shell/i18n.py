"""Translation: ``t("key")`` returns the string of the current language (``?lang=zh``).

The language is the session's (``st.session_state["lang"]``). ``in_language`` renders in another
one for a moment, for this run only: the override is a context variable, and Streamlit runs each
session's script in its own thread, whose context no other session sees.
"""
from __future__ import annotations

import contextlib
import contextvars

import streamlit as st

from quantviz.app.strings import LANGUAGES, TABLE

LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}
_OVERRIDE: contextvars.ContextVar[str | None] = contextvars.ContextVar("quantviz_language", default=None)


def lang() -> str:
    override = _OVERRIDE.get()
    if override is not None:
        return override
    value = st.session_state.get("lang", "en")
    return value if value in LANGUAGES else "en"


@contextlib.contextmanager
def in_language(code: str):
    """Temporarily render strings in another language (to recognise labels from any language)."""
    token = _OVERRIDE.set(code)
    try:
        yield
    finally:
        _OVERRIDE.reset(token)


def t(key: str, /, **values) -> str:
    """The text for ``key`` in the current language, with ``{placeholders}`` filled in."""
    text = TABLE[key][LANGUAGES.index(lang())]
    return text.format(**values) if values else text
