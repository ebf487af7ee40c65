"""The home page's URL, one property table (``quantviz.app.shell.urlschema``): the real value x
on the article's range and the bits of the staircase (3 by default: the steps are plain to see)."""
from __future__ import annotations

from dataclasses import dataclass

from quantviz import article
from quantviz.app.shell.urlschema import url


@dataclass(frozen=True)
class Settings:
    """The home page's two sliders."""

    x: float = url(0.3, lo=article.RMIN, hi=article.RMAX)
    bits: int = url(3, key="hbits", lo=1, hi=article.BITS)
