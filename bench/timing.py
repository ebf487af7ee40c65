"""Shared by the benchmarks: the project root on sys.path, the app's memory allocator settings
(``quantviz.allocator``: the benchmarks time what the app runs), and a median of repeated
timings."""
import pathlib
import sys
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from quantviz.allocator import keep_freed_memory  # noqa: E402

ALLOCATOR = "freed memory kept for reuse" if keep_freed_memory() else "the C library's default"


def median_seconds(fn, repeat: int) -> float:
    """Median wall time of ``repeat`` calls of ``fn`` (seconds)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times))
