"""LLM weight formats: every format's error against its bits per weight on a layer (click to
choose one), one block taken apart, the 4-bit codebooks, outlier channels with SmoothQuant and a
rotation, a whole network under each format, and GPTQ against round-to-nearest."""
import streamlit as st

from quantviz.app.llm import sections, source
from quantviz.app.llm.state import Settings
from quantviz.app.shell import controls
from quantviz.app.shell.layout import embed_height, end_page, is_embed_view, page_header
from quantviz.app.shell.share import current_params, share_panel
from quantviz.app.shell.urlschema import from_query, link_values

page_header("llm.title", "llm.intro")
notices = st.container()

if is_embed_view():  # the main figure alone, its state read from the link (an upload cannot travel in one)
    s = from_query(Settings, st.query_params)
    key, w, title = source.weights_of(s)
    sections.main_figure(key, w, title, sections.format_control(), embed=True)   # its one control: the format
    end_page()


@st.fragment
def one_block(key, w, fmt: str) -> None:
    """The block slider reruns this section only."""
    sections.block_section(key, w, fmt)


@st.fragment
def activation_sections(key, w, fmt: str) -> None:
    """The activations' controls rerun the outlier charts and GPTQ only (GPTQ calibrates on them)."""
    values = sections.outlier_section(key, w)
    gptq(key, w, fmt, values["outch"], values["oscale"], values["mix"])


@st.fragment
def gptq(key, w, fmt: str, outch: int, oscale: float, mix: float) -> None:
    """GPTQ's controls rerun GPTQ only."""
    sections.gptq_section(key, w, fmt, outch, oscale, mix, steps_part=gptq_steps)


@st.fragment
def gptq_steps(steps: list[dict], run: tuple) -> int:
    """The step slider reruns its figure only."""
    return sections.gptq_steps(steps, run)


@st.fragment
def interactive() -> None:
    """Everything the controls change: a control reruns this part only (or a part of it)."""
    controls_column, figure_column = st.columns([2, 3], gap="medium")   # the figure beside what moves it
    with controls_column:
        values, upload = source.source_controls()
        key, w, title = source.weights_of(sections.settings_from(values), upload)
        fmt = sections.format_control()
    with figure_column:
        comp = sections.main_figure(key, w, title, fmt)
        sections.result_text(comp, fmt)
    sections.format_table(comp)
    sections.block_intro()           # headings, text and formulas outside the fragments that rerun
    one_block(key, w, fmt)
    sections.codebook_section()
    sections.network_section(fmt)
    sections.outlier_intro()
    activation_sections(key, w, fmt)
    # every control is bound to the URL: the link is the URL's settings, read when the panel opens
    share_panel(lambda: link_values(from_query(Settings, current_params())), embed_height(), lazy=True)
    controls.url_notices(notices)


interactive()
