"""Beyond int8: binary, ternary and XNOR-Net weights, and 16- and 8-bit float casts, on a layer of a
bundled network and on the whole network."""
import pandas as pd
import streamlit as st

from quantviz import lowbit
from quantviz.app import lowbit as view
from quantviz.app.shell import controls, models
from quantviz.app.shell.figure import show_figure
from quantviz.app.shell.i18n import t
from quantviz.app.shell.latex import docstring_math
from quantviz.app.shell.layout import end_page, is_embed_view, page_header, side_by_side
from quantviz.app.shell.models import model_label
from quantviz.figures.lowbit import before_after_figure, network_figure
from quantviz.nn import lowbitnet
from quantviz.nn.zoo import MODEL_NAMES

FUNCTIONS = {"binary": lowbit.binary_connect, "ternary": lowbit.ternary, "xnor": lowbit.xnor_weights}
page_header("lowbit.title", "lowbit.intro")
embed = is_embed_view()
notices = st.container()
methods = list(view.METHODS)
names = {m: t(f"lowbit.method.{m}") for m in (*methods, "float32", lowbitnet.XNOR_ACTIVATIONS)}


left, middle, right = st.columns(3)
with left:
    model = controls.choice(t("lowbit.model.label"), "model", list(MODEL_NAMES), format_func=model_label,
                            help=t("lowbit.model.help"), on_change=lambda: st.session_state.pop("layer", None))
shapes = view.layer_shapes(model)
with middle:
    layer = controls.choice(t("lowbit.layer.label"), "layer", list(shapes),
                            format_func=lambda n: t("lowbit.layer.option", name=n, shape=shapes[n]))
with right:
    method = controls.choice(t("lowbit.method.label"), "method", methods, index=methods.index("ternary"),
                             format_func=names.get)
h = view.histograms(model, layer, method)
numbers, chart = side_by_side((1, 1))   # the layer's numbers beside its histograms
if not embed:
    with numbers:
        st.caption(t("lowbit.source"))
        if method in FUNCTIONS:
            st.markdown(t("lowbit.formula"))
            for formula in docstring_math(FUNCTIONS[method]):
                st.latex(formula)
        elif method in view.REFERENCES:
            st.markdown(t("lowbit.formula"))
            st.latex(docstring_math(lowbitnet.symmetric_int)[0])
        else:
            st.markdown(t("lowbit.formula.float"))
        cols = st.columns(2) + st.columns(2)
        cols[0].metric(t("lowbit.metric.bits"), t("lowbit.metric.bits.value", bits=h["bits"]))
        cols[1].metric(t("lowbit.metric.ratio"), t("lowbit.metric.ratio.value", ratio=32 / h["bits"]))
        cols[2].metric(t("lowbit.metric.mse"), f"{h['mse']:.3g}")
        cols[3].metric(t("lowbit.metric.sqnr"), t("lowbit.metric.sqnr.value", sqnr=h["sqnr_db"]))
        st.caption(t("lowbit.levels", levels=h["levels"], bytes=h["bytes"], float_bytes=h["float_bytes"]))
        if method == "binary":
            st.info(t("lowbit.binary.note"))
with chart:
    labels = {k: t(f"fig.lowbit.{k}") for k in ("title", "x", "y", "before", "after", "threshold", "hover")}
    show_figure(before_after_figure(h["edges"], h["before"], h["after"], h["thresholds"], labels),
                key="lowbit_hist", file_name="quantviz-lowbit-histogram")
if embed:  # the main figure alone
    controls.url_notices(notices)
    end_page()

st.header(t("lowbit.table.title"))
st.dataframe(pd.DataFrame(view.layer_table(model, layer, names)), hide_index=True, width="stretch", height="content")

st.header(t("lowbit.net.title"))
st.markdown(t("lowbit.net.text", model=model_label(model)))
net = view.network_rows(model)
float_acc = 100 * net[0]["accuracy"]
net_labels = {k: t(f"fig.lowbit.net.{k}") for k in ("x", "y", "hover", "selected")}
net_labels |= {f: t(f"fig.lowbit.net.family.{f}") for f in ("float", "int", "lowbit", "xnor_acts")}
net_labels |= {"title": t("fig.lowbit.net.title"), "subtitle": t("fig.lowbit.net.subtitle", model=model_label(model)),
               "float_line": t("fig.lowbit.net.float", acc=float_acc)}
show_figure(network_figure(view.network_points(net), method, float_acc, view.size_ticks(model), net_labels),
            key="lowbit_network", file_name=f"quantviz-lowbit-network-{model}")
st.markdown(t("lowbit.net.collapse", acc=100 * net[-1]["accuracy"]))
st.caption(t("lowbit.net.note", pp=100 / len(models.digits().test_labels)))
st.dataframe(pd.DataFrame(view.network_table(net, names)), hide_index=True, width="stretch",
             height="content")   # every row, no inner scroll

st.header(t("lowbit.xnor.title"))
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
