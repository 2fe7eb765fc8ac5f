"""Browser tests: Voilà serves the notebooks on 127.0.0.1; Playwright drives Debian's Chromium.

These never skip. If Chromium is missing they fail, saying how to install it: CI installs it
(`.ci/run`) and so does `make test`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser._app import app_page, course_app  # noqa: F401 -- the app as `nextround app` serves it

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    """Debian's Chromium, or the one named by NEXTROUND_CHROMIUM; fail loudly if absent."""
    candidate = os.environ.get("NEXTROUND_CHROMIUM") or shutil.which("chromium") or ""
    if not candidate or not Path(candidate).exists():
        pytest.fail(
            "Chromium is not installed, so the browser tests cannot run. Install Debian's "
            "package (`sudo apt-get install chromium`) or run `make test`, which does it.",
            pytrace=False,
        )
    return candidate


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def voila_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Voilà server over notebooks/ on a free loopback port, with a throwaway data home."""
    port = _free_port()
    home = tmp_path_factory.mktemp("voila-home")
    log = (tmp_path_factory.mktemp("voila-log") / "voila.log").open("w")
    # The project's Voilà template (share/jupyter/voila/templates/nextround) is the app's.
    env = {
        **os.environ,
        "NEXTROUND_HOME": str(home),
        "JUPYTER_PATH": str(ROOT / "share" / "jupyter"),
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voila",
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--show_tracebacks=True",
            "--template=nextround",
            str(ROOT / "notebooks"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=2):  # noqa: S310 -- loopback only
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.close()
                pytest.fail(f"Voilà did not start: see {log.name}", pytrace=False)
            time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium, with the flags that keep it off the network."""
    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page that accepts downloads."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    opened = context.new_page()
    yield opened
    context.close()


def open_notebook(page: Page, base_url: str, name: str) -> None:
    """Open a notebook in Voilà and wait until its widgets have rendered."""
    page.goto(f"{base_url}/voila/render/{name}", timeout=120_000)
    page.wait_for_selector(".jupyter-widgets", timeout=120_000)
