"""The course app as `nextround app` serves it, and what the accessibility and layout tests share.

``app_url`` starts Voilà with the very command and environment that ``nextround app`` uses
(nextround.launch), over the whole course folder, on a free loopback port, with a throwaway
data home. tests/browser/conftest.py re-exports the fixture so one server serves every test.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import pytest
from playwright.sync_api import Browser, Page

from nextround import launch

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = launch.course_pages(ROOT)
PAGE_PATHS = [page.path for page in PAGES]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@dataclass
class App:
    """A running app: its address and its Voilà process (whose children are the kernels)."""

    url: str
    process: subprocess.Popen[bytes]

    def kernels(self) -> list[psutil.Process]:
        """The kernel processes this app has running now."""
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        found = []
        for child in children:
            try:
                if any("ipykernel" in part for part in child.cmdline()):
                    found.append(child)
            except (psutil.NoSuchProcess, psutil.ZombieProcess):
                continue
        return found


def free_port() -> int:
    """A free port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_app(home: Path, log: Path, *, preheat: int = 0) -> App:
    """Start the app as `nextround app` would, and wait until it answers."""
    port = free_port()
    env = launch.environment(ROOT, {**os.environ, "NEXTROUND_HOME": str(home)})
    command = launch.app_command(ROOT, port, preheat=preheat)
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=2):  # noqa: S310 -- loopback only
                return App(url, process)
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"The app did not start: see {log}", pytrace=False)
            time.sleep(0.3)


def stop_app(app: App) -> None:
    """Stop the app and its kernels."""
    app.process.terminate()
    try:
        app.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        app.process.kill()


@pytest.fixture(scope="session")
def course_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """The course app, served as `nextround app` serves it."""
    home = tmp_path_factory.mktemp("app-home")
    log = tmp_path_factory.mktemp("app-log") / "voila.log"
    app = start_app(home, log)
    yield app
    stop_app(app)


@pytest.fixture
def app_page(browser: Browser) -> Iterator[Page]:
    """A fresh 1280x900 page that, when the test ends, closes as a browser tab does: its
    "beforeunload" runs, so the app frees the page's kernel (Playwright skips it otherwise)."""
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(60_000)
    page = context.new_page()
    yield page
    leave(page)
    context.close()


def leave(page: Page) -> None:
    """Close the page as a learner closes a tab, so its kernel is shut down."""
    if not page.is_closed():
        page.close(run_before_unload=True)


def open_page(page: Page, app: App, path: str) -> None:
    """Open a course page and wait until its panels are drawn and the kit has run."""
    page.goto(f"{app.url}/voila/render/{path}", timeout=120_000)
    page.wait_for_selector(".nr-kit button", timeout=120_000)
    settle(page)


def settle(page: Page) -> None:
    """Let the widgets and the kit's helper finish what a click started."""
    page.wait_for_timeout(400)


def axe_problems(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each."""
    if not AXE.exists():
        pytest.fail(
            "axe-core is not installed: run `npm install` in the repository (make test does).",
            pytrace=False,
        )
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                            'wcag22aa', 'best-practice']},
            resultTypes: ['violations'],
        })"""
    )
    lines = []
    for violation in result["violations"]:
        if violation.get("impact") not in ("serious", "critical"):
            continue
        for node in violation["nodes"][:5]:
            lines.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} at "
                f"{json.dumps(node['target'])}: {node.get('failureSummary', '')[:200]}"
            )
    return lines


#: Elements that must show all of their words: buttons, labels, links, headings, options.
CUT_OFF_JS = """() => {
  const out = [];
  const selector = 'button, label, .widget-label, .widget-label-basic, a, h1, h2, h3, h4,'
    + ' .jupyter-widget-Collapse-header, summary, th';
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      out.push(`${el.tagName.toLowerCase()} "${(el.textContent || '').trim().slice(0, 50)}"`
        + ` shows ${el.clientWidth}px of ${el.scrollWidth}px`);
    }
  }
  return out;
}"""

#: Visible elements whose right edge lies beyond the window (content that can't be reached).
OFF_SCREEN_JS = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    // Inside a box made to scroll sideways (a wide table, code), it can be reached.
    const scroller = el.closest('.widget-html-content, .jp-RenderedHTMLCommon table, pre');
    if (scroller && scroller !== el && scroller.getBoundingClientRect().right <= width + 1
        && ['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) continue;
    if (box.right > width + 1) {
      out.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`
        + ` "${(el.textContent || '').trim().slice(0, 40)}" ends at ${Math.round(box.right)}px`);
    }
  }
  return out.slice(0, 15);
}"""


def cut_off(page: Page) -> list[str]:
    """Buttons, labels and links whose words do not all fit."""
    found: list[str] = page.evaluate(CUT_OFF_JS)
    return found


def off_screen(page: Page) -> list[str]:
    """Elements that stick out past the right edge of the window."""
    found: list[str] = page.evaluate(OFF_SCREEN_JS)
    return found


def page_width(page: Page) -> int:
    """How wide the page's content is, including what scrolls inside the app's own box."""
    width: int = page.evaluate(
        "Math.max(document.documentElement.scrollWidth,"
        " (document.querySelector('#rendered_cells') || document.body).scrollWidth)"
    )
    return width
