"""LLM weight formats: every format's error against its bits per weight on a layer (click to
choose one), one block taken apart, the 4-bit codebooks, outlier channels with SmoothQuant and a
rotation, a whole network under each format, and GPTQ against round-to-nearest.

Each section that a control changes is a fragment of its own, and a control reruns exactly the
sections that depend on it (``st.rerun`` with their keys, from the control's callback): another
format reruns the formats, the block, the network's result and GPTQ, not the outliers; a new
layer everything but the codebooks and the network. The sections read the weights and the
format from the session, where the formats section leaves them."""
import streamlit as st

from quantviz.app.llm import sections, source
from quantviz.app.llm.state import Settings
from quantviz.app.shell import controls
from quantviz.app.shell.layout import embed_height, end_page, is_embed_view, page_header
from quantviz.app.shell.share import current_params, share_panel
from quantviz.app.shell.urlschema import from_query, link_values

FORMATS, BLOCK, NETWORK, OUTLIERS, GPTQ = "llm-formats", "llm-block", "llm-network", "llm-outliers", "llm-gptq"
NETWORK_RESULT = "llm-network-result"
ON_DATA = [FORMATS, BLOCK, OUTLIERS, GPTQ]           # a new layer: all but the codebooks and the network
ON_FORMAT = [FORMATS, BLOCK, NETWORK_RESULT, GPTQ]   # another format: not the codebooks, the network, the outliers
ON_NETWORK = [NETWORK, NETWORK_RESULT]               # another network: its chart and the chosen format's accuracy
ON_ACTIVATIONS = [OUTLIERS, GPTQ]                    # new activations: the outliers and GPTQ's calibration
WEIGHTS = "_llm_weights"                             # (key, w, title) of the layer: the formats section's

page_header("llm.title", "llm.intro")
notices = st.container()

if is_embed_view():  # the main figure alone, its state read from the link (an upload cannot travel in one)
    s = from_query(Settings, st.query_params)
    key, w, title = source.weights_of(s)
    sections.main_figure(key, w, title, sections.format_control(), embed=True)   # its one control: the format
    end_page()


def rerun(keys: list[str]):
    """A control's callback: rerun these sections only."""
    return lambda: st.rerun(keys)


@st.fragment(key=FORMATS)
def formats() -> None:
    """The data and the format beside the main figure, its result and the table."""
    controls_column, figure_column = st.columns([2, 3], gap="medium")   # the figure beside what moves it
    with controls_column:
        values, upload = source.source_controls(on_change=rerun(ON_DATA))
        key, w, title = source.weights_of(sections.settings_from(values), upload)
        st.session_state[WEIGHTS] = key, w, title      # for the sections below
        fmt = sections.format_control(on_change=rerun(ON_FORMAT))
    with figure_column:
        comp = sections.main_figure(key, w, title, fmt, on_pick=rerun(ON_FORMAT))
        sections.result_text(comp, fmt)
    sections.format_table(comp)


def weights() -> tuple:
    """The layer's key and weights, as the formats section chose them."""
    key, w, _ = st.session_state[WEIGHTS]
    return key, w


@st.fragment(key=BLOCK)
def one_block() -> None:
    sections.block_section(*weights(), sections.held("fmt"))


@st.fragment(key=NETWORK)
def network() -> None:
    sections.network_section(on_change=rerun(ON_NETWORK))


@st.fragment(key=NETWORK_RESULT)
def network_result() -> None:
    sections.network_result(sections.held("model"), sections.held("fmt"))


@st.fragment(key=OUTLIERS)
def outliers() -> None:
    sections.outlier_section(*weights(), on_change=rerun(ON_ACTIVATIONS))


@st.fragment(key=GPTQ)
def gptq() -> None:
    """GPTQ calibrates on the outlier section's activations."""
    sections.gptq_section(*weights(), sections.held("fmt"), *sections.activation_settings(),
                          steps_part=gptq_steps)


@st.fragment
def gptq_steps(steps: list[dict], run: tuple) -> int:
    """The step slider reruns its figure only."""
    return sections.gptq_steps(steps, run)


formats()
sections.block_intro()           # headings, texts, formulas and the codebooks: drawn by a full run only
one_block()
sections.codebook_section()
network()
network_result()
sections.outlier_intro()
outliers()
gptq()
# every control is bound to the URL: the link is the URL's settings, read when the panel opens
share_panel(lambda: link_values(from_query(Settings, current_params())), embed_height(), lazy=True)
controls.url_notices(notices)
