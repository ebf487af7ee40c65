"""The app's garbage-collection policy (quantviz/app/shell/gc_policy.py): no full collection after
every script run, and the long-lived objects frozen once per process."""
import pathlib
import subprocess
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_streamlit_does_not_collect_after_every_run():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False


def test_first_call_imports_the_pages_and_freezes_once():
    script = """
import gc, sys
from quantviz.app.shell.gc_policy import freeze_long_lived, import_pages
before = gc.get_freeze_count()
assert freeze_long_lived() is True
frozen = gc.get_freeze_count()
assert freeze_long_lived() is False and gc.get_freeze_count() == frozen
assert "quantviz.app.int8.sections" in sys.modules and "quantviz.figures.mapping.main" in sys.modules
print(before, frozen, len(gc.get_objects()))
"""
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    before, frozen, left = map(int, out.stdout.split())
    assert before == 0 and frozen > 50_000          # streamlit, plotly, pandas and the app
    assert left < frozen / 10                        # what a later collection still scans
