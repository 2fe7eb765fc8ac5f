"""The debrief journal: log an interview straight after it, edit it when news arrives.

Entries live in the personal store (:mod:`nextround.store`), one transaction per save, so
an entry is either saved whole or not at all. Everything typed is kept exactly as typed.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal, cast, get_args

import pandas as pd

from nextround.store import MEMORY, Store

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


def problems(entry: Entry, *, today: date | None = None) -> list[str]:  # noqa: PLR0912 -- one flat list of checks reads best
    """Every reason ``entry`` cannot be saved, in plain words; empty when it is fine."""
    found: list[str] = []
    today = today or date.today()
    if not entry.company.strip():
        found.append("Add the company (or organisation) you interviewed with.")
    if not entry.role.strip():
        found.append("Add the role you interviewed for.")
    for label, value in (("company", entry.company), ("role", entry.role)):
        if len(value) > SHORT_LIMIT:
            found.append(f"The {label} is {len(value):,} characters; keep it under {SHORT_LIMIT}.")
    if not isinstance(entry.interview_date, date):
        found.append("Add the date of the interview.")
    elif entry.interview_date > today:
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
        if not note.question.strip():
            found.append(f"Question {number} is empty: write the question, or remove it.")
        found += _rating_problems(f"The rating for question {number}", note.rating)
    for signal in entry.signals:
        if signal.kind not in SIGNAL_KINDS or signal.reading not in READINGS:
            found.append("Each signal needs a kind (face, body, tone, gesture) and a reading.")
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


def _rating_problems(label: str, rating: int | None) -> list[str]:
    if rating is None:
        return []
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        return [f"{label} is {rating!r}; use a number from 1 to 5."]
    return []


def _texts(entry: Entry) -> Iterable[str]:
    yield from (entry.liked, entry.nerves, entry.went_well, entry.differently)
    yield from (entry.process_learned, entry.feedback, *entry.interviewers)
    for note in entry.questions:
        yield from (note.question, note.answer, note.notes)
    for signal in entry.signals:
        yield signal.note


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
        """Save a new entry (whole, in one transaction) and return it with its id."""
        validate(entry)
        now = datetime.now(UTC)
        with self.store.transaction() as conn:
            entry_id = _insert(conn, entry, now, now)
        return replace(entry, id=entry_id, created_at=now, updated_at=now)

    def update(self, entry: Entry) -> Entry:
        """Replace a saved entry (say, when the outcome or feedback arrives)."""
        if entry.id is None:
            raise JournalError(["This entry has not been saved yet; add it first."])
        validate(entry)
        now = datetime.now(UTC)
        with self.store.transaction() as conn:
            assignments = ", ".join(f"{c.strip()} = ?" for c in _ENTRY_COLUMNS.split(","))
            cursor = conn.execute(
                f"UPDATE entry SET {assignments}, updated_at = ? WHERE id = ?",  # noqa: S608 -- fixed column list
                (*_entry_row(entry), now.isoformat(), entry.id),
            )
            if cursor.rowcount != 1:
                raise JournalError([f"There is no saved entry number {entry.id}."])
            conn.execute("DELETE FROM entry_question WHERE entry_id = ?", (entry.id,))
            _write_questions(conn, entry.id, entry.questions)
        return replace(entry, updated_at=now)

    def delete(self, entry_id: int) -> None:
        """Delete an entry and its questions."""
        with self.store.transaction() as conn:
            cursor = conn.execute("DELETE FROM entry WHERE id = ?", (entry_id,))
            if cursor.rowcount != 1:
                raise JournalError([f"There is no saved entry number {entry_id}."])

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
        rows = self.store.connection.execute(
            "SELECT e.id, interview_date, company, role, stage, nerves_level, outcome, "
            "(SELECT count(*) FROM entry_question q WHERE q.entry_id = e.id) "
            "FROM entry e ORDER BY interview_date DESC, e.id DESC"
        ).fetchall()
        return [
            EntrySummary(r[0], date.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6], r[7])
            for r in rows
        ]

    def __len__(self) -> int:
        return int(self.store.connection.execute("SELECT count(*) FROM entry").fetchone()[0])

    def _select(self, where: str, params: tuple[object, ...]) -> list[Entry]:
        conn = self.store.connection
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
        frame = pd.read_sql_query(
            f"SELECT e.id AS entry, {columns}, q.position, q.question, q.answer, q.rating, "  # noqa: S608 -- fixed text
            "q.notes FROM entry e LEFT JOIN entry_question q ON q.entry_id = e.id "
            "ORDER BY e.interview_date DESC, e.id DESC, q.position",
            self.store.connection,
        )
        return _typed_frame(frame)

    def export_json(self) -> str:
        """Every entry as JSON text (UTF-8, unescaped), oldest first."""
        return entries_to_json(reversed(self.entries()))

    def export_csv(self) -> str:
        """Every entry as CSV text, one row per question (the tidy shape of the frame)."""
        return entries_to_csv(reversed(self.entries()))

    def import_entries(self, entries: Iterable[Entry]) -> list[Entry]:
        """Add entries (from an export) in one transaction: all of them or none."""
        batch = list(entries)
        found = [f"Entry {n}: {p}" for n, e in enumerate(batch, 1) for p in problems(e)]
        if len(found) > MAX_REPORTED:
            found = [*found[:MAX_REPORTED], f"... and {len(found) - MAX_REPORTED:,} more problems."]
        if found:
            raise JournalError(found)
        now = datetime.now(UTC)
        saved: list[Entry] = []
        with self.store.transaction() as conn:
            for entry in batch:
                entry_id = _insert(conn, entry, entry.created_at or now, entry.updated_at or now)
                saved.append(replace(entry, id=entry_id))
        return saved

    def import_json(self, text: str) -> list[Entry]:
        """Add the entries in a JSON export."""
        return self.import_entries(entries_from_json(text))

    def import_csv(self, text: str) -> list[Entry]:
        """Add the entries in a CSV export."""
        return self.import_entries(entries_from_csv(text))


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


def _insert(conn: Any, entry: Entry, created: datetime, updated: datetime) -> int:
    """Insert an entry and its questions (inside the caller's transaction); return its id."""
    cursor = conn.execute(
        f"INSERT INTO entry ({_ENTRY_COLUMNS}, created_at, updated_at) "  # noqa: S608 -- fixed column list
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*_entry_row(entry), created.isoformat(), updated.isoformat()),
    )
    entry_id = int(cast(int, cursor.lastrowid))
    _write_questions(conn, entry_id, entry.questions)
    return entry_id


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


def entry_from_dict(data: Mapping[str, Any]) -> Entry:
    """The inverse of :func:`entry_to_dict`; raises :class:`JournalError` on malformed data."""
    try:
        return Entry(
            company=str(data["company"]),
            role=str(data["role"]),
            interview_date=date.fromisoformat(str(data["interview_date"])),
            stage=data.get("stage", "first"),
            interviewers=tuple(str(i) for i in data.get("interviewers", ())),
            questions=tuple(
                QuestionNote(
                    str(q["question"]),
                    str(q.get("answer", "")),
                    q.get("rating"),
                    q.get("notes", ""),
                )
                for q in data.get("questions", ())
            ),
            signals=tuple(
                Signal(s["kind"], s["reading"], str(s.get("note", "")))
                for s in data.get("signals", ())
            ),
            liked=str(data.get("liked", "")),
            nerves=str(data.get("nerves", "")),
            nerves_level=data.get("nerves_level"),
            went_well=str(data.get("went_well", "")),
            went_well_themes=tuple(data.get("went_well_themes", ())),
            to_improve_themes=tuple(data.get("to_improve_themes", ())),
            differently=str(data.get("differently", "")),
            process_learned=str(data.get("process_learned", "")),
            audit=dict(data.get("audit", {})),
            outcome=data.get("outcome", "waiting"),
            feedback=str(data.get("feedback", "")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise JournalError([f"This does not look like a journal export ({exc!r})."]) from exc


def entries_to_json(entries: Iterable[Entry]) -> str:
    """Entries as a JSON document: ``{"nextround_journal": 1, "entries": [...]}``."""
    document = {"nextround_journal": 1, "entries": [entry_to_dict(e) for e in entries]}
    return json.dumps(document, ensure_ascii=False, indent=2)


def entries_from_json(text: str) -> list[Entry]:
    """Entries from a JSON export."""
    try:
        document = json.loads(text)
        items = document["entries"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise JournalError(["This file is not a Next Round journal export."]) from exc
    return [entry_from_dict(item) for item in items]


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


def entries_to_csv(entries: Iterable[Entry]) -> str:
    """Entries as CSV in the tidy shape; lists and the audit are JSON inside their cells."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(
        out,
        fieldnames=[*ENTRY_FIELDS, *QUESTION_FIELDS],
        quoting=csv.QUOTE_ALL,
        lineterminator="\n",
    )
    writer.writeheader()
    for row in _tidy_rows(entries):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def entries_from_csv(text: str) -> list[Entry]:
    """Entries from a CSV export (rows grouped by their ``entry`` column, in order)."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or not set(ENTRY_FIELDS) <= set(reader.fieldnames):
        raise JournalError(["This file is not a Next Round journal export (CSV)."])
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in reader:
        grouped.setdefault(row["entry"], []).append(row)
    entries: list[Entry] = []
    for rows in grouped.values():
        first = rows[0]
        data: dict[str, Any] = {name: first[name] for name in ENTRY_FIELDS[1:]}
        for name in ("interviewers", "signals", "went_well_themes", "to_improve_themes", "audit"):
            data[name] = json.loads(first[name] or "null") or ([] if name != "audit" else {})
        data["nerves_level"] = int(first["nerves_level"]) if first["nerves_level"] else None
        data["questions"] = [
            {
                "question": r["question"],
                "answer": r["answer"],
                "rating": int(r["rating"]) if r["rating"] else None,
                "notes": r["notes"],
            }
            for r in rows
            if r["position"] != ""
        ]
        entries.append(entry_from_dict(data))
    return entries
