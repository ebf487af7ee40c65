"""Glue of the arithmetic page's matmul sections: inputs, tables and formulas of a ``MatmulTrace``."""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from quantviz.app.arithmetic.operands import table
from quantviz.app.shell import controls
from quantviz.app.shell.i18n import t
from quantviz.app.shell.latex import num, tex
from quantviz.app.shell.matrix_input import matrix_input
from quantviz.intarith.matmul_trace import ACTIVATIONS, MAX_ABS, WEIGHT_MODES, MatmulTrace

# Activations after a ReLU (all >= 0, so the input zero point is -128) and mixed-sign weights:
# the default overflows a 16-bit accumulator, as real layers do.
DEFAULT_A = "0.9,0.1,0.8;0.5,1,0.95;0.2,0.3,0;1,0.9,0.7"
DEFAULT_B = "0.7,-0.4;0.8,0.3;0.9,-0.6"
DEFAULT_BIAS = "0.1,-0.2"


def matmul_inputs(container):
    """In ``container``: the matrices A, B and the bias (tables kept in the URL, folded) and the
    options. Returns them, or None if the matrices cannot be multiplied (with a warning)."""
    with container:
        with st.expander(t("arith.mm.matrices"), icon=":material/grid_on:"):  # widgets: always drawn
            a = matrix_input(t("arith.mm.A"), "mmA", DEFAULT_A)
            b = matrix_input(t("arith.mm.B"), "mmB", DEFAULT_B)
            bias = matrix_input(t("arith.mm.bias"), "mmbias", DEFAULT_BIAS)
        weights = controls.choice(t("arith.mm.weights"), "mmw", list(WEIGHT_MODES),
                                  format_func=lambda m: t(f"arith.mm.weights.{m}"))
        activation = controls.choice(t("arith.mm.act"), "mmact", list(ACTIVATIONS),
                                     format_func=lambda m: t(f"arith.mm.act.{m}"), widget=st.radio,
                                     horizontal=True)
        single = controls.toggle(t("arith.mm.single"), "mmsingle", False, help=t("arith.mm.single.help"))
        problem = _problem(a, b, bias)
        if problem:
            st.warning(problem)
            return None
    return a, b, bias.ravel(), weights, activation, single


def numbers(tr: MatmulTrace) -> None:
    """The quantization parameters, the codes of A and B, and every output element step by step."""
    st.markdown(t("arith.mm.params"))
    st.dataframe(params_frame(tr), hide_index=True, width="stretch")
    cols = st.columns(2)
    cols[0].markdown(t("arith.mm.codes.A"))
    cols[0].dataframe(codes_frame(tr.q_a, "A"), width="stretch")
    cols[1].markdown(t("arith.mm.codes.B"))
    cols[1].dataframe(codes_frame(tr.q_w.T, "B"), width="stretch")
    st.markdown(t("arith.mm.trace"))
    table(trace_frame(tr))


def _problem(a: np.ndarray, b: np.ndarray, bias: np.ndarray) -> str | None:
    """What keeps these matrices from being multiplied, in the page's language; None if nothing."""
    for name, m in (("arith.mm.A", a), ("arith.mm.B", b), ("arith.mm.bias", bias)):
        if np.any(np.abs(m) > MAX_ABS):
            return t("arith.mm.too_big", name=t(name), limit=MAX_ABS)
    if a.shape[1] != b.shape[0]:
        return t("arith.mm.shape", a_cols=a.shape[1], b_rows=b.shape[0])
    if bias.size != b.shape[1]:
        return t("arith.mm.bias_size", n=b.shape[1], got=bias.size)
    return None


def params_frame(tr: MatmulTrace) -> pd.DataFrame:
    s_w, zp_w = np.atleast_1d(tr.qp_w.scale), np.atleast_1d(tr.qp_w.zero_point)
    s_bias = tr.qp_a.scale * s_w
    rows = [("A", num(tr.qp_a.scale), num(tr.qp_a.zero_point), f"int8 [{tr.qp_a.qmin}, {tr.qp_a.qmax}]"),
            ("B", ", ".join(num(v) for v in s_w), ", ".join(num(v) for v in zp_w),
             f"int8 [{tr.qp_w.qmin}, {tr.qp_w.qmax}]"),
            ("bias", ", ".join(num(v) for v in s_bias), "0", "int32"),
            ("C", num(tr.qp_out.scale), num(tr.qp_out.zero_point), f"int8 [{tr.qp_out.qmin}, {tr.qp_out.qmax}]")]
    cols = [t("arith.mm.col.tensor"), t("arith.mm.col.scale"), t("arith.mm.col.zp"), t("arith.mm.col.codes")]
    return pd.DataFrame(rows, columns=cols)


def codes_frame(q: np.ndarray, row: str) -> pd.DataFrame:
    return pd.DataFrame(q, index=[f"{row}{i + 1}" for i in range(q.shape[0])],
                        columns=[str(j + 1) for j in range(q.shape[1])])


def element_name(i: int, j: int) -> str:
    return f"C[{i + 1},{j + 1}]"


def trace_frame(tr: MatmulTrace) -> pd.DataFrame:
    """One row per output element: the four terms, the accumulator, ..., the error."""
    rows = []
    for i in range(tr.q_out.shape[0]):
        for j in range(tr.q_out.shape[1]):
            rows.append([element_name(i, j), *(int(tr.terms[k][i, j]) for k in tr.terms),
                         int(tr.acc[i, j]), int(tr.q_bias[j]), int(tr.acc_bias[i, j]),
                         f"{tr.scaled_exact[i, j]:.2f}", int(tr.unclamped[i, j]), int(tr.q_out[i, j]),
                         num(tr.x_out[i, j], 5), num(tr.y_float[i, j], 5), f"{tr.error_lsb[i, j]:+.2f}"])
    keys = ["element", "n_za_zb", "za_sum_b", "zb_sum_a", "sum_ab", "acc", "bias", "acc_bias",
            "scaled", "unclamped", "q_out", "x_out", "y_float", "error"]
    return pd.DataFrame(rows, columns=[t(f"arith.mm.col.{k}") for k in keys])


def element_tex(tr: MatmulTrace, i: int, j: int) -> str:
    """The accumulator and the requantization of one output element, numbers plugged in."""
    terms = [int(tr.terms[k][i, j]) for k in ("n_za_zb", "za_sum_b", "zb_sum_a", "sum_ab")]
    zp_w = int(np.atleast_1d(tr.qp_w.zero_point)[j % np.size(tr.qp_w.zero_point)])
    m, m0, shift = float(tr.M[j]), int(tr.M0[j]), int(tr.shift[j])
    acc_line = (rf"acc &= {tr.n} \cdot {tex(tr.qp_a.zero_point)} \cdot {tex(zp_w)}"
                rf" - {tex(tr.qp_a.zero_point)} \cdot {int(tr.q_w[j].sum())} \\"
                rf" &\quad - {tex(zp_w)} \cdot {int(tr.q_a[i].sum())} + {terms[3]} \\"
                rf" &= {' + '.join(tex(v) for v in terms)} \\ &= {int(tr.acc[i, j])}")
    out = int(tr.q_out[i, j])
    clamp = (rf" \;\to\; \operatorname{{clamp}}(\cdot, {tr.act_min}, {tr.act_max}) = {out}"
             if int(tr.unclamped[i, j]) != out else "")
    req_line = (rf"q_C &= {tr.qp_out.zero_point} + \underbrace{{{m0} \cdot 2^{{{shift} - 31}}}}_{{M = {tex(m)}}}"
                rf" \cdot ({int(tr.acc[i, j])} + {tex(int(tr.q_bias[j]))}) \\ &= {tr.qp_out.zero_point} + "
                rf"{tex(round(float(tr.scaled_exact[i, j]), 3))} \approx {int(tr.unclamped[i, j])}{clamp}")
    deq_line = (rf"\hat c &= {tex(tr.qp_out.scale)} \cdot ({out} - {tex(tr.qp_out.zero_point)}) = "
                rf"{tex(float(tr.x_out[i, j]))} \quad (\text{{float}}: {tex(float(tr.y_float[i, j]))})")
    return rf"\begin{{aligned}} {acc_line} \\ {req_line} \\ {deq_line} \end{{aligned}}"


def overflow_frame(tr32: MatmulTrace, tr16: MatmulTrace) -> pd.DataFrame:
    rows = []
    for i in range(tr32.acc.shape[0]):
        for j in range(tr32.acc.shape[1]):
            rows.append([element_name(i, j), int(tr32.acc_bias[i, j]), int(tr16.acc_bias[i, j]),
                         int(tr32.q_out[i, j]), int(tr16.q_out[i, j]), f"{tr16.error_lsb[i, j]:+.1f}"])
    keys = ["element", "acc32", "acc16", "out32", "out16", "error16"]
    return pd.DataFrame(rows, columns=[t(f"arith.ov.col.{k}") for k in keys])


def bias_notice(tr: MatmulTrace) -> None:
    """Say so when the int32 bias saturated (a bias far larger than s_A * s_B * 2^31)."""
    if np.any(np.abs(tr.q_bias) >= 2**31 - 1):
        s_bias = tr.qp_a.scale * np.atleast_1d(tr.qp_w.scale)
        st.warning(t("arith.mm.bias_saturated", s=", ".join(num(v) for v in s_bias)))
