"""Real weights: histograms, statistics, channel ranges and activations of trained networks,
or of the user's own weight file."""
import streamlit as st

from quantviz.app.shell import controls, models
from quantviz.app.shell.errors import message
from quantviz.app.shell.i18n import lang, t
from quantviz.app.shell.latex import docstring_math
from quantviz.app.shell.layout import end_page, is_embed_view, page_header
from quantviz.app.shell.models import model_label
from quantviz.app.shell.share import no_panel
from quantviz.app.weights import data
from quantviz.app.weights import sections as view
from quantviz.nn.zoo import MODEL_NAMES
from quantviz.weightfiles import Problem
from quantviz.weightstats import tensor_stats

UPLOAD_TYPES = ["npy", "npz", "safetensors", "onnx", "tflite"]

page_header("weights.title", "weights.intro")
embed = is_embed_view()
notices = st.container()


def forget_layer() -> None:
    for key in ("tensor", "act"):
        st.session_state.pop(key, None)


def finish() -> None:
    controls.url_notices(notices)
    end_page()


source = controls.choice(t("weights.src"), "src", ["model", "upload"], widget=st.segmented_control,
                         format_func=lambda code: t(f"weights.src.{code}"))
wf = None
if source == "model":
    c1, c2 = st.columns([3, 2])
    with c1:
        model_name = controls.choice(t("weights.model"), "model", list(MODEL_NAMES), format_func=model_label,
                                     help=t("weights.model.help"), on_change=forget_layer)
    with c2:
        tensor = controls.choice(t("weights.tensor"), "tensor", data.model_tensor_names(model_name))
else:
    no_panel()  # an uploaded file cannot travel in a link
    uploaded = st.file_uploader(t("weights.upload"), type=UPLOAD_TYPES, key="upload", help=t("weights.upload.help"))
    if uploaded is None:
        st.info(t("weights.upload.none"))
        finish()
    wf = data.read_upload(uploaded)
    if isinstance(wf, Problem):
        st.error(message(wf), icon=":material/warning:")
        finish()
    view.upload_notes(wf)
    tensor = controls.choice(t("weights.tensor"), "utensor", list(wf.tensors))

if embed:
    side, chart_col = st.container(), st.container()
else:
    st.header(t("weights.hist.sub"))
    chart_col, side = st.columns([3, 2])
with side:   # beside the histogram they change (above it in the embed view)
    bins = controls.slider(t("weights.bins"), "bins", 10, 200, 80, step=10)
    log = controls.toggle(t("weights.log"), "log", False, help=t("weights.log.help"))

if wf is None:
    summary = data.model_tensor_summary(model_name, tensor, bins)
else:
    x = wf.tensors[tensor]
    default_axis = wf.quant[tensor].axis if tensor in wf.quant and wf.quant[tensor].axis is not None else 0
    axis = 0
    if x.ndim >= 2 and not embed:
        axis = int(controls.choice(t("weights.axis"), "axis", [str(i) for i in range(x.ndim)],
                                   index=default_axis, help=t("weights.axis.help")))
    summary = data.upload_tensor_summary(uploaded.file_id, tensor, bins, axis, wf)

with chart_col:
    view.tensor_histogram(tensor, summary, log, key="weights_hist")
if embed:
    finish()
with side:
    if summary["stats"]["finite"]:
        view.show_stats(summary["stats"])
view.tensor_summary(tensor, summary)
if wf is None:
    st.link_button(t("weights.quantize"), data.mapping_link(model_name, tensor, lang()), icon=":material/tune:",
                   help=t("weights.quantize.help"))
if formulas := controls.fold(t("weights.stats.formula"), "formulas"):  # KaTeX costs the first render
    with formulas:
        for formula in docstring_math(tensor_stats):
            st.latex(formula)

st.header(t("weights.channels.sub"))
st.markdown(t("weights.channels.text"))
sort = controls.toggle(t("weights.channels.sort"), "sort", False)
view.channel_section(tensor, summary, sort, key="weights_channels")

st.header(t("weights.overview.sub"))
st.markdown(t("weights.overview.text"))
if wf is None:
    items, total = data.model_overview(model_name, bins), len(data.model_tensor_names(model_name))
else:
    items, total = data.upload_overview(uploaded.file_id, bins, wf), len(wf.tensors)
view.overview(items, tensor, log, total, key="weights_overview")

st.header(t("weights.acts.sub"))
if wf is None:
    acts = data.activation_summaries(model_name, bins)
    n = len(models.digits().calib_x)
    st.markdown(t("weights.acts.text", n=n))
    layers = list(acts)
    layer = controls.choice(t("weights.acts.layer"), "act", layers, index=int(layers[0] == "flatten"))
    view.activation_figure(layer, acts[layer], n, log, key="weights_acts")
else:
    st.info(t("weights.acts.upload"))
controls.url_notices(notices)
