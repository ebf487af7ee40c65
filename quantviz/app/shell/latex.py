r"""Formulas on the page, in LaTeX.

Each formula is written once, in a ``.. math::`` block of the docstring of the function that
computes it; ``docstring_math`` reads it from there. The same formulas with the numbers of the
page plugged in are built here, with every number written by ``tex``.
"""
from __future__ import annotations

import inspect

import numpy as np

from quantviz.affine import QParams


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


def num(v, digits: int = 6) -> str:
    """A number for text: integers exactly, reals with ``digits`` significant digits."""
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return f"{float(v):.{digits}g}"


def real(v, digits: int = 6) -> str:
    """A real number for text that never reads as a code: ``num``, with ``.0`` on a whole number."""
    text = num(float(v), digits)
    return text if any(c in text for c in ".eEin") else text + ".0"


def tex_text(text: str) -> str:
    r"""A number as displayed, in LaTeX: ``≈`` -> ``\approx``, ``1.5e-08`` -> ``1.5 \times 10^{-8}``,
    ``∞`` -> ``\infty``, ``NaN`` -> ``\mathrm{NaN}``."""
    text = text.replace("≈ ", r"\approx ").replace("∞", r"\infty").replace("NaN", r"\mathrm{NaN}")
    if "e" in text and "mathrm" not in text:
        mantissa, _, exponent = text.partition("e")
        text = rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return text


def tex(v, digits: int = 6) -> str:
    """A number for a formula (``num``, then ``tex_text``); a negative one in parentheses."""
    text = tex_text(num(v, digits))
    return f"({text})" if text.startswith("-") else text


def qparams_tex(rmin: float, rmax: float, qp: QParams) -> list[str]:
    """The scale and the zero point computed from the range ``[rmin, rmax]``, numbers plugged in."""
    return [rf"s = \frac{{{tex(rmax)} - {tex(rmin)}}}{{{qp.qmax} - {tex(qp.qmin)}}} = {tex(qp.scale, 8)}",
            rf"z = {tex(qp.qmin)} - \frac{{{tex(rmin)}}}{{{tex(qp.scale, 8)}}} = "
            rf"{tex(qp.zero_point_real, 8)} \;\rightarrow\; {qp.zero_point}"]


def float_formula_tex(terms: dict, value: str) -> str:
    r"""``(-1)^s \cdot 2^{e - bias} \cdot (1 + m / 2^M) = value`` with a bit pattern's numbers."""
    s, e, bias, m, M = terms["sign"], terms["exponent"], terms["bias"], terms["mantissa"], terms["M"]
    if terms["kind"] in ("inf", "nan"):
        return rf"s = {s},\ e = {e},\ m = {m} \;\Rightarrow\; {value}"
    exponent = f"{e} - {bias}" if terms["hidden"] else f"1 - {bias}"
    return (rf"(-1)^{{{s}}} \cdot 2^{{{exponent}}} \cdot \left({terms['hidden']} + \frac{{{m}}}{{2^{{{M}}}}}\right)"
            rf" = {value}")


def int_formula_tex(terms: dict, value: str) -> str:
    r"""``s (q - z) = value`` with a code's numbers."""
    return (rf"\text{{scale}} \cdot (q - \text{{zero\_point}}) = {terms['scale']!r} \cdot ({terms['q']} - "
            rf"{terms['zero_point']}) = {value}")
