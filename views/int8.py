"""Run a small network in int8, live: post-training quantization, integer-only inference, and
the .tflite file LiteRT runs bit for bit."""
import streamlit as st

from quantviz.app.int8 import data
from quantviz.app.int8 import sections as view
from quantviz.app.int8.state import Settings
from quantviz.app.shell import controls
from quantviz.app.shell.i18n import t
from quantviz.app.shell.latex import docstring_math
from quantviz.app.shell.layout import end_page, is_embed_view, page_header
from quantviz.app.shell.urlschema import params
from quantviz.nn import intlayers, ptq, quality

P = params(Settings)     # how to quantize: the page's URL parameters, declared once
page_header("int8.title", "int8.intro")
embed = is_embed_view()
notices = st.container()

# --- the model, the input
c1, c2 = st.columns([2, 3])
with c1:
    name = controls.choice(t("int8.model"), "model", list(data.MODELS), widget=st.segmented_control,
                           format_func=lambda code: t(f"int8.model.{code}"))
with c2:
    source = controls.choice(t("int8.src"), "src", ["test", "draw", "noise"], widget=st.segmented_control,
                             format_func=lambda code: t(f"int8.src.{code}"), help=t("int8.src.help"))

# --- how to quantize: folded, so that the input and both answers are on the first screen
with st.expander(t("int8.controls"), expanded=False, icon=":material/tune:"):
    c1, c2, c3 = st.columns(3)
    with c1:
        weight_bits = controls.slider(t("int8.wbits"), P["weight_bits"])
        act_bits = controls.slider(t("int8.abits"), P["act_bits"], help=t("int8.abits.help"))
    with c2:
        granularity = controls.choice(t("int8.gran"), P["granularity"], widget=st.segmented_control)
        method = controls.choice(t("int8.calib"), P["method"])
        n_calib = controls.slider(t("int8.ncal"), P["n_calib"], help=t("int8.ncal.help"))
    with c3:
        mode = controls.choice(t("int8.mode"), P["mode"], widget=st.segmented_control, help=t("int8.mode.help"))
        rounding = controls.choice(t("int8.round"), P["rounding"], help=t("int8.round.help"))
settings = Settings(weight_bits, act_bits, granularity, method, n_calib, mode, rounding)

def prediction(name: str, settings: Settings, source: str) -> dict | None:
    """The input (a test image, a drawing or noise) and both networks' answers; None, and no
    answer shown, while the input is blank (an empty canvas)."""
    st.header(t("int8.pred.sub"))
    c_in, c_out = st.columns([2, 3])
    with c_in:
        picked = None
        if source == "draw":
            picked = view.drawn_image()
        elif source == "noise":
            picked = view.noise_image()
        if picked is None:
            picked = view.test_image()
        image, caption = picked
        if caption:
            st.markdown(caption)
        view.digit(image)
    if not image.any():
        return None
    result = data.infer(name, settings, image)
    with c_out:
        view.predictions(result)
        view.probabilities(result, "int8_prob")
    return result


@st.fragment
def live(name: str, settings: Settings, source: str, weight_only: bool) -> None:
    """What the input's controls change: moving them reruns this part only."""
    result = prediction(name, settings, source)
    if result is None:
        return
    st.header(t("int8.layers.sub"))
    view.layers(result, weight_only)


if embed:
    prediction(name, settings, source)
    controls.url_notices(notices)
    end_page()
live(name, settings, source, mode == "weight")

# --- the whole test set
st.header(t("int8.test.sub"))
view.test_set(name, settings)
view.accuracy_table(settings)
view.sizes(name, settings)

# --- the file
view.tflite(name, settings)
if formulas := controls.fold(t("int8.formulas"), "formulas"):  # KaTeX costs the page's first render
    with formulas:
        for formula in docstring_math(ptq) + docstring_math(intlayers) + docstring_math(quality):
            st.latex(formula)
view.inspector()
controls.url_notices(notices)
