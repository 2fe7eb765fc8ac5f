"""The debrief journal: validation, storage, round trips, durability and migrations."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround.journal import (
    Entry,
    Journal,
    JournalError,
    QuestionNote,
    Signal,
    entries_from_csv,
    entries_from_json,
    entries_to_csv,
    entries_to_json,
    example_entries,
    example_journal,
    open_journal,
    split_list,
)
from nextround.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError, _split_sql
from tests.strategies import entries

ROOT = Path(__file__).resolve().parents[1]


def _entry(**changes: object) -> Entry:
    base = Entry(
        company="Harbourline Logistics",
        role="Operations Coordinator",
        interview_date=date(2026, 3, 4),
        questions=(QuestionNote("Tell me about a time you improved a process.", "Rota", 4),),
        signals=(Signal("face", "positive", "smiled"),),
        audit={"preparation": "yes"},
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _comparable(entry: Entry) -> Entry:
    return replace(entry, id=None, created_at=None, updated_at=None)


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    opened = open_journal(tmp_path / "journal.sqlite3")
    yield opened
    opened.store.close()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"role": "  "}, "Add the role", id="missing-role"),
        pytest.param({"company": ""}, "Add the company", id="missing-company"),
        pytest.param(
            {"interview_date": date.today() + timedelta(days=3)}, "in the future", id="future-date"
        ),
        pytest.param({"interview_date": date(1900, 1, 1)}, "mistyped", id="ancient-date"),
        pytest.param(
            {"questions": (QuestionNote("Why us?", rating=9),)},
            "use a number from 1 to 5",
            id="rating-of-9",
        ),
        pytest.param({"nerves_level": 0}, "How nervous you were is 0", id="nerves-of-0"),
        pytest.param({"questions": (QuestionNote("  "),)}, "Question 1 is empty", id="blank-q"),
        pytest.param({"stage": "fifth"}, "Pick a stage", id="bad-stage"),
        pytest.param({"outcome": "ghosted"}, "Pick an outcome", id="bad-outcome"),
        pytest.param({"audit": {"preparation": "maybe"}}, "yes, partly or no", id="bad-audit"),
        pytest.param({"went_well_themes": ("luck",)}, "Unknown themes: luck", id="bad-theme"),
        pytest.param({"company": "x" * 301}, "keep it under 300", id="huge-company"),
    ],
)
def test_bad_entries_get_a_clear_message_and_nothing_is_saved(
    journal: Journal, changes: dict[str, object], message: str
) -> None:
    """Each problem is named in plain words; the journal is unchanged."""
    with pytest.raises(JournalError, match=message):
        journal.add(_entry(**changes))
    assert len(journal) == 0


def test_all_problems_are_reported_at_once(journal: Journal) -> None:
    """A learner sees every problem together, not one per try."""
    with pytest.raises(JournalError) as caught:
        journal.add(_entry(company="", role="", nerves_level=9))
    assert len(caught.value.problems) == 3


def test_add_get_update_list_delete(journal: Journal) -> None:
    """The journal's basic life: save, read back, edit the outcome, list, delete."""
    saved = journal.add(_entry())
    assert saved.id is not None
    assert _comparable(journal.get(saved.id)) == _comparable(saved)
    later = journal.add(_entry(interview_date=date(2026, 5, 1), company="Tidewell Foods"))
    assert [e.company for e in journal.entries()] == ["Tidewell Foods", "Harbourline Logistics"]
    journal.update(replace(saved, outcome="rejected", feedback="Answers were long."))
    assert journal.get(saved.id).outcome == "rejected"
    assert journal.get(saved.id).questions == saved.questions
    journal.delete(later.id or 0)
    assert len(journal) == 1
    with pytest.raises(JournalError, match="no saved entry"):
        journal.get(later.id or 0)


def test_update_needs_a_saved_entry(journal: Journal) -> None:
    """Updating an unsaved or vanished entry explains itself."""
    with pytest.raises(JournalError, match="not been saved"):
        journal.update(_entry())
    with pytest.raises(JournalError, match="no saved entry number 99"):
        journal.update(replace(_entry(), id=99))


def test_failed_update_leaves_the_old_entry_whole(journal: Journal) -> None:
    """An invalid edit changes nothing: no half-written entry."""
    saved = journal.add(_entry())
    with pytest.raises(JournalError):
        journal.update(replace(saved, questions=(QuestionNote("ok"), QuestionNote(""))))
    assert journal.get(saved.id or 0).questions == saved.questions


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entry=entries())
def test_any_text_round_trips_through_store_json_and_csv(
    tmp_path_factory: pytest.TempPathFactory, entry: Entry
) -> None:
    """Control characters, emoji, RTL, <script>: stored and exported exactly as typed."""
    with Store(tmp_path_factory.mktemp("j") / "j.sqlite3") as store:
        journal = Journal(store)
        saved = journal.add(entry)
        assert _comparable(journal.get(saved.id or 0)) == entry
        assert [_comparable(e) for e in entries_from_json(journal.export_json())] == [entry]
        assert [_comparable(e) for e in entries_from_csv(journal.export_csv())] == [entry]


@settings(max_examples=20, deadline=None)
@given(batch=st.lists(entries(), min_size=0, max_size=4))
def test_exports_round_trip_many_entries(batch: list[Entry]) -> None:
    """Several entries survive JSON and CSV in order, including ones with no questions."""
    assert entries_from_json(entries_to_json(batch)) == batch
    assert entries_from_csv(entries_to_csv(batch)) == batch


def test_a_megabyte_of_notes_is_kept_exactly(journal: Journal) -> None:
    """A 1 MB note with every kind of awkward character is stored and read back exactly."""
    chunk = "Line one\r\nשלום 🙂 <script>x</script>\x00\t"
    note = (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]
    saved = journal.add(_entry(feedback=note, questions=(QuestionNote("Q", note, 3, note),)))
    again = journal.get(saved.id or 0)
    assert again.feedback == note
    assert again.questions[0].notes == note


def test_import_is_all_or_nothing(journal: Journal) -> None:
    """An export with one bad entry imports nothing, and says which entry."""
    text = entries_to_json([_entry(), _entry(role="")])
    with pytest.raises(JournalError, match="Entry 2: Add the role"):
        journal.import_json(text)
    assert len(journal) == 0
    assert len(journal.import_json(entries_to_json([_entry(), _entry()]))) == 2


@pytest.mark.parametrize("text", ["", "not json", '{"entries": [{"company": 1}]}', "[]"], ids=repr)
def test_malformed_json_gets_a_message(text: str) -> None:
    """Importing something that is not an export says so, no traceback."""
    with pytest.raises(JournalError, match="journal export"):
        entries_from_json(text)


def test_malformed_csv_gets_a_message() -> None:
    """A CSV that is not ours is refused politely."""
    with pytest.raises(JournalError, match="CSV"):
        entries_from_csv("a,b\n1,2\n")


def test_dataframe_is_tidy(journal: Journal) -> None:
    """One row per question, entry fields repeated; an entry without questions keeps one row."""
    journal.add(_entry(questions=(QuestionNote("A", rating=2), QuestionNote("B", rating=5))))
    journal.add(_entry(questions=(), company="Empty Questions Ltd"))
    frame = journal.to_dataframe()
    assert len(frame) == 3
    assert frame.groupby("entry").size().sort_values().tolist() == [1, 2]
    assert frame["rating"].dropna().tolist() == [2, 5]
    assert str(frame["interview_date"].dtype).startswith("datetime64")
    assert set(frame.loc[frame["company"] == "Harbourline Logistics", "question"]) == {"A", "B"}


def test_split_list_handles_commas_and_lines() -> None:
    """Interviewers typed as a list come back as separate names."""
    assert split_list("Chair, HR adviser\n  Tenant rep ,,") == ("Chair", "HR adviser", "Tenant rep")


def test_example_journal_is_separate_and_in_memory(journal: Journal) -> None:
    """The example's six interviews never touch the learner's journal or the disk."""
    example = example_journal()
    assert example.is_example
    assert len(example) == 6
    assert len(example_entries()) == 6
    assert sum(e.audit_all_yes for e in example.entries()) >= 1
    assert len(journal) == 0
    assert not journal.is_example


def test_old_schema_opens_and_migrates(tmp_path: Path) -> None:
    """A journal written at schema version 2 (before themes) opens, migrates, keeps its data."""
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:2]:
        for statement in _split_sql(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "INSERT INTO entry (company, role, interview_date, stage, created_at, updated_at) "
        "VALUES ('Old Co', 'Clerk', '2025-02-01', 'first', '2025-02-01T10:00:00+00:00', "
        "'2025-02-01T10:00:00+00:00')"
    )
    conn.execute("INSERT INTO entry_question (entry_id, position, question) VALUES (1, 0, 'Why?')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        (entry,) = Journal(store).entries()
    assert (entry.company, entry.questions[0].question, entry.went_well_themes) == (
        "Old Co",
        "Why?",
        (),
    )


def test_newer_schema_is_refused_without_damage(tmp_path: Path) -> None:
    """A file from a newer version is left alone with a clear message."""
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer version"):
        Store(path)


def test_damaged_file_gets_a_message(tmp_path: Path) -> None:
    """A file that is not a database is not overwritten, and the learner is told."""
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="could not be opened"):
        Store(path)
    assert path.read_bytes().startswith(b"this is not a database")


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from nextround.journal import Entry, QuestionNote, open_journal
    journal = open_journal(sys.argv[1])
    tag, count = sys.argv[2], int(sys.argv[3])
    for n in range(count):
        questions = tuple(QuestionNote(f"{tag} q{k}", "answer " * 50, 3) for k in range(5))
        saved = journal.add(Entry(company=f"{tag}", role=f"role {n}",
                                  interview_date=date(2025, 1, 1), questions=questions,
                                  feedback="x" * 20_000))
        print(saved.id, flush=True)
    """
)


def _run_writer(path: Path, tag: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), tag, str(count)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )


@pytest.mark.slow
def test_sigkill_mid_save_loses_nothing_reported_saved(tmp_path: Path) -> None:
    """Kill the saving process at random moments, again and again: every entry it reported
    saved is there, whole, and the file passes SQLite's integrity check."""
    path = tmp_path / "killed.sqlite3"
    reported: list[int] = []
    for round_number in range(12):
        proc = _run_writer(path, f"round{round_number}", 10_000)
        # Every other round waits until the writer is saving (a loaded machine can take
        # longer than the sleep to start Python); the others may kill it while it opens.
        first = proc.stdout.readline() if proc.stdout and round_number % 2 else ""
        time.sleep(0.35 + (round_number % 4) * 0.15)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        reported += [int(line) for line in (first + out).split()]
    assert len(reported) > 12, "the writer never got to save; the test proves nothing"
    with Store(path) as store:
        assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        journal = Journal(store)
        for entry_id in reported:
            entry = journal.get(entry_id)
            assert len(entry.questions) == 5
            assert entry.feedback == "x" * 20_000
        counts = store.connection.execute(
            "SELECT count(*) FROM entry_question GROUP BY entry_id HAVING count(*) != 5"
        ).fetchall()
        assert counts == [], "an entry was saved without all its questions"


@pytest.mark.slow
def test_eight_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    """Eight processes saving into one journal at the same time: every save is kept."""
    path = tmp_path / "busy.sqlite3"
    Store(path).close()
    procs = [_run_writer(path, f"writer{n}", 25) for n in range(8)]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    ids = [int(line) for out in outputs for line in out.split()]
    assert len(ids) == len(set(ids)) == 200
    with Store(path) as store:
        journal = Journal(store)
        assert len(journal) == 200
        rows = store.connection.execute("SELECT company, count(*) FROM entry GROUP BY company")
        assert dict(rows.fetchall()) == {f"writer{n}": 25 for n in range(8)}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(entries(), min_size=1, max_size=4))
def test_fast_frame_matches_the_entries(
    tmp_path_factory: pytest.TempPathFactory, batch: list[Entry]
) -> None:
    """The SQL-built frame holds exactly what the entries say, row for row."""
    from pandas.testing import assert_frame_equal

    with Store(tmp_path_factory.mktemp("f") / "f.sqlite3") as store:
        journal = Journal(store)
        journal.import_entries(batch)
        assert_frame_equal(
            journal.to_dataframe().reset_index(drop=True),
            entries_to_dataframe_for(journal),
            check_dtype=False,
        )


def entries_to_dataframe_for(journal: Journal) -> object:
    from nextround.journal import entries_to_dataframe

    return entries_to_dataframe(journal.entries()).reset_index(drop=True)
