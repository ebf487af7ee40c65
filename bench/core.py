"""quantize + dequantize + error_report on 1M float32 values, against np.copy in the same run.

    python -m bench.core [--n 1000000] [--repeat 30]
"""
import argparse

import numpy as np

from bench.timing import ALLOCATOR, median_seconds
from quantviz import choose_qparams, dequantize, error_report, quantize


def naive_chain(x, qp):
    """The straightforward version: float64 temporaries and a sort-based np.unique."""
    s, z = qp.scale, qp.zero_point
    q = np.clip(np.round(x / s) + z, qp.qmin, qp.qmax).astype(np.int64)
    x_hat = (s * (q - z)).astype(np.float32)
    q2 = np.clip(np.round(x / s) + z, qp.qmin, qp.qmax).astype(np.int64)
    e = (s * (q2 - z)).astype(np.float32) - x
    mse = np.mean(e.astype(np.float64) ** 2)
    return x_hat, mse, np.max(np.abs(e)), np.mean((x < qp.rmin) | (x > qp.rmax)), len(np.unique(q2))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    x = np.random.default_rng(0).standard_normal(args.n).astype(np.float32)
    t_copy = median_seconds(lambda: np.copy(x), args.repeat)
    print(f"memory allocator: {ALLOCATOR}")
    print(f"{'step':<34}{'median ms':>10}{'x np.copy':>11}")
    print(f"{'np.copy':<34}{t_copy * 1e3:>10.3f}{1.0:>11.1f}")
    qp0 = choose_qparams(float(x.min()), float(x.max()), bits=8)
    t_naive = median_seconds(lambda: naive_chain(x, qp0), max(3, args.repeat // 5))
    print(f"{'naive numpy chain (for scale)':<34}{t_naive * 1e3:>10.3f}{t_naive / t_copy:>11.1f}")
    for scheme in ("exact", "pytorch", "onnxruntime", "tflite"):
        qp = choose_qparams(float(x.min()), float(x.max()), bits=8, scheme=scheme)
        q = quantize(x, qp)
        steps = {
            "quantize": lambda: quantize(x, qp),
            "dequantize": lambda: dequantize(q, qp),
            "error_report": lambda: error_report(x, qp),
        }
        total = 0.0
        for name, fn in steps.items():
            t = median_seconds(fn, args.repeat)
            total += t
            print(f"{scheme + ' ' + name:<34}{t * 1e3:>10.3f}{t / t_copy:>11.1f}")
        print(f"{scheme + ' all three':<34}{total * 1e3:>10.3f}{total / t_copy:>11.1f}"
              f"   (target <= 12x)")


if __name__ == "__main__":
    main()
