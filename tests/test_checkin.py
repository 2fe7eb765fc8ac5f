"""Check-ins are validated, stored, and shown back escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nextround import checkin
from nextround.store import Store
from nextround.widgets.checkin import CheckinWidget


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "store.sqlite3") as opened:
        yield opened


@pytest.mark.parametrize(
    ("mood", "note", "moment", "message"),
    [
        pytest.param(0, "", "start", "1 (low) to 5", id="mood-too-low"),
        pytest.param(6, "", "start", "1 (low) to 5", id="mood-too-high"),
        pytest.param(True, "", "start", "1 (low) to 5", id="mood-bool"),
        pytest.param(3, "x" * 2_001, "start", "under 2,000", id="note-too-long"),
        pytest.param(3, "", "later", "Unknown moment", id="bad-moment"),
    ],
)
def test_invalid_checkins_are_refused_with_a_message(
    store: Store, mood: int, note: str, moment: str, message: str
) -> None:
    """Bad input gets a clear message and nothing is saved."""
    with pytest.raises(checkin.CheckinError, match=re.escape(message)):
        checkin.record(store, mood, note, moment)  # type: ignore[arg-type]
    assert checkin.history(store) == []


def test_latest_returns_newest_of_a_moment(store: Store) -> None:
    """The newest check-in is shown back; start and end are kept apart."""
    checkin.record(store, 2, "rough morning", "start")
    checkin.record(store, 4, "better", "end")
    latest_start = checkin.latest(store, "start")
    assert latest_start is not None
    assert (latest_start.mood, latest_start.note, latest_start.upset) == (2, "rough morning", True)
    latest_any = checkin.latest(store)
    assert latest_any is not None
    assert latest_any.word == "Steady"


@settings(max_examples=40, deadline=None)
@given(note=st.text(max_size=300))
def test_any_note_round_trips(tmp_path_factory: pytest.TempPathFactory, note: str) -> None:
    """Whatever is typed (emoji, RTL, control characters, HTML) is stored as typed, trimmed."""
    with Store(tmp_path_factory.mktemp("s") / "s.sqlite3") as store:
        checkin.record(store, 3, note)
        saved = checkin.latest(store)
    assert saved is not None
    assert saved.note == note.strip()


def test_widget_saves_and_confirms(store: Store) -> None:
    """Picking a mood and pressing save stores it and says so, with the note escaped."""
    app = CheckinWidget(store=store)
    app.mood.value = 4
    app.note.value = "<b>bold</b> & proud"
    app.save.click()
    assert "Saved. You said: Steady" in app.result.value
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; proud" in app.result.value
    assert "<b>bold</b>" not in app.result.value
    latest = checkin.latest(store)
    assert latest is not None
    assert latest.mood == 4


def test_widget_asks_for_a_mood_first(store: Store) -> None:
    """Saving without a mood explains what to do and stores nothing."""
    app = CheckinWidget(store=store)
    app.save.click()
    assert "Pick a number" in app.result.value
    assert checkin.history(store) == []


def test_widget_recalls_last_time(store: Store) -> None:
    """A new check-in panel mentions what was said last time."""
    checkin.record(store, 1, "", "start")
    app = CheckinWidget(store=store)
    assert "you said <b>Low</b>" in app.widget.children[0].value
