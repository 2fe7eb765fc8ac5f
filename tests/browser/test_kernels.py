"""Every page view starts a kernel; leaving the page must free it, or a room runs out of memory.

The app gets its own server here (not the shared one), so other tests' pages don't count.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from nextround import launch
from tests.browser._app import PAGE_PATHS, ROOT, App, open_page, start_app, stop_app

pytestmark = pytest.mark.browser

PAGES_TO_OPEN = 20


@pytest.fixture
def fresh_app(tmp_path: Path) -> Iterator[App]:
    """A course app of its own, with no page open yet."""
    app = start_app(tmp_path / "home", tmp_path / "voila.log")
    yield app
    stop_app(app)


def wait_for_kernels(app: App, at_most: int, seconds: float = 30) -> int:
    """Wait until the app runs at most ``at_most`` kernels; return how many it runs."""
    deadline = time.monotonic() + seconds
    while True:
        count = len(app.kernels())
        if count <= at_most or time.monotonic() > deadline:
            return count
        time.sleep(0.5)


def test_twenty_page_views_leave_no_kernels_behind(browser: Browser, fresh_app: App) -> None:
    """A learner walks through twenty pages, then closes the tab: every kernel is freed."""
    assert len(fresh_app.kernels()) == 0
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    most = 0
    for index in range(PAGES_TO_OPEN):
        open_page(page, fresh_app, PAGE_PATHS[index % len(PAGE_PATHS)])
        most = max(most, len(fresh_app.kernels()))
    # While walking, the pages left behind have freed theirs: only the open page (and one
    # still closing) hold a kernel.
    assert most <= 2
    page.close(run_before_unload=True)
    context.close()
    assert wait_for_kernels(fresh_app, 0) == 0


def test_a_second_app_on_the_same_port_says_where_the_first_one_is(course_app: App) -> None:
    port = course_app.url.rsplit(":", 1)[1]
    result = subprocess.run(
        [sys.executable, "-m", "nextround.cli", "app", "--port", port],
        cwd=ROOT,
        env=launch.environment(ROOT),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "already running" in result.stderr
    assert f"http://127.0.0.1:{port}/" in result.stderr
