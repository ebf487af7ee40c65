"""A small matrix edited in a table and kept in the URL as compact text: ``1,2.5;-3,4``.

The text input is the URL-bound widget (rows separated by ``;``, values by ``,``); the table
(``st.data_editor``) writes its edits back into that text, so every state stays a short link.
An empty cell counts as 0 (with a notice); text that cannot be read falls back to the default.
"""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import streamlit as st

from quantviz.app.shell import controls
from quantviz.app.shell.i18n import t
from quantviz.app.shell.text import literal

MAX_SIDE = 8


def parse_matrix(text: str, max_side: int = MAX_SIDE) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """``"1,2;3,4"`` -> float array (rows, cols) and the (row, col) of empty cells (set to 0).

    Raises ValueError (in the page's language) when a value is not a number or rows differ in length.
    """
    if not text.replace(";", "").replace(",", "").strip():
        raise ValueError(t("mat.reason.empty"))
    rows = [row.split(",") for row in text.strip().strip(";").split(";")]
    if not rows or len(rows) > max_side or any(len(row) > max_side for row in rows):
        raise ValueError(t("mat.reason.size", n=max_side))
    if len({len(row) for row in rows}) != 1:
        raise ValueError(t("mat.reason.ragged"))
    values, empty = np.zeros((len(rows), len(rows[0]))), []
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            cell = cell.strip()
            if not cell:
                empty.append((i, j))
                continue
            try:
                values[i, j] = float(cell)
            except ValueError:
                raise ValueError(t("mat.reason.number", cell=literal(cell))) from None
            if not np.isfinite(values[i, j]):
                raise ValueError(t("mat.reason.finite", cell=literal(cell)))
    return values, empty


def format_matrix(values) -> str:
    """The compact text of a matrix; NaN (an emptied cell) stays empty."""
    return ";".join(",".join("" if not np.isfinite(v) else f"{v:.10g}" for v in row)
                    for row in np.atleast_2d(np.asarray(values, dtype=np.float64)))


def _editor_key(key: str, text: str) -> str:
    return f"{key}__table_{hashlib.md5(text.encode()).hexdigest()[:10]}"


def _apply_edits(key: str, editor_key: str, values: np.ndarray) -> None:
    """Callback of the table: write its edits into the URL-bound text."""
    state = st.session_state.get(editor_key) or {}
    values = values.astype(np.float64).copy()
    for row, changes in state.get("edited_rows", {}).items():
        for col, value in changes.items():
            values[int(row), int(col) - 1] = np.nan if value is None else float(value)
    st.session_state[key] = format_matrix(values)


def _check_url_value(key: str, default: str) -> None:
    """The first time a session sees ``key`` in the URL: a notice if its text cannot be read.

    The widget keeps showing that text (a bound URL value seeds it) while the page computes with
    the default, and says so below the widget.
    """
    checked = st.session_state.setdefault("_matrix_url_checked", set())
    if key in checked:
        return
    checked.add(key)
    raw = st.query_params.get(key)
    if raw is None:
        return
    try:
        parse_matrix(raw)
    except ValueError as err:
        controls.note(key, raw, str(err), default)


def matrix_input(label: str, key: str, default: str, row_label: str = "") -> np.ndarray:
    """A URL-bound matrix: a table to edit and its text form. Returns the float matrix."""
    _check_url_value(key, default)
    text = st.text_input(t("mat.text", name=label), value=default, key=key, bind="query-params",
                         help=t("mat.help"))
    try:
        values, empty = parse_matrix(text)
    except ValueError as err:
        st.warning(t("mat.bad", name=label, reason=err, default=default))
        text, (values, empty) = default, parse_matrix(default)
    for i, j in empty:
        st.info(t("mat.empty", name=label, i=i + 1, j=j + 1))
    frame = pd.DataFrame(values, columns=[str(j + 1) for j in range(values.shape[1])],
                         index=[f"{row_label}{i + 1}" for i in range(values.shape[0])])
    editor_key = _editor_key(key, text)
    st.data_editor(frame, key=editor_key, on_change=_apply_edits, args=(key, editor_key, values),
                   column_config={c: st.column_config.NumberColumn(c, format="%.4g") for c in frame.columns})
    return values
