"""A run spread over pytest-xdist's worker processes (`make test`: ``-n 2``) prints the conformance
tests' comparisons too: each worker sends its counts when it finishes, the controller adds them up."""
import collections

from tests.conformance.summary import write_comparisons


class ComparisonsFromWorkers:
    def __init__(self):
        self.counts: collections.Counter = collections.Counter()
        self.scale = None

    def pytest_testnodedown(self, node, error):
        sent = getattr(node, "workeroutput", {}).get("conformance")
        if sent:
            self.counts.update(sent["counts"])
            self.scale = sent["scale"]

    def pytest_terminal_summary(self, terminalreporter):
        write_comparisons(terminalreporter, self.counts, self.scale)


def pytest_configure(config):
    if config.pluginmanager.hasplugin("xdist") and not hasattr(config, "workerinput"):
        config.pluginmanager.register(ComparisonsFromWorkers(), "conformance-comparisons-from-workers")
