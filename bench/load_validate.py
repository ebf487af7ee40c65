"""Does a tab of bench/load.py cost the server what a browser's tab costs? (``load.py --validate``)

On one fresh app process, a real Chromium presses ArrowRight on a slider ``--presses`` times
(each press waits until the app is idle again), then a protocol tab of ``streamclient.py``
moves the same slider as many times; both on the mapping page (rmax) and the int8 page (test
image). Printed: the server's CPU per interaction (from /proc, over all the presses) of each, and
their ratio.
"""
from __future__ import annotations

import asyncio
import os
import pathlib
import sys

from bench.streamclient import Tab
from tests.e2e.e2e_helpers import CHROMIUM_ARGS, IDLE, ROOT, free_port, start_streamlit

PAGES = {   # name: (path, query, slider label)
    "mapping": ("mapping", "n=1000000&calib=manual", "rmax (real value)"),
    "int8": ("int8", "src=test", "Test image"),
}


def server_cpu(pid: int) -> float:
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def browser_cpu(browser, url: str, label: str, pid: int, presses: int) -> float:
    """Server CPU seconds per key press of a real browser (two unmeasured presses first)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_timeout(1000)
    page.get_by_role("slider", name=label).focus()
    for i in range(presses + 2):
        if i == 2:
            start = server_cpu(pid)
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(150)                     # the rerun starts, then the app goes idle
        page.wait_for_selector(IDLE, timeout=30_000)
        page.wait_for_timeout(250)                     # the last messages reach the browser
    cost = (server_cpu(pid) - start) / presses
    context.close()
    return cost


async def client_cpu(base: str, path: str, query: str, label: str, pid: int, presses: int) -> float:
    """Server CPU seconds per move of this client's tab (two unmeasured moves first)."""
    tab = Tab(base, path, query, timeout=90)
    await tab.open()
    await asyncio.sleep(1.0)
    slider = tab.find_slider(label)
    for i in range(presses + 2):
        if i == 2:
            start = server_cpu(pid)
        await tab.rerun(*tab.step_slider(slider, +1))
        await asyncio.sleep(0.4)
    cost = (server_cpu(pid) - start) / presses
    await tab.close()
    if tab.errors:
        raise RuntimeError(tab.errors)
    return cost


def validate(presses: int = 20) -> int:
    from playwright.sync_api import sync_playwright
    port = free_port()
    server = start_streamlit(ROOT / "app.py", port)
    base = f"http://127.0.0.1:{port}"
    print(f"server CPU per interaction, one fresh app process, {presses} each; "
          f"load average {os.getloadavg()[0]:.2f}")
    real = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for name, (path, query, label) in PAGES.items():
                real[name] = browser_cpu(browser, f"{base}/{path}?{query}", label, server.pid, presses)
            browser.close()
        for name, (path, query, label) in PAGES.items():
            ours = asyncio.run(client_cpu(base, path, query, label, server.pid, presses))
            b, c = real[name] * 1e3, ours * 1e3
            print(f"{name:<8} browser {b:6.1f} ms, load.py tab {c:6.1f} ms per interaction; "
                  f"ratio tab/browser {c / b if b else float('nan'):.2f}")
    finally:
        server.terminate()
        server.wait(20)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(validate())
