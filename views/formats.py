"""Number formats: one value in float32, float16, bfloat16, float8 and int8 / uint8 / int4, bit by bit."""
import pandas as pd
import streamlit as st

from quantviz import affine, numbers
from quantviz.app import formats as view
from quantviz.app.shell import controls
from quantviz.app.shell.figure import show_figure
from quantviz.app.shell.i18n import t
from quantviz.app.shell.latex import docstring_math, float_formula_tex, int_formula_tex, tex_text
from quantviz.app.shell.layout import is_embed_view, page_header
from quantviz.app.shell.urlschema import params
from quantviz.encode import FORMATS, INT_FORMATS, float_terms, int_terms
from quantviz.figures.formats import formats_table_html, legend_html, spacing_figure

FIELDS = ("sign", "exponent", "mantissa", "integer")
P = params(view.Settings)   # the page's URL: keys, defaults, bounds, options
page_header("formats.title", "formats.intro")
embed = is_embed_view()
notices = st.container()
left, middle, right = st.columns([2, 1, 1])
with left:
    x = view.real_input(t("formats.value.label"), "value", "0.1", help=t("formats.value.help"))
with middle:
    scale = controls.number(t("formats.scale.label"), P["scale"], step=0.001, format="%g", help=t("formats.scale.help"))
with right:
    zp = controls.number(t("formats.zp.label"), P["zp"], step=1, help=t("formats.zp.help"))
field_names = {f: t(f"formats.field.{f}") for f in FIELDS}

if not embed:
    st.header(t("formats.table.title"))
    st.markdown(t("formats.table.text"))
    st.caption(t("formats.value.read", exact=view.value_text(x, "float64")))
    headers = {c: t(f"formats.col.{c}") for c in ("stored", "error", "relative", "raw")}
    st.markdown(legend_html(field_names) + formats_table_html(view.encoding_rows(x, scale, zp), headers, field_names),
                unsafe_allow_html=True)
    st.markdown(f"**{t('formats.overflow.title')}**\n\n{t('formats.overflow.text')}")
    st.markdown(t("formats.formula.float"))    # how the table reads the bits, after the table itself
    st.latex(docstring_math(numbers)[0])
    st.markdown(t("formats.formula.int"))
    st.latex(docstring_math(affine)[0])

    st.header(t("formats.edit.title"))
    st.markdown(t("formats.edit.text"))
    fmt = controls.choice(t("formats.edit.format"), P["format"], list(FORMATS))   # in the formats' order
    stored = view.bit_editor(fmt, x, scale, zp, value_key="value")
    value = tex_text(view.value_text(stored.stored, fmt))
    if stored.code is None:
        st.info(t("formats.edit.none"))
    elif fmt in INT_FORMATS:
        st.latex(int_formula_tex(int_terms(stored.code, fmt, scale, view.zero_point_of(fmt, zp)), value))
    else:
        terms = float_terms(stored.code, fmt)
        st.latex(float_formula_tex(terms, value))
        st.markdown(t("formats.edit.kind", kind=t(f"formats.kind.{terms['kind']}")))

    st.header(t("formats.ranges.title"))
    st.table(pd.DataFrame(view.range_rows(scale, zp)).set_index(t("formats.rcol.format")))
    st.caption(t("formats.ranges.text", scale=f"{scale:g}", zp=zp))
    st.header(t("formats.spacing.title"))

gap = controls.choice(t("formats.gap.label"), P["gap"], widget=st.segmented_control)
labels = {k: t(f"fig.spacing.{k}") for k in ("title", "x", "hover", "mark")}
labels["y"] = t(f"fig.spacing.y.{gap}")
show_figure(spacing_figure(view.spacing_curves(gap == "relative", scale), labels, x_mark=abs(x)),
            key="formats_spacing", file_name="quantviz-format-spacing")
if not embed:
    st.markdown(t("formats.spacing.text"))
controls.url_notices(notices)
