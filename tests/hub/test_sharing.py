"""What may be shared with the room, and how it is sent: only on a hub, only what was checked."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.room import sharing
from nextround.room.sharing import RoomConnection, RoomUnavailableError, ShareError


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write the question first"),
        ("   why?  ", "Write the question first"),
        ("x" * 301, "under 300"),
        ("Email me at ana@example.org about it?", "email address or web link"),
        ("See https://example.org for the question", "email address or web link"),
    ],
    ids=["empty", "too-short", "too-long", "email", "link"],
)
def test_question_refused_with_a_reason(text: str, message: str) -> None:
    """An unusable question gets a plain sentence saying what to change."""
    with pytest.raises(ShareError, match=message):
        sharing.validate_question(text)


def test_question_tidied() -> None:
    """Spaces and line breaks are collapsed; the words are kept exactly."""
    assert sharing.validate_question("  What would you\n do  first? ") == (
        "What would you do first?"
    )


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Why do you want to work at Brightwater Foods?", ["Brightwater", "Foods"]),
        ("What did Priya say about your last project?", ["Priya"]),
        ("What would you do in your first month?", []),
        ("Tell me about a time. How did it end?", []),
        ("What will you do on Monday in May?", []),
        ("What would I see if I asked your manager?", []),
    ],
    ids=["company", "person", "none", "sentence-starts", "days-months", "pronoun-I"],
)
def test_possible_names(text: str, flagged: list[str]) -> None:
    """Capitalised words inside a sentence are flagged; sentence starts and dates are not."""
    assert [span.text for span in sharing.possible_names(text)] == flagged


@given(st.text(max_size=300))
def test_possible_names_spans_point_into_the_text(text: str) -> None:
    """Every flagged span is exactly the flagged text, for any input."""
    for span in sharing.possible_names(text):
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"NEXTROUND_ROOM_URL": "http://127.0.0.1:1/services/room/"},
        {"JUPYTERHUB_API_TOKEN": "abc"},
        {"NEXTROUND_ROOM_URL": "file:///etc/passwd", "JUPYTERHUB_API_TOKEN": "abc"},
    ],
    ids=["nothing", "no-token", "no-room", "not-http"],
)
def test_not_on_a_hub(environ: dict[str, str]) -> None:
    """Without both the room's address and a hub token, there is no connection at all."""
    assert sharing.room_connection(environ) is None


class _Recorder(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[str, str, dict[str, object]]]] = []
    status = 204

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.path, self.headers["Authorization"], json.loads(body)))
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    """A tiny HTTP server on 127.0.0.1 that records what it is sent."""
    _Recorder.received = []
    _Recorder.status = 204
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/services/room/"
    server.shutdown()
    server.server_close()


def test_send_carries_token_and_value(recorder: str) -> None:
    """One POST to the room's API, with the hub token in the header and only the value."""
    RoomConnection(recorder, "tok123").send("question", "Why this role?")
    assert _Recorder.received == [
        ("/services/room/api/question", "token tok123", {"value": "Why this role?"})
    ]


@pytest.mark.parametrize(("status", "message"), [(400, "could not take"), (403, "did not accept")])
def test_send_refused_is_a_sentence(recorder: str, status: int, message: str) -> None:
    """A refusal from the room becomes a plain sentence, not an HTTP error."""
    _Recorder.status = status
    with pytest.raises(RoomUnavailableError, match=message):
        RoomConnection(recorder, "tok").send("mood", 3)


def test_room_down_is_a_sentence() -> None:
    """A room that cannot be reached says nothing was shared."""
    connection = RoomConnection(f"http://127.0.0.1:{_closed_port()}/services/room/", "tok")
    with pytest.raises(RoomUnavailableError, match="Nothing was shared"):
        connection.send("question", "Why this role?")


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
