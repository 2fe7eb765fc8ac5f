"""The app's speed and weight: time to a usable page, and memory per open page.

Starts the app as `nextround app --preheat 1` would (Voilà's pre-heated kernels: each page's
notebook already run in a waiting kernel) for a few pages, then opens each page in Chromium
and times it from the request to the moment its first panel's button can be pressed. For
comparison it also times the same pages without pre-heating. Then it opens several pages at
once and reports the memory their kernels hold. Aim: under 1 s to a usable page.

Run: .venv/bin/python benchmarks/bench_app.py   (about two minutes)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from nextround import launch  # noqa: E402 -- after the path to the checkout's package

PAGES = [
    "notebooks/00_start_here.ipynb",
    "notebooks/02_debrief.ipynb",
    "notebooks/06_sharpen_your_answers.ipynb",
]
ROUNDS = 2
OPEN_AT_ONCE = 5
CHROMIUM = os.environ.get("NEXTROUND_CHROMIUM", "/usr/bin/chromium")


def start(port: int, home: Path, *, preheat: int) -> subprocess.Popen[bytes]:
    env = launch.environment(ROOT, {**os.environ, "NEXTROUND_HOME": str(home)})
    command = launch.app_command(ROOT, port, preheat=preheat, preheat_pages=PAGES)
    process = subprocess.Popen(  # noqa: S603 -- our own command line, no outside input
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("the app did not start")


def kernels(process: subprocess.Popen[bytes]) -> list[psutil.Process]:
    found = []
    for child in psutil.Process(process.pid).children(recursive=True):
        try:
            if any("ipykernel" in part for part in child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


def wait_for_kernels(process: subprocess.Popen[bytes], count: int, seconds: float) -> None:
    """Wait until the pools are full (each pre-heated kernel has run its notebook)."""
    deadline = time.monotonic() + seconds
    while len(kernels(process)) < count and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(8)  # a started kernel still runs its notebook for a few seconds


def time_to_usable(page: Page, url: str) -> float:
    started = time.perf_counter()
    page.goto(url, timeout=120_000)
    page.wait_for_selector(".nr-kit button:not([disabled])", state="visible", timeout=120_000)
    return time.perf_counter() - started


def measure(port: int, process: subprocess.Popen[bytes], label: str, rounds: int) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        times: list[float] = []
        for _ in range(rounds):
            for path in PAGES:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                times.append(time_to_usable(page, f"http://127.0.0.1:{port}/voila/render/{path}"))
                page.close(run_before_unload=True)  # as a tab closes: the kernel is freed
                context.close()
                if label == "pre-heated":
                    # Let the pool refill, as it would between two learners opening a page.
                    wait_for_kernels(process, len(PAGES), 60)
        print(
            f"time to a usable page, {label}: median {statistics.median(times):.2f} s, "
            f"best {min(times):.2f} s, worst {max(times):.2f} s ({len(times)} page views)"
        )
        browser.close()


def memory_per_page(port: int, process: subprocess.Popen[bytes]) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        server_before = psutil.Process(process.pid).memory_info().rss
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pages = []
        for index in range(OPEN_AT_ONCE):
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{port}/voila/render/{PAGES[index % len(PAGES)]}")
            page.wait_for_selector(".nr-kit button", state="visible", timeout=120_000)
            pages.append(page)
        time.sleep(2)
        held = kernels(process)
        rss = [k.memory_info().rss for k in held]
        uss = [k.memory_full_info().uss for k in held]
        server_after = psutil.Process(process.pid).memory_info().rss
        print(
            f"memory per open page: kernel RSS median {statistics.median(rss) / 2**20:.0f} MB "
            f"(unique to it: {statistics.median(uss) / 2**20:.0f} MB); the server grew by "
            f"{(server_after - server_before) / 2**20 / OPEN_AT_ONCE:.1f} MB per page "
            f"({OPEN_AT_ONCE} pages open, {len(held)} kernels)"
        )
        for page in pages:
            page.close(run_before_unload=True)
        context.close()
        browser.close()
    deadline = time.monotonic() + 30
    while kernels(process) and time.monotonic() < deadline:
        time.sleep(0.5)
    print(f"kernels left 30 s after closing the {OPEN_AT_ONCE} pages: {len(kernels(process))}")


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        port = 18866
        process = start(port, Path(home), preheat=1)
        try:
            wait_for_kernels(process, len(PAGES), 120)
            measure(port, process, "pre-heated", ROUNDS)
        finally:
            process.terminate()
            process.wait(timeout=30)
        process = start(port + 1, Path(home), preheat=0)
        try:
            measure(port + 1, process, "without pre-heating", 1)
            memory_per_page(port + 1, process)
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
