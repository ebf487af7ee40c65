"""Whole-network inference on the 359 test images: float32 numpy, int8 numpy (vectorized), LiteRT.

    python -m bench.inference [--repeat 30]

For each bundled model (mlp, cnn) prints the median and best time of one batch of 359 images:
the float32 forward, the vectorized integer-only forward (input quantization included), and the
exported .tflite file in LiteRT (reference and optimized kernels; interpreter built once, one
invoke timed). The target is int8 / float32 <= 2 (numpy has no integer BLAS). Both numpy paths
run their matrix products in BLAS, here on one thread (``OPENBLAS_NUM_THREADS``, unless set):
on a busy 2-core machine several BLAS threads make single timings swing by 10x.
"""
import argparse
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")   # before numpy is imported
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

from bench.timing import ALLOCATOR  # the app's memory allocator settings, set on import
from quantviz.nn import forward, zoo
from quantviz.nn.intinfer import forward_int
from quantviz.nn.ptq import PTQConfig, quantize_model
from quantviz.tflite import litert
from quantviz.tflite.convert import export


def interleaved(fns: dict, repeat: int, run: int = 10) -> dict:
    """``{label: (median, best)}`` wall times of single calls. The functions take turns, ``run``
    consecutive calls each, so that a change of machine load touches them alike (the ratios are
    what matter) while each call finds its own data in the caches, as in a real loop. The first
    turn is a warm-up (numpy's allocator and the caches settle)."""
    run = min(run, repeat)
    times = {label: [] for label in fns}
    for turn in range(-(-repeat // run) + 1):  # ceil(repeat / run) timed turns after the warm-up
        for label, fn in fns.items():
            for _ in range(run):
                start = time.perf_counter()
                fn()
                if turn:
                    times[label].append(time.perf_counter() - start)
    return {label: (float(np.median(t)), float(np.min(t))) for label, t in times.items()}


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("give at least one run")
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=positive_int, default=200)
    args = parser.parse_args()
    split = zoo.load_digits_split()
    calib, test = zoo.to_input(split.calib.images), zoo.to_input(split.test.images)
    print(f"one batch of {len(test)} test images; median and best of {args.repeat} interleaved runs; "
          f"BLAS threads: {os.environ['OPENBLAS_NUM_THREADS']}")
    print(f"{'model':<6}{'path':<34}{'median ms':>11}{'best ms':>10}{'/ float32 (median)':>20}{'(best)':>12}")
    for name in ("mlp", "cnn"):
        model = zoo.load_model(name)
        qmodel = quantize_model(model, calib, PTQConfig())
        fns = {"float32 numpy forward": lambda: forward(model, test),
               "int8 numpy, vectorized": lambda: forward_int(qmodel, test)}
        data = export(qmodel)
        if litert.available():
            for resolver in ("reference", "optimized"):
                fns[f"LiteRT {resolver} kernels"] = litert.invoker(data, test, resolver)
        times = interleaved(fns, args.repeat)
        t_float, b_float = times["float32 numpy forward"]
        for label, (median, best) in times.items():
            print(f"{name:<6}{label:<34}{median * 1e3:>11.3f}{best * 1e3:>10.3f}"
                  f"{median / t_float:>20.2f}{best / b_float:>12.2f}")
    print(f"target: int8 numpy / float32 numpy <= 2   (memory allocator: {ALLOCATOR})")


if __name__ == "__main__":
    main()
