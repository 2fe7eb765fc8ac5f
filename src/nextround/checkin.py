"""Check-ins: "how are you feeling today?", kept in the personal store and shown back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final, Literal

from nextround.store import Store, StoreError, repair_text

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
    #: True when saving replaced a broken character in the note (see :data:`REPAIRED_NOTE`).
    repaired: bool = field(default=False, compare=False, repr=False)

    @property
    def word(self) -> str:
        """The mood as a word (Low, Shaky, Okay, Steady, Good)."""
        return MOODS[self.mood][0]

    @property
    def response(self) -> str:
        """What the course says back to this mood (and that a broken character was replaced)."""
        return _with_repair(MOODS[self.mood][1], self)

    @property
    def upset(self) -> bool:
        """Whether the learner said they are low or shaky."""
        return self.mood <= UPSET_AT_OR_BELOW


class CheckinError(ValueError):
    """A check-in that cannot be saved; the message says why, in plain words."""


#: Said after a save that replaced a broken character in the note.
REPAIRED_NOTE: Final = (
    "One character in your note could not be saved (it was broken, perhaps by copying and "
    "pasting), so it was replaced with \ufffd. The rest of your note is kept."
)


def _with_repair(text: str, entry: Checkin) -> str:
    return f"{text} {REPAIRED_NOTE}" if entry.repaired else text


def validate(mood: int, note: str, moment: str) -> None:
    """Raise :class:`CheckinError` with a clear message if the check-in cannot be saved."""
    if isinstance(mood, bool) or not isinstance(mood, int) or mood not in MOODS:
        raise CheckinError("Pick how you are feeling on the scale from 1 (low) to 5 (good).")
    if not isinstance(note, str):
        raise CheckinError("Your note must be written as text.")
    if len(note) > NOTE_LIMIT:
        raise CheckinError(
            f"Your note is {len(note):,} characters; keep it under {NOTE_LIMIT:,} "
            "(a line or two is plenty)."
        )
    if moment not in ("start", "end", "anytime"):
        raise CheckinError("Unknown moment: use start, end or anytime.")


def record(store: Store, mood: int, note: str = "", moment: Moment = "anytime") -> Checkin:
    """Save a check-in and return it; nothing is saved if it is invalid."""
    validate(mood, note, moment)
    kept = repair_text(note.strip())
    entry = Checkin(datetime.now(UTC), moment, mood, kept, repaired=kept != note.strip())
    try:
        with store.transaction() as conn:
            conn.execute(
                "INSERT INTO checkin (created_at, moment, mood, note) VALUES (?, ?, ?, ?)",
                (entry.created_at.isoformat(), entry.moment, entry.mood, entry.note),
            )
    except StoreError as exc:
        raise CheckinError(str(exc)) from exc
    return entry


def latest(store: Store, moment: Moment | None = None) -> Checkin | None:
    """The most recent check-in (of one moment, if given), or None if there is none."""
    sql = "SELECT created_at, moment, mood, note FROM checkin"
    params: tuple[str, ...] = ()
    if moment is not None:
        sql += " WHERE moment = ?"
        params = (moment,)
    rows = store.query(sql + " ORDER BY id DESC LIMIT 1", params)
    return _checkin(rows[0]) if rows else None


def history(store: Store) -> list[Checkin]:
    """Every check-in, oldest first."""
    rows = store.query("SELECT created_at, moment, mood, note FROM checkin ORDER BY id")
    return [_checkin(row) for row in rows]


def _checkin(row: tuple[str, Moment, int, str]) -> Checkin:
    """A check-in from a (created_at, moment, mood, note) row."""
    return Checkin(datetime.fromisoformat(row[0]), row[1], int(row[2]), row[3])


#: What the course says back at the end of a session (the morning replies look ahead).
END_RESPONSES: Final[dict[int, str]] = {
    1: "Thank you for staying with it on a hard day. Rest now: what you did today is kept, "
    "and it will still be here when you come back. Think about who you could talk to tonight.",
    2: "That was a lot to work through. Be kind to yourself this evening; the next step can "
    "wait until tomorrow.",
    3: "You got through the session, and that counts. Leave the rest for another day.",
    4: "Good to end on a steady note. Your plan and notes are saved for when you need them.",
    5: "A good place to finish. Take that feeling into your next application.",
}


def reply(entry: Checkin) -> str:
    """What the course says back to a check-in, fitting the moment it was made."""
    if entry.moment == "end":
        return _with_repair(END_RESPONSES[entry.mood], entry)
    return entry.response


def first_today(store: Store, before: Checkin | None = None) -> Checkin | None:
    """The first check-in made today (local time), other than ``before``; None if there is none."""
    today = datetime.now(UTC).astimezone().date()
    for entry in history(store):
        if entry == before:
            continue
        if entry.created_at.astimezone().date() == today:
            return entry
    return None


def compare_with_start(first: Checkin | None, now: Checkin) -> str:
    """One sentence comparing a check-in with the day's first one, kindly either way."""
    if first is None:
        return "This is your first check-in today, so there is nothing to compare it with."
    then = f"Earlier today you said {first.word} ({first.mood} of 5); now you said {now.word}"
    if now.mood > first.mood:
        return f"{then}. You feel better than when you started: notice what helped."
    if now.mood < first.mood:
        return (
            f"{then}. Today took something out of you, which is normal after looking back at "
            "a hard moment. Be gentle with yourself tonight."
        )
    return f"{then}, the same as when you started."
