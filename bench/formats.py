"""The number-formats and beyond-int8 pages and the low-bit library, timed (median of --repeat runs).

    python -m bench.formats [--n 1000000] [--repeat 9]

Prints: each page's first render (empty cache, fresh AppTest) and a rerun; one value encoded in
all 8 formats; float casts and low-bit quantizers on n weights, against np.copy; the packed
XNOR/popcount product against the float product of the same ±1 matrices.
"""
import argparse

import numpy as np

from bench.timing import median_seconds, page_render
from quantviz.encode import FORMATS, encode
from quantviz.lowbit import METHODS, approximate, binary_matmul


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    pages = (("formats", "views/formats.py", "typing a value",
              lambda at: at.text_input(key="value").input("1e40").run()),
             ("beyond-int8", "views/lowbit.py", "a new method",
              lambda at: at.selectbox(key="method").set_value("xnor").run()))
    for name, path, what, interact in pages:
        first, rerun = page_render(path, interact)
        print(f"{name + ' page, first render (AppTest)':<44}{first * 1e3:>10.1f} ms   (target < 2000)")
        print(f"{name + ' page, rerun after ' + what:<44}{rerun * 1e3:>10.1f} ms")
    t = median_seconds(lambda: [encode(0.1, f, 0.01, 0, s) for f in FORMATS for s in (True, False)], args.repeat)
    print(f"{'one value, 8 formats x 2 casts':<44}{t * 1e3:>10.3f} ms")

    w = np.random.default_rng(0).laplace(scale=0.05, size=(args.n // 1000, 1000)).astype(np.float32)
    t_copy = median_seconds(lambda: np.copy(w), args.repeat)
    print(f"\n{w.size} Laplace weights {w.shape}{'median ms':>17}{'x np.copy':>11}")
    for method in METHODS:
        t = median_seconds(lambda m=method: approximate(w, m), args.repeat)
        print(f"{'approximate ' + method:<44}{t * 1e3:>10.2f}{t / t_copy:>11.1f}")

    rng = np.random.default_rng(1)
    a, b = rng.choice([-1.0, 1.0], (256, 1024)), rng.choice([-1.0, 1.0], (256, 1024))
    t_float = median_seconds(lambda: a @ b.T, args.repeat)
    t_packed = median_seconds(lambda: binary_matmul(a, b), args.repeat)
    same = np.array_equal(binary_matmul(a, b), (a @ b.T).astype(np.int64))
    print(f"\n±1 matrices 256x1024 @ (256x1024).T{'median ms':>17}{'x float':>11}")
    print(f"{'float64 matmul (BLAS)':<44}{t_float * 1e3:>10.2f}{1.0:>11.1f}")
    print(f"{'packed XNOR + popcount (numpy)':<44}{t_packed * 1e3:>10.2f}{t_packed / t_float:>11.1f}"
          f"   equal: {same}")
    print("(packed operands take 1 bit per value, 64x less than float64; numpy has no fused"
          " XNOR-popcount kernel, so the time ratio depends on the machine and its BLAS)")


if __name__ == "__main__":
    main()
