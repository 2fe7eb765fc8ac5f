"""A real workshop hub on 127.0.0.1: three participants and a facilitator, in Chromium.

The hub is started with ``hub/start`` (as root, which a hub needs: it creates one system user
per participant) and removed with ``hub/cleanup --yes``. Each participant logs in with the
workshop password, lands in the app view of Module 0, checks in, shares their mood, and
shares a question from Module 2. The facilitator then sees counts and the shared questions,
and nothing else; participants are refused the room view and cannot open each other's
files; idle servers are culled. These tests never skip.

Playwright runs in a thread of its own (:meth:`Workshop.run`): the browser tests' session
keeps its own Playwright open in the main thread, and one thread can hold only one.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.hub.hubctl import FACILITATOR, FACILITATOR_PASSWORD, WORKSHOP_PASSWORD, WorkshopHub

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = os.environ.get("NEXTROUND_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]

#: Who joins, the mood they pick, their private note, and the question they share (or only
#: type without sharing).
PARTICIPANTS = {
    "ana": ("2 · Shaky", "private note from ana", "What would you change in our team first?"),
    "ben": ("4 · Steady", "private note from ben", "How do you handle a deadline you will miss?"),
    "cleo": ("4 · Steady", "private note from cleo", None),
}
UNSHARED = "A question cleo typed but never shared?"
T = TypeVar("T")


@dataclass
class Workshop:
    """The running hub, the browser, and what happened as people joined."""

    hub: WorkshopHub
    thread: ThreadPoolExecutor
    browser: Browser
    contexts: dict[str, BrowserContext] = field(default_factory=dict)
    landed: dict[str, str] = field(default_factory=dict)
    seconds_to_app: dict[str, float] = field(default_factory=dict)
    had_processes: dict[str, bool] = field(default_factory=dict)

    def run(self, function: Callable[..., T], *args: object) -> T:
        """Run ``function`` in the browser's thread; its result or its exception comes back."""
        return self.thread.submit(function, *args).result()


def _login(page: Page, base: str, name: str, password: str) -> None:
    page.fill("#username_input", name)
    page.fill("#password_input", password)
    page.click("#login_submit")


def _join(workshop: Workshop, name: str) -> None:
    """One participant's session, as a person would do it."""
    mood, note, question = PARTICIPANTS[name]
    base = workshop.hub.url
    context = workshop.browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    workshop.contexts[name] = context
    page = context.new_page()
    started = time.monotonic()
    page.goto(base + "/hub/login")
    _login(page, base, name, WORKSHOP_PASSWORD)
    app = re.compile(r".*/voila/render/00_start_here\.ipynb.*")
    try:
        page.wait_for_url(app, wait_until="commit", timeout=120_000)
    except PlaywrightTimeout:
        # On a very busy machine the "starting your server" page can miss the moment the
        # server is ready; a person would reload it. The server must then be there.
        page.goto(f"{base}/hub/spawn/{name}", wait_until="commit")
        page.wait_for_url(app, wait_until="commit", timeout=60_000)
    expect(page.get_by_role("button", name="Save my check-in")).to_be_visible(timeout=120_000)
    workshop.seconds_to_app[name] = time.monotonic() - started
    workshop.landed[name] = page.url
    workshop.had_processes[name] = bool(workshop.hub.processes_of(name))

    page.get_by_role("button", name=mood).click()
    page.get_by_label("A note (optional)").fill(note)
    page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_text("Saved. You said:")).to_be_visible()
    page.get_by_role("button", name="Share my mood with the room").click()
    expect(page.get_by_text("Shared: one more")).to_be_visible()

    page.goto(f"{base}/user/{name}/voila/render/02_debrief.ipynb")
    box = page.locator(".nr-share-question textarea")
    expect(box).to_be_visible(timeout=120_000)
    box.fill(question or UNSHARED)
    page.get_by_role("button", name="Preview what the room will see").click()
    expect(page.get_by_text("The room will see:")).to_be_visible()
    if question is not None:
        page.get_by_role("button", name="Share this question").click()
        expect(page.get_by_text("Shared with the room, without your name")).to_be_visible()


@pytest.fixture(scope="module")
def workshop() -> Iterator[Workshop]:
    """A hub with three participants who have checked in and shared; removed afterwards."""
    if os.geteuid() != 0:
        pytest.fail(
            "The hub tests need root: the hub creates one system user per participant. "
            "CI runs as root; run them with sudo.",
            pytrace=False,
        )
    hub = WorkshopHub()
    try:
        hub.start()
    except subprocess.CalledProcessError as exc:
        hub.cleanup()
        pytest.fail(f"hub/start failed:\n{exc.stdout}\n{exc.stderr}", pytrace=False)
    thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hub-browser")
    playwright = thread.submit(lambda: sync_playwright().start()).result()
    try:
        browser = thread.submit(
            playwright.chromium.launch,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
        ).result()
        state = Workshop(hub, thread, browser)
        for name in PARTICIPANTS:
            state.run(_join, state, name)
        yield state
        state.run(browser.close)
    finally:
        thread.submit(playwright.stop).result()
        thread.shutdown()
        hub.cleanup()


def test_participants_land_in_module_0_app_as_their_own_user(workshop: Workshop) -> None:
    """Each login with the workshop password opens Start here in the app view, in a server
    running as that participant's own system user."""
    for name in PARTICIPANTS:
        assert workshop.landed[name].startswith(
            f"{workshop.hub.url}/user/{name}/voila/render/00_start_here.ipynb"
        )
        assert workshop.had_processes[name], name
    for name in PARTICIPANTS:
        user = workshop.hub.system_user(name)
        assert user.pw_name == workshop.hub.prefix + name


def test_facilitator_sees_counts_and_shared_questions_only(workshop: Workshop) -> None:
    """The room view shows mood counts, people per module and the two shared questions;
    no name, no private note, no unshared question."""

    def check() -> None:
        context = workshop.browser.new_context()
        page = context.new_page()
        page.goto(workshop.hub.url + "/services/room/")
        _login(page, workshop.hub.url, FACILITATOR, FACILITATOR_PASSWORD)
        page.wait_for_url(re.compile(r".*/services/room/$"))
        expect(page.get_by_role("heading", name="The room")).to_be_visible()
        moods = page.locator("table.moods")
        expect(moods.locator("tr", has_text="Shaky").locator(".count")).to_have_text("1")
        expect(moods.locator("tr", has_text="Steady").locator(".count")).to_have_text("2")
        expect(moods.locator("tr", has_text="Low").locator(".count")).to_have_text("0")
        modules = page.locator("table.modules")
        expect(modules.locator("tr", has_text="Module 2").locator(".count")).to_have_text("3")
        expect(modules.locator("tr")).to_have_count(1)  # each person counted once, where they are
        questions = page.locator("ol.questions li")
        expect(questions).to_have_text([PARTICIPANTS["ana"][2], PARTICIPANTS["ben"][2]])
        text = page.locator("body").inner_text()
        for name, (_, note, _) in PARTICIPANTS.items():
            assert name not in text.lower().split()
            assert workshop.hub.prefix + name not in text
            assert note not in text
        assert UNSHARED not in text
        deck = context.request.get(workshop.hub.url + "/services/room/deck.txt")
        assert deck.status == 200
        assert deck.text() == f"{PARTICIPANTS['ana'][2]}\n{PARTICIPANTS['ben'][2]}\n"
        context.close()

    workshop.run(check)


def test_participant_is_refused_the_room_view(workshop: Workshop) -> None:
    """A participant opening the room view or its deck gets a plain refusal (403)."""

    def check() -> None:
        page = workshop.contexts["ana"].new_page()
        response = page.goto(workshop.hub.url + "/services/room/")
        assert response is not None
        assert response.status == 403
        expect(page.get_by_role("heading", name="This page is for the facilitator")).to_be_visible()
        assert "Shaky" not in page.content()
        deck = workshop.contexts["ana"].request.get(workshop.hub.url + "/services/room/deck.txt")
        assert deck.status == 403
        assert PARTICIPANTS["ben"][2] not in deck.text()
        page.close()

    workshop.run(check)


def test_participants_cannot_read_each_others_files(workshop: Workshop) -> None:
    """Each store is a 0600 file in a 0700 home owned by its participant; another
    participant's account can neither list that home nor read the store."""
    hub = workshop.hub
    ana = hub.system_user("ana")
    store = f"{ana.pw_dir}/.local/share/nextround/nextround.sqlite3"
    info = Path(store).stat()
    assert info.st_uid == ana.pw_uid
    assert info.st_mode & 0o777 == 0o600
    assert Path(ana.pw_dir).stat().st_mode & 0o777 == 0o700
    ben = hub.prefix + "ben"
    for command in (["cat", store], ["ls", ana.pw_dir], ["head", "-c", "16", store]):
        result = subprocess.run(
            ["runuser", "-u", ben, "--", *command], capture_output=True, text=True, check=False
        )
        assert result.returncode != 0, command
        assert "Permission denied" in result.stderr, result.stderr
    own = subprocess.run(
        ["runuser", "-u", hub.prefix + "ana", "--", "head", "-c", "15", store],
        capture_output=True,
        check=False,
    )
    assert own.stdout == b"SQLite format 3"


def test_idle_servers_are_culled(workshop: Workshop) -> None:
    """With every page closed, jupyterhub-idle-culler stops each participant's server."""
    for context in list(workshop.contexts.values()):
        workshop.run(context.close)
    workshop.contexts.clear()
    hub = workshop.hub
    deadline = time.monotonic() + hub.idle_timeout * 3 + 60
    while time.monotonic() < deadline and any(hub.processes_of(name) for name in PARTICIPANTS):
        time.sleep(2)
    assert not any(hub.processes_of(name) for name in PARTICIPANTS)
    log = hub.log.read_text()
    for name in PARTICIPANTS:
        assert re.search(rf"Culling server {name}\b", log), f"no culling of {name}"


def test_cleanup_deletes_accounts_and_homes(workshop: Workshop) -> None:
    """hub/cleanup --yes stops the hub and deletes every participant account and home."""
    hub = workshop.hub
    homes = {name: hub.system_user(name).pw_dir for name in PARTICIPANTS}
    result = hub.cleanup()
    assert result.returncode == 0, result.stderr
    assert "Deleted 3 participant accounts" in result.stdout
    for name, home in homes.items():
        with pytest.raises(KeyError):
            hub.system_user(name)
        assert not Path(home).exists()
    assert not (hub.hub_dir / "state").exists()
