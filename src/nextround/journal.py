"""The debrief journal: log an interview straight after it, edit it when news arrives.

Entries live in the personal store (:mod:`nextround.store`), one transaction per save, so
an entry is either saved whole or not at all. Everything typed is kept exactly as typed.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal, cast, get_args

import pandas as pd

from nextround.store import MEMORY, Store, StoreError, has_broken_text, repair_text

Stage = Literal["screen", "first", "second", "final", "other"]
Outcome = Literal["waiting", "rejected", "offer", "withdrew"]
SignalKind = Literal["face", "body", "tone", "gesture"]
Reading = Literal["positive", "neutral", "worrying"]
AuditAnswer = Literal["yes", "partly", "no"]

STAGES: Final[tuple[Stage, ...]] = get_args(Stage)
OUTCOMES: Final[tuple[Outcome, ...]] = get_args(Outcome)
SIGNAL_KINDS: Final[tuple[SignalKind, ...]] = get_args(SignalKind)
READINGS: Final[tuple[Reading, ...]] = get_args(Reading)
AUDIT_ANSWERS: Final[tuple[AuditAnswer, ...]] = get_args(AuditAnswer)

#: Long enough for any honest note (a megabyte and more), short enough to stop a runaway paste.
TEXT_LIMIT: Final = 2_000_000
SHORT_LIMIT: Final = 300
EARLIEST: Final = date(1950, 1, 1)
#: An import with many bad entries lists this many problems, then counts the rest.
MAX_REPORTED: Final = 10


@dataclass(frozen=True, slots=True)
class DebriefGuide:
    """The debrief's fixed vocabulary and prompts, read from ``data/debrief.toml``."""

    stages: Mapping[str, str]
    outcomes: Mapping[str, str]
    signal_kinds: Mapping[str, str]
    readings: Mapping[str, str]
    audit: Mapping[str, str]
    themes: Mapping[str, str]
    prompts: Mapping[str, str]


@cache
def guide() -> DebriefGuide:
    """The debrief guide (loaded once)."""
    raw = tomllib.loads(
        resources.files("nextround").joinpath("data/debrief.toml").read_text(encoding="utf-8")
    )
    return DebriefGuide(
        stages=raw["stages"],
        outcomes=raw["outcomes"],
        signal_kinds=raw["signal_kinds"],
        readings=raw["readings"],
        audit={item["id"]: item["question"] for item in raw["audit"]},
        themes={item["id"]: item["label"] for item in raw["theme"]},
        prompts=raw["prompts"],
    )


def entry_title(role: str, company: str, when: date) -> str:
    """How an interview is named in lists: "Planner at Tidewell Foods, 02 Jun 2026"."""
    return f"{role} at {company}, {when:%d %b %Y}"


@dataclass(frozen=True, slots=True)
class QuestionNote:
    """One question asked, how you answered, how you think it went (1-5) and any notes."""

    question: str
    answer: str = ""
    rating: int | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Signal:
    """Something the interviewers showed (face, body, tone, gesture) and how it read to you."""

    kind: SignalKind
    reading: Reading
    note: str = ""


@dataclass(frozen=True)
class Entry:
    """One interview, as debriefed. ``id`` is None until the entry is saved."""

    company: str
    role: str
    interview_date: date
    stage: Stage = "first"
    interviewers: tuple[str, ...] = ()
    questions: tuple[QuestionNote, ...] = ()
    signals: tuple[Signal, ...] = ()
    liked: str = ""
    nerves: str = ""
    nerves_level: int | None = None
    went_well: str = ""
    went_well_themes: tuple[str, ...] = ()
    to_improve_themes: tuple[str, ...] = ()
    differently: str = ""
    process_learned: str = ""
    audit: Mapping[str, AuditAnswer] = field(default_factory=dict)
    outcome: Outcome = "waiting"
    feedback: str = ""
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: True after a save that replaced a broken character; see :data:`REPAIRED_NOTE`.
    repaired: bool = field(default=False, compare=False, repr=False)

    @property
    def title(self) -> str:
        """A one-line name for the entry: role at company, date."""
        return entry_title(self.role, self.company, self.interview_date)

    @property
    def audit_all_yes(self) -> bool:
        """Every self-audit question answered "yes" (atom R8: little more you could have done)."""
        return len(self.audit) == len(guide().audit) and all(
            answer == "yes" for answer in self.audit.values()
        )


@dataclass(frozen=True, slots=True)
class EntrySummary:
    """The few fields the table of past interviews needs, read without the questions."""

    id: int
    interview_date: date
    company: str
    role: str
    stage: str
    nerves_level: int | None
    outcome: str
    question_count: int

    @property
    def title(self) -> str:
        """The same one-line name as :attr:`Entry.title`."""
        return entry_title(self.role, self.company, self.interview_date)


class JournalError(ValueError):
    """An entry that cannot be saved, or a missing one. ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(" ".join(self.problems))


#: How each free-text note is named in messages.
NOTE_LABELS: Final = {
    "liked": "What they liked",
    "nerves": "What made you nervous",
    "went_well": "What went well",
    "differently": "What you would do differently",
    "process_learned": "What you learned about their process",
    "feedback": "Their feedback",
}


def visible(text: str) -> bool:
    """Whether ``text`` has a character a person can see (not only spaces or zero-width marks)."""
    return any(unicodedata.category(ch)[0] in "LNPS" for ch in text)


def _shape_problems(entry: Entry) -> list[str]:  # noqa: PLR0912 -- one flat list of checks
    """Values of the wrong type (None, bytes, a datetime, one text for a list), in plain words."""
    found: list[str] = []
    for label, value in (("company", entry.company), ("role", entry.role)):
        if not isinstance(value, str):
            found.append(f"The {label} must be written as text.")
    for name, label in NOTE_LABELS.items():
        if not isinstance(getattr(entry, name), str):
            found.append(f"{label} must be written as text.")
    if isinstance(entry.interview_date, datetime):
        found.append("Give the interview date as a day, without a time.")
    elif not isinstance(entry.interview_date, date):
        found.append("Add the date of the interview.")
    if isinstance(entry.interviewers, str) or not _all_of(entry.interviewers, str):
        found.append("List the interviewers one name at a time, as text.")
    if isinstance(entry.questions, str) or not _all_of(entry.questions, QuestionNote):
        found.append("The questions must be a list of questions.")
    elif not all(
        isinstance(q.question, str) and isinstance(q.answer, str) and isinstance(q.notes, str)
        for q in entry.questions
    ):
        found.append("Each question, answer and note must be written as text.")
    if isinstance(entry.signals, str) or not _all_of(entry.signals, Signal):
        found.append("The signals must be a list of signals.")
    elif not all(isinstance(s.note, str) for s in entry.signals):
        found.append("Each signal's note must be written as text.")
    if not isinstance(entry.audit, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in entry.audit.items()
    ):
        found.append("Self-audit answers are yes, partly or no.")
    for themes in (entry.went_well_themes, entry.to_improve_themes):
        if isinstance(themes, str) or not _all_of(themes, str):
            found.append("Themes must be a list of theme names.")
            break
    for label, value in (("stage", entry.stage), ("outcome", entry.outcome)):
        if not isinstance(value, str):
            found.append(f"Pick a {label} from the list.")
    return found


def _all_of(values: object, kind: type) -> bool:
    return isinstance(values, tuple | list) and all(isinstance(v, kind) for v in values)


def problems(entry: Entry, *, today: date | None = None) -> list[str]:  # noqa: PLR0912 -- one flat list of checks reads best
    """Every reason ``entry`` cannot be saved, in plain words; empty when it is fine."""
    found = _shape_problems(entry)
    if found:
        return found
    today = today or date.today()
    if not visible(entry.company):
        found.append("Add the company (or organisation) you interviewed with.")
    if not visible(entry.role):
        found.append("Add the role you interviewed for.")
    for label, value in (("company", entry.company), ("role", entry.role)):
        if len(value) > SHORT_LIMIT:
            found.append(f"The {label} is {len(value):,} characters; keep it under {SHORT_LIMIT}.")
    if entry.interview_date > today:
        found.append(
            f"The interview date {entry.interview_date:%d %b %Y} is in the future; "
            "debrief after the interview."
        )
    elif entry.interview_date < EARLIEST:
        found.append(f"The interview date {entry.interview_date:%d %b %Y} looks mistyped.")
    if entry.stage not in STAGES:
        found.append(f"Pick a stage: {', '.join(guide().stages.values())}.")
    if entry.outcome not in OUTCOMES:
        found.append(f"Pick an outcome: {', '.join(guide().outcomes.values())}.")
    found += _rating_problems("How nervous you were", entry.nerves_level)
    for number, note in enumerate(entry.questions, start=1):
        if not visible(note.question):
            found.append(f"Question {number} is empty: write the question, or remove it.")
        found += _rating_problems(f"The rating for question {number}", note.rating)
    for signal in entry.signals:
        if signal.kind not in SIGNAL_KINDS or signal.reading not in READINGS:
            found.append("Each signal needs a kind (face, body, tone, gesture) and a reading.")
            break
    for key, answer in entry.audit.items():
        if key not in guide().audit or answer not in AUDIT_ANSWERS:
            found.append("Self-audit answers are yes, partly or no.")
            break
    unknown = set(entry.went_well_themes) | set(entry.to_improve_themes)
    if unknown - set(guide().themes):
        found.append(f"Unknown themes: {', '.join(sorted(unknown - set(guide().themes)))}.")
    if any(len(text) > TEXT_LIMIT for text in _texts(entry)):
        found.append(f"One of the notes is over {TEXT_LIMIT:,} characters; shorten it.")
    return found


def _rating_problems(label: str, rating: object) -> list[str]:
    if rating is None:
        return []
    if isinstance(rating, bool) or not isinstance(rating, int):
        return [f"{label} must be a number from 1 to 5."]
    if not 1 <= rating <= 5:
        return [f"{label} is {rating}; use a number from 1 to 5."]
    return []


def _texts(entry: Entry) -> Iterable[str]:
    yield from (entry.liked, entry.nerves, entry.went_well, entry.differently)
    yield from (entry.process_learned, entry.feedback, *entry.interviewers)
    for note in entry.questions:
        yield from (note.question, note.answer, note.notes)
    for signal in entry.signals:
        yield signal.note


#: Said after a save when a broken character (a lone surrogate) was replaced.
REPAIRED_NOTE: Final = (
    "A character in your text could not be saved (it was broken, perhaps by copying and "
    "pasting), so it was replaced with \ufffd. Everything else is kept as you wrote it."
)


def repaired(entry: Entry) -> Entry:
    """``entry`` with every broken character (lone surrogate) replaced by U+FFFD.

    ``entry.repaired`` is True on the result if anything was replaced.
    """
    if not _shape_problems(entry) and not any(map(has_broken_text, _all_texts(entry))):
        return entry
    fixed = replace(
        entry,
        **{
            name: repair_text(getattr(entry, name))
            for name in ("company", "role", "stage", "outcome", *NOTE_LABELS)
        },
        interviewers=tuple(repair_text(i) for i in entry.interviewers)
        if _all_of(entry.interviewers, str)
        else entry.interviewers,
        questions=tuple(
            QuestionNote(
                repair_text(q.question), repair_text(q.answer), q.rating, repair_text(q.notes)
            )
            for q in entry.questions
        )
        if _all_of(entry.questions, QuestionNote)
        else entry.questions,
        signals=tuple(Signal(s.kind, s.reading, repair_text(s.note)) for s in entry.signals)
        if _all_of(entry.signals, Signal)
        else entry.signals,
    )
    return replace(fixed, repaired=fixed != entry or entry.repaired)


def _all_texts(entry: Entry) -> Iterable[object]:
    yield from (entry.company, entry.role, entry.stage, entry.outcome)
    yield from _texts(entry)


def validate(entry: Entry) -> None:
    """Raise :class:`JournalError` listing every problem, if there are any."""
    found = problems(entry)
    if found:
        raise JournalError(found)


_ENTRY_COLUMNS: Final = (
    "company, role, interview_date, stage, interviewers, signals, liked, nerves, nerves_level, "
    "went_well, went_well_themes, to_improve_themes, differently, process_learned, audit, "
    "outcome, feedback"
)


class Journal:
    """The journal in a personal store: add, update, get, list, delete, analyse, export."""

    def __init__(self, store: Store, *, example: bool = False) -> None:
        self.store = store
        self._example = example

    @property
    def is_example(self) -> bool:
        """True for the example journal: fictional, in memory, never mixed with your own."""
        return self._example

    # -- writing ---------------------------------------------------------------------

    def add(self, entry: Entry) -> Entry:
        """Save a new entry (whole, in one transaction) and return it with its id.

        A broken character is replaced (the result's ``repaired`` is then True); a store
        that cannot be written raises :class:`JournalError` with a plain message.
        """
        entry = repaired(entry)
        validate(entry)
        now = datetime.now(UTC)
        with self._writing() as conn:
            entry_id = _insert(conn, entry, now, now)
        return replace(entry, id=entry_id, created_at=now, updated_at=now)

    def update(self, entry: Entry) -> Entry:
        """Replace a saved entry (say, when the outcome or feedback arrives)."""
        entry_id = entry.id
        if entry_id is None:
            raise JournalError(["This entry has not been saved yet; add it first."])
        entry = repaired(entry)
        validate(entry)
        now = datetime.now(UTC)
        with self._writing() as conn:
            assignments = ", ".join(f"{c.strip()} = ?" for c in _ENTRY_COLUMNS.split(","))
            cursor = conn.execute(
                f"UPDATE entry SET {assignments}, updated_at = ? WHERE id = ?",  # noqa: S608 -- fixed column list
                (*_entry_row(entry), now.isoformat(), entry_id),
            )
            if cursor.rowcount != 1:
                raise JournalError([f"There is no saved entry number {entry_id}."])
            conn.execute("DELETE FROM entry_question WHERE entry_id = ?", (entry_id,))
            _write_questions(conn, entry_id, entry.questions)
        return replace(entry, updated_at=now)

    def delete(self, entry_id: int) -> None:
        """Delete an entry and its questions."""
        with self._writing() as conn:
            cursor = conn.execute("DELETE FROM entry WHERE id = ?", (entry_id,))
            if cursor.rowcount != 1:
                raise JournalError([f"There is no saved entry number {entry_id}."])

    @contextmanager
    def _writing(self) -> Iterator[Any]:
        """A store transaction whose failures (busy, read-only, damaged) are JournalErrors."""
        try:
            with self.store.transaction() as conn:
                yield conn
        except StoreError as exc:
            raise JournalError([str(exc)]) from exc

    # -- reading ---------------------------------------------------------------------

    def get(self, entry_id: int) -> Entry:
        """One saved entry."""
        entries = self._select("WHERE e.id = ?", (entry_id,))
        if not entries:
            raise JournalError([f"There is no saved entry number {entry_id}."])
        return entries[0]

    def entries(self) -> list[Entry]:
        """Every entry, newest interview first."""
        return self._select("", ())

    def overview(self) -> list[EntrySummary]:
        """One light row per entry, newest first: what the table of past interviews shows."""
        rows = self.store.query(
            "SELECT e.id, interview_date, company, role, stage, nerves_level, outcome, "
            "(SELECT count(*) FROM entry_question q WHERE q.entry_id = e.id) "
            "FROM entry e ORDER BY interview_date DESC, e.id DESC"
        )
        return [
            EntrySummary(r[0], date.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6], r[7])
            for r in rows
        ]

    def __len__(self) -> int:
        return int(self.store.query("SELECT count(*) FROM entry")[0][0])

    def __bool__(self) -> bool:
        # A journal is a journal even when empty: ``if journal`` must not mean "has entries".
        return True

    def _select(self, where: str, params: tuple[object, ...]) -> list[Entry]:
        with self.store.read() as conn:
            rows = conn.execute(
                f"SELECT e.id, {_ENTRY_COLUMNS}, created_at, updated_at FROM entry e {where} "  # noqa: S608 -- fixed text
                "ORDER BY interview_date DESC, e.id DESC",
                params,
            ).fetchall()
            if not rows:
                return []
            ids = [row[0] for row in rows]
            questions: dict[int, list[QuestionNote]] = {i: [] for i in ids}
            marks = ",".join("?" * len(ids)) if len(ids) < 900 else None
            sql = "SELECT entry_id, question, answer, rating, notes FROM entry_question "
            sql += f"WHERE entry_id IN ({marks}) " if marks else ""
            for entry_id, question, answer, rating, notes in conn.execute(
                sql + "ORDER BY entry_id, position", ids if marks else ()
            ):
                if entry_id in questions:
                    questions[entry_id].append(QuestionNote(question, answer, rating, notes))
        return [_entry_from_row(row, tuple(questions[row[0]])) for row in rows]

    # -- analysis and exchange ---------------------------------------------------------

    def to_dataframe(self) -> pd.DataFrame:
        """A tidy frame: one row per question asked, the entry's fields repeated on each.

        An entry with no questions still has one row, with the question columns empty.
        """
        columns = ", ".join(f"e.{c.strip()}" for c in _ENTRY_COLUMNS.split(","))
        with self.store.read() as conn:
            frame = pd.read_sql_query(
                f"SELECT e.id AS entry, {columns}, q.position, q.question, q.answer, q.rating, "  # noqa: S608 -- fixed text
                "q.notes FROM entry e LEFT JOIN entry_question q ON q.entry_id = e.id "
                "ORDER BY e.interview_date DESC, e.id DESC, q.position",
                conn,
            )
        return _typed_frame(frame)

    def export_json(self) -> str:
        """Every entry as JSON text (UTF-8, unescaped), oldest first."""
        return entries_to_json(reversed(self.entries()))

    def export_csv(self) -> str:
        """Every entry as CSV text, one row per question (the tidy shape of the frame)."""
        return entries_to_csv(reversed(self.entries()))

    def import_entries(self, entries: Iterable[Entry]) -> ImportedEntries:
        """Restore entries (from an export) in one transaction: all of them or none.

        What a restore means (:data:`RESTORE_RULE`): an entry already in the journal
        exactly (same content, and the same creation time when the file has one) is
        skipped, so importing a file twice adds nothing the second time. The rest keep
        their creation and change times, and their number when it is free.
        """
        batch = [repaired(e) for e in entries]
        found = [f"Entry {n}: {p}" for n, e in enumerate(batch, 1) for p in problems(e)]
        if len(found) > MAX_REPORTED:
            found = [*found[:MAX_REPORTED], f"... and {len(found) - MAX_REPORTED:,} more problems."]
        if found:
            raise JournalError(found)
        now = datetime.now(UTC)
        saved: list[Entry] = []
        skipped = 0
        with self._writing() as conn:
            have = _existing_keys(conn)
            taken = {row[0] for row in conn.execute("SELECT id FROM entry")}
            for entry in batch:
                if _restore_key(entry, with_time=entry.created_at is not None) in have:
                    skipped += 1
                    continue
                created = entry.created_at or now
                updated = entry.updated_at or created
                wanted = entry.id if entry.id is not None and entry.id not in taken else None
                entry_id = _insert(conn, entry, created, updated, entry_id=wanted)
                taken.add(entry_id)
                saved.append(replace(entry, id=entry_id, created_at=created, updated_at=updated))
        return ImportedEntries(saved, skipped=skipped, repaired=any(e.repaired for e in batch))

    def import_json(self, text: str) -> ImportedEntries:
        """Restore the entries in a JSON export (see :meth:`import_entries`)."""
        return self.import_entries(entries_from_json(text))

    def import_csv(self, text: str) -> ImportedEntries:
        """Restore the entries in a CSV export (see :meth:`import_entries`)."""
        return self.import_entries(entries_from_csv(text))


#: What importing a journal file does, in the words the journal page uses.
RESTORE_RULE: Final = (
    "Importing a journal file adds the interviews that are not in your journal yet, with "
    "the dates they were written. Interviews you already have are left as they are, so "
    "importing the same file twice adds nothing."
)


class ImportedEntries(list[Entry]):
    """The entries an import added (a list), with how many it skipped and a message to show."""

    def __init__(self, added: Iterable[Entry], *, skipped: int = 0, repaired: bool = False):
        super().__init__(added)
        self.skipped = skipped
        self.repaired = repaired

    @property
    def message(self) -> str:
        """What the import did, in plain words, for the journal page."""
        added = len(self)
        words = [
            f"Added {_interviews(added)} to your journal."
            if added
            else "Nothing new was added to your journal."
        ]
        if self.skipped:
            were = "was" if self.skipped == 1 else "were"
            words.append(
                f"{_interviews(self.skipped).capitalize()} {were} already there and "
                f"{'has' if self.skipped == 1 else 'have'} been left as "
                f"{'it is' if self.skipped == 1 else 'they are'}."
            )
        if self.repaired:
            words.append(REPAIRED_NOTE)
        return " ".join(words)


def _interviews(count: int) -> str:
    numbers = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    word = numbers[count] if count < len(numbers) else f"{count:,}"
    return f"{word} interview{'' if count == 1 else 's'}"


def _restore_key(entry: Entry, *, with_time: bool) -> str:
    data = entry_to_dict(entry)
    if with_time:
        data["created_at"] = entry.created_at.isoformat() if entry.created_at else None
    return _dumps(data)


def _existing_keys(conn: Any) -> set[str]:
    """Keys of every saved entry, with and without its creation time (read in the transaction)."""
    rows = conn.execute(
        f"SELECT e.id, {_ENTRY_COLUMNS}, created_at, updated_at FROM entry e"  # noqa: S608 -- fixed text
    ).fetchall()
    questions: dict[int, list[QuestionNote]] = {row[0]: [] for row in rows}
    for entry_id, question, answer, rating, notes in conn.execute(
        "SELECT entry_id, question, answer, rating, notes FROM entry_question "
        "ORDER BY entry_id, position"
    ):
        questions.setdefault(entry_id, []).append(QuestionNote(question, answer, rating, notes))
    keys: set[str] = set()
    for row in rows:
        entry = _entry_from_row(row, tuple(questions[row[0]]))
        keys.add(_restore_key(entry, with_time=True))
        keys.add(_restore_key(entry, with_time=False))
    return keys


def split_list(text: str) -> tuple[str, ...]:
    """Split a comma- or line-separated list as typed ("Panel chair, HR adviser")."""
    parts = (part.strip() for line in text.splitlines() for part in line.split(","))
    return tuple(part for part in parts if part)


def open_journal(path: Path | str | None = None) -> Journal:
    """Open the journal at ``path``, or in the personal store at the default location."""
    return Journal(Store(path))


def example_journal() -> Journal:
    """A fictional person's six interviews, in memory only: never mixed with your own."""
    journal = Journal(Store(MEMORY), example=True)
    journal.import_entries(example_entries())
    return journal


def example_entries() -> list[Entry]:
    """The example journal's entries, from ``data/example_journal.toml``."""
    raw = tomllib.loads(
        resources.files("nextround")
        .joinpath("data/example_journal.toml")
        .read_text(encoding="utf-8")
    )
    return [entry_from_dict(item) for item in raw["entry"]]


# -- rows, frames and exports -----------------------------------------------------------


def _entry_row(entry: Entry) -> tuple[object, ...]:
    return (
        entry.company,
        entry.role,
        entry.interview_date.isoformat(),
        entry.stage,
        _dumps(list(entry.interviewers)),
        _dumps([asdict(s) for s in entry.signals]),
        entry.liked,
        entry.nerves,
        entry.nerves_level,
        entry.went_well,
        _dumps(list(entry.went_well_themes)),
        _dumps(list(entry.to_improve_themes)),
        entry.differently,
        entry.process_learned,
        _dumps(dict(entry.audit)),
        entry.outcome,
        entry.feedback,
    )


def _insert(
    conn: Any, entry: Entry, created: datetime, updated: datetime, *, entry_id: int | None = None
) -> int:
    """Insert an entry and its questions (inside the caller's transaction); return its id.

    ``entry_id`` keeps a restored entry's number (the caller checks it is free).
    """
    cursor = conn.execute(
        f"INSERT INTO entry (id, {_ENTRY_COLUMNS}, created_at, updated_at) "  # noqa: S608 -- fixed column list
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (entry_id, *_entry_row(entry), created.isoformat(), updated.isoformat()),
    )
    new_id = int(cast(int, cursor.lastrowid))
    _write_questions(conn, new_id, entry.questions)
    return new_id


def _write_questions(conn: Any, entry_id: int, questions: Sequence[QuestionNote]) -> None:
    conn.executemany(
        "INSERT INTO entry_question (entry_id, position, question, answer, rating, notes) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (entry_id, position, q.question, q.answer, q.rating, q.notes)
            for position, q in enumerate(questions)
        ],
    )


def _entry_from_row(row: Sequence[Any], questions: tuple[QuestionNote, ...]) -> Entry:
    (
        entry_id,
        company,
        role,
        interview_date,
        stage,
        interviewers,
        signals,
        liked,
        nerves,
        nerves_level,
        went_well,
        went_well_themes,
        to_improve_themes,
        differently,
        process_learned,
        audit,
        outcome,
        feedback,
        created_at,
        updated_at,
    ) = row
    return Entry(
        company=company,
        role=role,
        interview_date=date.fromisoformat(interview_date),
        stage=stage,
        interviewers=tuple(json.loads(interviewers)),
        questions=questions,
        signals=tuple(Signal(**s) for s in json.loads(signals)),
        liked=liked,
        nerves=nerves,
        nerves_level=nerves_level,
        went_well=went_well,
        went_well_themes=tuple(json.loads(went_well_themes)),
        to_improve_themes=tuple(json.loads(to_improve_themes)),
        differently=differently,
        process_learned=process_learned,
        audit=json.loads(audit),
        outcome=outcome,
        feedback=feedback,
        id=entry_id,
        created_at=datetime.fromisoformat(created_at),
        updated_at=datetime.fromisoformat(updated_at),
    )


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """An entry as plain JSON-ready data (dates as ISO text)."""
    return {
        "company": entry.company,
        "role": entry.role,
        "interview_date": entry.interview_date.isoformat(),
        "stage": entry.stage,
        "interviewers": list(entry.interviewers),
        "questions": [asdict(q) for q in entry.questions],
        "signals": [asdict(s) for s in entry.signals],
        "liked": entry.liked,
        "nerves": entry.nerves,
        "nerves_level": entry.nerves_level,
        "went_well": entry.went_well,
        "went_well_themes": list(entry.went_well_themes),
        "to_improve_themes": list(entry.to_improve_themes),
        "differently": entry.differently,
        "process_learned": entry.process_learned,
        "audit": dict(entry.audit),
        "outcome": entry.outcome,
        "feedback": entry.feedback,
    }


class _UnreadableError(ValueError):
    """One unreadable value in an import, described in plain words."""


def _text(data: Mapping[str, Any], name: str, label: str) -> str:
    """A text field: missing or null is empty; numbers become text; anything else is refused."""
    value = data.get(name)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number_text(value)
    raise _UnreadableError(f"{label} is not text.")


def _number_text(value: float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _whole(value: object, label: str) -> int | None:
    """A whole number: 3, 3.0, "3" or "3.0" (as a spreadsheet writes it back); empty is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _UnreadableError(f"{label} is not a number from 1 to 5.")
    if isinstance(value, int):
        return value
    try:
        number = float(value) if isinstance(value, str | float) else None
    except ValueError:
        number = None
    if number is None or not number.is_integer():
        raise _UnreadableError(f"{label} is not a whole number from 1 to 5.")
    return int(number)


def _day(value: object) -> date:
    """An ISO date, also with a midnight time after it (as some spreadsheets write dates)."""
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            if moment.time() == datetime.min.time():
                return moment.date()
    raise _UnreadableError("The interview date is not a date written like 2026-03-04.")


def _stamp(value: object) -> datetime | None:
    if value is None or value == "":
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise _UnreadableError(
            "A saved time is not written like 2026-03-04T10:00:00+00:00."
        ) from exc


def _list(data: Mapping[str, Any], name: str, label: str) -> list[Any]:
    value = data.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        return list(split_list(value))
    if not isinstance(value, list):
        raise _UnreadableError(f"{label} is not a list.")
    return value


def _names(values: list[Any], label: str) -> tuple[str, ...]:
    if not all(isinstance(v, str) for v in values):
        raise _UnreadableError(f"{label} must be text.")
    return tuple(values)


def entry_from_dict(data: Mapping[str, Any]) -> Entry:
    """The inverse of :func:`entry_to_dict`; raises :class:`JournalError` on malformed data.

    Missing or null text is empty text (never the word "None"); ``id``, ``created_at``
    and ``updated_at``, if present (a restore), are kept.
    """
    try:
        return _entry_from_mapping(data)
    except _UnreadableError as exc:
        raise JournalError([f"This does not look like a journal export: {exc}"]) from exc


def _entry_from_mapping(data: Mapping[str, Any]) -> Entry:
    if not isinstance(data, Mapping):
        raise _UnreadableError("an entry is not a set of named fields.")
    questions = []
    for q in _list(data, "questions", "The questions"):
        if not isinstance(q, Mapping):
            raise _UnreadableError("a question is not a set of named fields.")
        questions.append(
            QuestionNote(
                _text(q, "question", "A question"),
                _text(q, "answer", "An answer"),
                _whole(q.get("rating"), "A rating"),
                _text(q, "notes", "A question's notes"),
            )
        )
    signals = []
    for sig in _list(data, "signals", "The signals"):
        if not isinstance(sig, Mapping):
            raise _UnreadableError("a signal is not a set of named fields.")
        signals.append(
            Signal(
                _text(sig, "kind", "A signal's kind"),  # type: ignore[arg-type]
                _text(sig, "reading", "A signal's reading"),  # type: ignore[arg-type]
                _text(sig, "note", "A signal's note"),
            )
        )
    audit = data.get("audit") or {}
    if not isinstance(audit, Mapping):
        raise _UnreadableError("the self-audit is not a set of answers.")
    raw_id = data.get("id")
    return Entry(
        company=_text(data, "company", "The company"),
        role=_text(data, "role", "The role"),
        interview_date=_day(data.get("interview_date")),
        stage=_text(data, "stage", "The stage") or "first",  # type: ignore[arg-type]
        interviewers=_names(_list(data, "interviewers", "The interviewers"), "Interviewers"),
        questions=tuple(questions),
        signals=tuple(signals),
        liked=_text(data, "liked", NOTE_LABELS["liked"]),
        nerves=_text(data, "nerves", NOTE_LABELS["nerves"]),
        nerves_level=_whole(data.get("nerves_level"), "How nervous you were"),
        went_well=_text(data, "went_well", NOTE_LABELS["went_well"]),
        went_well_themes=_names(_list(data, "went_well_themes", "The themes"), "Themes"),
        to_improve_themes=_names(_list(data, "to_improve_themes", "The themes"), "Themes"),
        differently=_text(data, "differently", NOTE_LABELS["differently"]),
        process_learned=_text(data, "process_learned", NOTE_LABELS["process_learned"]),
        audit={str(k): v for k, v in audit.items()},
        outcome=_text(data, "outcome", "The outcome") or "waiting",  # type: ignore[arg-type]
        feedback=_text(data, "feedback", NOTE_LABELS["feedback"]),
        id=_whole(raw_id, "An entry number") if raw_id not in (None, "") else None,
        created_at=_stamp(data.get("created_at")),
        updated_at=_stamp(data.get("updated_at")),
    )


JSON_MARKER: Final = "nextround_journal"
JSON_VERSION: Final = 1


def entries_to_json(entries: Iterable[Entry]) -> str:
    """Entries as a JSON document: ``{"nextround_journal": 1, "entries": [...]}``.

    Saved entries carry their ``id``, ``created_at`` and ``updated_at``, for a restore.
    """
    document = {JSON_MARKER: JSON_VERSION, "entries": [_with_stamps(e) for e in entries]}
    return json.dumps(document, ensure_ascii=False, indent=2)


def _with_stamps(entry: Entry) -> dict[str, Any]:
    data = entry_to_dict(entry)
    if entry.id is not None:
        data["id"] = entry.id
    for name in ("created_at", "updated_at"):
        stamp = getattr(entry, name)
        if stamp is not None:
            data[name] = stamp.isoformat()
    return data


NOT_AN_EXPORT: Final = "This file is not a Next Round journal export."


def entries_from_json(text: str) -> list[Entry]:
    """Entries from a JSON export; anything else gets a plain sentence (a JournalError)."""
    try:
        document = json.loads(text.lstrip("\ufeff"))
    except (json.JSONDecodeError, RecursionError) as exc:
        raise JournalError(
            [f"{NOT_AN_EXPORT} It could not be read as a journal export (JSON)."]
        ) from exc
    if isinstance(document, dict) and "nextround_backup" in document:
        raise JournalError(
            [
                f"{NOT_AN_EXPORT} It is a copy of everything you saved: import it on the page "
                "that made it, 'Everything you saved'."
            ]
        )
    if not isinstance(document, dict) or document.get(JSON_MARKER) != JSON_VERSION:
        raise JournalError([f"{NOT_AN_EXPORT} Choose the .json file the journal export made."])
    items = document.get("entries")
    if not isinstance(items, list):
        raise JournalError([f"{NOT_AN_EXPORT} It has no list of entries."])
    found: list[Entry] = []
    problems_found: list[str] = []
    for number, item in enumerate(items, start=1):
        try:
            found.append(_entry_from_mapping(item))
        except _UnreadableError as exc:
            problems_found.append(f"Entry {number}: {exc}")
    if problems_found:
        raise JournalError(
            _capped(
                [
                    "Part of this journal export could not be read, so nothing was imported.",
                    *problems_found,
                ]
            )
        )
    return found


def _capped(found: list[str]) -> list[str]:
    if len(found) > MAX_REPORTED + 1:
        return [
            *found[: MAX_REPORTED + 1],
            f"... and {len(found) - MAX_REPORTED - 1:,} more problems.",
        ]
    return found


#: The tidy frame's columns: entry fields first, then one question per row.
ENTRY_FIELDS: Final = (
    "entry",
    "company",
    "role",
    "interview_date",
    "stage",
    "interviewers",
    "signals",
    "liked",
    "nerves",
    "nerves_level",
    "went_well",
    "went_well_themes",
    "to_improve_themes",
    "differently",
    "process_learned",
    "audit",
    "outcome",
    "feedback",
)
QUESTION_FIELDS: Final = ("position", "question", "answer", "rating", "notes")
#: The CSV's last columns: when each entry was written and last changed (for a restore).
STAMP_FIELDS: Final = ("created_at", "updated_at")
_JSON_CELLS: Final = ("interviewers", "signals", "went_well_themes", "to_improve_themes", "audit")


def _tidy_rows(entries: Iterable[Entry]) -> Iterable[dict[str, Any]]:
    for number, entry in enumerate(entries, start=1):
        data = entry_to_dict(entry)
        base: dict[str, Any] = {"entry": entry.id if entry.id is not None else number}
        for name in ENTRY_FIELDS[1:]:
            value = data[name]
            base[name] = _dumps(value) if isinstance(value, list | dict) else value
        if not entry.questions:
            yield {**base, "position": None, "question": None, "answer": None}
            continue
        for position, note in enumerate(entry.questions):
            yield {**base, "position": position, **asdict(note)}


def entries_to_dataframe(entries: Iterable[Entry]) -> pd.DataFrame:
    """The tidy frame for any entries (see :meth:`Journal.to_dataframe`)."""
    return _typed_frame(
        pd.DataFrame(list(_tidy_rows(entries)), columns=[*ENTRY_FIELDS, *QUESTION_FIELDS])
    )


def _typed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame["interview_date"] = pd.to_datetime(frame["interview_date"])
    for column in ("entry", "nerves_level", "rating", "position"):
        frame[column] = frame[column].astype("Int64")
    for column in ("question", "answer", "notes"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


# Spreadsheets run a cell starting with one of these as a formula (CSV injection, OWASP).
# Such a cell is written with a leading apostrophe, which spreadsheets show as text; so
# that the round trip stays exact, text that already starts with apostrophes before one
# of these gets one more, and the reader takes exactly one off.
_FORMULA: Final = re.compile(r"'*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]")


def neutralise_cell(text: str) -> str:
    """A CSV cell a spreadsheet will show as text, never run as a formula."""
    return f"'{text}" if _FORMULA.match(text) else text


def restore_cell(text: str) -> str:
    """The inverse of :func:`neutralise_cell`."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text


#: Large enough for a note at :data:`TEXT_LIMIT` in the worst case (all of it in a JSON
#: list cell, escaped), far below what would exhaust memory.
CSV_FIELD_LIMIT: Final = 64 * TEXT_LIMIT


def _allow_long_cells() -> None:
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(min(CSV_FIELD_LIMIT, sys.maxsize))


def entries_to_csv(entries: Iterable[Entry]) -> str:
    """Entries as CSV in the tidy shape; lists and the audit are JSON inside their cells.

    A cell a spreadsheet would run as a formula starts with an apostrophe instead.
    """
    out = io.StringIO(newline="")
    writer = csv.DictWriter(
        out,
        fieldnames=[*ENTRY_FIELDS, *QUESTION_FIELDS, *STAMP_FIELDS],
        quoting=csv.QUOTE_ALL,
        lineterminator="\n",
    )
    writer.writeheader()
    for entry, row in _rows_with_entries(entries):
        cells = {k: "" if v is None else v for k, v in row.items()}
        cells = {k: neutralise_cell(v) if isinstance(v, str) else v for k, v in cells.items()}
        for name in STAMP_FIELDS:
            stamp = getattr(entry, name)
            cells[name] = stamp.isoformat() if stamp is not None else ""
        writer.writerow(cells)
    return out.getvalue()


def _rows_with_entries(entries: Iterable[Entry]) -> Iterable[tuple[Entry, dict[str, Any]]]:
    for entry in entries:
        for row in _tidy_rows([entry]):
            yield entry, row


def _sniff_delimiter(text: str) -> str:
    """The separator a spreadsheet used: ``,`` (ours), ``;`` (many European ones) or a tab."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def entries_from_csv(text: str) -> list[Entry]:
    """Entries from a CSV export, also after a spreadsheet saved it again.

    Accepted: a byte-order mark, ``;`` or tab separators, numbers written as "3.0", lists
    typed as "Ann, Bob", our apostrophes before formula-like text. An entry's rows are
    consecutive rows with the same ``entry`` number and the same entry fields, so two
    exports pasted together stay separate entries. Anything else: a plain sentence.
    """
    _allow_long_cells()
    text = text.lstrip("\ufeff")
    reader = csv.DictReader(
        io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text), strict=True
    )
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise JournalError([f"{NOT_AN_EXPORT} It could not be read as CSV."]) from exc
    names = [name.strip().lstrip("\ufeff") for name in header or ()]
    reader.fieldnames = names
    missing = [f for f in (*ENTRY_FIELDS, *QUESTION_FIELDS) if f not in names]
    if missing:
        raise JournalError(
            [
                "This file is not a Next Round journal export (CSV): it has no column for "
                + ", ".join(missing[:5])
                + (f" and {len(missing) - 5} more." if len(missing) > 5 else ".")
            ]
        )
    groups: list[list[dict[str, str]]] = []
    trouble: list[str] = []
    key: tuple[str, ...] | None = None
    try:
        for row in reader:
            line = reader.line_num
            if None in row or any(v is None for v in row.values()):
                trouble.append(
                    f"Row {line} has {'too many' if None in row else 'too few'} cells; "
                    "the file may be cut short or edited."
                )
                continue
            cells = {k: restore_cell(v) for k, v in row.items()}
            if [cells[n] for n in names] == names:
                continue  # a second header, where two exports were pasted together
            if not any(v.strip() for v in cells.values()):
                continue  # a blank line a spreadsheet added
            row_key = tuple(cells[n] for n in ENTRY_FIELDS) + tuple(
                cells.get(n, "") for n in STAMP_FIELDS
            )
            position = _position(cells["position"])
            if (
                row_key != key
                or not groups
                or position is None
                or (last := _position(groups[-1][-1]["position"])) is None
                or position <= last
            ):
                groups.append([])
            groups[-1].append(cells)
            key = row_key
    except csv.Error:
        trouble.append(f"The file is cut short or damaged near row {reader.line_num}.")
    except _UnreadableError as exc:
        trouble.append(f"Row {reader.line_num}: {exc}")
    entries: list[Entry] = []
    for number, rows in enumerate(groups, start=1):
        try:
            entries.append(_entry_from_rows(rows))
        except _UnreadableError as exc:
            trouble.append(f"Entry {number}: {exc}")
    if trouble:
        raise JournalError(
            _capped(["Part of this CSV could not be read, so nothing was imported.", *trouble])
        )
    return entries


def _position(cell: str) -> int | None:
    return _whole(cell, "A question's position")


def _entry_from_rows(rows: list[dict[str, str]]) -> Entry:
    first = rows[0]
    data: dict[str, Any] = {name: first[name] for name in ENTRY_FIELDS[1:]}
    for name in _JSON_CELLS:
        data[name] = _json_cell(first[name], name)
    data["nerves_level"] = first["nerves_level"]
    # The entry column numbers unsaved entries 1, 2, 3...; only a saved one (with its
    # times) keeps its number on a restore.
    data["id"] = first["entry"] if first.get("created_at", "").strip() else None
    for name in STAMP_FIELDS:
        data[name] = first.get(name, "")
    data["questions"] = [
        {
            "question": r["question"],
            "answer": r["answer"],
            "rating": r["rating"],
            "notes": r["notes"],
        }
        for r in rows
        if r["position"].strip() != ""
    ]
    return _entry_from_mapping(data)


def _json_cell(cell: str, name: str) -> Any:
    """A list or the audit, as JSON in its cell; a typed list ("Ann, Bob") is read as a list."""
    stripped = cell.strip()
    if not stripped:
        return {} if name == "audit" else []
    if stripped[0] in "[{":
        try:
            return json.loads(stripped)
        except (json.JSONDecodeError, RecursionError):
            pass
    elif name in ("interviewers", "went_well_themes", "to_improve_themes"):
        return list(split_list(cell))
    label = {"signals": "The signals", "audit": "The self-audit"}.get(name, "A list")
    raise _UnreadableError(f"{label} cell could not be read; keep it as the export wrote it.")
