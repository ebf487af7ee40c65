"""A class on the app: N concurrent tabs, without browsers, through `make serve` (HAProxy and one
app process per core), as the app's frontend speaks to the server (``bench/streamclient.py``).

Each tab loads its page, then moves a slider by one step every ``--think`` seconds on average
(uniform 0.5x..1.5x), ``--interactions`` times; an interaction is timed from sending the rerun
to the server's ``script_finished``. Tabs stay open until every tab is done (a class keeps its
tabs open), then close. Printed: p50 / p95 / max of the interactions and the page loads,
errors, the server's CPU per interaction, and the resident memory (RSS) of the app processes:
before the load, during it (peak and with every tab open, per open tab) and after the tabs
have closed and the workers have dropped their sessions.

Scenarios (``make bench`` runs ``mapping``, ``int8`` and ``embed``):

- ``mapping``: 30 tabs on the mapping page (1M values, manual range), any slider;
- ``int8``: 30 tabs on the int8 page moving the test-image slider;
- ``embed``: 100 readers of a blog post opening the mapping page's embed within 20 s;
- ``soak``: rounds of 30 tabs on mapping then 30 on int8, and the memory after each round.

``--validate`` checks once that a tab here costs the server what a browser's tab costs: it times
a real Chromium's key presses on the mapping page's slider and this client's moves of the same
slider on a fresh server, and prints the server's CPU per interaction of both.

    python -m bench.load [--scenario mapping|int8|embed|soak|all] [--workers N]
                         [--url http://127.0.0.1:PORT --state serve/state.json] [--sessions 30] ...
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import pathlib
import random
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from bench.streamclient import Tab
from scripts.serve import free_port

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent

SCENARIOS = {   # name: page, query, slider (label part; None: any), tabs, interactions, embedded
    "mapping": ("mapping", "n=1000000&calib=manual", None, 30, 10, False),
    "int8": ("int8", "src=test", "Test image", 30, 10, False),
    "embed": ("mapping", "n=1000000&calib=manual&embed=true", None, 100, 0, True),
}
TARGETS = {"mapping": 0.5, "int8": 1.0, "embed": 0.3}   # p95 seconds (README, "Serving a class")


def percentile(values: list, q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


class Server:
    """The app processes behind the balancer: their memory and CPU, read from /proc."""

    def __init__(self, url: str, workers: list[dict]):
        self.url, self.workers = url, workers

    @classmethod
    def from_state(cls, path: pathlib.Path) -> Server:
        state = json.loads(path.read_text())
        return cls(state["url"], state["workers"])

    def _proc(self, pid: int, name: str) -> str:
        try:
            return pathlib.Path(f"/proc/{pid}/{name}").read_text()
        except OSError:
            return ""

    def rss_mb(self, field: str = "VmRSS") -> float:
        """Resident memory of the workers, MB (``RssAnon``: their heaps only, which the kernel
        cannot drop under memory pressure as it drops mapped files)."""
        total = 0
        for w in self.workers:
            for line in self._proc(w["pid"], "status").splitlines():
                if line.startswith(field + ":"):
                    total += int(line.split()[1])
        return total / 1024

    def cpu_s(self) -> float:
        total = 0
        for w in self.workers:
            fields = self._proc(w["pid"], "stat").rsplit(")", 1)[-1].split()
            if len(fields) > 12:
                total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")


def start_serve(workers: int, extra: list[str]) -> tuple[subprocess.Popen, Server]:
    """``scripts/serve.py`` (what ``make serve`` runs) on a free loopback port."""
    run_dir = pathlib.Path(tempfile.mkdtemp(prefix="quantviz-serve-"))
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--workers", str(workers),
                             "--port", str(port), "--bind", "127.0.0.1", "--run-dir", str(run_dir), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while not (run_dir / "state.json").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise SystemExit(f"make serve did not start; logs in {run_dir}")
        time.sleep(0.3)
    return proc, Server.from_state(run_dir / "state.json")


def stop_serve(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(40)
    except subprocess.TimeoutExpired:
        proc.kill()


async def warm_up(server: Server, page: str, query: str, embedded: bool) -> None:
    """Each worker runs the page once, directly (a teacher opening the link first)."""
    for w in server.workers:
        tab = Tab(f"http://127.0.0.1:{w['port']}", page, query, embedded)
        try:
            await tab.open()
        finally:
            await tab.close()


class Run:
    """What one scenario measured."""

    def __init__(self):
        self.loads, self.moves, self.errors, self.workers = [], [], [], {}
        self.done = 0


async def one_tab(i: int, a, run: Run, start: float, all_done: asyncio.Event, page, query, slider, moves, embedded):
    rng = random.Random(1000 * a.seed + i)
    await asyncio.sleep(max(0.0, start + a.ramp * i / max(1, a.sessions - 1) - time.monotonic()))
    tab = Tab(a.url, page, query, embedded, a.timeout)
    try:
        seconds = await tab.open()
        worker = tab.cookies.get("QUANTVIZ_WORKER", "-")      # the balancer's sticky cookie
        run.workers[worker] = run.workers.get(worker, 0) + 1
        if tab.errors:
            run.errors += [f"tab {i} load: {e}" for e in tab.errors]
            return
        run.loads.append(seconds)
        for k in range(moves):
            await asyncio.sleep(rng.uniform(0.5, 1.5) * a.think)
            choices = [tab.find_slider(slider)] if slider else list(tab.sliders.values())
            widgets, fragment = tab.step_slider(rng.choice(choices), rng.choice((-1, 1)))
            before = len(tab.errors)
            seconds = await tab.rerun(widgets, fragment)
            if len(tab.errors) > before:
                run.errors += [f"tab {i} move {k}: {e}" for e in tab.errors[before:]]
                if tab.closed:
                    return
            else:
                run.moves.append(seconds)
    except Exception as e:  # noqa: BLE001 - a failed tab is an error of the run, not of the tool
        run.errors.append(f"tab {i}: {type(e).__name__}: {e}")
    finally:
        run.done += 1
        if not embedded:
            await all_done.wait()
        await tab.close()


async def scenario(a, server: Server, name: str) -> dict:
    page, query, slider, tabs, moves, embedded = SCENARIOS[name]
    a.sessions = a.sessions_override or tabs
    a.ramp = a.ramp_override if a.ramp_override is not None else (20.0 if embedded else 5.0)
    moves = moves if a.interactions is None else a.interactions
    await warm_up(server, page, query, embedded)
    await asyncio.sleep(1.0)
    run, rss, load = Run(), {"start": server.rss_mb()}, os.getloadavg()[0]
    anon = {"start": server.rss_mb("RssAnon")}
    cpu0, wall0 = server.cpu_s(), time.monotonic()
    all_done = asyncio.Event()
    start = time.monotonic() + 0.1
    tasks = [asyncio.create_task(one_tab(i, a, run, start, all_done, page, query, slider, moves, embedded))
             for i in range(a.sessions)]
    peak = rss["start"]
    while run.done < a.sessions and time.monotonic() - wall0 < a.seconds:
        await asyncio.sleep(0.25)
        peak = max(peak, server.rss_mb())
    cpu, wall, load = server.cpu_s() - cpu0, time.monotonic() - wall0, (load, os.getloadavg()[0])
    rss["peak"], rss["open"], anon["open"] = peak, server.rss_mb(), server.rss_mb("RssAnon")
    all_done.set()
    await asyncio.wait(tasks, timeout=30)
    rss["closed"] = await rss_after_close(a, server, page, query)
    anon["closed"] = server.rss_mb("RssAnon")
    timed = run.loads if embedded else run.moves
    return {"name": name, "page": page, "query": query, "tabs": a.sessions, "moves": moves, "run": run,
            "rss": rss, "anon": anon, "cpu": cpu, "wall": wall, "timed": timed, "embedded": embedded, "load": load}


async def rss_after_close(a, server: Server, page: str, query: str) -> float:
    """RSS once the workers have dropped the closed tabs' sessions (kept ``--session-ttl``
    seconds for a reconnect, dropped when a worker next looks: one more tab of the same page
    opens and closes)."""
    await asyncio.sleep(a.session_ttl + 2)
    for w in server.workers:
        tab = Tab(f"http://127.0.0.1:{w['port']}", page, query)
        try:
            await tab.open()
        finally:
            await tab.close()
    await asyncio.sleep(2)
    return server.rss_mb()


def report(r: dict) -> None:
    run, rss, timed = r["run"], r["rss"], r["timed"]
    what = "page loads (embed)" if r["embedded"] else "slider moves"
    per_tab = (rss["open"] - rss["start"]) / max(1, r["tabs"])
    interactions = len(run.moves) + len(run.loads)
    print(f"== {r['name']}: {r['tabs']} tabs on /{r['page']}?{r['query']}"
          + ("" if r["embedded"] else f", {r['moves']} moves each") + f"; tabs per worker {run.workers}")
    print(f"{what}: n {len(timed)}, p50 {percentile(timed, .5):.3f} s, p95 {percentile(timed, .95):.3f} s, "
          f"max {max(timed or [math.nan]):.3f} s   (target p95 <= {TARGETS.get(r['name'], math.nan)} s)")
    if not r["embedded"]:
        print(f"page loads: p50 {percentile(run.loads, .5):.3f} s, p95 {percentile(run.loads, .95):.3f} s")
    print(f"errors {len(run.errors)}" + "".join(f"\n  {e}" for e in run.errors[:8]))
    print(f"server CPU {r['cpu']:.1f} s over {r['wall']:.1f} s ({1e3 * r['cpu'] / max(1, interactions):.0f} ms per "
          f"load or move); load average (1 min) {r['load'][0]:.2f} at the start, {r['load'][1]:.2f} at the end")
    print(f"server RSS MB: start {rss['start']:.0f}, peak {rss['peak']:.0f}, all tabs open {rss['open']:.0f} "
          f"({per_tab:.1f} MB per open tab; target <= 5), after close {rss['closed']:.0f} "
          f"({100 * (rss['closed'] / rss['start'] - 1):+.1f} % of start)")
    anon = r["anon"]
    print(f"  of which heap (RssAnon) MB: start {anon['start']:.0f}, all tabs open {anon['open']:.0f} "
          f"({(anon['open'] - anon['start']) / max(1, r['tabs']):.1f} MB per open tab), after close "
          f"{anon['closed']:.0f} ({100 * (anon['closed'] / anon['start'] - 1):+.1f} % of start)", flush=True)


async def soak(a, server: Server) -> None:
    """Rounds of 30 tabs on mapping, then 30 on int8 (10 moves each); memory after each round
    against the memory once both pages have run on every worker."""
    for name in ("mapping", "int8"):
        page, query, _, _, _, embedded = SCENARIOS[name]
        await warm_up(server, page, query, embedded)
    await asyncio.sleep(2.0)
    first, first_anon = server.rss_mb(), server.rss_mb("RssAnon")
    print(f"-- soak: RSS {first:.0f} MB (heap {first_anon:.0f} MB) once both pages have run on every worker",
          flush=True)
    for round_ in range(a.rounds):
        for name in ("mapping", "int8"):
            report(await scenario(a, server, name))
        rss, heap = server.rss_mb(), server.rss_mb("RssAnon")
        print(f"-- soak round {round_ + 1}: RSS {rss:.0f} MB against {first:.0f} MB at the start "
              f"({100 * (rss / first - 1):+.1f} %; target within 10 %); heap {heap:.0f} MB against "
              f"{first_anon:.0f} ({100 * (heap / first_anon - 1):+.1f} %)", flush=True)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scenario", choices=[*SCENARIOS, "soak", "all"], default="all")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="app processes (make serve)")
    p.add_argument("--url", help="a running `make serve` (loopback), with --state")
    p.add_argument("--state", default=str(ROOT / "serve" / "state.json"), help="its state.json (pids)")
    p.add_argument("--sessions", dest="sessions_override", type=int, help="tabs (default: the scenario's)")
    p.add_argument("--interactions", type=int, help="moves per tab (default: the scenario's)")
    p.add_argument("--think", type=float, default=2.0, help="mean seconds between moves")
    p.add_argument("--ramp", dest="ramp_override", type=float, help="seconds over which tabs open")
    p.add_argument("--rounds", type=int, default=2, help="soak: rounds (600 moves each)")
    p.add_argument("--session-ttl", type=int, default=15, help="workers keep a closed tab's session this long")
    p.add_argument("--seconds", type=float, default=300.0, help="limit per scenario")
    p.add_argument("--timeout", type=float, default=60.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--validate", action="store_true", help="compare with a real browser (Chromium), then stop")
    a = p.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))   # stop make serve on the way out
    if a.validate:
        from bench.load_validate import validate
        return validate()
    proc = None
    if a.url:
        if urllib.parse.urlsplit(a.url).hostname not in ("127.0.0.1", "localhost"):
            p.error("only a server on this machine (127.0.0.1)")
        server = Server(a.url, Server.from_state(pathlib.Path(a.state)).workers)
    else:
        proc, server = start_serve(a.workers, ["--session-ttl", str(a.session_ttl)])
    a.url = server.url
    print(f"make serve: {server.url}, {len(server.workers)} workers; {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)
    try:
        if a.scenario == "soak":
            asyncio.run(soak(a, server))
            return 0
        for name in (list(SCENARIOS) if a.scenario == "all" else [a.scenario]):
            report(asyncio.run(scenario(a, server, name)))
    finally:
        if proc is not None:
            stop_serve(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
