"""Widgets bound to the URL, so any state is a shareable link.

Each wrapper gives the widget a stable ``key`` and ``bind="query-params"``. Streamlit itself
drops or clamps a bad URL value; these wrappers also *say so*: the first time a page sees a
parameter that does not parse or lies out of range, ``url_notices()`` shows which value was
replaced and by what.

``key`` is a URL key, or a ``urlschema.Param`` of the page's property table: then the key, the
default, the bounds and the options come from the table (arguments given here override them).
"""
from __future__ import annotations

import math

import streamlit as st

from quantviz.app.shell.i18n import t
from quantviz.app.shell.text import literal
from quantviz.app.shell.urlschema import Param, option_named, parse_number

_NOTICES = "_url_notices"
_CHECKED = "_url_checked"


def _raw_url_value(key: str) -> str | None:
    """The value in the URL for ``key`` the first time this session sees it, else None."""
    checked = st.session_state.setdefault(_CHECKED, set())
    if key in checked:
        return None
    checked.add(key)
    values = st.query_params.get_all(key)
    return values[-1] if values else None


def _raw_url_number(key: str, integer: bool) -> tuple[str | None, float | None]:
    """The URL's value for a numeric widget and its parsed number (None if it is not a finite
    number)."""
    raw = _raw_url_value(key)
    return raw, None if raw is None else parse_number(raw, integer)


def _bound_number(widget, key: str, **kwargs):
    """``widget`` bound to the URL parameter ``key``. Streamlit cannot seed an integer widget
    from an infinite value in the link (``?seed=1e999``): that widget is drawn unbound for this
    session instead (the notice says the value was replaced; a link without it binds again)."""
    try:
        return widget(key=key, bind="query-params", **kwargs)
    except OverflowError:
        return widget(key=f"{key}.unbound", **kwargs)


def note(key: str, raw: str, reason: str, value) -> None:
    """Remember a notice: the link's ``key=raw`` was replaced by ``value`` for ``reason`` (a
    sentence of the string table). The link's text and the value are shown as code spans:
    whatever a link holds is never rendered as Markdown."""
    st.session_state.setdefault(_NOTICES, []).append(
        t("url.invalid", setting=literal(f"{key}={raw}"), reason=reason, value=literal(value)))


def options_text(labels: list[str], shown: int = 8) -> str:
    """The allowed values for a notice: the first ``shown`` as code spans, then how many in all."""
    text = ", ".join(literal(label) for label in labels[:shown])
    return text + (t("url.reason.more", n=len(labels)) if len(labels) > shown else "")


def _shown(bound) -> str:
    """A range bound as a reader writes it: 255, 0.5, 1e+12, -inf."""
    return str(bound) if isinstance(bound, int) else f"{bound:.6g}"


def slider(label: str, key: str | Param, min_value=None, max_value=None, value=None, step=None, **kwargs):
    """A URL-bound slider (int or float, from the type of ``value``)."""
    if isinstance(key, Param):
        key, min_value, max_value, value = _from(key, min_value, max_value, value)
    integer = isinstance(value, int)
    raw, parsed = _raw_url_number(key, integer)
    result = _bound_number(st.slider, key, label=label, min_value=min_value, max_value=max_value, value=value,
                           step=step, **kwargs)
    if raw is not None and (parsed is None or not min_value <= parsed <= max_value):
        reason = t("url.reason.integer" if integer else "url.reason.number", lo=_shown(min_value),
                   hi=_shown(max_value))
        note(key, raw, reason, result)
    return result


def number(label: str, key: str | Param, value=None, min_value=None, max_value=None, **kwargs):
    """A URL-bound number input."""
    if isinstance(key, Param):
        key, min_value, max_value, value = _from(key, min_value, max_value, value)
    raw, parsed = _raw_url_number(key, isinstance(value, int))
    result = _bound_number(st.number_input, key, label=label, value=value, min_value=min_value,
                           max_value=max_value, **kwargs)
    if raw is not None:
        lo = -math.inf if min_value is None else min_value
        hi = math.inf if max_value is None else max_value
        if parsed is None or not lo <= parsed <= hi:
            note(key, raw, t("url.reason.number", lo=_shown(lo), hi=_shown(hi)), result)
    return result


def choice(label: str, key: str | Param, options: list[str] | None = None, index: int = 0, format_func=None,
           widget=None, **kwargs):
    """A choice among ``options`` (short codes), drawn as a selectbox, radio or segments, kept in
    the URL by its code (``?model=cnn``), not its displayed label.

    Not a bound widget (Streamlit would write the label in the URL): the link's value seeds the
    widget the first time this session sees it, and every run writes the code back (the default
    leaves the link). An older link that names the option by its label, in either language,
    still opens it. With a ``Param``, its default is the option shown first.
    """
    if isinstance(key, Param):
        param, key = key, key.name
        options = options or [param.default] + [o for o in param.choices() if o != param.default]
        index, format_func = options.index(param.default), format_func or param.label
    format_func = format_func or str
    raw = _raw_url_value(key)
    option = None if raw is None else option_named(raw, options, format_func)
    if option is not None:
        st.session_state[key] = option
    if st.session_state.get(key) not in options:   # a first run, or options that changed
        st.session_state[key] = options[index]
    result = (widget or st.selectbox)(label, options, format_func=format_func, key=key, **kwargs)
    if result is None:  # a segmented control can be cleared: keep a valid value
        result = options[index]
    link_code(key, result, options[index])
    if raw is not None and option is None:
        note(key, raw, t("url.reason.choice", options=options_text([format_func(o) for o in options])),
             format_func(result))
    return result


def link_code(key: str, code: str, default: str) -> None:
    """Write a choice's code in the URL, or take it out when it is the default."""
    if code == default:
        st.query_params.pop(key, None)
    elif st.query_params.get(key) != code:
        st.query_params[key] = code


def fold(label: str, key: str, **kwargs):
    """A URL-bound expander (``?key=true`` while open) whose content is drawn only while it is
    open: closed, a rerun and the page's first render skip it. The expander, or None while closed;
    ``kwargs`` go to ``st.expander`` (an icon)."""
    box = st.expander(label, key=key, on_change="rerun", bind="query-params", **kwargs)
    return box if box.open else None


def toggle(label: str, key: str | Param, value: bool | None = None, **kwargs) -> bool:
    """A URL-bound on/off switch."""
    if isinstance(key, Param):
        key, value = key.name, key.default if value is None else value
    value = bool(value)
    raw = _raw_url_value(key)
    result = st.toggle(label, value=value, key=key, bind="query-params", **kwargs)
    if raw is not None and raw.lower() not in ("true", "false"):
        note(key, raw, t("url.reason.boolean"), result)
    return result


def _from(param: Param, lo, hi, value) -> tuple:
    """A numeric widget's key, bounds and default: the table's, unless given."""
    return (param.name, param.lo if lo is None else lo, param.hi if hi is None else hi,
            param.default if value is None else value)


def url_notices(container=None) -> None:
    """Show (once) every URL value that was replaced, as a warning."""
    notices = st.session_state.pop(_NOTICES, [])
    if notices:
        (container or st).warning("\n\n".join(notices), icon=":material/link:")
