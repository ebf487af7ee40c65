"""Keyboard-to-repaint latency of the mapping, int8 and LLM pages against a minimal page,
in headless Chromium, and the first render of every registered page against the minimal page's.

Both apps are served the same way (``streamlit run`` on a free port). In one run, presses
alternate between the pages: each press of ArrowRight on a focused slider is timed from the
key press until the app is idle again and every plotly chart on the page has repainted
(``plotly_afterplot``). Prints the median and p90 of each, the ratio page/minimal, the load
average during the run, and where each press spends CPU time: the server process, the page's
renderer process and its main thread (Chrome's ``Performance.getMetrics``). On a shared machine
the times follow the load; the ratio, measured in one interleaved run, much less so.

The int8 page is timed the same way on its test-image slider (each press: a new image through
the float32 and the int8 network, every figure of the page redrawn), and the LLM page by default on
the slider of its outliers' size (new activations, smoothed, rotated, W8A8 run four ways, its figure
redrawn).

Then the first render of every page, each on a fresh server, against the minimal page opened
between (``bench/first_render.py`` says how).

The servers run BLAS on one thread, as ``make serve`` and ``make run`` do (``OPENBLAS_NUM_THREADS``,
unless set): on a loaded machine a multi-threaded BLAS makes the LLM page's small matrix products
several times slower (at load 6-8 on 2 cores its press took 1.4 s instead of 0.5 s).

``--llm-slider`` times another control of the LLM page: alpha (SmoothQuant only), outch, mix, block
(the block figure), calib or gstep (GPTQ opened), rows, tail or seed (a new synthetic layer; the
seed typed and entered, timed from the Enter), fmt (the next format in its menu, timed from the
Enter that chooses it) or click (a click on the main chart's point of a format not chosen before).
Each press moves to a value not seen before, so a control with few steps gets fewer presses
(alpha 19, mix 15, gstep 6, fmt and click 18; the count is printed).

The mapping page's control (``--slider``) is by default the same kind of change as the LLM page's
(``SAME_KIND``): a new synthetic layer against a new data set (the mapping page's seed: its
1,000,000 values drawn again, its chart redrawn), GPTQ's calibration rows against the
percentile the range is calibrated from (pct), every other control against rmax (the grid moved
over the same values). ``--slider rmax`` compares any control with the grid's press.

    python -m bench.latency [--presses 25] [--n 1000000] [--slider rmax|bits|rmin|pct|seed]
                            [--llm-slider oscale] [--no-int8] [--no-llm] [--no-first-render]
"""
from __future__ import annotations

import argparse
import itertools
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")   # before numpy is imported; the servers inherit it
os.environ.setdefault("OMP_NUM_THREADS", "1")
import statistics
import time

from bench import first_render as first
from tests.e2e.e2e_helpers import CHROMIUM_ARGS, IDLE, OUTPUT, ROOT, free_port, start_streamlit

# the mapping page's controls, by the kind of change each makes: a slider that moves the grid over
# the same values (rmax, bits, rmin), the percentile that calibrates the range again (pct), and
# the seed that draws a new data set (a number, typed and entered)
SLIDERS = {"rmax": "rmax (real value)", "bits": "Bits", "rmin": "rmin (real value)", "pct": "Percentile p (%)"}
NUMBERS = {"seed": "Random seed"}
GRID = {"rmax", "bits", "rmin"}           # the mapping page's presses the 1.2x target is for
MAPPING_MORE = "Codes, scheme and data"   # the mapping page's fold that holds its seed
INT8_PAGES = {"int8": ("int8?src=test", "Test image")}  # name: (address under the app, slider)
# the LLM page's sliders: (address under the app, slider, the charts a press redraws counted from the top
# (the others stay as they are), the presses it has room for from there)
LLM_SLIDERS = {"oscale": ("llm", "Outliers' size (times the others)", [4], 150),  # new activations: one figure
               "outch": ("llm", "Outlier channels", [4], 28),
               "mix": ("llm?mix=0", "Mixing of channels m", [4], 16),
               "alpha": ("llm?alpha=0", "SmoothQuant's migration strength α", [4], 20),
               "block": ("llm", "Block", [1], 511),
               "calib": ("llm?gptq=true&calib=128", "Calibration rows", [5, 6], 120),
               "gstep": ("llm?gptq=true", "Step: column", [6], 7),
               # the data: a new layer, every format compared on it (the formats, the block, the outliers redrawn;
               # more rows leave the first blocks as they were, and the block drawn)
               "rows": ("llm?rows=16", "Output channels (rows)", [0, 4], 63),
               "tail": ("llm?tail=2", "Tail: Student-t degrees of freedom ν", [0, 1, 4], 196),
               "seed": ("llm", "Random seed", [0, 1, 4], 9999),
               # the format, chosen in its menu or by a click on its point (the block redrawn; the formats
               # chart stays, the chosen point ringed by a style rule)
               "fmt": ("llm", "Format", [1], 19),
               "click": ("llm", None, [1], 19)}
CHOICES = {"fmt", "click"}   # not sliders: a press is a choice in the menu, or a click on the chart
LLM_NUMBERS = {"seed"}       # nor these: a number typed and entered
# what the same kind of change is on the mapping page: a new layer against a new data set, GPTQ's
# calibration against the percentile's, every other control against a slider on the same values
SAME_KIND = {"rows": "seed", "tail": "seed", "seed": "seed", "calib": "pct"}

ARM = """() => {
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    gd.__benchOld = true;
    gd.__benchPainted = false;
    if (!gd.__benchListener) {
      gd.__benchListener = true;
      gd.on('plotly_afterplot', () => { gd.__benchPainted = true; });
    }
  }
}"""
# Idle, and every chart on the page either repainted in place since the press or was mounted anew
# (Streamlit may replace a chart's element) and has drawn its SVG.
DONE = """() => {
  if (document.querySelector('IDLE') === null) return false;
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  return plots.length > 0 && plots.every(gd => gd.__benchOld ? gd.__benchPainted
                                                 : (gd._fullLayout && gd.querySelector('.main-svg')));
}""".replace("IDLE", IDLE)
# The same for the charts at ``indices`` only (a page whose other charts a press leaves as they are).
DONE_SOME = """indices => {
  if (document.querySelector('IDLE') === null) return false;
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  return indices.every(i => plots[i] && (plots[i].__benchOld ? plots[i].__benchPainted
                                          : (plots[i]._fullLayout && plots[i].querySelector('.main-svg'))));
}""".replace("IDLE", IDLE)


def wait_ready(page, timeout=60_000):
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=timeout)


def press(page, charts: list[int] | None = None, act=lambda page: page.keyboard.press("ArrowRight")) -> float:
    """Seconds from an ArrowRight on the focused slider (or ``act(page)``) until idle with every
    chart repainted (or the charts at the indices ``charts``)."""
    page.evaluate(ARM)
    start = time.perf_counter()
    act(page)
    if charts is None:
        page.wait_for_function(DONE, timeout=30_000, polling="raf")
    else:
        page.wait_for_function(DONE_SOME, arg=charts, timeout=30_000, polling="raf")
    return time.perf_counter() - start


def choose_next(page, charts: list[int], menu: str) -> float:
    """The next option of the menu ``menu`` (opened first, untimed), timed from its Enter."""
    page.get_by_role("combobox", name=menu).focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_selector('[role="option"]', timeout=10_000)
    return press(page, charts, lambda page: page.keyboard.press("Enter"))


# every point of the main chart: its format's name and its centre on the screen
POINTS = """() => {
  const out = [];
  document.querySelector('.js-plotly-plot').querySelectorAll('.scatterlayer .trace').forEach(trace => {
    const data = trace.__data__ && trace.__data__[0] && trace.__data__[0].trace;
    if (!data || !data.customdata || data.hoverinfo === 'skip') return;     // the front's line
    trace.querySelectorAll('.points path').forEach(point => {
      const box = point.getBoundingClientRect();
      out.push([data.customdata[point.__data__.i][0], box.x + box.width / 2, box.y + box.height / 2]);
    });
  });
  return out;
}"""


def enter_next(page, charts: list[int] | None, label: str, values) -> float:
    """The next of ``values`` typed into the number input ``label`` (untimed), timed from its Enter."""
    page.get_by_label(label, exact=True).fill(str(next(values)))
    return press(page, charts, lambda page: page.keyboard.press("Enter"))


def click_next(page, charts: list[int], clicked: set) -> float:
    """A click on a point of the main chart whose format was not chosen yet, timed from the click."""
    name, x, y = next(p for p in page.evaluate(POINTS) if p[0] not in clicked)
    clicked.add(name)
    page.mouse.move(x, y)
    return press(page, charts, lambda page: page.mouse.click(x, y))


class CpuMeter:
    """CPU seconds spent by a server process and by a page's renderer (process, main thread)."""

    def __init__(self, page, server_pid: int):
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Performance.enable")
        self.pid = server_pid
        self.samples: list[tuple[float, float, float]] = []

    def read(self) -> tuple[float, float, float]:
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        server = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        metrics = {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}
        return server, metrics["ProcessTime"], metrics["ThreadTime"]

    def measure(self, action):
        before = self.read()
        result = action()
        self.samples.append(tuple(b - a for a, b in zip(before, self.read())))
        return result

    def medians_ms(self) -> list[float]:
        return [statistics.median(s[i] for s in self.samples) * 1e3 for i in range(3)]


def open_page(browser, url: str, slider: str | None, warmup: str | None = None):
    """A page with ``slider`` focused, if any (``warmup``: a page to open first in the same tab)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    if warmup:
        page.goto(warmup)
        page.wait_for_selector(IDLE, timeout=60_000)
    page.goto(url)
    wait_ready(page)
    if slider:
        page.get_by_role("slider", name=slider).focus()
    return page


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return statistics.median(ordered), p90


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--presses", type=int, default=25)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--slider", choices=sorted({**SLIDERS, **NUMBERS}), default=None,
                        help="the mapping page's control (default: the same kind of change as the LLM page's, "
                             "SAME_KIND; rmax for the others)")
    parser.add_argument("--llm-slider", choices=list(LLM_SLIDERS), default="oscale")
    parser.add_argument("--no-int8", action="store_true", help="do not time the int8 page")
    parser.add_argument("--no-llm", action="store_true", help="do not time the LLM page")
    parser.add_argument("--no-first-render", action="store_true", help="time the key presses only")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(exist_ok=True)
    servers = []
    try:
        app_port, minimal_port = free_port(), free_port()
        servers.append(start_streamlit(ROOT / "app.py", app_port))
        servers.append(start_streamlit(ROOT / "bench" / "apps" / "minimal.py", minimal_port))
        app_root = f"http://127.0.0.1:{app_port}/"
        path, slider, redrawn, room = LLM_SLIDERS[args.llm_slider]
        clicked = {"Q4_K"}   # the format chosen at first
        llm_seeds, mapping_seeds = itertools.count(1), itertools.count(1)   # a new seed each time
        llm_press = {"fmt": lambda page: choose_next(page, redrawn, slider),
                     "click": lambda page: click_next(page, redrawn, clicked),
                     "seed": lambda page: enter_next(page, redrawn, slider, llm_seeds)}.get(
            args.llm_slider, lambda page: press(page, redrawn))
        control = args.slider or ("rmax" if args.no_llm else SAME_KIND.get(args.llm_slider, "rmax"))
        mapping_press = (lambda page: enter_next(page, None, NUMBERS[control], mapping_seeds)) \
            if control in NUMBERS else press
        if not args.no_llm:
            args.presses = min(args.presses, room - 1)   # one unmeasured press first
        others = {**({} if args.no_int8 else INT8_PAGES), **({} if args.no_llm else {"llm": (path, slider)})}
        calibration = "percentile&pct=99" if control == "pct" else "manual"   # room for the percentile's presses
        mapping_url = f"{app_root}mapping?n={args.n}&calib={calibration}&bits=8"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            pages = {"minimal": (open_page(browser, f"http://127.0.0.1:{minimal_port}/", "value"), servers[1]),
                     "mapping": (open_page(browser, mapping_url, SLIDERS.get(control), warmup=app_root), servers[0])}
            if control in NUMBERS:         # the seed is in a fold
                pages["mapping"][0].get_by_text(MAPPING_MORE).click()
            focused = args.llm_slider not in CHOICES | LLM_NUMBERS     # a slider, pressed with the keyboard
            for name, (path, slider) in others.items():
                pages[name] = (open_page(browser, app_root + path, slider if focused or name != "llm" else None,
                                         warmup=app_root), servers[0])
            acts = {name: {"llm": llm_press, "mapping": mapping_press}.get(name, press) for name in pages}
            for name, (page, _) in pages.items():    # one unmeasured press each
                acts[name](page)
            meters = {name: CpuMeter(page, server.pid) for name, (page, server) in pages.items()}
            times = {name: [] for name in pages}
            loads = [os.getloadavg()[0]]
            for _ in range(args.presses):
                for name, (page, _) in pages.items():
                    times[name].append(meters[name].measure(lambda page=page, act=acts[name]: act(page)))
            loads.append(os.getloadavg()[0])
            for page, _ in pages.values():
                page.context.close()
            renders = {} if args.no_first_render else first.measure(
                browser, (f"http://127.0.0.1:{minimal_port}/", servers[1].pid))
            browser.close()
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait(timeout=20)
    print(f"keyboard presses on a slider, {args.presses} each, interleaved in one run "
          f"(mapping page: {args.n:,} values, control {control}; LLM page: {args.llm_slider}; "
          f"BLAS threads {os.environ['OPENBLAS_NUM_THREADS']})")
    print(f"load average (1 min, {os.cpu_count()} cores): {loads[0]:.1f} at the first press, {loads[1]:.1f} "
          f"at the last")
    print(f"{'page':<12}{'median ms':>11}{'p90 ms':>9}   CPU ms per press (medians): server, renderer (main thread)")
    med = {}
    for name, values in times.items():
        med[name], p90 = summary(values)
        server, renderer, main_thread = meters[name].medians_ms()
        print(f"{name:<12}{med[name] * 1e3:>11.0f}{p90 * 1e3:>9.0f}   "
              f"{server:6.0f}, {renderer:6.0f} ({main_thread:.0f})")
    for name in med:
        if name != "minimal":
            target = 2.0 if name in INT8_PAGES else 1.2 if name != "mapping" or control in GRID else None
            print(f"ratio {name}/minimal (median): {med[name] / med['minimal']:.2f}"
                  + (f"   (target <= {target})" if target else ""))
    if "llm" in med:
        print(f"ratio llm/mapping (median): {med['llm'] / med['mapping']:.2f}   (the LLM page's {args.llm_slider} "
              f"against the mapping page's {control}; within the mapping page's budget: <= 1)")
    if renders:
        first.report(renders)


if __name__ == "__main__":
    main()
