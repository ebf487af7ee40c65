"""The mapping page's numbers, formulas (with the current values plugged in) and framework table."""
from __future__ import annotations

import numpy as np
import streamlit as st

from quantviz import affine, article
from quantviz.affine import QParams, choose_qparams, dequantize, quantize
from quantviz.app.mapping.state import Settings
from quantviz.app.shell.i18n import t
from quantviz.app.shell.latex import docstring_math, qparams_tex, tex
from quantviz.numbers import int_range
from quantviz.schemes import FRAMEWORK_CODES, FRAMEWORKS, SCHEMES, scheme_qrange

HIGHLIGHT = "background-color: rgba(230, 159, 0, 0.35)"


def storage(n: int, qp: QParams, bits: int) -> dict:
    f32 = 4 * n
    packed = -(-n * bits // 8)
    return {"f32": f32, "packed": packed, "stored": n * qp.dtype.itemsize, "dtype": qp.dtype.name,
            "ratio": f32 / max(packed, 1), "bits": bits, "n": n}


def numbers(qp: QParams, rep: dict, s: Settings, total: int) -> None:
    """Two tables of every number with its unit; the less obvious ones explained underneath."""
    zp_real = qp.zero_point_real if qp.zero_point_real is not None else qp.zero_point
    store = storage(rep["n"], qp, s.bits)
    rows = [
        ("mapping.m.scale", t("mapping.m.scale.value", scale=qp.scale), t("mapping.m.scale.help")),
        ("mapping.m.zp", f"{zp_real:.6g} → {qp.zero_point}", t("mapping.m.zp.help")),
        ("mapping.m.codes", t("mapping.m.codes.value", qmin=qp.qmin, qmax=qp.qmax, bits=s.bits, dtype=qp.dtype.name,
                              kind=t("mapping.m.codes.signed" if s.signed else "mapping.m.codes.unsigned")), None),
        ("mapping.m.range", f"[{qp.rmin:.5g}, {qp.rmax:.5g}]", None),
        ("mapping.m.mse", f"{rep['mse']:.4g}", None),
        ("mapping.m.sqnr", _db(rep["sqnr_db"]), t("mapping.m.sqnr.help")),
        ("mapping.m.maxerr", f"{rep['max_abs_error']:.4g}", None),
        ("mapping.m.clipped", t("mapping.m.clipped.value", pct=100 * rep["clipped_fraction"],
                                count=rep["clipped_below"] + rep["clipped_above"]), None),
        ("mapping.m.levels", t("mapping.m.levels.value", used=rep["levels_used"], levels=qp.levels, bits=s.bits), None),
        ("mapping.m.storage", t("mapping.m.storage.value", **store), t("mapping.m.storage.help", **store)),
        ("mapping.m.values", t("mapping.m.values.value", n=rep["n"], total=total), None),
    ]
    marks = iter("¹²³⁴⁵")
    notes, lines = [], []
    for key, value, note in rows:
        mark = next(marks) if note else ""
        if note:
            notes.append(f"{mark} {note}")
        lines.append(f"| {_cell(t(key))}{mark} | **{_cell(value)}** |")
    header = [f"| {t('mapping.m.quantity')} | {t('mapping.m.value')} |", "|---|---|"]
    half = (len(lines) + 1) // 2
    for column, part in zip(st.columns(2, gap="large"), (lines[:half], lines[half:])):
        column.markdown("\n".join(header + part))  # plain Markdown: nothing to sanitise per slider move
    st.caption("\n\n".join(notes))


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _db(v: float) -> str:
    return "∞ dB" if v == float("inf") else ("−∞ dB" if v == float("-inf") else f"{v:.2f} dB")


def formulas(qp: QParams, s: Settings, range_used) -> None:
    """The docstring formulas, then the same with the current numbers."""
    st.markdown(t("mapping.formulas.general"))
    for line in docstring_math(affine) + docstring_math(choose_qparams):
        for part in line.split(r"\qquad"):
            st.latex(part.strip().rstrip(","))
    if range_used is not None:
        rmin, rmax = min(range_used[0], 0.0), max(range_used[1], 0.0)
        if (rmin, rmax) != tuple(range_used):
            st.caption(t("mapping.formulas.widened"))
        if s.symmetric:
            amax = max(-rmin, rmax)
            st.latex(rf"s = \frac{{\max(|r_{{min}}|, |r_{{max}}|)}}{{(q_{{max}} - q_{{min}}) / 2}} = "
                     rf"\frac{{{tex(amax)}}}{{({qp.qmax} - {tex(qp.qmin)}) / 2}} = {tex(qp.scale, 8)}, "
                     rf"\qquad z = {qp.zero_point}")
        else:
            for formula in qparams_tex(rmin, rmax, qp):
                st.latex(formula)
    else:
        st.latex(rf"r_{{min}} = s\,(q_{{min}} - z) = {tex(qp.scale)} \cdot ({qp.qmin} - {tex(qp.zero_point)}) "
                 rf"= {tex(qp.rmin)}, \quad r_{{max}} = s\,(q_{{max}} - z) = {tex(qp.rmax)}")
    x = float(f"{0.37 * max(abs(qp.rmin), abs(qp.rmax)):.3g}") or 0.5
    q = int(quantize(np.array([x]), qp)[0])
    xhat = float(dequantize(np.array([q]), qp)[0])
    st.markdown(t("mapping.formulas.example"))
    st.latex(rf"q = \operatorname{{clamp}}\left(\operatorname{{round}}\left(\frac{{{tex(x)}}}{{{tex(qp.scale)}}}"
             rf"\right) + {tex(qp.zero_point)},\ {tex(qp.qmin)},\ {qp.qmax}\right) = {q}")
    st.latex(rf"\hat{{x}} = {tex(qp.scale)} \cdot ({q} - {tex(qp.zero_point)}) = {tex(xhat, 7)}")


def framework_rows(s: Settings, qp: QParams, range_used):
    """Scale and zero point of each scheme for the current range and options (a DataFrame); TFLite
    twice: its converter (weights) and LiteRT's runtime QUANTIZE operation, which saturates to the type."""
    import pandas as pd  # only when the table is opened: pandas costs a deep link half a second
    rows = []
    for scheme in SCHEMES:
        if range_used is None:
            other = QParams(qp.scale, qp.zero_point, qp.qmin, qp.qmax, None, scheme, float(qp.zero_point))
            chosen = None
        else:
            try:
                other = choose_qparams(*range_used, bits=s.bits, signed=s.signed, symmetric=s.symmetric,
                                       narrow_range=s.narrow, scheme=scheme)
            except ValueError:
                continue
            chosen = scheme_qrange(s.bits, s.signed, s.narrow, s.symmetric, False, scheme)
        rows.append(_row(t(f"mapping.fw.name.{scheme}"), other, chosen, t(f"mapping.fw.round.{scheme}")))
        if scheme == "tflite":
            op = QParams(other.scale, other.zero_point, *int_range(s.bits, s.signed), None, scheme,
                         other.zero_point_real)
            rows.append(_row(t("mapping.fw.name.tflite_op"), op, chosen, t("mapping.fw.round.tflite_op")))
    if _is_article(s, range_used):
        rows.append(_row(t("mapping.fw.article"), article.qparams(), (article.QMIN, article.QMAX),
                         t("mapping.fw.round.article", **article.numbers())))
    return pd.DataFrame(rows)


def _row(who, qp: QParams, chosen, rounding) -> dict:
    zp_real = qp.zero_point_real if qp.zero_point_real is not None else qp.zero_point
    return {t("mapping.fw.who"): who, t("mapping.fw.scale"): f"{qp.scale:.12g}",
            t("mapping.fw.zp_real"): f"{zp_real:.9g}", t("mapping.fw.zp"): int(qp.zero_point),
            t("mapping.fw.chosen"): "—" if chosen is None else f"[{chosen[0]}, {chosen[1]}]",
            t("mapping.fw.codes"): f"[{qp.qmin}, {qp.qmax}]", t("mapping.fw.rounding"): rounding}


def _is_article(s: Settings, range_used) -> bool:
    return (range_used is not None and tuple(range_used) == (article.RMIN, article.RMAX) and s.bits == article.BITS
            and not s.signed and not s.symmetric and not s.narrow)


def frameworks(s: Settings, qp: QParams, range_used) -> None:
    """The comparison table, cells that differ from the exact row highlighted."""
    frame = framework_rows(s, qp, range_used)
    columns = [t(f"mapping.fw.{k}") for k in ("scale", "zp_real", "zp", "chosen", "codes")]
    reference = frame.iloc[0]

    def highlight(row):
        return [HIGHLIGHT if c in columns and row[c] != reference[c] else "" for c in frame.columns]

    st.dataframe(frame.style.apply(highlight, axis=1), hide_index=True, width="stretch")
    st.caption(t("mapping.frameworks.caption"))
    st.caption(t("mapping.frameworks.versions"))
    unchecked = [FRAMEWORKS[code] for code, codes in FRAMEWORK_CODES.items() if (s.bits, s.signed) not in codes]
    if unchecked:
        st.caption(t("mapping.frameworks.unchecked", bits=s.bits, names=", ".join(unchecked),
                     kind=t("mapping.fw.kind.signed" if s.signed else "mapping.fw.kind.unsigned")))
    with st.popover(t("mapping.frameworks.more"), icon=":material/history:"):
        st.markdown(t("mapping.frameworks.more.body"))
    if _is_article(s, range_used):
        st.info(t("mapping.article.note", **article.numbers()), icon=":material/menu_book:")
