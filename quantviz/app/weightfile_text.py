"""Problems of weight files (``quantviz.weightfiles``) in the reader's language.

The file's own text (its name, tensor names, type names, shapes as it wrote them) is shown as
code spans: never interpreted as Markdown.
"""
from __future__ import annotations

from .i18n import t
from .text import literal

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
