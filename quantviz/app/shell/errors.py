"""Errors in the reader's language: the core's invalid arguments, and weight-file problems.

Both carry a code and parameters. ``explain`` says a ``QuantError`` of the core (``quantviz.errors``)
with the sentence ``error.<code>`` of the string table; any other ``ValueError`` is shown as it is,
introduced in the reader's language. ``message`` says a problem of a weight file
(``quantviz.weightfiles``, ``weightfile.<code>``); the file's own text (its name, tensor names,
type names, shapes as it wrote them) is shown as code spans, never interpreted as Markdown.
"""
from __future__ import annotations

from quantviz.app.shell.i18n import lang, t
from quantviz.app.shell.text import literal
from quantviz.errors import QuantError

NAMES = {"the output": "error.name.output", "bias": "error.name.bias"}  # operands named in words


def explain(err: Exception) -> str:
    """``err`` as a sentence of the string table, in the current language."""
    if isinstance(err, QuantError):
        params = dict(err.params)
        if params.get("name") in NAMES:
            params["name"] = t(NAMES[params["name"]])
        return t(f"error.{err.code}", **params)
    return str(err) if lang() == "en" else t("error.untranslated", detail=str(err))


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
