"""Beyond int8: binary, ternary and XNOR-Net weights, and 16- and 8-bit float casts, on a layer."""
import pandas as pd
import streamlit as st

from quantviz import lowbit
from quantviz.app import controls
from quantviz.app import lowbit_view as view
from quantviz.app.docmath import docstring_math
from quantviz.app.figure import show_figure
from quantviz.app.i18n import t
from quantviz.app.layout import is_embed_view, page_header
from quantviz.figures.lowbit import before_after_figure

FUNCTIONS = {"binary": lowbit.binary_connect, "ternary": lowbit.ternary, "xnor": lowbit.xnor_weights}
page_header("lowbit.title", "lowbit.intro")
embed = is_embed_view()
notices = st.container()
layers = view.weight_tensors()
methods = [*view.REFERENCES, *lowbit.METHODS]


names = {m: (t(f"lowbit.method.{m}") if m in (*FUNCTIONS, *view.REFERENCES) else m) for m in methods}
left, right = st.columns(2)
with left:
    layer = controls.choice(t("lowbit.layer.label"), "layer", list(layers),
                            format_func=lambda n: t("lowbit.layer.option", name=n, shape=layers[n].shape))
with right:
    method = controls.choice(t("lowbit.method.label"), "method", methods, index=methods.index("ternary"),
                             format_func=names.get)
if not embed:
    st.caption(t("lowbit.source"))
    if method in FUNCTIONS:
        st.markdown(t("lowbit.formula"))
        for formula in docstring_math(FUNCTIONS[method]):
            st.latex(formula)
    else:
        st.markdown(t("lowbit.formula.int" if method in view.REFERENCES else "lowbit.formula.float"))

h = view.histograms(layer, method)
if not embed:
    cols = st.columns(4)
    cols[0].metric(t("lowbit.metric.bits"), t("lowbit.metric.bits.value", bits=h["bits"]))
    cols[1].metric(t("lowbit.metric.ratio"), t("lowbit.metric.ratio.value", ratio=32 / h["bits"]))
    cols[2].metric(t("lowbit.metric.mse"), f"{h['mse']:.3g}")
    cols[3].metric(t("lowbit.metric.sqnr"), t("lowbit.metric.sqnr.value", sqnr=h["sqnr_db"]))
    st.caption(t("lowbit.levels", levels=h["levels"]))
    if method == "binary":
        st.info(t("lowbit.binary.note"))
labels = {k: t(f"fig.lowbit.{k}") for k in ("title", "x", "y", "before", "after", "threshold", "hover")}
show_figure(before_after_figure(h["edges"], h["before"], h["after"], h["thresholds"], labels),
            key="lowbit_hist", file_name="quantviz-lowbit-histogram")

if not embed:
    st.subheader(t("lowbit.table.title"))
    rows = [{t("lowbit.col.method"): names[r["method"]], t("lowbit.col.bits"): round(r["bits"], 3),
             t("lowbit.col.mse"): float(f"{r['mse']:.3g}"), t("lowbit.col.sqnr"): round(r["sqnr_db"], 1)}
            for r in view.method_rows(layer)]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

    st.subheader(t("lowbit.xnor.title"))
    st.markdown(t("lowbit.xnor.text"))
    st.latex(docstring_math(lowbit.popcount_dot)[0])
    left, right = st.columns(2)
    with left:
        n = controls.slider(t("lowbit.xnor.n"), "n", 1, 64, 20)
    with right:
        seed = controls.number(t("lowbit.xnor.seed"), "seed", 0, min_value=0, max_value=9999, step=1)
    r = view.popcount_example(n, seed)
    text_labels = {k: t(f"lowbit.xnor.{k}") for k in ("a", "b", "bits_a", "bits_b", "xnor")}
    st.code(view.popcount_text(r, text_labels), language=None)
    st.markdown(t("lowbit.xnor.result", popcount=r["popcount"], pad=r["padding"], n=n,
                  dot=r["dot"], reference=r["reference"]))
controls.url_notices(notices)
