"""Nothing reaches the network: every request an app page makes stays on this machine."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, Request

from tests.browser.conftest import ROOT, open_notebook

pytestmark = pytest.mark.browser

LOCAL = {"127.0.0.1", "localhost", "::1", "[::1]"}
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


def leaves_the_machine(url: str) -> bool:
    """True for any request not to this machine (data: and blob: URLs never leave it)."""
    parsed = urlparse(url)
    if parsed.scheme in {"data", "blob", "about"}:
        return False
    return (parsed.hostname or "") not in LOCAL


def test_the_check_can_tell_local_from_remote() -> None:
    """The rule below is not toothless."""
    assert leaves_the_machine("https://cdn.jsdelivr.net/npm/x.css")
    assert not leaves_the_machine("http://127.0.0.1:8866/voila/static/x.js")
    assert not leaves_the_machine("data:text/plain;base64,eA==")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_app_pages_make_no_outside_requests(page: Page, voila_url: str, name: str) -> None:
    """Open each notebook in the app view: no font, script, style or call goes elsewhere."""
    outside: list[str] = []

    def record(request: Request) -> None:
        if leaves_the_machine(request.url):
            outside.append(request.url)

    page.on("request", record)
    open_notebook(page, voila_url, name)
    page.wait_for_load_state("networkidle")
    assert outside == [], f"{name} asked for {outside}"
    assert Path(ROOT / "notebooks" / name).exists()
