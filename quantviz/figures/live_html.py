r"""A figure that stays live in a static file: the staircase (and, for the mapping page, the values'
histogram with its grid of levels above it) with its sliders, recomputed in the browser.

The file holds plotly.js, the data (a histogram's bin counts, never the values) and a few lines of
JavaScript that compute the mapping as ``quantviz.affine`` does with the exact scheme, in float64
with ties to even, the range first widened to contain 0:

.. math:: s = \frac{r_{max} - r_{min}}{q_{max} - q_{min}}, \quad
    z = \operatorname{clamp}(\operatorname{round}(q_{min} - r_{min} / s)), \quad
    q = \operatorname{clamp}(\operatorname{round}(x / s) + z, q_{min}, q_{max})

so that a blog can host one file, and its readers move bits (and the range) with no server and
no network. ``window.quantvizLive`` exposes the mapping (``qparams``, ``codes``) to check it.
"""
from __future__ import annotations

import html
import json

import numpy as np
from plotly.offline import get_plotlyjs

BLUE, ORANGE, GREY, RED = "#0072B2", "#D55E00", "#777777", "#CC3311"

SCRIPT = r"""
const F32_TINY = 1.1754943508222875e-38;
function roundEven(v) {            // ties to even, as numpy's rint
  const r = Math.round(v);
  return (Math.abs(v % 1) === 0.5 && r % 2 !== 0) ? r - 1 : r;
}
function qparams(bits, rmin, rmax) {
  const qmin = 0, qmax = 2 ** bits - 1;
  rmin = Math.min(rmin, 0); rmax = Math.max(rmax, 0);
  let scale = (rmax - rmin) / (qmax - qmin);
  scale = scale > 0 ? Math.max(scale, F32_TINY) : 1;
  const zpReal = qmin - rmin / scale;
  const zp = Math.min(Math.max(roundEven(zpReal), qmin), qmax);
  return {scale, zp, zpReal, qmin, qmax};
}
function codes(xs, p) {
  return xs.map(x => Math.min(Math.max(roundEven(x / p.scale) + p.zp, p.qmin), p.qmax));
}
function draw() {
  const bits = +document.getElementById('bits').value;
  const rmin = D.sliders.includes('range') ? +document.getElementById('rmin').value : D.rmin;
  const rmax = D.sliders.includes('range') ? +document.getElementById('rmax').value : D.rmax;
  const p = qparams(bits, rmin, rmax);
  const xs = [];
  for (let i = 0; i <= 2000; i++) xs.push(D.lo + (D.hi - D.lo) * i / 2000);
  const qs = codes(xs, p);
  const stair = D.hist ? 'y2' : 'y';
  const traces = [
    {x: [D.lo, D.hi], y: [D.lo / p.scale + p.zp, D.hi / p.scale + p.zp], mode: 'lines', name: D.labels.ideal,
     yaxis: stair, line: {color: D.colors.grey, dash: 'dot'}, hoverinfo: 'skip'},
    {x: xs, y: qs, mode: 'lines', name: D.labels.codes, yaxis: stair, line: {color: D.colors.blue, shape: 'hv'},
     customdata: qs.map(q => p.scale * (q - p.zp)), hovertemplate: D.labels.hover + '<extra></extra>'}];
  const shapes = [];
  const line = (x, color, width, yref) => ({type: 'line', xref: 'x', yref: yref, x0: x, x1: x,
                                            y0: 0, y1: 1, line: {color, width}});
  if (D.hist) {
    traces.unshift({type: 'bar', x: D.hist.centers, y: D.hist.counts, width: D.hist.width, name: D.labels.values,
                    marker: {color: D.colors.blue, opacity: 0.6}, yaxis: 'y', hoverinfo: 'skip'});
    const levels = p.qmax - p.qmin + 1, every = Math.max(1, Math.ceil(levels / 64));
    for (let q = p.qmin; q <= p.qmax; q += every) {
      shapes.push(line(p.scale * (q - p.zp), D.colors.grey, 0.5, 'y domain'));
    }
    shapes.push(line(rmin, D.colors.orange, 2, 'y domain'), line(rmax, D.colors.orange, 2, 'y domain'));
  }
  const layout = {title: {text: D.labels.title}, height: D.hist ? 640 : 420, margin: {t: 60, l: 60, r: 20, b: 50},
                  xaxis: {title: {text: D.labels.x}, range: [D.lo, D.hi]}, legend: {orientation: 'h', y: -0.15},
                  shapes: shapes, paper_bgcolor: 'white', plot_bgcolor: 'white'};
  const codeAxis = {title: {text: D.labels.y}, range: [p.qmin - 0.5, p.qmax + 0.5]};
  if (D.hist) {
    layout.yaxis = {title: {text: D.labels.count}, domain: [0.45, 1]};
    layout.yaxis2 = {...codeAxis, domain: [0, 0.38], anchor: 'x'};
    layout.xaxis.anchor = 'y2';          // one x axis, under the staircase
  } else {
    layout.yaxis = codeAxis;
  }
  Plotly.react('figure', traces, layout, {displaylogo: false, responsive: true});
  document.getElementById('readout').textContent = D.labels.readout
    .replace('{bits}', bits).replace('{qmax}', p.qmax).replace('{scale}', p.scale.toPrecision(6))
    .replace('{zp}', p.zp).replace('{rmin}', rmin.toPrecision(4)).replace('{rmax}', rmax.toPrecision(4));
  for (const id of ['bits', 'rmin', 'rmax']) {
    const input = document.getElementById(id), out = document.getElementById(id + '-value');
    if (input && out) out.textContent = input.value;
  }
}
window.quantvizLive = {qparams, codes, draw};
for (const input of document.querySelectorAll('input[type=range]')) input.addEventListener('input', draw);
draw();
"""

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 960px; margin: 1rem auto; padding: 0 0.75rem; color: #222; }}
.controls {{ display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }}
label {{ display: block; min-width: 14rem; flex: 1; }}
input[type=range] {{ width: 100%; }}
#readout {{ font-variant-numeric: tabular-nums; }}
</style></head>
<body>
<div class="controls">{sliders}</div>
<div id="figure"></div>
<p id="readout"></p>
<script>{plotly}</script>
<script>const D = {data};</script>
<script>{script}</script>
</body></html>
"""


def _slider(key: str, label: str, lo: float, hi: float, step: float, value: float) -> str:
    return (f'<label>{html.escape(label)}: <output id="{key}-value">{value:g}</output>'
            f'<input type="range" id="{key}" min="{lo:g}" max="{hi:g}" step="{step:g}" value="{value:g}"></label>')


def live_html(bits: int, rmin: float, rmax: float, view: tuple[float, float], labels: dict,
              histogram: tuple[np.ndarray, np.ndarray] | None = None, bits_range: tuple[int, int] = (1, 8),
              range_bound: float | None = None, lang: str = "en") -> bytes:
    """The file. ``labels``: title, x, y, ideal, codes, hover (x, q, x̂ as ``%{x}``, ``%{y}``,
    ``%{customdata}``), readout (with {bits} {qmax} {scale} {zp} {rmin} {rmax}), bits; with a
    ``histogram`` ((edges, counts): the values drawn above the staircase) also count, values,
    rmin, rmax, and sliders for the range over ``[-range_bound, range_bound]``."""
    sliders = [_slider("bits", labels["bits"], *bits_range, 1, bits)]
    data = {"rmin": float(rmin), "rmax": float(rmax), "lo": float(view[0]), "hi": float(view[1]),
            "labels": labels, "sliders": ["bits"], "hist": None,
            "colors": {"blue": BLUE, "orange": ORANGE, "grey": GREY, "red": RED}}
    if histogram is not None:
        edges, counts = (np.asarray(a, np.float64) for a in histogram)
        data["hist"] = {"centers": ((edges[:-1] + edges[1:]) / 2).tolist(), "counts": counts.tolist(),
                        "width": float(edges[1] - edges[0])}
        bound = float(range_bound or max(abs(view[0]), abs(view[1])))
        step = bound / 500
        sliders += [_slider("rmin", labels["rmin"], -bound, bound, step, rmin),
                    _slider("rmax", labels["rmax"], -bound, bound, step, rmax)]
        data["sliders"].append("range")
    text = PAGE.format(lang=html.escape(lang), title=html.escape(labels["title"]), sliders="".join(sliders),
                       plotly=get_plotlyjs(), data=json.dumps(data).replace("</", "<\\/"), script=SCRIPT)
    return text.encode("utf-8")
