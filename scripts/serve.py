"""Serve the app to a class: N app processes behind HAProxy, on one port (``make serve``).

One Python process runs one script at a time per core at best (one interpreter lock), so a
class of thirty needs more than one process. This starts ``--workers`` Streamlit processes
(default: one per core) on free loopback ports, writes ``deploy/haproxy.cfg`` with one
``server`` line per worker (plus one per ``--backend HOST:PORT``, an app process on another
machine) to ``serve/haproxy.cfg``, and runs Debian's ``haproxy`` on ``--port`` in front of
them: sticky sessions by cookie, websockets, health checks on ``/_stcore/health``. A worker
that dies is started again (``--no-restart``: not); its tabs reconnect to another worker.

``serve/state.json`` names the address, the balancer's and each worker's pid and port (for
``bench/load.py`` and the tests). Ctrl-C or SIGTERM stops everything.

    python scripts/serve.py [--workers N] [--port 8501] [--bind 0.0.0.0] [--backend HOST:PORT ...]
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "haproxy.cfg"
HEALTH = "/_stcore/health"
# glibc heaps shared by a worker's threads: Streamlit runs each script run in a new thread, and
# per-thread heaps, each keeping its freed memory, grew a worker's heap by a third over 1,800
# slider moves; with two it stays flat at the same speed (bench/load.py --scenario soak).
MALLOC_ARENA_MAX = "2"
RESTART_AFTER = 5.0   # seconds: a worker that keeps crashing is started again at most this often


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def healthy(address: str, timeout: float = 1.0) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"http://{address}{HEALTH}", timeout=timeout) as reply:
            return reply.read().strip() == b"ok"
    except OSError:
        return False


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if os.path.exists("/usr/sbin/haproxy") else None)
    if not found:
        sys.exit("haproxy is not installed: `make haproxy` (as root) or `apt-get install haproxy`")
    return found


def haproxy_config(backends: list[tuple[str, str]]) -> str:
    """The template with one ``server NAME HOST:PORT cookie NAME`` line per backend."""
    lines = [f"    server {name} {address} cookie {name}" for name, address in backends]
    return TEMPLATE.read_text() + "\n".join(lines) + "\n"


class Worker:
    """One app process on a loopback port."""

    def __init__(self, name: str, run_dir: pathlib.Path, args: argparse.Namespace, secret: str):
        self.name, self.port = name, free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.log = run_dir / f"{name}.log"
        self.command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                        "--server.port", str(self.port), "--server.address", "127.0.0.1",
                        "--server.headless", "true", "--server.fileWatcherType", "none",
                        "--browser.gatherUsageStats", "false",
                        "--server.disconnectedSessionTTL", str(args.session_ttl), *args.worker_arg]
        self.secret = secret   # the same on every worker (Streamlit's advice for replicas)
        self.proc: subprocess.Popen | None = None
        self.started = 0.0

    def start(self) -> None:
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
                   STREAMLIT_SERVER_COOKIE_SECRET=self.secret)
        env.setdefault("MALLOC_ARENA_MAX", MALLOC_ARENA_MAX)
        with open(self.log, "a") as log:
            self.proc = subprocess.Popen(self.command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL)
        self.started = time.monotonic()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def wait_healthy(addresses: list[str], procs: list[subprocess.Popen], seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    waiting = list(addresses)
    while waiting and time.monotonic() < deadline:
        if any(p.poll() is not None for p in procs):
            raise RuntimeError("a process exited while starting; see its log under serve/")
        waiting = [a for a in waiting if not healthy(a)]
        time.sleep(0.25)
    if waiting:
        raise RuntimeError(f"not healthy after {seconds:.0f} s: {', '.join(waiting)}")


def write_state(run_dir: pathlib.Path, state: dict, workers: list[Worker]) -> None:
    """``state.json``: the address, the balancer's pid, each local worker's name, port and pid."""
    state["workers"] = [{"name": w.name, "port": w.port, "pid": w.proc.pid} for w in workers]
    (run_dir / "state.json").write_text(json.dumps(state, indent=1))


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="app processes here (default: cores)")
    p.add_argument("--port", type=int, default=8501, help="the one public port (the balancer's)")
    p.add_argument("--bind", default="0.0.0.0", help="address the balancer listens on (127.0.0.1: this machine only)")
    p.add_argument("--backend", action="append", default=[], metavar="HOST:PORT",
                   help="an app process on another machine (repeat); see README, 'Growing past one machine'")
    p.add_argument("--session-ttl", type=int, default=120,
                   help="seconds a worker keeps a disconnected tab's session for its reconnect")
    p.add_argument("--worker-arg", action="append", default=[], help="extra option for every worker")
    p.add_argument("--run-dir", default=str(ROOT / "serve"), help="config, logs and state.json")
    p.add_argument("--no-restart", action="store_true", help="leave a dead worker dead (tests)")
    args = p.parse_args(argv)
    if args.workers < 0 or (args.workers == 0 and not args.backend):
        p.error("--workers must be >= 1, or 0 with at least one --backend")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    run_dir = pathlib.Path(args.run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    secret = os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32)
    workers = [Worker(f"w{i + 1}", run_dir, args, secret) for i in range(args.workers)]
    remote = [(f"r{i + 1}", address) for i, address in enumerate(args.backend)]
    haproxy = None
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    try:
        for w in workers:
            w.start()
        wait_healthy([w.address for w in workers], [w.proc for w in workers])
        config = run_dir / "haproxy.cfg"
        config.write_text(haproxy_config([(w.name, w.address) for w in workers] + remote))
        env = dict(os.environ, QUANTVIZ_BIND=f"{args.bind}:{args.port}")
        binary = haproxy_binary()
        subprocess.run([binary, "-c", "-q", "-f", str(config)], env=env, check=True)
        with open(run_dir / "haproxy.log", "a") as log:
            haproxy = subprocess.Popen([binary, "-db", "-f", str(config)], env=env, stdout=log,
                                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        local = "127.0.0.1" if args.bind in ("0.0.0.0", "::") else args.bind
        wait_healthy([f"{local}:{args.port}"], [haproxy], 30)
        state = {"url": f"http://{local}:{args.port}", "haproxy_pid": haproxy.pid,
                 "backends": [{"name": n, "address": a} for n, a in remote]}
        write_state(run_dir, state, workers)
        print(f"quantviz: http://{local}:{args.port}  ({len(workers)} workers here"
              f"{f', {len(remote)} elsewhere' if remote else ''}; logs in {run_dir})", flush=True)
        while not stopping and haproxy.poll() is None:
            time.sleep(0.5)
            for w in workers:
                if not w.alive() and not args.no_restart and time.monotonic() - w.started > RESTART_AFTER:
                    print(f"worker {w.name} exited ({w.proc.returncode}); starting it again", flush=True)
                    w.start()
                    write_state(run_dir, state, workers)
        return 0 if stopping or haproxy.returncode == 0 else 1
    except KeyboardInterrupt:
        return 0
    finally:
        if haproxy is not None and haproxy.poll() is None:
            haproxy.terminate()
            haproxy.wait(10)
        for w in workers:
            w.stop()


if __name__ == "__main__":
    sys.exit(main())
