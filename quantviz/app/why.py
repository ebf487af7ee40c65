"""Streamlit glue of the "Why it works" page: the stored width sweep, a live recomputation with a
progress bar, and the labels, reading and table built from either."""
from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from quantviz.app.shell.i18n import t
from quantviz.app.shell.urlschema import url
from quantviz.nn import widthsweep, zoo

LIVE = "why_live"  # session state: the results recomputed in this session, and how long it took


@dataclass(frozen=True)
class Settings:
    """The page's URL, one parameter (``quantviz.app.shell.urlschema``): what is quantized, by its code."""

    quantized: str = url("weights_activations", options=widthsweep.MODES, label=lambda m: t(f"why.mode.{m}"))


@st.cache_data(show_spinner=False)
def stored_results() -> dict:
    """``assets/width_sweep.json``; ``{"error": message}`` if it cannot be read."""
    try:
        return widthsweep.load()
    except (OSError, ValueError) as e:
        return {"error": str(e)}


@st.cache_data(show_spinner=False)
def image_counts() -> dict[str, int]:
    """How many calibration and test images the sweep uses."""
    split = zoo.load_digits_split()
    return {"calibration_images": len(split.calib.labels), "test_images": len(split.test.labels)}


def recompute(bar) -> None:
    """Run the sweep now, reporting on the ``st.progress`` element ``bar``; keep the result
    in the session."""
    total = widthsweep.evaluations()

    def progress(done: int, total: int) -> None:
        bar.progress(done / total, text=t("why.progress", done=done, total=total))

    start = time.perf_counter()
    results = widthsweep.sweep(progress=progress)
    seconds = time.perf_counter() - start
    bar.progress(1.0, text=t("why.progress.done", total=total, seconds=seconds))
    st.session_state[LIVE] = {"results": results, "seconds": seconds}


def live() -> dict | None:
    return st.session_state.get(LIVE)


def differences(a: dict, b: dict) -> tuple[int, int]:
    """(numbers that differ, numbers compared) between two sweeps' counts."""
    def numbers(results):
        return [v for m in results["models"] for key in ("float", *widthsweep.MODES)
                for v in (m[key] if isinstance(m[key], list) else [m[key]])]
    x, y = numbers(a), numbers(b)
    if len(x) != len(y):
        return max(len(x), len(y)), max(len(x), len(y))
    return sum(p != q for p, q in zip(x, y)), len(x)


def figure_labels(kind: str, mode: str, recomputed: bool) -> dict:
    """Labels of the gap (``kind="gap"``) or accuracy figure."""
    subtitle = t("fig.why.subtitle", mode=t(f"why.mode.{mode}")) + (t("fig.why.live") if recomputed else "")
    return {"title": t(f"fig.why.{kind}.title"), "subtitle": subtitle, "x": t("fig.why.x"),
            "y": t(f"fig.why.{kind}.y"), "bits": t("fig.why.bits"),
            "hover": t(f"fig.why.{kind}.hover"), "float": t("fig.why.float")}


def reading(results: dict, mode: str) -> list[str]:
    """The paragraphs that read the figure, with the numbers of ``results``."""
    f = widthsweep.findings(results, mode)
    test = results["test_images"]
    second = int(results["models"][1]["width"])
    paragraphs = [
        t("why.read.high", second=second, high=f["high_max"], images=f["high_images"], test=test,
          narrowest=f["narrowest"], n8=f["narrow_8"], n6=f["narrow_6"]),
        t("why.read.trend", f4=f["first4"], m4=f["min4"], w4=f["min4_width"], f3=f["first3"], m3=f["min3"],
          w3=f["min3_width"], narrowest=f["narrowest"])]
    if f["rises3"]:
        paragraphs.append(t("why.read.rises3", w3=f["min3_width"], l3=f["last3"], widest=f["widest"]))
    if f["narrowest_worst"]:
        paragraphs.append(t("why.read.narrow", narrowest=f["narrowest"], acc=f["narrowest_float"],
                            bits=t("why.list.sep").join(str(b) for b in f["narrowest_worst"])))
    paragraphs.append(t(f"why.read.two.{mode}", lo=f["low2"], hi=f["high2"]))
    paragraphs.append(t("why.read.noise", test=test, pp=f["one_image"]))
    return paragraphs


def table_rows(results: dict, mode: str) -> list[dict]:
    """One row per width: parameters, float accuracy and the loss at each bit width."""
    tab = widthsweep.table(results)
    rows = []
    for i, width in enumerate(tab["widths"]):
        row = {t("why.col.width"): int(width), t("why.col.params"): int(tab["parameters"][i]),
               t("why.col.float"): round(float(tab["float"][i]), 2)}
        for j, b in enumerate(tab["bits"]):
            row[t("why.col.gap", bits=int(b))] = round(float(tab[f"{mode}.gap"][i, j]), 2)
        rows.append(row)
    return rows
