"""How a workshop hub on this machine copes with a room: N participants log in at once.

Starts the real hub (``hub/start``, as the tests do, on 127.0.0.1), then N browser sessions
(Debian's Chromium) log in with the workshop password at the same moment and wait for the
app view of Module 0 to be usable (the check-in's save button on screen). Prints, per
participant and overall:

- spawn time: from pressing "Sign in" to the server being up (the browser sent on to the app);
- time to a usable page: from pressing "Sign in" to the check-in button on screen;
- memory per participant with Module 0 open: their server and its kernel (PSS, which
  shares common pages fairly, and RSS), and the machine's memory in use before and after.

Then ``hub/cleanup --yes`` removes everyone. Needs root (one system user per participant).
Usage: ``sudo .venv/bin/python benchmarks/bench_hub.py [participants]`` (default 20).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from playwright.async_api import Browser, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hub.hubctl import WORKSHOP_PASSWORD, WorkshopHub

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
PER_BROWSER = 5


def used_memory() -> int:
    """Memory in use on the machine (total minus available), in bytes."""
    info = {}
    for line in Path("/proc/meminfo").read_text().splitlines():
        key, value = line.split(":")
        info[key] = int(value.split()[0]) * 1024
    return info["MemTotal"] - info["MemAvailable"]


def pss_of(hub: WorkshopHub, name: str) -> int:
    """Proportional set size (bytes) of all the participant's processes."""
    total = 0
    for pid in hub.processes_of(name):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


async def join(browser: Browser, base: str, name: str) -> tuple[float, float]:
    """Log one participant in; return (spawn seconds, usable-page seconds)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(600_000)
    page = await context.new_page()
    await page.goto(base + "/hub/login")
    await page.fill("#username_input", name)
    await page.fill("#password_input", WORKSHOP_PASSWORD)
    started = time.monotonic()
    await page.click("#login_submit")
    try:
        await page.wait_for_url(
            "**/user/*/voila/render/00_start_here.ipynb**", wait_until="commit", timeout=240_000
        )
    except PlaywrightTimeout:
        # Under heavy load the "starting your server" page can miss the moment the server is
        # ready; a person would reload the page, so the benchmark does too (and says so).
        print(f"  {name}: still waiting after 4 minutes; reloading, as a person would")
        await page.goto(f"{base}/hub/spawn/{name}", wait_until="commit")
        await page.wait_for_url("**/user/*/voila/render/00_start_here.ipynb**", wait_until="commit")
    spawned = time.monotonic() - started
    await page.get_by_role("button", name="Save my check-in").wait_for(state="visible")
    return spawned, time.monotonic() - started


async def room(hub: WorkshopHub, count: int) -> None:
    names = [f"p{index:02d}" for index in range(count)]
    async with async_playwright() as playwright:
        # Five people per browser: a browser opens at most six connections to one address,
        # and the hub's "starting your server" page keeps one open while it waits. In a real
        # room everyone has their own browser.
        browsers = [
            await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            for _ in range(0, count, PER_BROWSER)
        ]
        before = used_memory()
        began = time.monotonic()
        results = await asyncio.gather(
            *(
                join(browsers[index // PER_BROWSER], hub.url, name)
                for index, name in enumerate(names)
            )
        )
        everyone = time.monotonic() - began
        await asyncio.sleep(5)  # let the kernels settle before measuring
        pss = [pss_of(hub, name) for name in names]
        rss = [hub.memory_of(name) for name in names]
        after = used_memory()
        spawn = [result[0] for result in results]
        usable = [result[1] for result in results]
        mb = 1024 * 1024
        print(f"hub: {count} participants logging in at once on {hub.url}")
        print(
            f"  spawn time:        median {statistics.median(spawn):5.1f} s, "
            f"max {max(spawn):5.1f} s"
        )
        print(
            f"  usable Module 0:   median {statistics.median(usable):5.1f} s, "
            f"max {max(usable):5.1f} s; all {count} ready after {everyone:.1f} s"
        )
        print(
            f"  memory/participant: PSS median {statistics.median(pss) / mb:4.0f} MB "
            f"(max {max(pss) / mb:.0f}), RSS median {statistics.median(rss) / mb:4.0f} MB"
        )
        print(
            f"  machine memory in use: {before / mb:.0f} MB before, {after / mb:.0f} MB "
            f"with everyone on Module 0 (+{(after - before) / mb:.0f} MB, browser included)"
        )
        load = os.getloadavg()
        print(
            f"  machine: {os.cpu_count()} cores, load average {load[0]:.1f} / {load[1]:.1f} / "
            f"{load[2]:.1f} (1 / 5 / 15 min) at the end, other work included"
        )
        for browser in browsers:
            await browser.close()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    hub = WorkshopHub(idle_timeout=3600, cull_every=600, activity_interval=60)
    try:
        hub.start()
        asyncio.run(room(hub, count))
    finally:
        hub.cleanup()


if __name__ == "__main__":
    main()
