"""Check-ins: "how are you feeling today?", kept in the personal store and shown back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final, Literal

from nextround.store import Store

Moment = Literal["start", "end", "anytime"]

#: The mood scale, from 1 to 5: a word, and what the course says back.
MOODS: Final[dict[int, tuple[str, str]]] = {
    1: (
        "Low",
        "Thank you for saying so. Go gently today: take breaks, skip anything that feels too "
        "much, and think about who you could talk to.",
    ),
    2: (
        "Shaky",
        "That is an honest answer, and a common one after a 'no'. Take it one step at a time; "
        "you can pause whenever you need to.",
    ),
    3: (
        "Okay",
        "Okay is a fine place to start from. Let's make today useful.",
    ),
    4: (
        "Steady",
        "Good to hear. A steady day is a good day to look back and plan ahead.",
    ),
    5: (
        "Good",
        "Glad you're feeling good. Let's put that energy into your next round.",
    ),
}

#: Moods at or below this count as upset: the letter studio suggests sleeping on a draft.
UPSET_AT_OR_BELOW: Final = 2
NOTE_LIMIT: Final = 2_000


@dataclass(frozen=True, slots=True)
class Checkin:
    """One check-in: when, at which point of the session, the mood (1-5) and a short note."""

    created_at: datetime
    moment: Moment
    mood: int
    note: str = ""

    @property
    def word(self) -> str:
        """The mood as a word (Low, Shaky, Okay, Steady, Good)."""
        return MOODS[self.mood][0]

    @property
    def response(self) -> str:
        """What the course says back to this mood."""
        return MOODS[self.mood][1]

    @property
    def upset(self) -> bool:
        """Whether the learner said they are low or shaky."""
        return self.mood <= UPSET_AT_OR_BELOW


class CheckinError(ValueError):
    """A check-in that cannot be saved; the message says why, in plain words."""


def validate(mood: int, note: str, moment: str) -> None:
    """Raise :class:`CheckinError` with a clear message if the check-in cannot be saved."""
    if isinstance(mood, bool) or not isinstance(mood, int) or mood not in MOODS:
        raise CheckinError("Pick how you are feeling on the scale from 1 (low) to 5 (good).")
    if len(note) > NOTE_LIMIT:
        raise CheckinError(
            f"Your note is {len(note):,} characters; keep it under {NOTE_LIMIT:,} "
            "(a line or two is plenty)."
        )
    if moment not in ("start", "end", "anytime"):
        raise CheckinError(f"Unknown moment {moment!r}: use start, end or anytime.")


def record(store: Store, mood: int, note: str = "", moment: Moment = "anytime") -> Checkin:
    """Save a check-in and return it; nothing is saved if it is invalid."""
    validate(mood, note, moment)
    entry = Checkin(datetime.now(UTC), moment, mood, note.strip())
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO checkin (created_at, moment, mood, note) VALUES (?, ?, ?, ?)",
            (entry.created_at.isoformat(), entry.moment, entry.mood, entry.note),
        )
    return entry


def latest(store: Store, moment: Moment | None = None) -> Checkin | None:
    """The most recent check-in (of one moment, if given), or None if there is none."""
    sql = "SELECT created_at, moment, mood, note FROM checkin"
    params: tuple[str, ...] = ()
    if moment is not None:
        sql += " WHERE moment = ?"
        params = (moment,)
    row = store.connection.execute(sql + " ORDER BY id DESC LIMIT 1", params).fetchone()
    return None if row is None else _checkin(row)


def history(store: Store) -> list[Checkin]:
    """Every check-in, oldest first."""
    rows = store.connection.execute(
        "SELECT created_at, moment, mood, note FROM checkin ORDER BY id"
    ).fetchall()
    return [_checkin(row) for row in rows]


def _checkin(row: tuple[str, Moment, int, str]) -> Checkin:
    """A check-in from a (created_at, moment, mood, note) row."""
    return Checkin(datetime.fromisoformat(row[0]), row[1], int(row[2]), row[3])
