"""Streamlit glue of the number-formats page: the value box, the bit editor, and the texts of
its tables (numbers shown exactly, or marked ≈ where they are rounded for display)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import streamlit as st

from quantviz import encode as enc
from quantviz.app.shell import controls
from quantviz.app.shell.i18n import t
from quantviz.app.shell.text import literal
from quantviz.app.shell.urlschema import url
from quantviz.numbers import int_spacing_curve, spacing_curve

GAPS = ("relative", "absolute")


@dataclass(frozen=True)
class Settings:
    """The page's URL parameters besides the value (a text box that reads ``nan`` or ``2^-130``,
    ``real_input``): the integer grid, the format in the bit editor and the spacing chart's gap."""

    scale: float = url(0.01, lo=1e-12, hi=1e12)
    zp: int = url(128, lo=0, hi=255)
    format: str = url("float8_e4m3fn", options=enc.FORMATS)
    gap: str = url("relative", options=GAPS, label=lambda c: t(f"formats.gap.{c}"))


_CHECKED = "_real_input_checked"
_RESET = "_real_input_reset"
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")  # pill labels must be unique: bit value, then position


def real_input(label: str, key: str, default: str, **kwargs) -> float:
    """A URL-bound text box for a real number (``?value=1e40``, ``nan``, ``2^-130``...).

    A link whose value does not parse falls back to ``default`` with a notice (shown by
    ``controls.url_notices``); so does text typed into the box, with a warning right here.
    On a first load the URL wins over ``st.session_state``, so a bad link value is replaced
    by one immediate rerun.
    """
    reset = st.session_state.pop(_RESET, None)
    if reset == key:
        st.session_state[key] = default
    checked = st.session_state.setdefault(_CHECKED, set())
    bad_link = False
    if key not in checked:
        checked.add(key)
        raw = st.query_params.get_all(key)
        if raw and not _parses(raw[-1]):
            controls.note(key, raw[-1], t("formats.reason.real"), default)
            bad_link = True
    if key not in st.session_state:
        kwargs["value"] = default
    text = st.text_input(label, key=key, bind="query-params", **kwargs)
    if bad_link:
        st.session_state[_RESET] = key
        st.rerun()
    if _parses(text):
        return enc.parse_value(text)
    st.warning(t("formats.value.bad", raw=literal(text), reason=t("formats.reason.real"), value=literal(default)),
               icon=":material/warning:")
    return enc.parse_value(default)


def _parses(text) -> bool:
    try:
        enc.parse_value(text)
    except ValueError:
        return False
    return True


def zero_point_of(fmt: str, uint8_zero_point: int) -> int:
    return uint8_zero_point if fmt == "uint8" else 0


def value_text(v: float, fmt: str) -> str:
    """Floats: the stored value exactly (or ≈ 17 digits); integers: the grid value s·(q − z)."""
    if fmt in enc.INT_FORMATS and math.isfinite(v):
        return repr(v + 0.0)
    text, exact = enc.exact_text(v)
    return text if exact else "≈ " + text


def number_text(v: float | None) -> str:
    """A compact, honest number for the range table: exact, a power of two, or ≈ 5 digits."""
    if v is None:
        return "—"
    odd, e = enc.odd_times_power_of_two(v) or (0, 0)
    if odd == 1 and abs(e) >= 8:
        return f"2^{e} ≈ {v:.4g}"
    text, exact = enc.exact_text(v)
    return text if exact and len(text) <= 12 else f"≈ {v:.5g}"


def _error_texts(x: float, stored: float) -> tuple[str, str]:
    error, relative = enc.errors(x, stored)
    if math.isnan(error):
        return "—", "—"
    error_text = "0" if error == 0 else ("+∞" if error == math.inf else f"{error:+.4g}")
    relative_text = "∞" if math.isinf(relative) else ("0" if relative == 0 else f"{relative * 100:.3g} %")
    return error_text, relative_text


def _flag(x: float, e: enc.Encoding) -> str:
    if e.kind == "none":
        return t("formats.flag.nan_int")
    if e.overflow:
        return t("formats.flag.saturated")
    if e.kind == "subnormal":
        return t("formats.flag.subnormal")
    if e.stored == 0 and math.isfinite(x) and x != 0:
        return t("formats.flag.underflow")
    return ""


def _raw_text(sat: enc.Encoding, raw: enc.Encoding) -> str:
    if raw.code == sat.code and raw.kind != "none":
        return t("formats.raw.same")
    if raw.kind == "inf":
        return t("formats.raw.inf", value=value_text(raw.stored, raw.fmt))
    if raw.kind == "nan":
        return t("formats.raw.nan")
    if raw.kind == "wrapped":
        q = enc.int_terms(raw.code, raw.fmt, 1.0, 0)["q"]
        return t("formats.raw.wrap", q=q, value=value_text(raw.stored, raw.fmt))
    return t("formats.raw.undefined") if sat.kind != "none" else "—"


def encoding_rows(x: float, scale: float, uint8_zero_point: int) -> list[dict]:
    """The rows of the big table: one per format, saturating and plain casts side by side."""
    rows = []
    for fmt in enc.FORMATS:
        zp = zero_point_of(fmt, uint8_zero_point)
        sat, raw = enc.encode(x, fmt, scale, zp), enc.encode(x, fmt, scale, zp, saturate=False)
        stored = "—" if sat.code is None else value_text(sat.stored, fmt)
        if fmt in enc.INT_FORMATS and sat.code is not None:
            stored += "  (" + t("formats.code", q=enc.int_terms(sat.code, fmt, scale, zp)["q"]) + ")"
        error, relative = _error_texts(x, sat.stored)
        same = raw.code == sat.code and raw.kind != "none"
        name = t("formats.name.int", fmt=fmt, zp=zp) if fmt == "uint8" else fmt
        rows.append({"format": fmt, "name": name, "fields": sat.fields, "stored": stored, "error": error,
                     "relative": relative, "raw": _raw_text(sat, raw), "raw_fields": None if same else raw.fields,
                     "flag": _flag(x, sat)})
    return rows


def range_rows(scale: float, uint8_zero_point: int) -> list[dict]:
    """The size-and-range table, as display strings keyed by translated column names."""
    rows = []
    for fmt in enc.FORMATS:
        s = enc.format_summary(fmt, scale, zero_point_of(fmt, uint8_zero_point))
        if fmt in enc.FLOAT_FORMATS:
            f = enc.FLOAT_FORMATS[fmt]
            layout, largest = f"{f.bits} = 1 / {f.exponent_bits} / {f.mantissa_bits}", number_text(s["max"])
        else:
            layout = t("formats.layout.int" if enc.INT_FORMATS[fmt][1] else "formats.layout.uint", bits=s["bits"])
            largest = value_text(s["max"], fmt)
        rows.append({t("formats.rcol.format"): fmt, t("formats.rcol.layout"): layout,
                     t("formats.rcol.bytes"): f"{s['bytes']:g}", t("formats.rcol.max"): largest,
                     t("formats.rcol.min_normal"): number_text(s["min_normal"]),
                     t("formats.rcol.min_subnormal"): number_text(s["min_subnormal"]),
                     t("formats.rcol.eps"): number_text(s["eps"]),
                     t("formats.rcol.step"): "—" if s["step"] is None else value_text(s["step"], fmt),
                     t("formats.rcol.overflow"): t(f"formats.ov.{s['overflow']}")})
    return rows


def spacing_curves(relative: bool, scale: float) -> list[dict]:
    curves = []
    for fmt in enc.FLOAT_FORMATS:
        x, y = spacing_curve(fmt, relative)
        curves.append({"format": fmt, "name": fmt, "x": x, "y": y})
    for fmt, qmax, dash in (("int8", 127, False), ("int4", 7, True)):
        x, y = int_spacing_curve(scale, qmax, relative)
        curves.append({"format": fmt, "name": t("fig.spacing.int", fmt=fmt, scale=f"{scale:g}"),
                       "x": x, "y": y, "dash": dash})
    return curves


def bit_editor(fmt: str, x: float, scale: float, uint8_zero_point: int, value_key: str) -> enc.Encoding:
    """Clickable bits of ``fmt`` (one group of pills per field); a click rewrites the value box
    ``value_key`` with the value of the new pattern.

    The pills are keyed by the pattern they show (``bits_<fmt>_<field>_<hex code>``), so each
    pattern gets fresh widgets drawn from ``default``: their state is never written from here,
    which a browser would echo back as a click.
    """
    zp = zero_point_of(fmt, uint8_zero_point)
    e = enc.encode(x, fmt, scale, zp)
    code = e.code or 0
    top = enc.format_bits(fmt) - 1
    for field, bits in e.fields:
        positions = list(range(top, top - len(bits), -1))
        top -= len(bits)
        key = bits_key(fmt, field, e.code)
        st.pills(t("formats.edit.field", field=t(f"formats.field.{field}"), n=len(bits)), positions,
                 selection_mode="multi", default=[p for p in positions if code >> p & 1], key=key,
                 format_func=lambda p: f"{code >> p & 1}{str(p).translate(_SUBSCRIPT)}", on_change=_bits_changed,
                 args=(fmt, code, positions, key, scale, zp, value_key))
    return e


def bits_key(fmt: str, field: str, code: int | None) -> str:
    return f"bits_{fmt}_{field}_{'none' if code is None else format(code, 'x')}"


def _bits_changed(fmt: str, code: int, positions: list[int], key: str, scale: float, zp: int, value_key: str):
    for position in positions:  # this field's bits as clicked, the others as they were
        code &= ~(1 << position)
    for position in st.session_state.get(key) or []:
        code |= 1 << int(position)
    st.session_state[value_key] = repr(enc.decode(fmt, code, scale, zp))  # repr keeps -0.0 and nan
