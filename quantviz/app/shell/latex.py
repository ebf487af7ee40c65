"""Formulas are written once, in docstrings (``.. math::`` blocks); pages render them from there."""
from __future__ import annotations

import inspect


def docstring_math(obj) -> list[str]:
    """The LaTeX of every ``.. math::`` block in ``obj``'s docstring (continuation lines joined)."""
    lines = (inspect.getdoc(obj) or "").splitlines()
    blocks: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith(".. math::"):
            indent = len(line) - len(line.lstrip())
            parts = [line.strip()[len(".. math::"):].strip()]
            i += 1
            while i < len(lines) and lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) > indent:
                parts.append(lines[i].strip())
                i += 1
            blocks.append(" ".join(p for p in parts if p))
        else:
            i += 1
    return blocks
