"""How the app's process uses Python's garbage collector.

Streamlit runs ``gc.collect(2)`` after every script run (``runner.postScriptGC``): a full pass
over every tracked object of the process, about 170,000 here (streamlit, plotly, pandas and the
app), 60-85 ms on these machines, for every slider move of every user, and all of it on the
one core that the process's lock allows. Almost all of those objects live as long as the
process (modules, classes, plotly's validators), so the app

- turns that collection off (``postScriptGC = false`` in ``.streamlit/config.toml``), and
- once per process, at the end of its first run (the first page has been drawn), imports every
  page's modules, collects, and moves what survives to the permanent generation
  (``gc.freeze()``): later collections, which Python still runs by its own thresholds (left at
  their defaults), scan only what was made after that, a few thousand objects: about 0.5 ms of
  young collections per run and 4 ms for a full one, against 60-85 ms before.

Memory stays bounded: a closed session's objects are freed by reference counting, and its
cycles by those ordinary collections: ``bench/load.py --scenario soak`` (1,800 slider moves in
rounds of 60 tabs) ends within 2 % of the memory it started with.
"""
from __future__ import annotations

import gc
import importlib
import pkgutil
import threading

PACKAGES = ("quantviz.app", "quantviz.figures", "quantviz.nn")
_lock = threading.Lock()
_frozen = False


def import_pages() -> int:
    """Import every module of the app's packages and their subpackages (what any page may need);
    their number."""
    count = 0
    for name in PACKAGES:
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, name + "."):
            importlib.import_module(module.name)
            count += 1
    return count


def freeze_long_lived() -> bool:
    """On the process's first call: import the pages' modules, collect, freeze what is left.
    True when this call froze (later calls, from any session's thread, do nothing)."""
    global _frozen
    with _lock:
        if _frozen:
            return False
        import_pages()
        gc.collect()
        gc.freeze()
        _frozen = True
        return True
