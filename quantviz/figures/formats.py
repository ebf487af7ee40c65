"""Number formats drawn: coloured bit fields (HTML), and the spacing of representable values
against magnitude (plotly, log-log)."""
from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from .colours import text_on
from .style import BLUE, GREEN, GREY, ORANGE, PURPLE, RED, SKY, styled

# One colour per bit field; a 1 bit is a filled box, a 0 bit an outlined one (text in the theme's
# colour), so both read on a light and on a dark background.
FIELD_COLOURS = {"sign": RED, "exponent": BLUE, "mantissa": GREEN, "integer": PURPLE}
# A filled box's digit or name in black or white, whichever contrasts more (at least 4.5:1)
FIELD_TEXT = {field: text_on(colour) for field, colour in FIELD_COLOURS.items()}
INTEGER_FORMATS = ("int8", "int4", "uint8")  # drawn wider than the floats: told apart by more than colour
FORMAT_COLOURS = {"float32": BLUE, "float16": ORANGE, "bfloat16": SKY, "float8_e4m3fn": GREEN,
                  "float8_e5m2": PURPLE, "int8": RED, "int4": RED, "uint8": GREY}

CSS = """<style>
.qv-formats { width: 100%; font-size: 0.95rem; margin-bottom: 1rem; }
.qv-row { padding: 0.45rem 0.2rem; border-bottom: 1px solid rgba(128, 128, 128, 0.35); }
.qv-name { display: inline-block; min-width: 10.5em; font-weight: 700; margin-right: 0.4rem; }
.qv-bits { display: inline-flex; flex-wrap: wrap; gap: 0.35rem; margin-bottom: 0.2rem; }
.qv-field { display: inline-flex; flex-wrap: wrap; gap: 1px; }
.qv-bit { display: inline-block; min-width: 0.95em; text-align: center; border-radius: 3px; line-height: 1.35;
  font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9rem; font-weight: 600;
  border: 2px solid var(--qv-c); }
.qv-bit.qv-1 { background: var(--qv-c); color: var(--qv-t, #000000); }
.qv-bit.qv-0 { background: transparent; color: inherit; }
.qv-bit.qv-q { border-style: dashed; background: transparent; color: inherit; }
.qv-small .qv-bit { font-size: 0.75rem; min-width: 0.8em; border-width: 1px; }
.qv-details { display: flex; flex-wrap: wrap; column-gap: 1.2rem; row-gap: 0.1rem; }
.qv-details .qv-label { opacity: 0.75; font-size: 0.85rem; margin-right: 0.3rem; }
.qv-num { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; }
.qv-flag { font-weight: 700; color: light-dark(#b34700, #f5a25d); }
.qv-legend { margin-bottom: 0.4rem; }
.qv-legend .qv-bit { font-family: inherit; font-weight: 600; padding: 0 0.45em; margin: 0 0.3em 0.3em 0; }
</style>"""


def field_style(field: str) -> str:
    """A bit box's colours: its field's, and the text on it when filled."""
    return f"--qv-c:{FIELD_COLOURS[field]};--qv-t:{FIELD_TEXT[field]}"


def bits_html(fields, field_names: dict, small: bool = False) -> str:
    """A row of bit boxes, one group per field: ``fields`` is ((field, "0101"), ...)."""
    groups = []
    for field, bits in fields:
        style = field_style(field)
        boxes = "".join(f'<span class="qv-bit qv-{"q" if b == "?" else b}" style="{style}">{b}</span>' for b in bits)
        groups.append(f'<span class="qv-field" title="{html.escape(field_names[field])}">{boxes}</span>')
    pattern = " ".join(bits for _, bits in fields)
    size = " qv-small" if small else ""
    return f'<span class="qv-bits{size}" data-bits="{pattern}" aria-label="{pattern}">{"".join(groups)}</span>'


def legend_html(field_names: dict) -> str:
    items = "".join(f'<span class="qv-bit qv-1" style="{field_style(f)}">{html.escape(name)}</span>'
                    for f, name in field_names.items())
    return f'<div class="qv-legend">{items}</div>'


def formats_table_html(rows: list[dict], headers: dict, field_names: dict) -> str:
    """One block per format: its name and bits, over a line of details. Each row: ``format``
    (id), ``name``, ``fields``, ``stored``, ``error``, ``relative``, ``raw`` (plain-cast text),
    ``raw_fields`` (None when the same as saturating), ``flag`` (a note or ""). ``headers``:
    stored, error, relative, raw."""
    body = []
    for r in rows:
        raw = html.escape(r["raw"])
        if r["raw_fields"] is not None:
            raw += " " + bits_html(r["raw_fields"], field_names, small=True)
        flag = f' <span class="qv-flag">{html.escape(r["flag"])}</span>' if r["flag"] else ""
        items = [(headers["stored"], html.escape(r["stored"]), flag), (headers["error"], html.escape(r["error"]), ""),
                 (headers["relative"], html.escape(r["relative"]), ""), (headers["raw"], raw, "")]
        details = "".join(f'<span><span class="qv-label">{html.escape(label)}</span>'
                          f'<span class="qv-num">{value}</span>{extra}</span>' for label, value, extra in items)
        body.append(f'<div class="qv-row" data-format="{r["format"]}">'
                    f'<span class="qv-name">{html.escape(r["name"])}</span>'
                    f'{bits_html(r["fields"], field_names)}<div class="qv-details">{details}</div></div>')
    return f'{CSS}<div class="qv-formats">{"".join(body)}</div>'


def eight_bit_window(curves: list[dict]) -> list[float]:
    """The x range (log10) that the 8-bit and integer formats span, a decade beyond each side: the
    wider formats run on past it (float32 from 1e-45 to 1e38), and double-clicking shows them all."""
    xs = np.concatenate([np.asarray(c["x"], np.float64) for c in curves
                         if "8" in c["format"] or c["format"].startswith("int")])
    xs = xs[np.isfinite(xs) & (xs > 0)]
    return [float(np.floor(np.log10(xs.min()))) - 1, float(np.ceil(np.log10(xs.max()))) + 1]


def spacing_figure(curves: list[dict], labels: dict, x_mark: float | None = None) -> go.Figure:
    """Gap between neighbouring representable values against magnitude, both axes logarithmic.

    ``curves``: dicts with ``format``, ``name``, ``x``, ``y`` (corner points, e.g. from
    ``numbers.spacing_curve``) and ``dash`` (bool). ``labels``: title, x, y, hover, mark.
    """
    fig = go.Figure()
    for c in curves:
        fig.add_trace(go.Scatter(
            x=c["x"], y=c["y"], name=c["name"], mode="lines",
            line={"color": FORMAT_COLOURS.get(c["format"], GREY), "width": 4 if c["format"] in INTEGER_FORMATS else 1.5,
                  "dash": "dash" if c.get("dash") else "solid"},
            hovertemplate=f"<b>{html.escape(c['name'])}</b><br>{labels['hover']}<extra></extra>"))
    if x_mark is not None and np.isfinite(x_mark) and x_mark > 0:
        fig.add_vline(x=x_mark, line={"color": GREY, "dash": "dot", "width": 2},
                      annotation_text=labels["mark"], annotation_position="top left")
    fig.update_xaxes(type="log", exponentformat="power", showexponent="all", tickangle=0,
                     range=eight_bit_window(curves))
    fig.update_yaxes(type="log", exponentformat="power", showexponent="all")
    fig = styled(fig, labels["title"], labels["x"], labels["y"], height=520)
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.22, "xanchor": "left", "x": 0.0},
                      margin={"b": 160, "r": 10})
    return fig
