"""The lesson's nine widgets: each step draws its one control (bound to the URL) and its figure.

``STEPS[n](embed)`` draws step ``n``; in the embed view only the control and the figure.
``DEEPER[n]``: the url paths of the pages that go deeper, in order of preference (the first
registered one is linked).
"""
from __future__ import annotations

import math

import streamlit as st

from quantviz import affine, article, choose_qparams
from quantviz.app.formats import value_text
from quantviz.app.lesson import data
from quantviz.app.shell import controls, live, models
from quantviz.app.shell.figure import show_figure
from quantviz.app.shell.i18n import t
from quantviz.app.shell.latex import docstring_math, float_formula_tex, qparams_tex, tex_text
from quantviz.encode import encode, float_terms
from quantviz.figures import lesson as figs
from quantviz.figures.mapping.staircase import staircase_figure
from quantviz.figures.weights import histogram_figure
from quantviz.intarith.arith import quantized_multiply
from quantviz.nn import simulate
from quantviz.numbers import FLOAT_FORMATS

DEEPER = {1: ["beyond-int8"], 2: ["int8", "weights"], 3: ["formats"], 4: ["weights"],
          5: ["why", "beyond-int8"], 6: ["mapping"], 7: ["arithmetic"], 8: ["int8", "arithmetic"],
          9: ["llm"]}


def _labels(prefix: str, keys, **values) -> dict:
    return {k: t(f"{prefix}.{k}", **values) if k == "title" else t(f"{prefix}.{k}") for k in keys}


def _layer_name(code: str) -> str:
    model, tensor = code.split("/")
    return t("lesson.s4.layer.option", model=model, name=tensor,
             count=models.model(model).weight_tensors()[tensor].size)


def _layer_choice(label: str, key: str) -> tuple[str, str]:
    codes = [f"{m}/{name}" for m, name in data.LAYERS]
    return tuple(controls.choice(label, key, codes, format_func=_layer_name).split("/"))


def step1(embed: bool) -> None:
    form = controls.choice(t("lesson.s1.form"), "form", list(data.FORMS), index=1, widget=st.segmented_control,
                           format_func=lambda f: t(f"lesson.s1.form.{f}"), help=t("lesson.s1.form.help"),
                           required=True)
    layer = "dense1.weight"
    r = data.approximation(data.LESSON_MODEL, layer, form)
    labels = _labels("fig.lesson.s1", ("title", "x", "y", "before", "after", "hover"),
                     n=len(r["before"]), layer=f"{data.LESSON_MODEL} {layer}")
    show_figure(figs.before_after_figure(r["before"], r["after"], labels), "lesson_fig", f"quantviz-lesson-1-{form}")
    if not embed:
        st.markdown(t("lesson.s1.result", n=r["n"], mse=r["mse"], bits=round(r["bits"], 3)))


def step2(embed: bool) -> None:
    bits = controls.slider(t("lesson.s2.bits"), "wbits", 2, 8, 8, help=t("lesson.s2.bits.help"))
    name = data.LESSON_MODEL
    rows = data.size_accuracy_table(name)
    labels = _labels("fig.lesson.s2", ("title", "x", "y", "point", "float", "all", "current", "hover"))
    show_figure(figs.size_accuracy_figure(rows, bits, labels), "lesson_fig", f"quantviz-lesson-2-{bits}bits")
    if not embed:   # under the figure: the slider stays just above it
        size, base = data.model_size(name, bits), data.model_size(name, None)
        acc, base_acc = data.accuracy(name, bits), data.accuracy(name, None)
        left, right = st.columns(2)
        left.metric(t("lesson.s2.size"), t("lesson.s2.size.value", kb=size["bytes"] / 1000),
                    t("lesson.s2.size.delta", ratio=base["bytes"] / size["bytes"]), delta_color="off",
                    delta_arrow="off",
                    border=True)
        right.metric(t("lesson.s2.acc"), t("lesson.s2.acc.value", acc=acc),
                     t("lesson.s2.acc.delta", delta=acc - base_acc), delta_color="normal", border=True)
        st.caption(t("lesson.s2.note", weights=size["weights"], bits=bits, biases=size["biases"],
                     scales=size["scales"], n=len(models.digits().test_labels)))


def step3(embed: bool) -> None:
    f32 = FLOAT_FORMATS["float32"]
    x = controls.number(t("lesson.s3.value"), "value", 0.1, min_value=-1e39, max_value=1e39, step=0.1, format="%g",
                        help=t("lesson.s3.value.help"))
    e = encode(x, "float32", saturate=False)
    stored = value_text(e.stored, "float32")
    labels = _labels("fig.lesson.s3", ("title", "x", "hover", "sign", "exponent", "mantissa"), value=f"{x:g}")
    show_figure(figs.bits_figure(list(e.fields), labels), "lesson_fig", "quantviz-lesson-3-float32-bits")
    if embed:
        return
    st.latex(float_formula_tex(float_terms(e.code, "float32"), tex_text(stored)))
    error = e.stored - x if math.isfinite(e.stored) else math.inf
    st.markdown(t("lesson.s3.stored", stored=stored, kind=t(f"lesson.s3.kind.{e.kind}"),
                  error="∞" if math.isinf(error) else f"{error:+.3g}"))
    st.caption(t("lesson.s3.range", tiny=f"{f32.min_subnormal:.4g}", normal=f"{f32.min_normal:.4g}",
                 max=f"{f32.max:.4g}"))


def step4(embed: bool) -> None:
    model, tensor = _layer_choice(t("lesson.s4.layer"), "layer")
    s = data.layer_summary(model, tensor)
    stats = s["stats"]
    labels = {"title": t("fig.weights.hist.title", name=f"{model} {tensor}"), "x": t("fig.weights.hist.x"),
              "y": t("fig.weights.hist.y"), "hover": t("fig.weights.hist.hover"), "band": t("fig.weights.hist.band")}
    band = (stats["mean"] - 3 * stats["std"], stats["mean"] + 3 * stats["std"])
    show_figure(histogram_figure(s["counts"], s["edges"], labels, band=band), "lesson_fig",
                f"quantviz-lesson-4-{model}-{tensor}")
    if not embed:
        st.markdown(t("lesson.s4.result", count=stats["finite"], lo=stats["min"], hi=stats["max"],
                      width=stats["max"] - stats["min"], step=s["scale"],
                      per_code=stats["finite"] / s["levels_used"]))


def step5(embed: bool) -> None:
    bits = controls.slider(t("lesson.s5.bits"), "gbits", 2, 8, 3)
    widths, gaps = data.width_gaps(bits)
    labels = _labels("fig.lesson.s5", ("title", "x", "y", "hover"), bits=bits)
    show_figure(figs.gap_figure(widths, gaps, labels), "lesson_fig", f"quantviz-lesson-5-{bits}bits")
    if not embed:
        st.markdown(t("lesson.s5.result", bits=bits, w0=widths[0], gap0=gaps[0], w1=widths[-1], gap1=gaps[-1]))


def step6(embed: bool) -> None:
    bits = controls.slider(t("lesson.s6.bits"), "sbits", 1, 8, 3)   # at 3 bits the steps show
    qp = article.grid(bits)
    labels = {k: t(f"fig.staircase.{k}") for k in ("x", "y", "ideal", "codes", "marker", "hover")}
    labels["title"] = t("fig.lesson.s6.title", **{**article.numbers(), "levels": qp.levels})
    show_figure(staircase_figure(qp, *article.SHOWN, labels), "lesson_fig", f"quantviz-lesson-6-{bits}bits",
                live=lambda: live.staircase_file(bits, article.RMIN, article.RMAX, article.SHOWN))
    if not embed:
        for formula in docstring_math(affine) + docstring_math(choose_qparams):
            st.latex(formula)
        for formula in qparams_tex(article.RMIN, article.RMAX, qp):
            st.latex(formula)
        st.markdown(t("lesson.s6.result", bits=bits, qmax=qp.qmax, width=article.RMAX - article.RMIN, scale=qp.scale,
                      zp_exact=qp.zero_point_real, zp=qp.zero_point, article_bits=article.BITS,
                      article_zp=article.ZERO_POINT, article_zp_real=article.ZERO_POINT_REAL))


def step7(embed: bool) -> None:
    left, right = st.columns(2)
    with left:
        x = controls.slider(t("lesson.s7.x"), "x", article.RMIN, article.RMAX, 0.0, step=0.01)
    with right:
        y = controls.slider(t("lesson.s7.y"), "y", article.RMIN, article.RMAX, 1.0, step=0.01)
    qp = article.qparams()
    xq, _ = data.codes(x, qp)
    yq, _ = data.codes(y, qp)
    zq, tr = quantized_multiply(xq, yq, qp, qp, qp)
    values = {"exact": x * y, "naive": float(tr["naive"].real), "correct": float(tr["z_q"].real)}
    labels = _labels("fig.lesson.s7", ("title", "x", "hover", "exact", "naive", "correct"), x=x, y=y)
    show_figure(figs.product_figure(values, labels), "lesson_fig", "quantviz-lesson-7-product")
    if not embed:
        st.latex(docstring_math(quantized_multiply)[0])
        st.markdown(t("lesson.s7.result", xq=xq, yq=yq, naive_code=int(tr["naive"].value), naive=values["naive"],
                      zq=zq, z=values["correct"], exact=values["exact"]))


def step8(embed: bool) -> None:
    model, tensor = _layer_choice(t("lesson.s4.layer"), "tlayer")
    s = data.tflite_scales(model, tensor)
    labels = _labels("fig.lesson.s8", ("title", "x", "y", "channel", "tensor", "hover"), layer=f"{model} {tensor}")
    show_figure(figs.scales_figure(s["scales"], s["tensor"], labels), "lesson_fig",
                f"quantviz-lesson-8-{model}-{tensor}")
    if not embed:
        st.latex(docstring_math(simulate.weight_qparams)[0])
        scales = s["scales"]
        st.markdown(t("lesson.s8.result", channels=scales.size, lo=float(scales.min()), hi=float(scales.max()),
                      ratio=float(scales.max() / scales.min()), tensor=s["tensor"], levels=s["min_levels"]))


def step9(embed: bool) -> None:
    from quantviz.figures.llm.pareto import FAMILY_STYLE, pareto_figure
    fmt = controls.choice(t("lesson.s9.format"), "lfmt", list(data.STEP9_FORMATS), index=2,
                          widget=st.segmented_control, required=True)
    r = data.llm_formats()
    rows, cols, tail, _ = data.STEP9_LAYER
    labels = {k: t(f"fig.llm.pareto.{k}") for k in ("subtitle", "x", "hover")} | {"y": t("fig.llm.pareto.y_short")}
    labels |= {f: t(f"fig.llm.family.{f}") for f in FAMILY_STYLE}
    labels |= {"title": t("fig.llm.pareto.title", layer=t("llm.synthetic.short", rows=rows, cols=cols)),
               "front": t("fig.llm.front"), "selected": t("fig.llm.selected")}
    show_figure(pareto_figure(r["points"], r["front"], fmt, labels, height=320), "lesson_fig",   # room for its key
                f"quantviz-lesson-9-{fmt}")
    if not embed:
        p = next(p for p in r["points"] if p["name"] == fmt)
        st.markdown(t("lesson.s9.result", name=fmt, bits=p["stored_bits"], sqnr=p["sqnr_db"], tail=tail,
                      gb=7e9 * p["stored_bits"] / 8 / 1e9))


STEPS = {1: step1, 2: step2, 3: step3, 4: step4, 5: step5, 6: step6, 7: step7, 8: step8, 9: step9}
