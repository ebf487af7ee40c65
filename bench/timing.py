"""Shared by the benchmarks (run from the project root as ``python -m bench.<name>``): the project
root, the app's memory allocator settings (``quantviz.allocator``: the benchmarks time what the
app runs), a median of repeated timings, and a page's render time in AppTest."""
import pathlib
import time

import numpy as np

from quantviz.allocator import keep_freed_memory

ROOT = pathlib.Path(__file__).resolve().parents[1]

ALLOCATOR = "freed memory kept for reuse" if keep_freed_memory() else "the C library's default"


def median_seconds(fn, repeat: int) -> float:
    """Median wall time of ``repeat`` calls of ``fn`` (seconds)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def page_render(path, interact):
    """First render of a page in a fresh AppTest (empty caches), then one interaction's rerun."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(path)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    assert not at.exception, at.exception
    start = time.perf_counter()
    interact(at)
    rerun = time.perf_counter() - start
    assert not at.exception, at.exception
    return first, rerun
