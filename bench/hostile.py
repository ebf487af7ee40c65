"""Every hostile weight file of ``tests/hostile.py``, read in a capped child process: its outcome,
CPU and wall time, and the peak memory above what the process held before reading.

    python -m bench.hostile [--markdown]

Each child may add 1 GiB of address space to the interpreter's (``RLIMIT_AS``) and use a few
seconds of CPU (``RLIMIT_CPU``); ``tests/core/test_hostile_files.py`` asserts the outcomes and
the memory, this prints the figures (times vary with the machine's load, printed first).
"""
import argparse
import os
import tempfile
from pathlib import Path

from tests.bounded import Bounded
from tests.hostile import CASES, INSPECT


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--markdown", action="store_true", help="a Markdown table (message included)")
    args = parser.parse_args()
    print("load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    rows = []
    with tempfile.TemporaryDirectory() as folder, Bounded() as bounded:
        jobs = [(name, filename, build, expected, "read") for name, (filename, build, expected) in CASES.items()]
        jobs += [(f"inspector: {name}", "m.tflite", build, expected, "inspect")
                 for name, (build, expected) in INSPECT.items()]
        for name, filename, build, expected, mode in jobs:
            data = build()
            path = Path(folder) / filename
            path.write_bytes(data)
            r = bounded.run(path, filename, mode)
            ok = "ok" if r["outcome"] == expected else f"EXPECTED {expected}"
            rows.append((name, len(data), r, ok))
    if args.markdown:
        print("| case | file size | outcome | CPU ms | wall ms | extra MiB | message |")
        print("|---|---:|---|---:|---:|---:|---|")
        for name, size, r, ok in rows:
            outcome = r["outcome"] + ("" if ok == "ok" else f" ({ok})")
            print(f"| {name} | {size:,} | {outcome} | {1e3 * r.get('cpu_seconds', 0):.1f} | "
                  f"{1e3 * r.get('wall_seconds', 0):.1f} | {r.get('extra_mib', 0):.1f} | {r['message'][:160]} |")
        return
    print(f"{'case':<52}{'bytes':>12}  {'outcome':<18}{'CPU ms':>9}{'wall ms':>9}{'MiB':>8}")
    for name, size, r, ok in rows:
        print(f"{name[:51]:<52}{size:>12,}  {r['outcome'][:17]:<18}{1e3 * r.get('cpu_seconds', 0):>9.1f}"
              f"{1e3 * r.get('wall_seconds', 0):>9.1f}{r.get('extra_mib', 0):>8.1f}  {'' if ok == 'ok' else ok}")
    worst = max((r.get("wall_seconds", 0) for _, _, r, _ in rows if r["outcome"] != "loaded"), default=0)
    print(f"\nslowest refusal: {1e3 * worst:.1f} ms; most memory for a refusal: "
          f"{max((r.get('extra_mib', 0) for _, _, r, _ in rows if r['outcome'] != 'loaded'), default=0):.1f} MiB")


if __name__ == "__main__":
    main()
