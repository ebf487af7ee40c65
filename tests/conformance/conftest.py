"""Print how many comparisons each framework's conformance tests made."""
from conformance_check import COUNTS, SCALE

from tests.conformance.summary import write_comparisons


def pytest_sessionfinish(session):
    """A pytest-xdist worker hands its counts to the controller (tests/conftest.py adds them up)."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["conformance"] = {"counts": dict(COUNTS), "scale": SCALE}


def pytest_terminal_summary(terminalreporter):
    write_comparisons(terminalreporter, COUNTS, SCALE)
