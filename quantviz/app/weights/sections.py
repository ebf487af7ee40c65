"""Pieces of the weights page that draw one thing: a tensor's histogram and statistics, its
channel ranges, the overview, an upload's notes. Text comes from the string table."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import streamlit as st

from quantviz.app.shell.errors import message
from quantviz.app.shell.figure import secondary_chart, show_figure
from quantviz.app.shell.i18n import t
from quantviz.app.shell.text import literal, plotly_text
from quantviz.figures.style import GREEN
from quantviz.figures.weights import (
    channel_ranges_figure,
    channel_runs_figure,
    histogram_figure,
    overview_figure,
)
from quantviz.weightstats import PERCENTILES

NOTES_SHOWN = 12               # skipped tensors (and tensors with NaN or inf) listed by name


def fmt(value: float) -> str:
    return f"{value:.6g}"


def stats_table(stats: dict) -> pd.DataFrame:
    rows = [(t("weights.stat.count"), f"{stats['finite']:,}")]
    rows += [(t(f"weights.stat.{k}"), fmt(stats[k])) for k in ("min", "max", "mean", "std")]
    rows += [(t("weights.stat.pct", p=p), fmt(stats["percentiles"][p])) for p in PERCENTILES]
    rows += [(t("weights.stat.kurtosis"), f"{stats['kurtosis']:.3f}"),
             (t("weights.stat.within"), f"{100 * stats['within_3std']:.3f} %")]
    if stats["nan"] or stats["inf"]:
        rows.append((t("weights.stat.excluded"), f"{stats['nan']:,} / {stats['inf']:,}"))
    return pd.DataFrame(rows, columns=[t("weights.stat.col.stat"), t("weights.stat.col.value")])


def show_stats(stats: dict) -> None:
    table = stats_table(stats)
    config = {table.columns[0]: st.column_config.TextColumn(width="medium"),
              table.columns[1]: st.column_config.TextColumn(width="small")}
    st.dataframe(table, hide_index=True, width="stretch", column_config=config,
                 height=38 + 35 * len(table))


def hist_labels(name: str, kind: str = "hist", n: int = 0) -> dict:
    return {"title": t(f"fig.weights.{kind}.title", name=plotly_text(name), n=n),
            "x": t(f"fig.weights.{kind}.x"), "y": t("fig.weights.hist.y"),
            "hover": t("fig.weights.hist.hover"), "band": t("fig.weights.hist.band")}


def band(stats: dict) -> tuple[float, float]:
    return stats["mean"] - 3 * stats["std"], stats["mean"] + 3 * stats["std"]


def tensor_histogram(name: str, summary: dict, log: bool, key: str) -> None:
    """The histogram with the mean +- 3 std band (the page's main figure, with its exports)."""
    stats = summary["stats"]
    if not stats["finite"]:
        st.warning(t("weights.upload.allnan"))
        return
    fig = histogram_figure(summary["counts"], summary["edges"], hist_labels(name), log=log, band=band(stats))
    show_figure(fig, key=key, file_name=file_name("weights", name))


def tensor_summary(name: str, summary: dict) -> None:
    stats = summary["stats"]
    if not stats["finite"]:
        return
    st.markdown(t("weights.summary", name=literal(name), shape=summary["shape"], count=stats["finite"],
                  lo=stats["min"], hi=stats["max"], within=100 * stats["within_3std"],
                  step=(stats["max"] - stats["min"]) / 255))


def channel_section(name: str, summary: dict, sort: bool, key: str) -> None:
    if not summary["stats"]["finite"]:
        return
    if "channels" not in summary:
        st.info(t("weights.channels.one_d", name=literal(name)))
        return
    channels = summary["channels"]
    labels = {"title": t("fig.weights.channels.title", name=plotly_text(name)), "x": t("fig.weights.channels.x"),
              "y": t("fig.weights.channels.y"), "hover": t("fig.weights.channels.hover"),
              "tensor": t("fig.weights.channels.tensor"), "channel": t("fig.weights.channels.channel"),
              "runs_hover": t("fig.weights.channels.runs_hover"), "envelope": t("fig.weights.channels.envelope"),
              "median": t("fig.weights.channels.median")}
    if "runs" in channels:
        fig = channel_runs_figure(channels["runs"]["width" if sort else "channel"], channels["t_lo"],
                                  channels["t_hi"], labels)
    else:
        order = channels["by_width"] if sort else None
        fig = channel_ranges_figure(channels["lo"], channels["hi"], labels, order=order)
    show_figure(fig, key=key, file_name=file_name("weights", name, "channels"))
    if "runs" in channels:
        st.caption(t("weights.channels.runs", count=channels["count"],
                     size=int(channels["runs"]["channel"]["size"][0])))
    if channels["narrow"] is not None:
        narrow, usage = channels["narrow"]
        text = t("weights.channels.usage", channel=narrow, usage=100 * usage, levels=255 * usage)
        if channels["ratio"] is not None:
            text += " " + t("weights.channels.ratio", ratio=channels["ratio"])
        st.markdown(text)


def file_name(*parts: str) -> str:
    """A download's file name from the page and a tensor name: letters, digits, ``.``, ``-``
    and ``_`` only, at most 80 characters."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", "-".join(parts))[:80]


def overview(items: list, selected: str, log: bool, total: int, key: str) -> None:
    labels = {"title": t("fig.weights.overview.title"), "x": t("fig.weights.overview.x"),
              "y": t("fig.weights.overview.y"), "hover": t("fig.weights.hist.hover"),
              "subplot": t("fig.weights.overview.subplot")}
    cols = 3 if len(items) > 4 else 2
    items = [(plotly_text(name, 40), counts, edges) for name, counts, edges in items]
    secondary_chart(overview_figure(items, labels, log=log, cols=cols, selected=plotly_text(selected, 40)), key)
    if total > len(items):
        st.caption(t("weights.overview.more", shown=len(items), total=total))


def activation_figure(name: str, summary: dict, n: int, log: bool, key: str) -> None:
    stats = summary["stats"]
    fig = histogram_figure(summary["counts"], summary["edges"], hist_labels(name, "act", n), log=log,
                           color=GREEN)
    secondary_chart(fig, key)
    st.markdown(t("weights.acts.summary", name=literal(name), shape=summary["shape"], count=stats["finite"],
                  lo=stats["min"], hi=stats["max"], zeros=100 * summary["zeros"]))


def upload_notes(wf) -> None:
    """What was skipped, which values are NaN/inf, and the quantization parameters in the file
    (long lists cut after ``NOTES_SHOWN`` names)."""
    st.markdown(t("weights.upload.loaded", filename=literal(wf.filename), shown=len(wf.tensors), values=wf.values))
    if wf.skipped:
        problems = list(wf.skipped.values())
        lines = [f"- {message(p)}" for p in problems[:NOTES_SHOWN]]
        if len(problems) > NOTES_SHOWN:
            lines.append(f"- {t('weights.upload.more', n=len(problems) - NOTES_SHOWN)}")
        st.warning(t("weights.upload.skipped", n=len(wf.skipped)) + "\n\n" + "\n".join(lines))
    if wf.nonfinite:
        lines = [f"- {t('weights.upload.nonfinite', name=literal(name), nan=nan, inf=inf)}"
                 for name, (nan, inf) in list(wf.nonfinite.items())[:NOTES_SHOWN]]
        if len(wf.nonfinite) > NOTES_SHOWN:
            lines.append(f"- {t('weights.upload.more', n=len(wf.nonfinite) - NOTES_SHOWN)}")
        st.warning("\n".join(lines))
    if wf.quant:
        st.markdown(t("weights.quant.title"))
        st.dataframe(quant_table(wf.quant), hide_index=True, width="stretch")


def _values(a: np.ndarray) -> str:
    a = np.asarray(a).ravel()
    if a.size == 1:
        return f"{a[0]:.6g}"
    return t("weights.quant.channels", n=a.size, first=f"{a[0]:.6g}", last=f"{a[-1]:.6g}")


def quant_table(quant: dict) -> pd.DataFrame:
    rows = [{t("weights.quant.col.tensor"): name, t("weights.quant.col.dtype"): q.dtype,
             t("weights.quant.col.axis"): t("weights.quant.per_tensor") if q.axis is None else str(q.axis),
             t("weights.quant.col.scale"): _values(q.scale), t("weights.quant.col.zp"): _values(q.zero_point)}
            for name, q in quant.items()]
    return pd.DataFrame(rows)
