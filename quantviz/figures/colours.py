r"""Colour contrast as WCAG 2.2 measures it, for the theme, the charts and text on coloured boxes."""
from __future__ import annotations

AA_TEXT = 4.5       # normal text (WCAG 2.2, 1.4.3)
AA_GRAPHICS = 3.0   # lines, markers, focus rings, large text (1.4.11)


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as three integers 0..255."""
    h = colour.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"expected #rrggbb, got {colour!r}")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def relative_luminance(colour: str) -> float:
    r"""The relative luminance of an sRGB colour.

    .. math:: L = 0.2126 R + 0.7152 G + 0.0722 B,\quad
              C = \begin{cases} c / 12.92 & c \le 0.04045 \\ ((c + 0.055) / 1.055)^{2.4} & \text{else} \end{cases}
    """
    def linear(c8: int) -> float:
        c = c8 / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    r"""WCAG's contrast ratio of two colours, from 1 (same) to 21 (black on white).

    .. math:: \frac{L_\text{lighter} + 0.05}{L_\text{darker} + 0.05}
    """
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def blend(front: str, back: str, alpha: float) -> str:
    """``front`` at opacity ``alpha`` over ``back``, as ``#rrggbb`` (how a tint or a faded text looks)."""
    mixed = (round(alpha * f + (1 - alpha) * b) for f, b in zip(rgb(front), rgb(back), strict=True))
    return "#{:02x}{:02x}{:02x}".format(*mixed)


def text_on(background: str) -> str:
    """Black or white, whichever contrasts more with ``background``."""
    return "#000000" if contrast_ratio("#000000", background) >= contrast_ratio("#ffffff", background) else "#ffffff"
