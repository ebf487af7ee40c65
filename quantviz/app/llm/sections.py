"""The LLM page's sections (the data source is ``source``): the main figure (every format's error against its
bits per weight, click to choose), one block, the codebooks, the outlier channels, the network
under each format and GPTQ. Text comes from the string table; computation from ``data``."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from quantviz.app.llm import data
from quantviz.app.llm.state import Settings
from quantviz.app.shell import controls
from quantviz.app.shell.errors import explain
from quantviz.app.shell.figure import ring_point, show_figure
from quantviz.app.shell.i18n import lang, t
from quantviz.app.shell.latex import docstring_math
from quantviz.app.shell.models import model_label
from quantviz.app.shell.urlschema import params
from quantviz.figures.llm import block as block_figs
from quantviz.figures.llm import codebooks as codebook_figs
from quantviz.figures.llm import gptq as gptq_figs
from quantviz.figures.llm import network as network_figs
from quantviz.figures.llm import outliers as outlier_figs
from quantviz.figures.llm.pareto import FAMILY_STYLE, pareto_figure, selected_name, where_drawn
from quantviz.figures.spec import SpecFigure
from quantviz.figures.style import PURPLE
from quantviz.llm import transforms
from quantviz.llm.registry import FORMATS

P = params(Settings)
CHART_KEY = "llm_pareto"
CLICKED = "_llm_clicked"                  # the format last clicked on the chart
LARGE = 1 << 20          # values: above this, the formats are compared with a progress bar


def cached(name: str, params: tuple, build) -> SpecFigure:
    """The figure ``build()`` makes, built once for ``params`` in this language (a rerun that does
    not change it spends no time on it)."""
    spec = data.figure_spec(name, params, lang(), build)
    return SpecFigure(spec["data"], spec["layout"], spec["key"])


def family_labels(prefix: str = "fig.llm.family") -> dict:
    return {f: t(f"{prefix}.{f}") for f in FAMILY_STYLE}


# ---- the main figure ---------------------------------------------------------------------------

def _pick_from_chart(then=None) -> None:
    """A click on the chart: its format becomes the format control's value (and the URL's); then
    ``then()``, the format control's own callback. The chart keeps the clicked point selected (it is
    not drawn again when the format changes), and a click on that point again unselects it: an
    empty selection is that point clicked again (the menu may have chosen another format since;
    a double click on the chart's background unselects too, and chooses that point again)."""
    name = selected_name(st.session_state.get(CHART_KEY)) or st.session_state.get(CLICKED)
    if name in FORMATS:
        st.session_state[CLICKED] = name
        st.session_state[P["fmt"].name] = name
        if then is not None:
            then()


def format_control(**kwargs) -> str:
    """The format's menu (``kwargs``: its ``on_change``); ``?fmt=Q4_K``, the name alone."""
    return controls.choice(t("llm.fmt.label"), P["fmt"], help=t("llm.fmt.help"), **kwargs)


def held(field: str):
    """The value the control of the setting ``field`` holds (drawn before by its own section, which
    a keyed rerun may not have run), or the setting's default."""
    param = P[field]
    value = st.session_state.get(param.name, param.default)
    return value if param.options is None or value in param.choices() else param.default


def activation_settings() -> tuple[int, float, float]:
    """The outlier section's activations: outlier channels, their size, the mixing."""
    return held("outch"), held("oscale"), held("mix")


def pareto_labels(title: str) -> dict:
    return {"title": t("fig.llm.pareto.title", layer=title), "subtitle": t("fig.llm.pareto.subtitle"),
            "x": t("fig.llm.pareto.x"), "y": t("fig.llm.pareto.y"), "hover": t("fig.llm.pareto.hover"),
            "front": t("fig.llm.front"), "selected": t("fig.llm.selected"), **family_labels()}


def main_figure(key, w, title: str, fmt: str, embed: bool = False, on_pick=None) -> dict:
    """The Pareto chart (clickable unless embedded: a click chooses the format, then calls
    ``on_pick``); the comparison it drew."""
    if w.size < LARGE:
        comp = data.comparison(key, w)
    else:                                  # a large upload: seconds per format, each shown as it is done
        bar = st.progress(0.0)
        comp = data.comparison(key, w, lambda done, total, name: bar.progress(
            done / total, text=t("llm.compare.running", done=done, total=total, name=name)))
        bar.empty()
    labels = pareto_labels(title)
    fig = cached("pareto", (key, title), lambda: pareto_figure(comp["points"], comp["front"], None, labels,
                                                                  ring=False))   # one figure for every format
    select = None if embed else {"on_select": lambda: _pick_from_chart(on_pick), "selection_mode": "points"}
    show_figure(fig, CHART_KEY, f"quantviz-llm-{fmt}", chart_args=select,
                exported=lambda: pareto_figure(comp["points"], comp["front"], fmt, labels))
    drawn = where_drawn(fig, fmt)
    if drawn is not None:     # ringed in the browser: the chart stays as it is when the format changes
        ring_point(CHART_KEY, *drawn, PURPLE)
    return comp


def result_text(comp: dict, fmt: str) -> None:
    point = next(p for p in comp["points"] if p["name"] == fmt)
    if point["refused"]:
        st.warning(t("llm.refused", name=fmt, reason=point["refused"]))
        return
    if fmt in comp["front"]:
        front = t("llm.result.front")
    else:
        better = [p["name"] for p in comp["points"] if p["sqnr_db"] is not None and p["sqnr_db"] > point["sqnr_db"]
                  and p["stored_bits"] <= point["stored_bits"]]
        front = t("llm.result.beaten", better=", ".join(better[:4]))
    st.markdown(t("llm.result", name=fmt, bits=point["stored_bits"], ratio=32 / point["stored_bits"],
                  sqnr=point["sqnr_db"], mse=point["mse"], front=front))


def format_table(comp: dict) -> None:
    """Every format's numbers as a table, drawn only while its expander is open (``?table=true``):
    closed, a control's rerun and the page's first render skip the data grid."""
    panel = controls.fold(t("llm.table.title"), "table", icon=":material/table:")
    if panel is None:
        return
    families = family_labels()
    rows = [{t("llm.col.format"): p["name"], t("llm.col.family"): families[p["family"]],
             t("llm.col.bits"): round(p["bits_per_weight"], 4), t("llm.col.stored"): round(p["stored_bits"], 4),
             t("llm.col.mse"): p["mse"], t("llm.col.sqnr"): None if p["sqnr_db"] is None else round(p["sqnr_db"], 2),
             t("llm.col.front"): p["name"] in comp["front"]} for p in comp["points"]]
    with panel:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


# ---- one block ---------------------------------------------------------------------------------

def block_intro() -> None:
    st.header(t("llm.block.title"))
    st.markdown(t("llm.block.text"))


def block_section(key, w, fmt: str) -> None:
    """The block slider, the block drawn and what it stores."""
    count = data.block_count(fmt, w)
    if isinstance(st.session_state.get("block"), int) and st.session_state["block"] > count - 1:
        st.session_state["block"] = count - 1          # another format or layer has fewer blocks
    index = controls.slider(t("llm.block.index"), P["block"], 0, count - 1, 0) if count > 1 else 0
    b = data.block(key, fmt, index, w)
    if b["refused"]:
        st.warning(t("llm.refused", name=fmt, reason=b["refused"]))
        return
    labels = {k: t(f"fig.llm.block.{k}") for k in ("x", "y", "weights", "stored", "grid", "hover")}
    # the count is in the text under it: a layer with more rows leaves its first blocks' figures as they were
    labels["title"] = t("fig.llm.block.title", index=index, name=fmt)
    fig = cached("block", (key, fmt, index), lambda: block_figs.block_figure(b["x"], b["stored"], b["codes"],
                                                                             b["levels"], labels))
    show_figure(fig, "llm_block", f"quantviz-llm-block-{fmt}-{index}")
    if b["levels"].size > block_figs.MAX_LEVEL_MARKS:
        st.caption(t("llm.block.dense", levels=b["levels"].shape[0]))
    st.markdown(t("llm.block.scales", index=index, count=count, size=len(b["x"]), scales=scales_text(b["scales"])))
    if b["padding"]:
        st.caption(t("llm.block.padding", padding=b["padding"]))


def scales_text(scales: dict) -> str:
    parts = []
    for name, value in scales.items():
        shown = ", ".join(f"{v:.6g}" for v in value) if hasattr(value, "__len__") else f"{value:.6g}"
        parts.append(f"${name}$ = {shown}")
    return "; ".join(parts)


def codebook_section() -> None:
    st.header(t("llm.codebooks.title"))
    st.markdown(t("llm.codebooks.text"))
    labels = {k: t(f"fig.llm.codebooks.{k}") for k in ("title", "x", "hover", "int4", "nf4", "fp4")}
    fig = cached("codebooks", (), lambda: codebook_figs.codebook_figure(data.codebooks(), labels))
    show_figure(fig, "llm_codebooks", "quantviz-llm-codebooks")


# ---- outliers ----------------------------------------------------------------------------------

def outlier_intro() -> None:
    """The outlier section's heading, text and formulas (drawn once: no control changes them)."""
    st.header(t("llm.outliers.title"))
    st.markdown(t("llm.outliers.text"))
    for formula in docstring_math(transforms)[:2]:
        st.latex(formula)


def outlier_labels() -> dict:
    labels = {k: t(f"fig.llm.channels.{k}") for k in ("x", "y", "hover")}
    labels |= {"title": t("fig.llm.outliers.title"), "channels": t("fig.llm.channels.title"),
               "errors": t("fig.llm.w8a8.title"), "error_y": t("fig.llm.w8a8.y"),
               "error_hover": t("fig.llm.w8a8.hover")}
    labels |= {g: t(f"fig.llm.w8a8.{g}") for g in data.GRANULARITIES}
    return labels | {n: t(f"fig.llm.t.{n}") for n in ("none", "SmoothQuant", "rotation", "LLM.int8")}


def outlier_section(key, w, on_change=None) -> None:
    """The activations' controls (``on_change``: the callback of those that make new activations,
    which GPTQ reads too: ``activation_settings``), their figure and the errors in words."""
    a, b, c, d = st.columns(4)
    with a:
        outch = controls.slider(t("llm.outch.label"), P["outch"], on_change=on_change)
    with b:
        oscale = controls.slider(t("llm.oscale.label"), P["oscale"], step=1.0, on_change=on_change)
    with c:
        mix = controls.slider(t("llm.mix.label"), P["mix"], step=0.25, help=t("llm.mix.help"), on_change=on_change)
    with d:
        alpha = controls.slider(t("llm.alpha.label"), P["alpha"], step=0.05, help=t("llm.alpha.help"))
    channels = data.as_matrix_shape(w)[1]
    st.caption(t("llm.outliers.generator", tokens=data.TOKENS, channels=channels, outch=min(outch, channels),
                 oscale=oscale, mix=mix))
    try:
        view = data.outlier_view(key, outch, oscale, mix, alpha, w)
    except ValueError as err:
        st.warning(t("llm.error", reason=explain(err)))
        return
    fig = cached("outliers", (key, outch, oscale, mix, alpha),
                 lambda: outlier_figs.outlier_figure(view["maxima"], view["errors"], outlier_labels()))
    show_figure(fig, "llm_outliers", "quantviz-llm-outliers")
    e = view["errors"]["per-tensor"]
    st.markdown(t("llm.outliers.result", none=e["none"], smooth=e["SmoothQuant"], rotation=e["rotation"],
                  alpha=alpha))


# ---- the network -------------------------------------------------------------------------------

def network_section(on_change=None) -> str:
    """The network's choice (``on_change``: its callback) and its accuracy under every format; its name."""
    st.header(t("llm.net.title"))
    labels = {m: P["model"].label(m) for m in P["model"].choices()}   # in this run's language
    name = controls.choice(t("llm.net.model"), P["model"], format_func=labels.get, on_change=on_change)
    st.markdown(t("llm.net.text", model=model_label(name)))
    with st.spinner():
        rows = data.network_rows(name)
    labels = {k: t(f"fig.llm.net.{k}") for k in ("title", "x", "y", "hover")} | family_labels()
    labels["float_line"] = t("fig.llm.net.float", acc=100 * rows[0]["accuracy"])
    show_figure(cached("network", (name,), lambda: network_figs.network_figure(rows, labels)),
                "llm_network", f"quantviz-llm-network-{name}")
    return name


def network_result(name: str, fmt: str) -> None:
    """The chosen format's accuracy on the network, in words."""
    rows = data.network_rows(name)
    chosen = next(r for r in rows if r["name"] == fmt)
    st.markdown(t("llm.net.chosen", name=fmt, bits=chosen["stored_bits"], acc=100 * chosen["accuracy"],
                  correct=chosen["correct"], base=100 * rows[0]["accuracy"]))


# ---- GPTQ --------------------------------------------------------------------------------------

def gptq_section(key, w, fmt: str, outch: int, oscale: float, mix: float, steps_part=None) -> dict:
    """GPTQ against round-to-nearest (drawn while its expander is open); ``steps_part(steps, run)``
    draws the step slider and its figure (``gptq_steps``, or a fragment of it)."""
    steps_part = steps_part or gptq_steps
    panel = controls.fold(t("llm.gptq.title"), "gptq", icon=":material/tune:")
    values = {}
    if panel is None:
        return values
    with panel:
        rows, cols = data.gptq_layer_shape(w)
        values["calib"] = calib = controls.slider(t("llm.calib.label"), P["calib"], step=16)
        st.markdown(t("llm.gptq.text", rows=rows, cols=cols, calib=calib, held=data.TOKENS))
        group = FORMATS[fmt].group_size
        if cols % group:
            st.info(t("llm.gptq.no_blocks", name=fmt, group=group, cols=cols))
            return values
        if calib < cols:
            st.warning(t("llm.gptq.few_rows", calib=calib, cols=cols), icon=":material/warning:")
        bar = st.progress(0.0)

        def progress(done: int, total: int) -> None:
            bar.progress(done / total, text=t("llm.gptq.running", done=done, cols=total))

        try:
            r = data.gptq_result(key, fmt, calib, outch, oscale, mix, w, progress=progress)
        except ValueError as err:
            bar.empty()
            st.warning(t("llm.error", reason=explain(err)))
            return values
        bar.progress(1.0, text=t("llm.gptq.done", rows=r["shape"][0], cols=r["shape"][1]))
        ratio = r["rtn"] / r["gptq"] if r["gptq"] > 0 else float("inf")
        st.markdown(t("llm.gptq.result", rtn=r["rtn"], gptq=r["gptq"], ratio=ratio if ratio >= 1 else 1 / ratio,
                      direction=t("llm.gptq.lower" if ratio >= 1 else "llm.gptq.higher")))
        labels = {k: t(f"fig.llm.gptq.{k}") for k in ("rtn", "gptq", "held_out", "calibration")}
        labels |= {"title": t("fig.llm.gptq.err.title", name=fmt), "y": t("fig.llm.gptq.err.y"),
                   "hover": t("fig.llm.gptq.err.hover")}
        show_figure(gptq_figs.error_figure(r, labels), "llm_gptq_error", f"quantviz-llm-gptq-{fmt}")
        for formula in docstring_math(data.gptq_module())[:2]:
            st.latex(formula)
        if r["steps"]:
            values["gstep"] = steps_part(r["steps"], (key, fmt, calib, outch, oscale, mix))
    return values


def gptq_steps(steps: list[dict], run: tuple) -> int:
    """The step slider and the column it draws (each step's figure built once for ``run``, the
    GPTQ run's settings); the step."""
    step = min(controls.slider(t("llm.gptq.step"), P["gstep"], 0, len(steps) - 1), len(steps) - 1)
    s = steps[step]
    labels = {k: t(f"fig.llm.gptq.{k}") for k in ("x", "y", "hover", "before", "change")}
    labels["title"] = t("fig.llm.gptq.title", column=s["column"])
    fig = cached("gstep", (*run, step), lambda: gptq_figs.step_figure(s, labels))
    show_figure(fig, "llm_gptq_step", f"quantviz-llm-gptq-step-{s['column']}")
    return step


def settings_from(values: dict) -> Settings:
    """The page's settings from the controls' values (those not drawn keep their defaults)."""
    return Settings(**{k: v for k, v in values.items() if k in P})

