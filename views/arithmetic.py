"""Arithmetic on quantized numbers: the article's 0.0 x 1.0, then an integer-only matmul; addition,
requantization and overflow folded under them (each drawn only when opened, bound to the URL)."""
import numpy as np
import streamlit as st

from quantviz import article
from quantviz.app.arithmetic import matmul as mm
from quantviz.app.arithmetic import operands as view
from quantviz.app.shell import controls
from quantviz.app.shell.errors import explain
from quantviz.app.shell.figure import show_figure
from quantviz.app.shell.i18n import t
from quantviz.app.shell.latex import docstring_math, num, real
from quantviz.app.shell.layout import is_embed_view, is_presenting, page_header
from quantviz.figures.arithmetic import error_figure, overflow_figure, rounding_figure
from quantviz.intarith import fixedpoint
from quantviz.intarith.arith import quantized_add, quantized_multiply
from quantviz.intarith.fixedpoint import (
    multiply_by_quantized_multiplier,
    multiply_by_quantized_multiplier_steps,
    q31_bits,
    quantize_multiplier,
    rounding_comparison,
)
from quantviz.intarith.intkernels import centred_max, max_safe_inner_dim, zero_point_terms
from quantviz.intarith.matmul_trace import integer_matmul


def labels(prefix: str, keys: list[str]) -> dict:
    return {k: t(f"{prefix}.{k}") for k in keys}


def multiply_section():
    """1. The article's example: 0.0 x 1.0 naively (253) and with scales and zero points (127).
    Its inputs, then at once the two results; the grids and the computations folded."""
    st.header(t("arith.mul.title", **article.numbers()))
    st.markdown(t("arith.mul.text", **article.numbers()))
    cols = st.columns(2)
    x = view.real_input(t("arith.mul.x"), "mx", 0.0, cols[0])
    y = view.real_input(t("arith.mul.y"), "my", 1.0, cols[1])
    with st.expander(t("arith.grid.expander"), icon=":material/tune:"):  # widgets: always drawn
        shared = controls.toggle(t("arith.grid.shared"), "mshared", True, help=t("arith.grid.shared.help"))
        grids = view.operand_grids("m", ("x", "y", "z"), {s: view.ARTICLE for s in "xyz"}, shared)
    x_q, y_q = view.code_of(x, grids["x"], "x"), view.code_of(y, grids["y"], "y")
    try:
        z_q, tr = quantized_multiply(x_q, y_q, grids["x"], grids["y"], grids["z"])
    except ValueError as err:
        st.warning(t("arith.error", reason=explain(err)))
        return
    st.markdown(t("arith.mul.codes", xq=x_q, xr=num(tr["x_q"].real), yq=y_q, yr=num(tr["y_q"].real)))
    left, right = st.columns(2)
    left.metric(t("arith.mul.naive"), f"{x_q} × {y_q} = {tr['naive'].value} → {real(tr['naive'].real, 4)}",
                border=True)
    right.metric(t("arith.mul.correct"), f"{z_q} → {real(tr['z_q'].real)}", border=True)
    st.markdown(t("arith.mul.verdict", exact=num(tr["exact"].real),
                  naive_err=num(tr["naive"].real - tr["exact"].real, 5), zq=z_q,
                  zr=num(tr["z_q"].real), err=num(tr["z_q"].real - tr["exact"].real, 3)))
    st.markdown(t("arith.mul.correct.how"))
    st.latex(docstring_math(quantized_multiply)[0])
    if how := controls.fold(t("arith.mul.how"), "mhow"):
        with how:
            st.markdown(t("arith.mul.naive.how"))
            st.latex(view.naive_multiply_tex(tr, grids["z"]))
            st.markdown(t("arith.mul.correct.numbers"))
            st.latex(view.multiply_tex(tr, grids["x"], grids["y"], grids["z"]))
    if trace := controls.fold(t("arith.trace.expander"), "mtrace"):
        with trace:
            view.table(view.trace_frame(tr, list(tr)))


def add_section():
    """3. Addition: rescale each operand into the output's scale first."""
    st.markdown(t("arith.add.text"))
    st.latex(docstring_math(quantized_add)[0])
    cols = st.columns(2)
    x = view.real_input(t("arith.mul.x"), "ax", 1.0, cols[0])
    y = view.real_input(t("arith.mul.y"), "ay", 0.5, cols[1])
    defaults = {"x": (0.01, 20), "y": (0.004, 100), "z": (0.02, 50)}
    grids = view.operand_grids("a", ("x", "y", "z"), defaults, shared=False)
    x_q, y_q = view.code_of(x, grids["x"], "x"), view.code_of(y, grids["y"], "y")
    try:
        z_q, tr = quantized_add(x_q, y_q, grids["x"], grids["y"], grids["z"])
    except ValueError as err:
        st.warning(t("arith.error", reason=explain(err)))
        return
    cols = st.columns(3)
    cols[0].metric(t("arith.add.naive"), num(round(float(tr["naive"].real), 4)), border=True)
    cols[1].metric(t("arith.add.no_rescale"), num(round(float(tr["no_rescale"].real), 4)), border=True)
    cols[2].metric(t("arith.add.correct"), f"{z_q} → {num(tr['z_q'].real)}", border=True)
    st.latex(view.add_tex(tr, grids["x"], grids["y"], grids["z"]))
    st.markdown(t("arith.add.verdict", exact=num(tr["exact"].real), zq=z_q, zr=num(tr["z_q"].real)))
    st.markdown(t("arith.add.tflite", ls=tr["left_shift"].value))
    view.table(view.trace_frame(tr, [k for k in tr if k not in ("naive", "no_rescale", "exact")]))


def requantization_section(embed: bool = False):
    """4. M -> (M0, shift), the bits of M0, SRDHM and RDBPOT step by step, double vs single rounding:
    its two inputs, the rounding figure they move, then the steps. In the embed view: the inputs
    and the figure."""
    if not embed:
        st.markdown(t("arith.rq.text"))
        st.latex(docstring_math(fixedpoint)[0])
    cols = st.columns(2)
    with cols[0]:
        m = controls.number(t("arith.rq.M"), "rM", 0.3, min_value=0.0, max_value=1e12, step=0.01, format="%.8f")
    with cols[1]:
        x = controls.number(t("arith.rq.x"), "rx", 1, min_value=-(2**31), max_value=2**31 - 1, step=1)
    try:
        m0, shift = quantize_multiplier(m)
    except ValueError as err:
        st.warning(t("arith.rq.error", reason=explain(err)))
        m, (m0, shift) = 0.3, quantize_multiplier(0.3)
    window = np.arange(max(x - 20, -(2**31)), min(x + 20, 2**31 - 1) + 1)
    cmp = rounding_comparison(m, window)
    keys = ["title", "x", "y", "exact", "double", "single", "disagree", "mark"]
    show_figure(rounding_figure(window, cmp["exact"], cmp["double"], cmp["single"], x, labels("fig.rq", keys)),
                key="arith_rounding", file_name="quantviz-requantization-rounding")
    if not embed:
        requantization_steps(m, m0, shift, x, window, cmp)


def requantization_steps(m, m0, shift, x, window, cmp):
    double = multiply_by_quantized_multiplier_steps(x, m0, shift)
    single = multiply_by_quantized_multiplier_steps(x, m0, shift, single_rounding=True)
    agree = "arith.rq.agree" if double["result"] == single["result"] else "arith.rq.disagree"
    st.markdown(t("arith.rq.compare", exact=num(x * m, 10), double=double["result"],
                  single=single["result"]) + t(agree))
    where = window[cmp["double"] != cmp["single"]]
    listed = ", ".join(map(str, where[:12])) + (" …" if where.size > 12 else "") if where.size else "—"
    st.markdown(t("arith.rq.window", lo=int(window[0]), hi=int(window[-1]), n=where.size, where=listed))
    st.caption(t("arith.rq.builds"))
    st.latex(view.decomposition_tex(m, m0, shift))
    if m0 == 0:
        st.info(t("arith.rq.zero" if m == 0 else "arith.rq.flush"))
    st.markdown(t("arith.rq.bits", frac=num(m0 / 2**31, 12), err=abs(m0 * 2.0 ** (shift - 31) - m)))
    st.code(view.bits_text(q31_bits(m0)), language=None)
    if double["shifted"] != x * 2 ** double["left_shift"]:
        st.info(t("arith.rq.wrapped", left=double["left_shift"]))
    mbqm = docstring_math(multiply_by_quantized_multiplier)
    for steps, is_single, formula in zip((double, single), (False, True), mbqm):
        st.subheader(t("arith.rq.single.title" if is_single else "arith.rq.double.title"))
        st.latex(formula)
        view.table(view.steps_frame(steps, is_single))


def matmul_section():
    """2. A small integer-only matmul: its settings beside the error they leave, then one output
    element's accumulator and fixed-point requantization; its tables folded. Returns the int32
    and 16-bit traces (None if the matrices cannot be multiplied)."""
    st.header(t("arith.mm.title"))
    st.markdown(t("arith.mm.text"))
    st.latex(docstring_math(zero_point_terms)[0])
    settings, result = st.columns([1, 2], gap="medium")
    inputs = mm.matmul_inputs(settings)
    if inputs is None:
        return None
    a, b, bias, weights, activation, single = inputs
    try:
        tr = integer_matmul(a, b, bias, weights, activation, single)
        tr16 = integer_matmul(a, b, bias, weights, activation, single, acc_bits=16)
    except ValueError as err:
        st.warning(t("arith.error", reason=explain(err)))
        return None
    with result:
        mm.bias_notice(tr)
        st.markdown(t("arith.mm.summary", max=float(np.max(np.abs(tr.error_lsb))), s=num(tr.qp_out.scale)))
        shape = tr.q_out.shape
        elements = [f"{i},{j}" for i in range(shape[0]) for j in range(shape[1])]
        names = [mm.element_name(*map(int, e.split(","))) for e in elements]
        ticks = [f"{i + 1},{j + 1}" for i in range(shape[0]) for j in range(shape[1])]
        show_figure(error_figure(names, tr.error_lsb, labels("fig.mm", ["title", "x", "y", "band", "hover"]), ticks),
                    key="arith_error", file_name="quantviz-integer-matmul-error")
    choose, formula = st.columns([1, 2], gap="medium")
    with choose:
        element = controls.choice(t("arith.mm.element"), "mmel", elements,
                                  format_func=lambda e: mm.element_name(*map(int, e.split(","))))
        st.caption(t("arith.mm.fixed"))
    formula.latex(mm.element_tex(tr, *map(int, element.split(","))))
    if numbers := controls.fold(t("arith.mm.numbers"), "mmnums"):
        with numbers:
            mm.numbers(tr)
    return tr, tr16


def overflow_section(tr, tr16):
    """5. The same matmul with a 16-bit accumulator, and the inner dimension each width allows."""
    st.markdown(t("arith.ov.text"))
    wrapped = int(np.sum(tr16.acc_bias != tr.acc_bias))
    (st.warning if wrapped else st.success)(t("arith.ov.count", k=wrapped, total=tr.acc.size))
    view.table(mm.overflow_frame(tr, tr16))
    a_max = centred_max(tr.qp_a.qmin, tr.qp_a.qmax, tr.qp_a.zero_point)
    w_max = centred_max(tr.qp_w.qmin, tr.qp_w.qmax, tr.qp_w.zero_point)
    n16, n32 = max_safe_inner_dim(a_max, w_max, 16), max_safe_inner_dim(a_max, w_max, 32)
    st.markdown(t("arith.ov.limits", a=a_max, w=w_max, p=a_max * w_max, n=tr.n)
                + (t("arith.ov.n16", n16=n16) if n16 else t("arith.ov.n16.none"))
                + t("arith.ov.n32", n32=f"{n32:,}", raw=f"{max_safe_inner_dim(128, 128):,}"))
    limits = {t("fig.ov.int16"): 2**15 - 1, t("fig.ov.int32"): 2**31 - 1}
    fig_labels = {**labels("fig.ov", ["title", "x", "y"]), "worst": t("fig.ov.worst", p=a_max * w_max),
                  "mark": t("fig.ov.mark", n=tr.n)}
    show_figure(overflow_figure(a_max * w_max, tr.n, limits, fig_labels), key="arith_overflow",
                file_name="quantviz-accumulator-overflow")


def further_sections(traces):
    """Addition, requantization up close and overflow, each folded under its title."""
    st.header(t("arith.more"))
    if section := controls.fold(t("arith.add.title"), "adding"):
        with section:
            add_section()
    if section := controls.fold(t("arith.rq.title"), "requant"):
        with section:
            requantization_section()
    if traces is not None and (section := controls.fold(t("arith.ov.title"), "overflow")):
        with section:
            overflow_section(*traces)


page_header("arith.title", None if is_presenting() else "arith.intro")  # a projector: the example first
notices = st.container()  # URL values that were replaced are listed here, at the top
if is_embed_view():  # ?embed=true&view=figure: the requantization figure and its inputs
    requantization_section(embed=True)
else:
    multiply_section()
    further_sections(matmul_section())
controls.url_notices(notices)
