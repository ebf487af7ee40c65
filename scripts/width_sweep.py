"""Precompute the "Why it works" page's results into assets/width_sweep.json.

    python scripts/width_sweep.py            # rewrite assets/width_sweep.json
    python scripts/width_sweep.py --check    # recompute and compare with the stored file (exit 1 if different)
    python scripts/width_sweep.py --out F    # write somewhere else

Each MLP of the width family, quantized post-training to 8, 6, 4, 3 and 2 bits (weights per
channel; activations per tensor, calibrated min-max), tested on the 359 test digits; see
quantviz/nn/widthsweep.py. Deterministic: the same models give the same file.
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import time

from quantviz.nn import widthsweep

ROOT = pathlib.Path(__file__).resolve().parents[1]


def report(results: dict) -> str:
    """Plain-text tables: float accuracy and the gap at each bit width, for each mode."""
    t = widthsweep.table(results)
    lines = []
    for mode in results["modes"]:
        lines.append(f"accuracy lost (percentage points), {mode.replace('_', ' + ')} quantized")
        lines.append(f"{'width':>6}{'params':>8}{'float %':>9}" + "".join(f"{b:>6}b" for b in results["bits"]))
        for i, width in enumerate(t["widths"]):
            gaps = "".join(f"{g:7.2f}" for g in t[f"{mode}.gap"][i])
            lines.append(f"{width:>6}{t['parameters'][i]:>8}{t['float'][i]:9.2f}{gaps}")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=pathlib.Path, default=widthsweep.RESULTS)
    parser.add_argument("--check", action="store_true", help="compare with the stored file instead of writing")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    results = widthsweep.sweep()
    seconds = time.perf_counter() - start
    print(report(results))
    print(f"{widthsweep.evaluations()} evaluations in {seconds:.2f} s")
    if args.check:
        same = args.out.read_text() == widthsweep.dumps(results)
        print(f"{args.out}: {'identical' if same else 'DIFFERENT'}")
        return 0 if same else 1
    widthsweep.save(results, args.out)
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
