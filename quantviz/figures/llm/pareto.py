"""The main figure: every weight format on one layer, its error (SQNR, dB) against the bits per
weight it stores, the formats no other beats joined by a line (the Pareto front), the chosen
one ringed. Each point carries its format's name (``customdata``) for a click to select it."""
from __future__ import annotations

from ..spec import figure
from ..style import BLUE, GREEN, GREY, ORANGE, PURPLE, RED, SKY, KeyEntry, keyed_layout

FAMILY_STYLE = {"integer": (BLUE, "circle"), "llama.cpp": (ORANGE, "square"), "NormalFloat": (GREEN, "diamond"),
                "microscaling": (RED, "triangle-up"), "float": (GREY, "x")}
GLYPHS = {"circle": "●", "square": "■", "diamond": "◆", "triangle-up": "▲", "x": "✕"}   # each symbol in a key
NAME_ROOM = 44   # px right of the plot: the names written beside the points at 8 bits (INT8 g128)
BITS_AXIS = {"type": "log", "tickvals": [2, 3, 4, 5, 6, 8], "ticktext": ["2", "3", "4", "5", "6", "8"]}


def pareto_figure(points: list[dict], front: list[str], selected: str, labels: dict, height: int = 520,
                  ring: bool = True):
    """``points``: name, family, stored_bits, sqnr_db (None: refused); ``front``: names on the
    Pareto front by bits; ``labels``: title, subtitle, x, y, hover, front, selected and one
    name per family; ``height`` in px. The names of the front's formats and of the chosen one are
    written beside them (the others crowd around 4 bits: their names are in the hover text).
    ``ring=False``: the chosen format is neither ringed nor named here (``selected`` may be None),
    the page rings it in the browser (``shell.figure.ring_point`` at ``where_drawn``), so one figure
    serves every choice and another choice does not redraw it. Assembled as plain dicts with a key
    the page writes."""
    shown = [p for p in points if p["sqnr_db"] is not None]
    by_name = {p["name"]: p for p in shown}
    line = [by_name[n] for n in front if n in by_name]
    traces = [{"type": "scatter", "x": [p["stored_bits"] for p in line], "y": [p["sqnr_db"] for p in line],
               "mode": "lines", "name": labels["front"], "line": {"color": SKY, "width": 2, "dash": "dot"},
               "hoverinfo": "skip"}]
    key = [KeyEntry("┈", SKY, labels["front"])]
    for family, (colour, symbol) in FAMILY_STYLE.items():
        group = [p for p in shown if p["family"] == family]
        if group:
            traces.append({
                "type": "scatter", "x": [p["stored_bits"] for p in group], "y": [p["sqnr_db"] for p in group],
                "mode": "markers+text", "name": labels[family], "textposition": "top center",
                "text": [p["name"] if p["name"] in front or (ring and p["name"] == selected) else "" for p in group],
                "textfont": {"size": 11}, "customdata": [[p["name"], p["mse"]] for p in group], "cliponaxis": False,
                "marker": {"color": colour, "symbol": symbol, "size": 12, "line": {"width": 1, "color": colour}},
                "unselected": {"marker": {"opacity": 1}},     # a click chooses a format; no point fades
                "hovertemplate": labels["hover"] + "<extra></extra>"})
            key.append(KeyEntry(GLYPHS[symbol], colour, labels[family]))
    if ring and selected in by_name:
        p = by_name[selected]
        traces.append({"type": "scatter", "x": [p["stored_bits"]], "y": [p["sqnr_db"]], "mode": "markers",
                       "name": labels["selected"], "customdata": [[p["name"], p["mse"]]], "hoverinfo": "skip",
                       "marker": {"size": 24, "color": "rgba(0,0,0,0)", "line": {"width": 3, "color": PURPLE}}})
    if selected in by_name or not ring:
        key.append(KeyEntry("○", PURPLE, labels["selected"]))
    layout = keyed_layout(labels["x"], labels["y"], height, clickmode="event+select", dragmode=False,
                          margin={"r": NAME_ROOM},
                          title={"text": labels["title"], "subtitle": {"text": labels["subtitle"]}},
                          xaxis=BITS_AXIS)
    return figure(traces, layout, key)


def where_drawn(fig, name: str) -> tuple[int, int] | None:
    """Where the format ``name`` is drawn: its trace's index and its point's index in that trace
    (the order in which the browser draws them), or None if it is not drawn (refused)."""
    for i, trace in enumerate(fig.traces()):
        if trace.get("hoverinfo") != "skip":            # the front's line and the ring carry no names
            names = [row[0] for row in trace.get("customdata", [])]
            if name in names:
                return i, names.index(name)
    return None


def selected_name(event) -> str | None:
    """The format a selection event (``st.plotly_chart(on_select=...)``) picked, if any."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return None
    for point in points:
        data = point.get("customdata")
        if data:
            return data[0] if isinstance(data, (list, tuple)) else data
    return None
