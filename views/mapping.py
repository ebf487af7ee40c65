"""The mapping: move the range, scale, zero point and bits; watch the grid, the staircase and the error."""
from dataclasses import replace

import streamlit as st

from quantviz.app.mapping import controls as mapping_controls
from quantviz.app.mapping import figures as mapping_figs
from quantviz.app.mapping import sources
from quantviz.app.mapping import text as mapping_text
from quantviz.app.mapping.data import analysis, calibrations, load_data
from quantviz.app.mapping.state import Settings, resolve
from quantviz.app.shell import controls, live
from quantviz.app.shell.figure import CONFIG, show_figure, write_key
from quantviz.app.shell.i18n import t
from quantviz.app.shell.layout import embed_height, is_embed_view, page_header
from quantviz.app.shell.share import embed_footer, share_panel
from quantviz.app.shell.urlschema import from_query, link_values
from quantviz.app.strings import TABLE

FLOAT32_MAX = 3.4028234663852886e38
page_header("mapping.title", "mapping.intro")
sources.register()   # the bundled networks' layers are data sources too (?data=layer:mlp/dense1.weight)


def show_notices(notices, data, container) -> None:
    if st.session_state.pop(mapping_controls.NO_FINITE, False):
        container.warning(t("mapping.notice.no_finite"), icon=":material/warning:")
    if data.nan + data.pinf + data.ninf:
        container.info(t("mapping.notice.nonfinite", total=data.nan + data.pinf + data.ninf, nan=data.nan,
                         pinf=data.pinf, ninf=data.ninf), icon=":material/block:")
    for level, key, values in notices:
        values = {k: t(v) if isinstance(v, str) and v in TABLE else v for k, v in values.items()}
        getattr(container, level)(t(key, **values), icon=":material/warning:" if level == "warning" else None)


def chart(name: str, fig, key: str, export: bool = False, live_file=None) -> None:
    """A figure under its title (written by the page, so that it wraps on a phone); the main one
    with its PNG / SVG / HTML files (which carry the title)."""
    st.markdown(f"**{mapping_figs.title(name)}**")
    if export:
        show_figure(fig, key, f"quantviz-mapping-{name}", title=mapping_figs.title(name), live=live_file)
    else:
        write_key(fig)
        st.plotly_chart(fig, theme="streamlit", key=key, config=CONFIG)


if is_embed_view():  # the main figure and its bits slider (page_header has framed it), the rest from the URL
    s = from_query(Settings, st.query_params)
    s = replace(s, bits=int(controls.slider(t("mapping.bits"), mapping_controls.P["bits"], step=1,
                                            help=t("mapping.bits.help"))))
    data = load_data(*s.data_key)
    picks = calibrations(s.data_key, s.bits, s.signed, s.symmetric, s.pct, s.scheme)
    res = resolve(s, picks)
    chart("main", mapping_figs.main_figure(data, res, s, picks, height=540), "mapping_main")
    embed_footer(link_values(s))
    st.stop()


def live_export(s: Settings, res, data):
    """The main figure's HTML file with its bits and range sliders, where the browser's few lines
    compute what the page does (unsigned codes, affine, exact scheme); else None (the plain file)."""
    plain = s.mode == "range" and not (s.signed or s.symmetric or s.narrow) and s.scheme == "exact"
    if not plain or res.range_used is None:
        return None
    rmin, rmax = map(float, res.range_used)
    return lambda: live.mapping_file(s.bits, rmin, rmax, mapping_figs.view_range(data, res), data.edges,
                                     data.counts, mapping_controls.slider_bound(data))


@st.fragment
def interactive() -> None:
    """Everything the controls change: a control reruns this part only, not the whole app."""
    left, right = st.columns([1, 2.6], gap="medium")
    with right:
        bits_box = st.container()   # the bits slider, right above the figure
    with left:
        s, data = mapping_controls.render(bits_box)
    picks = calibrations(s.data_key, s.bits, s.signed, s.symmetric, s.pct, s.scheme)
    res = resolve(s, picks)
    st.session_state[mapping_controls.LAST_QP] = res.qp
    stats, rep = analysis(data, res.qp)
    if max(abs(float(res.qp.rmin)), abs(float(res.qp.rmax))) > FLOAT32_MAX:
        res.note("warning", "mapping.notice.beyond_float32")
    if rep["clipped_fraction"] > 0.5:
        res.note("warning", "mapping.notice.clipped", pct=100 * rep["clipped_fraction"])

    with right:
        url_box = st.container()  # filled at the end: every control has read its link value by then
        if st.session_state.pop("_mapping_article", False):
            st.success(t("mapping.preset.done"), icon=":material/menu_book:")
        show_notices(res.notices, data, st)
        chart("main", mapping_figs.main_figure(data, res, s, picks), "mapping_main", export=True,
              live_file=live_export(s, res, data))
        st.caption(t("mapping.fig.stair.caption"))
        if res.chosen is not None:  # ONNX Runtime: the scale chosen for fewer codes than the op saturates to
            st.caption(t("mapping.saturation.note", lo=res.chosen[0], hi=res.chosen[1], qmin=res.qp.qmin,
                         qmax=res.qp.qmax))
        fig = mapping_controls.figure_choice()
        if fig == "error":
            chart("error", mapping_figs.error_curve(data, res), "mapping_error")
            chart("error_hist", mapping_figs.error_histogram(data, res, stats, rep, s), "mapping_error_hist")
            st.caption(t("mapping.fig.err.caption"))
        elif fig == "levels":
            chart("levels", mapping_figs.code_counts(stats, s), "mapping_levels")
            st.caption(mapping_figs.code_counts_summary(stats))
        elif fig == "tradeoff":
            chart("tradeoff", mapping_figs.tradeoff(data, res, s, picks, rep), "mapping_tradeoff")
            st.caption(t("mapping.fig.trade.caption" if s.mode == "range" else "mapping.fig.trade.qparams"))

    st.header(t("mapping.numbers"))
    mapping_text.numbers(res.qp, rep, s, data.sv.n + data.nan + data.pinf + data.ninf)
    # Drawn only when opened (KaTeX and the table cost a re-render on every slider move).
    if formulas := controls.fold(t("mapping.formulas"), "formulas", icon=":material/function:"):
        with formulas:
            mapping_text.formulas(res.qp, s, res.range_used)
    if frameworks := controls.fold(t("mapping.frameworks"), "frameworks", icon=":material/table:"):
        with frameworks:
            mapping_text.frameworks(s, res.qp, res.range_used)
    share_panel(lambda: link_values(replace(s, fig=fig)), embed_height(), lazy=True)
    controls.url_notices(url_box)


interactive()
