"""Check-ins at the start and end of a day, and the note to your future self (modules 0 and 8)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from nextround import checkin, items
from nextround.store import Store
from nextround.widgets.checkin import (
    CheckinWidget,
    FutureNoteWidget,
    welcome_back_html,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "c.sqlite3")
    yield opened
    opened.close()


@pytest.mark.parametrize("mood", [1, 2, 3, 4, 5])
def test_end_of_day_replies_do_not_look_ahead_to_the_day(mood: int, store: Store) -> None:
    """An end-of-session reply never says "today" is still to come."""
    entry = checkin.record(store, mood, moment="end")
    said = checkin.reply(entry)
    assert "make today useful" not in said
    assert "step at a time" not in said
    assert said == checkin.END_RESPONSES[mood]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (2, 4, "You feel better than when you started"),
        (4, 2, "Today took something out of you"),
        (3, 3, "the same as when you started"),
    ],
    ids=["better", "worse", "same"],
)
def test_end_checkin_compares_with_the_days_first(
    store: Store, start: int, end: int, expected: str
) -> None:
    """Saving the end check-in shows the day's first check-in and how it compares."""
    checkin.record(store, start, moment="start")
    app = CheckinWidget(store, moment="end")
    first_word = checkin.MOODS[start][0]
    assert f"today you said <b>{first_word}</b>" in app.widget.children[0].value
    app.mood.value = end
    app.save.click()
    assert expected in app.result.value
    assert f"Earlier today you said {first_word}" in app.result.value


def test_end_checkin_without_a_start_says_there_is_nothing_to_compare(store: Store) -> None:
    """With no earlier check-in today, the comparison says so plainly."""
    app = CheckinWidget(store, moment="end")
    app.mood.value = 4
    app.save.click()
    assert "first check-in today" in app.result.value


def test_future_note_is_saved_comes_back_and_is_shown_escaped(store: Store) -> None:
    """The note is kept, filled back in on reopening, and shown escaped at Start here."""
    app = FutureNoteWidget(store)
    app.save.click()
    assert "Write your note first" in app.result.value
    app.text.value = "Keep going <you've got this>\nRead the plan."
    app.save.click()
    assert "Saved" in app.result.value
    again = FutureNoteWidget(store)
    assert again.text.value == "Keep going <you've got this>\nRead the plan."
    shown = welcome_back_html(store)
    assert "&lt;you&#x27;ve got this&gt;" in shown
    assert "<you've" not in shown
    assert len(items.of_kind(store, "future_note")) == 1


def test_no_note_shows_nothing_at_start_here(store: Store) -> None:
    """Without a note, Start here shows no empty box."""
    assert welcome_back_html(store) == ""
