"""`make serve`: two app processes behind HAProxy, spoken to as the browser's frontend does
(``bench/streamclient.py``). Tabs spread over both workers; an upload and the reruns after it
stay on the tab's worker; when one worker dies, the other's tabs keep working and new tabs
(with or without the dead worker's cookie) go to the survivor.

The tests share one ``make serve`` and run in file order: the last one kills a worker.
"""
import asyncio
import json
import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest

from bench.streamclient import Tab
from scripts.serve import free_port

ROOT = pathlib.Path(__file__).resolve().parents[2]

PAGE, QUERY = "int8", "src=test"
COOKIE = "QUANTVIZ_WORKER"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    run_dir = tmp_path_factory.mktemp("serve")
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--workers", "2",
                             "--port", str(free_port()), "--bind", "127.0.0.1", "--run-dir", str(run_dir),
                             "--no-restart"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while not (run_dir / "state.json").exists():
        assert proc.poll() is None and time.monotonic() < deadline, \
            f"make serve did not start: {[p.read_text()[-2000:] for p in run_dir.glob('*.log')]}"
        time.sleep(0.3)
    yield json.loads((run_dir / "state.json").read_text())
    proc.terminate()
    proc.wait(60)


async def open_tabs(url: str, n: int) -> list[Tab]:
    tabs = [Tab(url, PAGE, QUERY, timeout=90) for _ in range(n)]
    for tab in tabs:   # one after the other, as a class arrives
        await tab.open()
        assert not tab.errors, tab.errors
    return tabs


async def move(tab: Tab, times: int = 3) -> None:
    slider = tab.find_slider("Test image")
    for _ in range(times):
        widgets, fragment = tab.step_slider(slider, +1)
        await tab.rerun(widgets, fragment)
    assert not tab.errors, tab.errors


async def close(tabs: list[Tab]) -> None:
    await asyncio.gather(*(tab.close() for tab in tabs))


def tflite_file() -> bytes:
    from quantviz.nn import zoo
    from quantviz.nn.ptq import PTQConfig, quantize_model
    from quantviz.tflite.convert import export
    split = zoo.load_digits_split()
    qmodel = quantize_model(zoo.load_model("mlp"), zoo.to_input(split.calib.images[:20]), PTQConfig(n_calib=20))
    return export(qmodel)


def test_tabs_spread_over_both_workers_and_an_upload_stays_on_its_worker(served):
    data = tflite_file()

    async def scenario():
        tabs = await open_tabs(served["url"], 4)
        workers = [tab.cookies.get(COOKIE) for tab in tabs]
        assert set(workers) == {"w1", "w2"}, workers      # both workers hold tabs
        one_per_worker = {worker: tab for worker, tab in zip(workers, tabs)}
        for tab in one_per_worker.values():
            await tab.upload("tflite", "class.tflite", data)   # a PUT on its own connection, by cookie
            assert not tab.errors, tab.errors
            assert any("class.tflite" in text for text in tab.texts), tab.texts
            await move(tab)                                  # reruns of the fragment
            await tab.rerun(tab.widget_states())             # and of the whole page
            assert not tab.errors, tab.errors
            assert any("class.tflite" in text for text in tab.texts), "the upload is gone after reruns"
        # The cookie is what routes: the same upload sent with the other worker's cookie reaches
        # a worker that does not hold the session, and is refused there.
        tab = tabs[0]
        own = tab.cookies[COOKIE]
        tab.cookies[COOKIE] = "w2" if own == "w1" else "w1"
        status, body = tab.http("PUT", f"/_stcore/upload_file/{tab.session_id}/misrouted", b"",
                                {"X-Xsrftoken": tab.cookies["_streamlit_xsrf"]})
        tab.cookies[COOKIE] = own
        assert status == 400 and b"session" in body, (status, body)
        await close(tabs)
    asyncio.run(scenario())


def test_a_dead_worker_leaves_the_other_workers_tabs_working(served):
    async def scenario():
        tabs = await open_tabs(served["url"], 4)
        on = {name: [t for t in tabs if t.cookies.get(COOKIE) == name] for name in ("w1", "w2")}
        assert on["w1"] and on["w2"], {k: len(v) for k, v in on.items()}
        victim = next(w for w in served["workers"] if w["name"] == "w1")
        moving = [asyncio.create_task(move(tab, 6)) for tab in on["w2"]]   # the class goes on
        await asyncio.sleep(0.3)
        os.kill(victim["pid"], signal.SIGKILL)                              # mid-run
        await asyncio.gather(*moving)                                       # w2's tabs: no error
        for tab in on["w1"]:
            await asyncio.wait_for(tab._reader, 10)                         # w1's tabs lost their connection
            assert tab.closed
        newcomers = await open_tabs(served["url"], 3)
        assert {t.cookies.get(COOKIE) for t in newcomers} == {"w2"}
        stale = Tab(served["url"], PAGE, QUERY, timeout=90)
        stale.cookies[COOKIE] = "w1"                                        # a tab reopened after the crash
        await stale.open()
        assert not stale.errors and stale.cookies.get(COOKIE) == "w2"
        for tab in newcomers + [stale]:
            await move(tab)
        await close(tabs + newcomers + [stale])
    asyncio.run(scenario())
