"""Sections of the int8 page: the input (test image, drawing, noise), the side-by-side figures,
the whole-test-set tables, the .tflite file with its LiteRT check, and a .tflite inspector."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import streamlit as st

from quantviz.app.int8 import data
from quantviz.app.int8.state import Settings
from quantviz.app.shell import controls, models
from quantviz.app.shell.errors import message
from quantviz.app.shell.figure import secondary_chart, show_figure
from quantviz.app.shell.i18n import t
from quantviz.app.shell.text import literal
from quantviz.figures import int8 as figs
from quantviz.nn.drawing import canvas_to_digit
from quantviz.nn.quality import GRANULARITIES, TABLE_BITS
from quantviz.tflite.inspect import inspect, operators
from quantviz.weightfiles import WeightFileError

CANVAS_PX = 224
MAX_UPLOAD = 50 * 2**20


def test_image(key: str = "img") -> tuple[np.ndarray, str]:
    _, _, images, labels = models.digits()
    i = controls.slider(t("int8.img"), key, 0, len(images) - 1, 0)
    return images[i], t("int8.img.caption", i=i, label=int(labels[i]))


def noise_image() -> tuple[np.ndarray, str]:
    seed = controls.slider(t("int8.seed"), "seed", 0, 99, 0)
    return np.random.default_rng(seed).integers(0, 17, (8, 8)).astype(np.uint8), t("int8.noise.caption")


def drawn_image() -> tuple[np.ndarray, str] | None:
    """The canvas's digit, or None if the canvas cannot run (then the caller falls back)."""
    st.caption(t("int8.draw.help"))
    st.space("small")           # room for the canvas's floating toolbar
    try:   # the component raises at import outside a running app, so import it here
        from streamlit_drawable_canvas import st_canvas
        result = st_canvas(stroke_width=20, stroke_color="#000000", background_color="#FFFFFF",
                           height=CANVAS_PX, width=CANVAS_PX, drawing_mode="freedraw", key="canvas",
                           return_image_data=True)
        pixels = result.image_data
    except Exception as e:  # noqa: BLE001 - any failure of the third-party canvas: fall back
        st.warning(t("int8.draw.unavailable", error=type(e).__name__), icon=":material/draw:")
        return None
    if pixels is None or not (canvas_to_digit(pixels) > 0).any():
        st.info(t("int8.draw.empty"))
        return np.zeros((8, 8), np.uint8), ""
    return canvas_to_digit(pixels), ""


def digit(image: np.ndarray) -> None:
    labels = {"title": t("fig.int8.digit.title"), "colorbar": t("fig.int8.digit.colorbar"),
              "hover": t("fig.int8.digit.hover")}
    secondary_chart(figs.digit_figure(image, labels), "int8_digit")


def probabilities(result: dict, key: str) -> None:
    labels = {"title": t("fig.int8.prob.title"), "x": t("fig.int8.prob.x"), "y": t("fig.int8.prob.y"),
              "float": t("fig.int8.prob.float"), "int": t("fig.int8.prob.int")}
    fig = figs.probability_figure(result["p_float"], result["p_int"], labels)
    show_figure(fig, key, "int8-probabilities")


def predictions(result: dict) -> None:
    c1, c2 = st.columns(2)
    c1.metric(t("int8.pred.float"), result["pred_float"], help=None)
    same = result["pred_float"] == result["pred_int"]
    c2.metric(t("int8.pred.int"), result["pred_int"], t("int8.pred.same" if same else "int8.pred.diff"),
              delta_color="off" if same else "inverse", delta_arrow="off")


def layers(result: dict, weight_only: bool) -> None:
    st.markdown(t("int8.layers.text"))
    if weight_only:
        st.caption(t("int8.layers.weight"))
    names = [row["layer"] for row in result["errors"]]
    layer = controls.choice(t("int8.layer"), "layer", names, index=len(names) - 1)
    labels = {"title": t("fig.int8.sqnr.title"), "x": t("fig.int8.sqnr.x"), "y": t("fig.int8.sqnr.y"),
              "exact": t("fig.int8.sqnr.exact"), "hover": t("fig.int8.sqnr.hover")}
    c1, c2 = st.columns(2)
    with c1:
        show_figure(figs.sqnr_figure(result["errors"], labels, layer), "int8_sqnr", "int8-sqnr", export=False)
    x, x_hat = result["float_acts"][layer], result["q_acts"][layer]
    labels = {"title": t("fig.int8.act.title", layer=layer, n=x.size), "x": t("fig.int8.act.x"),
              "y": t("fig.int8.act.y"), "identity": t("fig.int8.act.identity"), "values": t("fig.int8.act.values")}
    fig = figs.activation_figure(x, x_hat, labels)
    with c2:
        show_figure(fig, "int8_act", f"int8-{layer}")


def test_set(name: str, s: Settings) -> None:
    acc_float, acc_quant = data.test_accuracy(name, s)
    t_float, t_quant = data.timings(name, s)
    t_litert = data.litert_timing(name, s)
    c1, c2, c3, c4, c5 = st.columns(5)
    c1.metric(t("int8.test.float"), f"{100 * acc_float:.2f} %")
    c2.metric(t("int8.test.quant"), f"{100 * acc_quant:.2f} %", f"{100 * (acc_quant - acc_float):+.2f} pp",
              delta_color="normal")
    c3.metric(t("int8.time.float"), f"{t_float:.2f} ms", help=t("int8.time.help"))
    c4.metric(t("int8.time.int"), f"{t_quant:.2f} ms", help=t("int8.time.help"))
    if t_litert is not None:
        c5.metric(t("int8.time.litert"), f"{t_litert:.2f} ms", help=t("int8.time.litert.help"))
    st.caption(t("int8.time.why"))


def accuracy_table(s: Settings) -> None:
    st.header(t("int8.table.sub"))
    rows = data.accuracy_table(s)
    names = list(rows)
    table = [[t("int8.table.float"), "32"] + [f"{100 * rows[m]['float']:.2f}" for m in names]]
    for bits in TABLE_BITS:
        for key, _, _ in GRANULARITIES:
            table.append([t(f"int8.table.{key}"), str(bits)] + [f"{100 * rows[m][(key, bits)]:.2f}" for m in names])
    frame = pd.DataFrame(table, columns=[t("int8.table.scheme"), t("int8.table.bits")] + [f"{m} (%)" for m in names])
    st.dataframe(frame, hide_index=True, width="stretch")
    st.caption(t("int8.table.caption"))


def sizes(name: str, s: Settings) -> None:
    st.header(t("int8.size.sub"))
    sizes = data.sizes(name, s)
    file = data.tflite_file(name, s)
    rows = [(t("int8.size.float32"), sizes["float32"]), (t("int8.size.int8"), sizes["int8"]),
            (t("int8.size.packed", bits=s.weight_bits), sizes["packed"])]
    if isinstance(file, bytes):
        rows.append((t("int8.size.tflite"), len(file)))
    frame = pd.DataFrame([(what, f"{n:,}", f"{100 * n / sizes['float32']:.1f}") for what, n in rows],
                         columns=[t("int8.size.what"), t("int8.size.bytes"), t("int8.size.ratio")])
    st.dataframe(frame, hide_index=True, width="stretch")


def tflite(name: str, s: Settings) -> None:
    st.header(t("int8.tflite.sub"))
    file = data.tflite_file(name, s)
    if isinstance(file, str):
        reason = "int8.tflite.reason.mode" if s.mode != "int" else "int8.tflite.reason.bits"
        st.info(t("int8.tflite.none", reason=t(reason)))
        return
    st.markdown(t("int8.tflite.text"))
    st.download_button(t("int8.tflite.download"), file, file_name=f"quantviz_{name}_int8.tflite",
                       mime="application/octet-stream", key="int8_download", icon=":material/download:",
                       on_click="ignore")
    check = data.litert_check(name, s)
    if check is None:
        st.caption(t("int8.litert.missing"))
        return
    ref, opt = check["reference"], check["optimized"]
    if ref["same"] == ref["n"]:
        st.success(t("int8.litert.ok", **ref), icon=":material/check_circle:")
    else:
        st.warning(t("int8.litert.partial", same=ref["same"], n=ref["n"], pred=ref["same_prediction"]))
    st.caption(t("int8.litert.optimized", same=opt["same"], n=opt["n"], pred=opt["same_prediction"]))
    st.caption(t("int8.litert.ties"))
    st.caption(t("int8.round.help"))


def inspector() -> None:
    st.header(t("int8.inspect.sub"))
    uploaded = st.file_uploader(t("int8.inspect.upload"), type=["tflite"], key="int8_upload")
    if uploaded is None:
        st.caption(t("int8.inspect.none"))
        return
    if uploaded.size > MAX_UPLOAD:
        st.warning(t("int8.inspect.big"))
        return
    content = uploaded.getvalue()
    try:
        tensors, ops = inspect(content, uploaded.name), operators(content, uploaded.name)
    except WeightFileError as e:
        st.warning(t("int8.inspect.bad", error=message(e)))
        return
    st.markdown(t("int8.inspect.ops", name=literal(uploaded.name), n=len(tensors), ops=operator_list(ops)))
    st.dataframe(pd.DataFrame([_tensor_row(row) for row in tensors]), hide_index=True, width="stretch")


def operator_list(ops: list[str], listed: int = 24) -> str:
    """The operators in order, or for a long list each kind once with its count."""
    if len(ops) <= listed:
        return ", ".join(ops)
    counts = Counter(ops)
    return ", ".join(f"{kind} × {n:,}" for kind, n in counts.most_common())


def _tensor_row(row: dict) -> dict:
    def few(values):
        if values is None or len(values) == 0:
            return ""
        if len(values) == 1:
            return f"{values[0]:.6g}"
        return t("int8.inspect.channels", n=len(values), first=f"{values[0]:.4g}", last=f"{values[-1]:.4g}")
    return {t("int8.inspect.name"): row["name"], t("int8.inspect.dtype"): row["dtype"],
            t("int8.inspect.shape"): str(row["shape"]), t("int8.inspect.scale"): few(row["scale"]),
            t("int8.inspect.zp"): few(row["zero_point"]),
            t("int8.inspect.const"): t("int8.inspect.yes" if row["constant"] else "int8.inspect.no")}
