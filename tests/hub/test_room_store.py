"""The room's store, on SQLite and on a real PostgreSQL server: one code path, same answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.room.store import RoomStore, database_url, participant_key


def test_moods_hidden_until_three_people_answered(room_store: RoomStore) -> None:
    """Two moods give no counts at all; the third shows every count."""
    room_store.set_mood("a", 2)
    room_store.set_mood("b", 4)
    early = room_store.summary()
    assert early.answered == 2
    assert early.mood_counts is None
    room_store.set_mood("c", 4)
    assert room_store.summary().mood_counts == {2: 1, 4: 2}


def test_a_second_mood_replaces_the_first(room_store: RoomStore) -> None:
    """One person, one mood in the count: sharing again changes it, never adds."""
    for person in ("a", "b", "c"):
        room_store.set_mood(person, 3)
    room_store.set_mood("a", 5)
    summary = room_store.summary()
    assert summary.answered == 3
    assert summary.mood_counts == {3: 2, 5: 1}


def test_questions_kept_exactly_in_order(room_store: RoomStore) -> None:
    """Shared questions come back exactly as sent (any script, quotes, markup), oldest first."""
    sent = [
        "What would you do in your first ninety days?",
        "¿Qué harías si un cliente se enfada?",
        "<script>alert('x')</script> and “quotes”",
    ]
    for text in sent:
        room_store.add_question(text)
    assert room_store.questions() == sent
    assert room_store.summary().questions == tuple(sent)


def test_the_same_person_sharing_the_same_question_again_is_kept_once(
    room_store: RoomStore,
) -> None:
    """A second click, or the same message arriving twice, does not put it in the deck twice;
    another person asking the same question, or the same person another one, still counts."""
    assert room_store.add_question("Why this role?", "key-a") is True
    assert room_store.add_question("Why this role?", "key-a") is False
    assert room_store.add_question("Why this role?", "key-b") is True
    assert room_store.add_question("What would you change first?", "key-a") is True
    assert room_store.questions() == [
        "Why this role?",
        "Why this role?",
        "What would you change first?",
    ]


def test_modules_counted_per_person(room_store: RoomStore) -> None:
    """Each person counts once, on the module they opened last."""
    room_store.set_module("a", 0)
    room_store.set_module("b", 0)
    room_store.set_module("a", 2)
    assert room_store.summary().modules == {0: 1, 2: 1}


def test_clear_deletes_everything(room_store: RoomStore) -> None:
    """The clean-up leaves no question, mood or module behind."""
    room_store.add_question("What is your biggest weakness?")
    room_store.set_mood("a", 1)
    room_store.set_module("a", 3)
    room_store.clear()
    summary = room_store.summary()
    assert (summary.answered, summary.questions, summary.modules) == (0, (), {})


def test_mood_outside_the_scale_is_refused_by_the_database(room_store: RoomStore) -> None:
    """The database itself refuses a mood of 9, on both engines."""
    with pytest.raises(Exception, match=r"(?i)check|constraint"):
        room_store.set_mood("a", 9)


def test_participant_key_names_no_one() -> None:
    """The key is stable for one name, differs between names and secrets, and hides the name."""
    key = participant_key(b"secret", "ana")
    assert key == participant_key(b"secret", "ana")
    assert key != participant_key(b"secret", "ben")
    assert key != participant_key(b"other", "ana")
    assert "ana" not in key


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, "sqlite:///{folder}/room.sqlite3"),
        ("", "sqlite:///{folder}/room.sqlite3"),
        ("postgresql://u@db:5432/room", "postgresql+psycopg://u@db:5432/room"),
        ("postgres://u@db/room", "postgresql+psycopg://u@db/room"),
        ("postgresql+psycopg://u@db/room", "postgresql+psycopg://u@db/room"),
    ],
    ids=["unset", "empty", "postgresql", "postgres-scheme", "explicit-driver"],
)
def test_database_url(given: str | None, expected: str, tmp_path: Path) -> None:
    """SQLite in the hub's folder by default; a PostgreSQL URL goes through psycopg 3."""
    assert database_url(given, tmp_path) == expected.format(folder=tmp_path)
