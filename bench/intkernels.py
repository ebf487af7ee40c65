"""Integer-only fully connected layer: vectorized kernel against the plain-loop reference.

    python -m bench.intkernels [--batch 359] [--inner 64] [--out 128] [--repeat 20]

Prints the median time of each kernel, their ratio, and checks the outputs are identical.
"""
import argparse
import time

import numpy as np

import bench.timing  # noqa: F401  (the app's memory allocator settings)
from quantviz.intarith.intkernels import fc_multipliers, fully_connected, fully_connected_reference


def seconds(fn, repeat):
    """(median, best) wall time of ``repeat`` calls: the best is the least disturbed by other load."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), float(np.min(times))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batch", type=int, default=359)
    parser.add_argument("--inner", type=int, default=64)
    parser.add_argument("--out", type=int, default=128)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    q_in = rng.integers(-128, 128, (args.batch, args.inner)).astype(np.int8)
    q_w = rng.integers(-127, 128, (args.out, args.inner)).astype(np.int8)
    bias = rng.integers(-5000, 5000, args.out).astype(np.int32)
    print(f"FullyConnected ({args.batch}, {args.inner}) x ({args.out}, {args.inner})^T, int8 -> int8")
    print(f"{'kernel':<40}{'median ms':>11}{'best ms':>10}{'loop / vectorized (median)':>28}")
    for per_channel in (False, True):
        s_w = rng.uniform(0.001, 0.01, args.out) if per_channel else 0.004
        _, m0, shift = fc_multipliers(0.02, s_w, 0.5)
        kw = dict(zp_in=-7, M0=m0, shift=shift, zp_out=3)
        fast = fully_connected(q_in, q_w, bias, **kw)
        slow_start = time.perf_counter()
        slow = fully_connected_reference(q_in, q_w, bias, **kw)
        t_loop = time.perf_counter() - slow_start  # once: it takes seconds
        assert np.array_equal(fast, slow), "the kernels disagree"
        t_vec, t_best = seconds(lambda: fully_connected(q_in, q_w, bias, **kw), args.repeat)
        label = "per-channel" if per_channel else "per-tensor"
        print(f"{'vectorized, ' + label:<40}{t_vec * 1e3:>11.3f}{t_best * 1e3:>10.3f}")
        print(f"{'plain loop, ' + label + ' (one run)':<40}{t_loop * 1e3:>11.0f}{'':>10}{t_loop / t_vec:>28.0f}")
    print("outputs identical: yes")


if __name__ == "__main__":
    main()
