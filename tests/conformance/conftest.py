"""Print how many comparisons each framework's conformance tests made."""
from conformance_check import COUNTS, SCALE


def pytest_terminal_summary(terminalreporter):
    if not COUNTS:
        return
    terminalreporter.section("conformance: comparisons with the real libraries")
    for framework, count in sorted(COUNTS.items()):
        terminalreporter.write_line(f"{framework}: {count:,} (QUANTVIZ_CONFORMANCE_SCALE={SCALE})")
