"""The width sweep: the script reproduces the stored results; tables and progress."""
import json
import pathlib
import subprocess
import sys

import numpy as np
import pytest

from quantviz.nn import widthsweep, zoo

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_script_reproduces_the_stored_results(tmp_path):
    out = tmp_path / "sweep.json"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "width_sweep.py"), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_text() == widthsweep.RESULTS.read_text()
    assert "77 evaluations" in done.stdout
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "width_sweep.py"), "--check", "--out", str(out)],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and "identical" in check.stdout


def test_check_reports_a_different_file(tmp_path):
    stored = widthsweep.load()
    stored["models"][0]["float"] += 1
    wrong = tmp_path / "wrong.json"
    widthsweep.save(stored, wrong)
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "width_sweep.py"), "--check", "--out", str(wrong)],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 1 and "DIFFERENT" in check.stdout


def test_stored_results_match_the_models():
    results = widthsweep.load()
    assert [m["width"] for m in results["models"]] == list(zoo.WIDTHS)
    for m in results["models"]:
        model = zoo.load_model(m["name"])
        assert m["float"] == round(model.meta["test_accuracy"] * results["test_images"])
        assert m["parameters"] == sum(t.size for t in model.tensors().values())
    assert results["bits"] == [8, 6, 4, 3, 2] and results["test_images"] == 359


def test_table_gaps_are_float_minus_quantized():
    results = {"format": 1, "bits": [8, 2], "modes": ["weights_activations", "weights"], "test_images": 200,
               "calibration_images": 10,
               "models": [{"width": 4, "name": "a", "parameters": 1, "float": 150,
                           "weights_activations": [150, 20], "weights": [151, 40]}]}
    t = widthsweep.table(results)
    assert t["float"].tolist() == [75.0]
    assert t["weights_activations.gap"].tolist() == [[0.0, 65.0]]
    assert t["weights.gap"].tolist() == [[-0.5, 55.0]]
    assert json.loads(widthsweep.dumps(results)) == results


def test_progress_is_reported_after_every_measurement():
    calls = []
    results = widthsweep.sweep(widths=(8,), bits=(8, 2), progress=lambda done, total: calls.append((done, total)))
    assert calls == [(i, 5) for i in range(1, 6)] and widthsweep.evaluations((8,), (8, 2)) == 5
    stored = widthsweep.load()["models"][1]
    assert results["models"][0]["weights_activations"] == [stored["weights_activations"][0],
                                                           stored["weights_activations"][4]]


def test_load_refuses_a_file_of_another_kind(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": 99}))
    with pytest.raises(ValueError, match="width_sweep.py"):
        widthsweep.load(bad)


def test_wider_models_lose_less_at_four_bits():
    """What the page claims, checked on the stored numbers: the 4-bit gap of the narrowest model
    is far larger than that of any model of width 64 or more, and 2 bits collapse at every width."""
    t = widthsweep.table(widthsweep.load())
    gap4 = t["weights_activations.gap"][:, 2]
    assert gap4[0] > 10 * np.max(gap4[t["widths"] >= 64])
    assert np.all(t["weights_activations.gap"][:, 4] > 40)
