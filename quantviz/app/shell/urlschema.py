"""A page's URL, declared once: one property table that reads and writes its link.

A page whose state is a settings dataclass declares each of its URL parameters as a field:

    bits: int = url(8, lo=1, hi=16)
    scheme: str = url("exact", options=SCHEMES, label=scheme_label)
    pct: float = url(99.99, lo=90.0, hi=100.0, when=lambda s: s.calib == "percentile")

The field's name is the URL key (and the widget's key) unless ``key`` names another one, its
default gives the type, ``lo`` and
``hi`` bound a number, ``options`` (codes, or a function giving them: the link holds the code)
and ``label`` (a code's label in the current language; an older link holding a label still
opens it) a choice, and ``when`` says
for which settings the page's link carries it. From that one table, ``params`` gives the widgets
their keys, defaults and bounds, ``from_query`` reads settings from a link without drawing a
widget (the embed view), and ``link_values`` writes the link of some settings (the Share panel).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace

from quantviz.app.shell.i18n import in_language
from quantviz.app.strings import LANGUAGES


@dataclass(frozen=True)
class Param:
    """One URL parameter: key, default (and so type), bounds or options, and when it is linked."""

    name: str
    default: object
    lo: float | None = None
    hi: float | None = None
    options: Sequence[str] | Callable[[], Sequence[str]] | None = None
    label: Callable[[str], str] = str
    when: Callable[[object], bool] | None = None

    def choices(self) -> list[str]:
        return list(self.options() if callable(self.options) else self.options or ())

    def parse(self, raw: str):
        """The value a link's text stands for, within the bounds; None if it stands for none."""
        if self.options is not None:
            return option_named(raw, self.choices(), self.label)
        if isinstance(self.default, bool):
            return {"true": True, "false": False}.get(raw.lower())
        value = parse_number(raw, isinstance(self.default, int))
        if value is None:
            return None
        lo = -math.inf if self.lo is None else self.lo
        hi = math.inf if self.hi is None else self.hi
        return min(max(value, lo), hi)

    def text(self, value) -> str:
        """``value`` as the link writes it: a choice by its code, a switch as true or false."""
        if self.options is not None:
            return str(value)
        return str(value).lower() if isinstance(value, bool) else str(value)


def url(default, *, key=None, lo=None, hi=None, options=None, label=str, when=None):
    """A dataclass field that is a URL parameter (see the module's docstring)."""
    return field(default=default, metadata={"url": {"key": key, "lo": lo, "hi": hi, "options": options,
                                                    "label": label, "when": when}})


def params(cls) -> dict[str, Param]:
    """The URL parameters a settings dataclass declares, by field name, in the order of its fields."""
    out = {}
    for f in fields(cls):
        if "url" in f.metadata:
            spec = dict(f.metadata["url"])
            out[f.name] = Param(spec.pop("key") or f.name, f.default, **spec)
    return out


def parse_number(raw: str, integer: bool) -> int | float | None:
    """A link's text as a finite number (a whole one for ``integer``), else None."""
    try:
        value = float(raw)
    except ValueError:
        return None
    if not math.isfinite(value) or (integer and not value.is_integer()):
        return None
    return int(value) if integer else value


def option_named(raw: str, options: Sequence[str], label: Callable[[str], str]):
    """The option whose code, or whose label in any language, is ``raw``; else None."""
    if raw in options:
        return raw
    for code in LANGUAGES:
        with in_language(code):
            for option in options:
                if label(option) == raw:
                    return option
    return None


def from_query(cls, query):
    """Settings read from a link's parameters (a mapping of str to str); bad values keep defaults."""
    values = {}
    for name, param in params(cls).items():
        raw = query.get(param.name)
        value = None if raw is None else param.parse(raw)
        if value is not None:
            values[name] = value
    return replace(cls(), **values)


def link_values(settings) -> dict[str, str]:
    """The link of ``settings``: every parameter that differs from its default and belongs in the
    link for these settings, as the widgets read it back."""
    out = {}
    for name, param in params(type(settings)).items():
        value = getattr(settings, name)
        if value != param.default and (param.when is None or param.when(settings)):
            out[param.name] = param.text(value)
    return out
