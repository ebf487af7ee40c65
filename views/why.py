"""Why it works: the accuracy that post-training quantization costs MLPs of growing width."""
import pandas as pd
import streamlit as st

from quantviz.app import why as view
from quantviz.app.shell import controls
from quantviz.app.shell.figure import show_figure
from quantviz.app.shell.i18n import t
from quantviz.app.shell.latex import docstring_math
from quantviz.app.shell.layout import end_page, is_embed_view, page_header, side_by_side
from quantviz.app.shell.urlschema import params
from quantviz.figures.why import accuracy_figure, gap_figure
from quantviz.nn import simulate, widthsweep

page_header("why.title", "why.intro")
embed = is_embed_view()
notices = st.container()
stored = view.stored_results()
counts = view.image_counts()

words, chart = side_by_side()   # the idea and the control beside the figure that tests it
with words:
    mode = controls.choice(t("why.mode.label"), params(view.Settings)["quantized"], widget=st.segmented_control,
                           help=t("why.mode.help"))
    if not embed:
        st.header(t("why.over.title"))
        st.markdown(t("why.over.text"))
        clicked = st.button(t("why.recompute"), key="recompute", help=t("why.recompute.help"),
                            icon=":material/refresh:")
        if clicked:
            view.recompute(st.progress(0.0, text=t("why.progress", done=0, total=widthsweep.evaluations())))

live = view.live()
if live is None and "error" in stored:
    st.warning(t("why.missing", error=stored["error"]))
    controls.url_notices(notices)
    end_page()
results = live["results"] if live else stored
tab = widthsweep.table(results)
gaps, acc = tab[f"{mode}.gap"], tab[f"{mode}.accuracy"]
with chart:
    show_figure(gap_figure(tab["widths"], tab["parameters"], gaps, tab["bits"],
                           view.figure_labels("gap", mode, bool(live))),
                key="why_gap", file_name=f"quantviz-why-gap-{mode}")

if not embed:
    if live:
        st.caption(t("why.source.live", n=widthsweep.evaluations(), seconds=live["seconds"]))
        if "error" not in stored:
            n, total = view.differences(live["results"], stored)
            if n == 0:
                st.success(t("why.same"))
            else:
                st.warning(t("why.differ", n=n, total=total))
    else:
        st.caption(t("why.source.stored", n=widthsweep.evaluations()))
    st.header(t("why.def.title"))
    st.markdown(t("why.def.text"))
    for formula in docstring_math(simulate.weight_qparams):
        st.latex(formula)
    st.markdown(t("why.def.act", calib=counts["calibration_images"]))
    for formula in docstring_math(simulate.activation_qparams):
        st.latex(formula)
    st.markdown(t("why.def.rest", test=counts["test_images"]))
    st.latex(docstring_math(widthsweep)[0])
    st.header(t("why.read.title"))
    for paragraph in view.reading(results, mode):
        st.markdown(paragraph)
    show_figure(accuracy_figure(tab["widths"], tab["parameters"], tab["float"], acc, tab["bits"],
                                view.figure_labels("acc", mode, bool(live))),
                key="why_acc", file_name=f"quantviz-why-accuracy-{mode}")
    st.header(t("why.table.title"))
    st.dataframe(pd.DataFrame(view.table_rows(results, mode)), hide_index=True, width="stretch")
controls.url_notices(notices)
