"""The section printed at the end of a run: how many comparisons each framework's conformance
tests made (added up over pytest-xdist's worker processes when the run is spread over them)."""


def write_comparisons(terminalreporter, counts: dict, scale: int) -> None:
    counts = {framework: count for framework, count in sorted(counts.items()) if count}
    if not counts:
        return
    terminalreporter.section("conformance: comparisons with the real libraries")
    for framework, count in counts.items():
        terminalreporter.write_line(f"{framework}: {count:,} (QUANTVIZ_CONFORMANCE_SCALE={scale})")
