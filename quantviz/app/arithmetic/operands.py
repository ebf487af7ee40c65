"""Glue of the arithmetic page: operand inputs, traces as tables, formulas with the numbers in."""
from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from quantviz import QParams, article, quantize
from quantviz.app.shell import controls
from quantviz.app.shell.i18n import t
from quantviz.app.shell.latex import num, tex

ARTICLE = (article.SCALE, article.ZERO_POINT)   # every grid's default: the article's


def grid_inputs(prefix: str, labels: tuple[str, str], scale: float, zp: int, containers=(st, st)):
    """Number inputs for one uint8 grid: its scale and zero point (URL keys ``{prefix}s``, ``{prefix}z``)."""
    with containers[0]:
        s = controls.number(labels[0], f"{prefix}s", scale, min_value=0.0, max_value=1e6, step=0.0001,
                            format="%.6f", help=t("arith.grid.help", **article.numbers()))
    with containers[1]:
        z = controls.number(labels[1], f"{prefix}z", zp, min_value=-1000, max_value=1000, step=1)
    return s, z


def make_grid(scale: float, zp: int, sym: str, default: tuple[float, int]) -> QParams:
    """QParams for a uint8 grid; a bad scale or zero point is replaced by the default, with a warning."""
    if scale is None or not np.isfinite(scale) or scale <= 0:
        st.warning(t("arith.grid.bad_scale", sym=sym, value=scale, fallback=num(default[0])))
        scale = default[0]
    if zp is None or not article.QMIN <= zp <= article.QMAX:
        st.warning(t("arith.grid.bad_zp", sym=sym, value=zp, lo=article.QMIN, hi=article.QMAX,
                            fallback=default[1]))
        zp = default[1]
    return QParams(float(scale), int(zp), article.QMIN, article.QMAX)


def real_input(label: str, key: str, value: float, container=st) -> float:
    with container:
        return controls.number(label, key, value, min_value=-1e12, max_value=1e12, step=0.1,
                               format="%.4f")


def operand_grids(prefix: str, syms: tuple[str, ...], defaults: dict, shared: bool) -> dict:
    """Inputs for the grids of x, y and the result: one shared grid, or one per symbol."""
    if shared:
        labels = (t("arith.grid.scale.shared"), t("arith.grid.zp.shared"))
        s, z = grid_inputs(prefix, labels, *ARTICLE, containers=st.columns(2))
        qp = make_grid(s, z, labels[0], ARTICLE)
        return {sym: qp for sym in syms}
    grids = {}
    for col, sym in zip(st.columns(len(syms)), syms):
        labels = (t("arith.grid.scale", sym=f"s_{sym}"), t("arith.grid.zp", sym=f"{sym}_zp"))
        s, z = grid_inputs(f"{prefix}{sym}", labels, *defaults[sym], containers=(col, col))
        grids[sym] = make_grid(s, z, sym, defaults[sym])
    return grids


def code_of(x: float, qp: QParams, name: str) -> int:
    """The code storing ``x``; says so when ``x`` lies beyond the grid and saturates."""
    q = int(quantize(np.array([x], dtype=np.float64), qp)[0])
    lo, hi = float(qp.rmin), float(qp.rmax)
    if x < lo - qp.scale / 2 or x > hi + qp.scale / 2:
        st.info(t("arith.saturated", name=name, value=num(x), lo=num(lo, 4), hi=num(hi, 4), q=q))
    return q


def trace_frame(trace: dict, keys: list[str]) -> pd.DataFrame:
    """Rows of a trace: the step (translated), its integer (or multiplier) and the real it stands for."""
    rows = []
    for key in keys:
        step = trace[key]
        rows.append({t("arith.col.step"): t(f"arith.step.{key}"),
                     t("arith.col.value"): "" if step.value is None else num(step.value, 10),
                     t("arith.col.real"): "" if step.real is None else num(step.real, 8)})
    return pd.DataFrame(rows)


def table(frame: pd.DataFrame) -> None:
    """A dataframe tall enough to show every row (no inner scrolling)."""
    st.dataframe(frame, hide_index=True, width="stretch", height=35 * (len(frame) + 1) + 3)


def steps_frame(steps: dict, single: bool) -> pd.DataFrame:
    """Rows of ``multiply_by_quantized_multiplier_steps``: step name and integer."""
    prefix = "arith.rq.single" if single else "arith.rq.step"
    return pd.DataFrame([{t("arith.col.step"): t(f"{prefix}.{key}"), t("arith.col.value"): str(v)}
                         for key, v in steps.items()])


def clamp_tex(unclamped: int, result: int, qp: QParams) -> str:
    """``= clamp(u, qmin, qmax) = r`` when clamping changed the value, else ``= r``."""
    if unclamped == result:
        return rf"= {result}"
    return rf"= {unclamped} \;\to\; \operatorname{{clamp}}({unclamped}, {qp.qmin}, {qp.qmax}) = {result}"


def multiply_tex(tr: dict, qp_x: QParams, qp_y: QParams, qp_z: QParams) -> str:
    v = {k: s.value for k, s in tr.items()}
    return (rf"\begin{{aligned}} M &= \frac{{s_x s_y}}{{s_z}} = \frac{{{tex(qp_x.scale)} \cdot {tex(qp_y.scale)}}}"
            rf"{{{tex(qp_z.scale)}}} = {tex(v['M'])} \\"
            rf" z_q &= {qp_z.zero_point} + M\,({v['x_q']} - {qp_x.zero_point})\,({v['y_q']} - {qp_y.zero_point}) \\"
            rf" &= {qp_z.zero_point} + {tex(v['M'])} \cdot {tex(v['acc'])} "
            + clamp_tex(v["unclamped"], v["z_q"], qp_z) + r" \end{aligned}")


def naive_multiply_tex(tr: dict, qp_z: QParams) -> str:
    return (rf"\begin{{aligned}} s_z\,(x_q \cdot y_q - z_{{zp}}) &= {tex(qp_z.scale)} \cdot "
            rf"({tr['x_q'].value} \cdot {tr['y_q'].value} - {qp_z.zero_point}) \\"
            rf" &= {tex(qp_z.scale)} \cdot {tr['naive'].value - qp_z.zero_point} = {num(tr['naive'].real, 6)}"
            r" \end{aligned}")


def add_tex(tr: dict, qp_x: QParams, qp_y: QParams, qp_z: QParams) -> str:
    v = {k: s.value for k, s in tr.items()}
    return (rf"\begin{{aligned}} z_q &= {qp_z.zero_point} + \frac{{{tex(qp_x.scale)}}}{{{tex(qp_z.scale)}}}"
            rf"\,({v['x_q']} - {qp_x.zero_point}) \\ &\quad + \frac{{{tex(qp_y.scale)}}}{{{tex(qp_z.scale)}}}"
            rf"\,({v['y_q']} - {qp_y.zero_point}) \\"
            rf" &= {qp_z.zero_point} + {tex(v['x_in_z_steps'], 5)} + {tex(v['y_in_z_steps'], 5)} "
            + clamp_tex(v["unclamped"], v["z_q"], qp_z) + r" \end{aligned}")


def decomposition_tex(m: float, m0: int, shift: int) -> str:
    """``M = M0 * 2^(shift - 31)`` with the numbers in."""
    if m0 == 0:
        return rf"M = {tex(m)} \;\to\; M_0 = 0"
    return (rf"M = {tex(m, 10)} = \underbrace{{{m0}}}_{{M_0}} \cdot 2^{{{shift} - 31}}"
            rf" = {tex(m0 / 2**31, 10)} \cdot 2^{{{shift}}}")


def bits_text(bits: str) -> str:
    """``0.1001...`` grouped by bytes: the sign bit, the binary point, 31 fraction bits."""
    frac = bits[1:]
    groups = " ".join(frac[i:i + 8] for i in range(0, 31, 8))
    return f"{bits[0]} . {groups}"
