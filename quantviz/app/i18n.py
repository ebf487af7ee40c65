"""Translation: ``t("key")`` returns the string of the current language (``?lang=zh``)."""
from __future__ import annotations

import contextlib

import streamlit as st

from .strings import LANGUAGES, TABLE

LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}
_OVERRIDE: list[str] = []


def lang() -> str:
    if _OVERRIDE:
        return _OVERRIDE[-1]
    value = st.session_state.get("lang", "en")
    return value if value in LANGUAGES else "en"


@contextlib.contextmanager
def in_language(code: str):
    """Temporarily render strings in another language (to recognise labels from any language)."""
    _OVERRIDE.append(code)
    try:
        yield
    finally:
        _OVERRIDE.pop()


def t(key: str, /, **values) -> str:
    """The text for ``key`` in the current language, with ``{placeholders}`` filled in."""
    text = TABLE[key][LANGUAGES.index(lang())]
    return text.format(**values) if values else text
