"""Home: what quantization is, and the article's [-1, 1] -> [0, 255] example, live."""
import numpy as np
import pandas as pd
import streamlit as st

from quantviz import article, dequantize, quantize
from quantviz.app.shell import controls
from quantviz.app.shell.figure import show_figure
from quantviz.app.shell.i18n import t
from quantviz.app.shell.latex import docstring_math
from quantviz.app.shell.layout import is_embed_view, page_header
from quantviz.figures.mapping.staircase import staircase_figure
from quantviz.schemes import FRAMEWORKS, SCHEMES

page_header("home.title", "home.intro")
embed = is_embed_view()  # ?embed=true&view=figure: the slider and the staircase alone
params = {s: article.grid(scheme=s) for s in SCHEMES}
numbers = article.numbers()
if not embed:
    st.latex(r"x = \text{scale} \cdot (q - \text{zero\_point})")
    st.subheader(t("home.example.title", **numbers))
    st.markdown(t("home.example.text", **numbers))
    st.latex(docstring_math(article)[0])
    st.markdown(t("home.zp.text", **numbers))
    names = {"exact": t("home.zp.exact"), **FRAMEWORKS}
    rows = [{t("home.zp.col.who"): names[s], t("home.zp.col.zp"): params[s].zero_point,
             t("home.zp.col.why"): t(f"home.zp.{s}.why", **numbers)} for s in SCHEMES]
    rows.append({t("home.zp.col.who"): t("home.zp.article"), t("home.zp.col.zp"): article.ZERO_POINT,
                 t("home.zp.col.why"): t("home.zp.article.why", **numbers)})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

x = controls.slider(t("home.x.label"), "x", article.RMIN, article.RMAX, 0.3, step=0.001, format="%.3f",
                    help=t("home.x.help"))
qp = params["exact"]
q = int(quantize(np.array([x]), qp)[0])
xhat = float(dequantize(np.array([q]), qp)[0])
if not embed:
    st.markdown(t("home.result", zp=qp.zero_point, x=x, q=q, xhat=xhat, err=xhat - x, half=qp.scale / 2))
labels = {k: t(f"fig.staircase.{k}") for k in ("title", "x", "y", "ideal", "codes", "marker", "hover")}
show_figure(staircase_figure(qp, *article.SHOWN, labels, x_mark=x), key="home_staircase",
            file_name="quantviz-staircase")
controls.url_notices()
if not embed:
    st.subheader(t("home.next"))
    st.markdown(t("home.next.text"))
    st.page_link("views/lesson.py", label=t("home.next.lesson"), icon=":material/school:")
