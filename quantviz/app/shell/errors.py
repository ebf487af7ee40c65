"""Errors in the reader's language: the core's ValueError messages, and weight-file problems.

Core functions raise ``ValueError`` with an English message that says what to change. Pages show
``explain(err)``: the same sentence from the string table (``error.*``), with the numbers of the
message filled in. A message without a translation is shown as it is, introduced in the reader's
language.

Problems of weight files (``quantviz.weightfiles``) carry a code and parameters: ``message``
says them; the file's own text (its name, tensor names, type names, shapes as it wrote them)
is shown as code spans, never interpreted as Markdown.
"""
from __future__ import annotations

import re

from quantviz.app.shell.i18n import lang, t
from quantviz.app.shell.text import literal

_VALUE = r"(?P<value>.+?)"
_RANGE = r"\[(?P<qmin>[^,\]]+), (?P<qmax>[^\]]+)\]"
PATTERNS: list[tuple[str, str]] = [
    (r"qmin \((?P<qmin>[^)]*)\) must be smaller than qmax \((?P<qmax>[^)]*)\)", "error.qrange"),
    (r"scale must be a positive finite number, got " + _VALUE + r"(:|$)", "error.scale"),
    (r"zero_point must be an integer, got " + _VALUE + "$", "error.zp_integer"),
    (r"zero_point (?P<value>\S+) lies outside " + _RANGE, "error.zp_range"),
    (r"the zero point of \S+ must lie in " + _RANGE + ", got " + _VALUE + "$", "error.zp_range"),
    (r"the range contains NaN", "error.nan_range"),
    (r"the range is infinite", "error.inf_range"),
    (r"rmin \((?P<rmin>[^)]*)\) is larger than rmax \((?P<rmax>[^)]*)\)", "error.swap"),
    (r"bits must be (a whole number )?from (?P<lo>\d+) to (?P<hi>\d+), got " + _VALUE + "$", "error.bits"),
    (r"narrow range with 1 bit", "error.narrow1"),
    (r"reduce_range needs at least 2 bits", "error.reduce1"),
    (r"the multiplier must be finite, got " + _VALUE + "$", "error.m_finite"),
    (r"every multiplier must be finite", "error.m_finite"),
    (r"multiplier (?P<value>\S+) is too large for a Q0\.31", "error.m_large"),
    (r"a multiplier is too large for a Q0\.31", "error.m_large"),
    (r"the product of the centred codes does not fit in int32", "error.acc_int32"),
    (r"a centred code shifted left by (?P<bits>\d+) bits does not fit in int32", "error.shift_int32"),
    (r"a code of (?P<name>.+?) lies outside " + _RANGE, "error.code_range"),
    (r"the codes of (?P<name>.+?) must be (whole numbers|integers)", "error.code_whole"),
    (r"(?P<name>\S+) has per-channel parameters", "error.per_channel"),
    (r"(?P<name>.+?) must be a non-empty matrix", "error.empty"),
    (r"(?P<name>.+?) is (?P<rows>\d+)x(?P<cols>\d+): keep each side at most (?P<most>\d+)", "error.too_many"),
    (r"(?P<name>.+?) contains NaN or inf", "error.nonfinite"),
    (r"(?P<name>.+?) has a value beyond ±(?P<limit>[^:]+):", "error.too_big"),
    (r"A has (?P<a>\d+) columns but B has (?P<b>\d+) rows", "error.shapes"),
    (r"the bias needs (?P<n>\d+) values", "error.bias"),
    (r"the integer matmul would exceed int64", "error.int64"),
]
NAMES = {"the output": "error.name.output", "bias": "error.name.bias"}  # operands named in words


def explain(err: Exception | str) -> str:
    """``err``'s message as a sentence of the string table, in the current language."""
    message = str(err)
    for pattern, key in PATTERNS:
        match = re.search(pattern, message)
        if match:
            values = {k: v for k, v in match.groupdict().items() if v is not None}
            if "name" in values and values["name"] in NAMES:
                values["name"] = t(NAMES[values["name"]])
            return t(key, **values)
    return message if lang() == "en" else t("error.untranslated", detail=message)


FILE_TEXT = ("filename", "name", "dtype", "shape")


def message(problem) -> str:
    """A ``Problem`` or ``WeightFileError`` (anything with ``code`` and ``params``) as a sentence."""
    params = dict(problem.params)
    for key in FILE_TEXT:
        if key in params:
            params[key] = literal(params[key])
    if "detail" in params:
        params["detail"] = message(params["detail"])
    if problem.code == "not_format":
        params["hint"] = t("weightfile.looks_like", kind=params["kind"]) if params.get("kind") else ""
    if problem.code == "no_tensors":
        params["reasons"] = " ".join(message(p) for p in params.get("problems", []))
    return t(f"weightfile.{problem.code}", **params)
