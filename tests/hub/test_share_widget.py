"""The share panels: a plain sentence and no button off a hub; preview before share on one."""

from __future__ import annotations

import socket
import urllib.request

import ipywidgets as w
import pytest

from nextround import checkin
from nextround.room.sharing import RoomUnavailableError
from nextround.store import Store
from nextround.widgets import share


class FakeRoom:
    """Stands in for the room connection and records what would be sent."""

    def __init__(self, fail: bool = False) -> None:
        self.sent: list[tuple[str, object]] = []
        self.fail = fail

    def send(self, kind: str, value: object) -> None:
        if self.fail:
            raise RoomUnavailableError("The room cannot be reached just now. Nothing was shared.")
        self.sent.append((kind, value))


def _texts(widget: w.Widget) -> str:
    out = [getattr(widget, "value", "") if isinstance(widget, w.HTML) else ""]
    for child in getattr(widget, "children", ()):
        out.append(_texts(child))
    return " ".join(out)


def _buttons(widget: w.Widget) -> list[w.Button]:
    found = [widget] if isinstance(widget, w.Button) else []
    for child in getattr(widget, "children", ()):
        found += _buttons(child)
    return found


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the panel tried to contact something")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.delenv("NEXTROUND_ROOM_URL", raising=False)
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)


@pytest.mark.parametrize("app", [share.share_question_app, share.share_mood_app])
@pytest.mark.usefixtures("no_network")
def test_off_a_hub_says_so_and_offers_no_button(app: object) -> None:
    """Outside a workshop hub: the plain sentence, no button, nothing contacted."""
    panel = app()  # type: ignore[operator]
    assert "only for a workshop hub" in _texts(panel)
    assert "nothing you write leaves this computer" in _texts(panel)
    assert _buttons(panel) == []


def test_question_needs_a_preview_first() -> None:
    """The share button appears only after a preview, and shares exactly the previewed text."""
    room = FakeRoom()
    panel = share.ShareQuestionWidget(room)  # type: ignore[arg-type]
    assert panel.share.layout.display == "none"
    panel.question.value = "What would you do  in your first month?"
    panel.preview.click()
    assert panel.share.layout.display == ""
    assert "The room will see" in panel.result.value
    panel.share.click()
    assert room.sent == [("question", "What would you do in your first month?")]
    assert "Shared with the room, without your name" in panel.result.value
    assert panel.question.value == ""
    assert panel.share.layout.display == "none"


def test_editing_after_preview_hides_share() -> None:
    """Changing the text after a preview means previewing again: nothing unseen is sent."""
    room = FakeRoom()
    panel = share.ShareQuestionWidget(room)  # type: ignore[arg-type]
    panel.question.value = "What would you do in your first month?"
    panel.preview.click()
    panel.question.value = "Something else entirely, not previewed?"
    assert panel.share.layout.display == "none"
    panel.share.click()
    assert room.sent == []


def test_names_are_marked_and_warned_about() -> None:
    """A possible name of a person or company is marked in the preview, with the warning."""
    panel = share.ShareQuestionWidget(FakeRoom())  # type: ignore[arg-type]
    panel.question.value = "Why did you leave Brightwater Foods so soon?"
    panel.preview.click()
    assert '<mark class="nr-evidence"' in panel.result.value
    assert "name of a person or a company" in panel.result.value


def test_preview_escapes_markup() -> None:
    """Markup typed into the question is shown as text."""
    panel = share.ShareQuestionWidget(FakeRoom())  # type: ignore[arg-type]
    panel.question.value = "What about <img src=x onerror=alert(1)> here?"
    panel.preview.click()
    assert "<img" not in panel.result.value
    assert "&lt;img" in panel.result.value


def test_unusable_question_gets_a_sentence() -> None:
    """An empty question gets a plain warning and no share button."""
    panel = share.ShareQuestionWidget(FakeRoom())  # type: ignore[arg-type]
    panel.preview.click()
    assert "Write the question first" in panel.result.value
    assert panel.share.layout.display == "none"


def test_room_down_keeps_the_question() -> None:
    """If the room cannot be reached, the question stays and the message says so."""
    panel = share.ShareQuestionWidget(FakeRoom(fail=True))  # type: ignore[arg-type]
    panel.question.value = "What would you do in your first month?"
    panel.preview.click()
    panel.share.click()
    assert "Nothing was shared" in panel.result.value
    assert panel.question.value == "What would you do in your first month?"


def test_mood_shared_as_a_number_only(tmp_path: object) -> None:
    """The latest check-in's mood is sent as a number; the note never is."""
    store = Store()
    checkin.record(store, 2, "private note about Priya", "start")
    room = FakeRoom()
    panel = share.ShareMoodWidget(room, store)  # type: ignore[arg-type]
    panel.share.click()
    assert room.sent == [("mood", 2)]
    assert "Shaky" in panel.result.value
    assert "Priya" not in panel.result.value


def test_mood_needs_a_checkin_first() -> None:
    """Without a saved check-in there is nothing to share, and the panel says what to do."""
    room = FakeRoom()
    panel = share.ShareMoodWidget(room, Store())  # type: ignore[arg-type]
    panel.share.click()
    assert room.sent == []
    assert "Save your check-in above first" in panel.result.value
