"""Home: what quantization is, and the article's [-1, 1] -> [0, 255] example, live."""
import numpy as np
import pandas as pd
import streamlit as st

from quantviz import article, dequantize, quantize
from quantviz.app.home import Settings
from quantviz.app.shell import controls, live
from quantviz.app.shell.figure import show_figure
from quantviz.app.shell.i18n import t
from quantviz.app.shell.latex import docstring_math
from quantviz.app.shell.layout import is_embed_view, page_header, side_by_side
from quantviz.app.shell.urlschema import params
from quantviz.figures.mapping.staircase import staircase_figure
from quantviz.schemes import FRAMEWORKS, SCHEMES

P = params(Settings)     # the page's URL parameters, declared once
page_header("home.title", "home.intro")
embed = is_embed_view()  # ?embed=true&view=figure: the sliders and the staircase alone
numbers = article.numbers()

# --- the mapping, live: the sliders beside the staircase they move (3 bits: the steps show)
left, right = side_by_side()
with left:
    x = controls.slider(t("home.x.label"), P["x"], step=0.001, format="%.3f", help=t("home.x.help"))
    bits = controls.slider(t("home.bits.label"), P["bits"], help=t("home.bits.help"))
    qp = article.grid(bits)
    q = int(quantize(np.array([x]), qp)[0])
    xhat = float(dequantize(np.array([q]), qp)[0])
    if not embed:
        st.latex(r"x = \text{scale} \cdot (q - \text{zero\_point})")
with right:
    labels = {k: t(f"fig.staircase.{k}") for k in ("title", "x", "y", "ideal", "codes", "marker", "hover")}
    show_figure(staircase_figure(qp, *article.SHOWN, labels, x_mark=x), key="home_staircase",
                file_name=f"quantviz-staircase-{bits}bits",
                live=lambda: live.staircase_file(bits, article.RMIN, article.RMAX, article.SHOWN))
    if not embed:   # under the figure: on a phone the sliders stay just above it
        st.markdown(t("home.result", bits=bits, qmax=qp.qmax, zp_real=qp.zero_point_real, zp=qp.zero_point,
                      x=x, q=q, xhat=xhat, err=xhat - x, half=qp.scale / 2))
controls.url_notices()
if not embed:
    params = {s: article.grid(scheme=s) for s in SCHEMES}
    st.header(t("home.example.title", **numbers))
    st.markdown(t("home.example.text", **numbers))
    st.latex(docstring_math(article)[0])
    st.markdown(t("home.zp.text", **numbers))
    names = {"exact": t("home.zp.exact"), **FRAMEWORKS}
    rows = [{t("home.zp.col.who"): names[s], t("home.zp.col.zp"): params[s].zero_point,
             t("home.zp.col.why"): t(f"home.zp.{s}.why", **numbers)} for s in SCHEMES]
    rows.append({t("home.zp.col.who"): t("home.zp.article"), t("home.zp.col.zp"): article.ZERO_POINT,
                 t("home.zp.col.why"): t("home.zp.article.why", **numbers)})
    st.table(pd.DataFrame(rows).set_index(t("home.zp.col.who")))   # a plain table: its text wraps on a phone
    st.header(t("home.next"))
    st.markdown(t("home.next.text"))
    st.page_link("views/lesson.py", label=t("home.next.lesson"), icon=":material/school:")
