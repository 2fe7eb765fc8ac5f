"""The room view service over HTTP, on SQLite and on a real PostgreSQL server.

The service runs on 127.0.0.1 as it does on a hub; only the hub's login is stood in for
(:class:`StandInHub`: a token names its user), so these tests need no hub. The end-to-end
test (test_hub_e2e.py) runs the same service behind the real hub's OAuth.
"""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop

from nextround.room.app import make_app
from nextround.room.store import RoomStore
from tests.hub.conftest import free_port

PREFIX = "/services/room/"


class StandInHub:
    """Answers "who is this?" as the hub would: ``token <name>`` is that user."""

    login_url = ""  # no login page: a request without a token is refused (403)
    access_scopes: frozenset[str] = frozenset()
    base_url = PREFIX

    def get_user(self, handler: Any) -> dict[str, Any] | None:
        header = handler.request.headers.get("Authorization", "")
        if not header.startswith("token "):
            return None
        return {"name": header.removeprefix("token "), "kind": "user", "scopes": []}

    def _persist_url_token_if_set(self, _handler: Any) -> None:
        return None

    def check_xsrf_cookie(self, _handler: Any) -> None:
        return None


@pytest.fixture
def room(room_store: RoomStore) -> Iterator[str]:
    """The room service on a free loopback port, over SQLite or PostgreSQL."""
    port = free_port()
    ready = threading.Event()
    holder: dict[str, Any] = {}

    def serve() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        app = make_app(room_store, frozenset({"lead"}), b"secret", PREFIX, StandInHub())
        server = HTTPServer(app)
        server.listen(port, "127.0.0.1")
        holder["loop"] = IOLoop.current()
        holder["server"] = server
        ready.set()
        IOLoop.current().start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    ready.wait(10)
    yield f"http://127.0.0.1:{port}{PREFIX}"
    loop: IOLoop = holder["loop"]
    loop.add_callback(holder["server"].stop)
    loop.add_callback(loop.stop)
    thread.join(10)


def call(
    url: str, user: str | None = None, body: object = None, headers: dict[str, str] | None = None
) -> tuple[int, str]:
    """One request; (status, text) whatever the status."""
    sent = dict(headers or {})
    if user is not None:
        sent["Authorization"] = f"token {user}"
    data = None if body is None else json.dumps(body).encode()
    method = "POST" if data else "GET"
    request = urllib.request.Request(url, data=data, headers=sent, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 -- loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_participants_share_and_facilitator_sees_counts(room: str) -> None:
    """Three moods, a module each and two questions arrive; the page shows only counts and
    the questions, never who sent them."""
    for name, mood in (("ana", 2), ("ben", 4), ("cleo", 4)):
        assert call(room + "api/mood", name, {"value": mood})[0] == 204
        assert call(room + "api/module", name, {"value": 2})[0] == 204
    assert call(room + "api/question", "ana", {"value": "Why this role?"})[0] == 204
    assert call(room + "api/question", "ben", {"value": "What would you change first?"})[0] == 204
    # ana's share arriving a second time (a double click, a message sent again) counts once
    assert call(room + "api/question", "ana", {"value": "Why this role?"})[0] == 204
    status, page = call(room, "lead")
    assert status == 200
    assert '<th scope="row">Shaky</th><td class="count">1</td>' in page
    assert '<th scope="row">Steady</th><td class="count">2</td>' in page
    assert '<td class="count">3</td>' in page  # three people on Module 2
    assert page.index("Why this role?") < page.index("What would you change first?")
    for name in ("ana", "ben", "cleo"):
        assert name not in page
    assert call(room + "deck.txt", "lead") == (
        200,
        "Why this role?\nWhat would you change first?\n",
    )


def test_moods_wait_for_three_people(room: str) -> None:
    """Two moods (one person twice, one other) give no counts on the page."""
    call(room + "api/mood", "ana", {"value": 1})
    call(room + "api/mood", "ana", {"value": 5})
    call(room + "api/mood", "ben", {"value": 5})
    page = call(room, "lead")[1]
    assert "fewer than three people have" in page
    assert 'class="moods"' not in page


def test_participant_refused_the_room_and_the_deck(room: str) -> None:
    """A participant gets the refusal page (403) and no deck."""
    call(room + "api/question", "ana", {"value": "Why this role?"})
    status, page = call(room, "ana")
    assert status == 403
    assert "This page is for the facilitator" in page
    assert "Why this role?" not in page
    status, deck = call(room + "deck.txt", "ana")
    assert status == 403
    assert "Why this role?" not in deck


def test_nobody_without_a_token(room: str) -> None:
    """Without a hub token: no page, and nothing can be sent (a cookie is not enough)."""
    assert call(room)[0] == 403
    status, _ = call(room + "api/question", None, {"value": "Why this role?"}, {"Cookie": "x=1"})
    assert status == 403
    assert "Why this role?" not in call(room + "deck.txt", "lead")[1]


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("mood", 9),
        ("mood", "4"),
        ("mood", True),
        ("module", 99),
        ("question", ""),
        ("question", "x" * 400),
        ("question", "Mail me at a@example.org please?"),
    ],
    ids=["mood-9", "mood-text", "mood-bool", "module-99", "empty", "too-long", "email"],
)
def test_bad_items_refused(room: str, kind: str, value: object) -> None:
    """Anything the share panel would not send is refused by the service too (400)."""
    assert call(room + f"api/{kind}", "ana", {"value": value})[0] == 400
    summary_page = call(room, "lead")[1]
    assert "No questions shared yet." in summary_page
    assert "Nobody has opened a module" in summary_page


def test_markup_in_a_question_is_shown_as_text(room: str) -> None:
    """A shared question with markup is escaped on the facilitator's page."""
    call(room + "api/question", "ana", {"value": "What about <script>alert(1)</script>?"})
    page = call(room, "lead")[1]
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
