"""Every LLM weight format on a 4096 x 4096 layer (quantize, dequantize, error) against np.copy of
the layer, and GPTQ on a 1024 x 1024 layer with 512 calibration rows against one float matmul of
the same size; ratios are measured in the same run. Then the LLM page in Chromium: a press on the
slider of its outliers' size until the charts it changes have repainted, interleaved with the same press on the mapping
page and on a one-slider page (``bench.latency``'s measure): the page is within the mapping page's
latency budget when the ratio llm/mapping is at most 1.

    python -m bench.llm [--size 4096] [--repeat 3] [--gptq-size 1024] [--calibration 512] [--formats Q4_K,NF4]
                        [--presses 15] [--no-page]
"""
import argparse
import os

import numpy as np

from bench.timing import ALLOCATOR, median_seconds
from quantviz.llm.gptq import gptq
from quantviz.llm.registry import FORMATS


def time_formats(w, names, repeat):
    t_copy = median_seconds(lambda: np.copy(w), max(repeat, 10))
    print(f"\nweights {w.shape[0]} x {w.shape[1]} float32 ({w.nbytes / 2**20:.0f} MiB); "
          f"np.copy {t_copy * 1e3:.1f} ms")
    print(f"{'format':<15}{'bits/w':>8}{'quantize ms':>13}{'dequantize ms':>15}{'error ms':>10}"
          f"{'total ms':>10}{'x np.copy':>11}{'SQNR dB':>9}")
    for name in names:
        fmt = FORMATS[name]
        q = fmt.quantize(w)
        t_q = median_seconds(lambda: fmt.quantize(w), repeat)
        t_d = median_seconds(lambda: fmt.dequantize(q), repeat)
        w_hat = fmt.dequantize(q)
        t_e = median_seconds(lambda: sqnr_db(w, w_hat), repeat)
        total = t_q + t_d + t_e
        print(f"{name:<15}{fmt.bits_per_weight:>8.4f}{t_q * 1e3:>13.1f}{t_d * 1e3:>15.1f}{t_e * 1e3:>10.1f}"
              f"{total * 1e3:>10.1f}{total / t_copy:>11.1f}{sqnr_db(w, w_hat):>9.2f}")


def sqnr_db(w, w_hat):
    """The error a page shows, in float32 sums (as the core's error report does for large tensors)."""
    e = w_hat - w
    return 10 * np.log10(float(np.dot(w.ravel(), w.ravel())) / float(np.dot(e.ravel(), e.ravel())))


def time_gptq(size, calibration, names, repeat):
    rng = np.random.default_rng(1)
    w = (rng.standard_normal((size, size)) * 0.02).astype(np.float32)
    mix = np.eye(size, dtype=np.float32) + rng.standard_normal((size, size)).astype(np.float32) / np.sqrt(size)
    x = rng.standard_normal((calibration, size)).astype(np.float32) @ mix
    t_matmul = median_seconds(lambda: x @ w.T, max(repeat, 10))
    print(f"\nGPTQ: weights {size} x {size}, {calibration} calibration rows; "
          f"float32 matmul x @ w.T {t_matmul * 1e3:.1f} ms")
    print(f"{'format':<15}{'GPTQ ms':>10}{'x matmul':>10}{'RTN ms':>9}")
    for name in names:
        fmt = FORMATS[name]
        t = median_seconds(lambda: gptq(w, x, fmt.fitter(w), fmt.group_size), repeat)
        t_rtn = median_seconds(lambda: fmt.fake_quantize(w), repeat)
        print(f"{name:<15}{t * 1e3:>10.0f}{t / t_matmul:>10.1f}{t_rtn * 1e3:>9.1f}")


def time_page(presses: int) -> None:
    """Key presses on the LLM page's outlier-size slider, the mapping page's rmax slider and the
    minimal page's slider, interleaved in one run (``bench.latency``)."""
    import statistics

    from playwright.sync_api import sync_playwright

    from bench.latency import LLM_SLIDERS, SLIDERS, open_page, press
    from tests.e2e.e2e_helpers import CHROMIUM_ARGS, ROOT, free_port, start_streamlit
    ports = free_port(), free_port()
    servers = [start_streamlit(ROOT / "app.py", ports[0]), start_streamlit(ROOT / "bench" / "apps" / "minimal.py",
                                                                          ports[1])]
    root = f"http://127.0.0.1:{ports[0]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            path, slider, redrawn, _ = LLM_SLIDERS["oscale"]
            pages = {"minimal": open_page(browser, f"http://127.0.0.1:{ports[1]}/", "value"),
                     "mapping": open_page(browser, f"{root}mapping?n=1000000&calib=manual&bits=8", SLIDERS["rmax"],
                                          warmup=root),
                     "llm": open_page(browser, root + path, slider, warmup=root)}
            for name, page in pages.items():
                press(page, redrawn if name == "llm" else None)
            times = {name: [] for name in pages}
            for _ in range(presses):
                for name, page in pages.items():
                    times[name].append(press(page, redrawn if name == "llm" else None))
            browser.close()
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait(timeout=20)
    med = {name: statistics.median(t) for name, t in times.items()}
    print(f"\nthe LLM page in Chromium: {presses} presses each, interleaved; load average {os.getloadavg()[0]:.2f}")
    print("median ms: " + ", ".join(f"{name} {m * 1e3:.0f}" for name, m in med.items()))
    print(f"ratio llm/minimal {med['llm'] / med['minimal']:.2f}; ratio llm/mapping {med['llm'] / med['mapping']:.2f} "
          f"(within the mapping page's budget: <= 1)")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=4096)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gptq-size", type=int, default=1024)
    parser.add_argument("--calibration", type=int, default=512)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--presses", type=int, default=15)
    parser.add_argument("--no-page", action="store_true", help="do not time the page in Chromium")
    args = parser.parse_args()
    names = args.formats.split(",")
    print(f"memory allocator: {ALLOCATOR}; load average {os.getloadavg()[0]:.2f} "
          f"{os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (timings are noisy when it is above 1)")
    w = (np.random.default_rng(0).standard_t(5, (args.size, args.size)) * 0.02).astype(np.float32)
    time_formats(w, names, args.repeat)
    time_gptq(args.gptq_size, args.calibration, names, args.repeat)
    if not args.no_page:
        time_page(args.presses)
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
