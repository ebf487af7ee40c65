"""Print how many comparisons each framework's conformance tests made."""
from conformance_check import COUNTS, SCALE


def pytest_terminal_summary(terminalreporter):
    counts = {framework: count for framework, count in sorted(COUNTS.items()) if count}
    if not counts:
        return
    terminalreporter.section("conformance: comparisons with the real libraries")
    for framework, count in counts.items():
        terminalreporter.write_line(f"{framework}: {count:,} (QUANTVIZ_CONFORMANCE_SCALE={SCALE})")
