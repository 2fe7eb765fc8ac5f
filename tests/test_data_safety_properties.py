"""Issue 12, property tests: journal imports and exports round-trip any text and shape, and
whatever a file holds, an import either reads it exactly or refuses it with a sentence."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround import checkin, items
from nextround.journal import (
    Entry,
    Journal,
    JournalError,
    entries_from_csv,
    entries_from_json,
    entries_to_csv,
    entries_to_json,
    entry_to_dict,
    neutralise_cell,
    problems,
    restore_cell,
)
from nextround.store import MEMORY, Store, repair_text
from tests.strategies import any_text, broken_text, entries, json_values, saved_entries

FAST = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
DANGEROUS_FIRST = re.compile(r"[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]")


def _comparable(entry: Entry) -> Entry:
    return replace(entry, id=None, created_at=None, updated_at=None)


def _numbered(batch: list[Entry]) -> list[Entry]:
    return [replace(e, id=n) for n, e in enumerate(batch, start=1)]


@FAST
@given(text=any_text)
def test_neutralised_cells_are_safe_and_restore_exactly(text: str) -> None:
    """No cell starts as a formula, and taking the apostrophe off gives the text back."""
    cell = neutralise_cell(text)
    assert not DANGEROUS_FIRST.match(cell)
    assert restore_cell(cell) == text


@FAST
@given(
    batch=st.lists(entries(), max_size=3),
    delimiter=st.sampled_from([",", ";", "\t"]),
    bom=st.booleans(),
    decimals=st.booleans(),
)
def test_csv_survives_a_spreadsheet_saving_it_again(
    batch: list[Entry], delimiter: str, bom: bool, decimals: bool
) -> None:
    """Separator, quoting, a BOM, 3.0 for 3: the entries read back are the entries written."""
    rows = list(csv.reader(io.StringIO(entries_to_csv(batch), newline="")))
    if decimals:
        header = rows[0]
        for row in rows[1:]:
            for name in ("rating", "nerves_level", "position", "entry"):
                if row[header.index(name)]:
                    row[header.index(name)] += ".0"
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    text = ("\ufeff" if bom else "") + out.getvalue()
    assert [_comparable(e) for e in entries_from_csv(text)] == batch
    for row in csv.reader(io.StringIO(entries_to_csv(batch), newline="")):
        assert not any(DANGEROUS_FIRST.match(cell) for cell in row)


@FAST
@given(batch=st.lists(saved_entries(), min_size=1, max_size=4))
def test_a_restore_gives_back_exactly_what_was_exported(batch: list[Entry]) -> None:
    """Export, import into an empty journal, export again: the same file, ids and times kept.
    Importing it once more adds nothing."""
    with Store(MEMORY) as first:
        source = Journal(first)
        source.import_entries(_numbered(batch))
        for exported, load in (
            (source.export_json(), Journal.import_json),
            (source.export_csv(), Journal.import_csv),
        ):
            with Store(MEMORY) as second:
                target = Journal(second)
                assert len(load(target, exported)) == len(batch)
                assert target.entries() == source.entries()
                assert target.export_json() == source.export_json()
                again = load(target, exported)
                assert (len(again), again.skipped) == (0, len(batch))


@FAST
@given(batch=st.lists(entries(), max_size=3))
def test_json_round_trip_is_exact(batch: list[Entry]) -> None:
    """Any text, including formula-like and 'None', comes back from JSON as written."""
    assert entries_from_json(entries_to_json(batch)) == batch


@FAST
@given(shape=json_values)
def test_any_json_is_read_or_refused_with_a_sentence(shape: Any) -> None:
    """As the whole file, as the entries, or as one entry: a list of entries or a JournalError."""
    for document in (shape, {"nextround_journal": 1, "entries": shape}):
        _read_or_refuse_json(json.dumps(document))
    _read_or_refuse_json(json.dumps({"nextround_journal": 1, "entries": [shape]}))


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(entry=entries())
def test_entry_fields_of_any_shape_are_read_or_refused(entry: Entry) -> None:
    """Each field of a real entry replaced by odd JSON: read (and validated) or refused."""
    data = entry_to_dict(entry)
    for name in data:
        for odd in (None, 5, 2.5, True, [], {}, ["x", 1], {"a": None}, "3.0", ""):
            changed = {**data, name: odd}
            document = json.dumps({"nextround_journal": 1, "entries": [changed]})
            for read in _read_or_refuse_json(document):
                assert all(isinstance(p, str) for p in problems(read))


def _read_or_refuse_json(text: str) -> list[Entry]:
    refused: tuple[str, ...] = ()
    try:
        found = entries_from_json(text)
    except JournalError as exc:
        found, refused = [], exc.problems
    assert all("Error" not in p for p in refused)
    assert all(isinstance(e, Entry) for e in found)
    return found


@FAST
@given(batch=st.lists(entries(), min_size=1, max_size=2), data=st.data())
def test_a_damaged_csv_is_read_or_refused_with_a_sentence(
    batch: list[Entry], data: st.DataObject
) -> None:
    """Cut, spliced or overwritten anywhere: entries come back, or a JournalError, never more."""
    text = entries_to_csv(batch)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 200)))
    insert = data.draw(st.sampled_from(["", '"', ",", ";", "\n", "\x00", "\r", "[", "x"]))
    damaged = text[:start] + insert + text[end:]
    refused: tuple[str, ...] = ()
    try:
        found = entries_from_csv(damaged)
    except JournalError as exc:
        found, refused = [], exc.problems
    assert all("Error" not in p for p in refused)
    for entry in found:
        assert all(isinstance(p, str) for p in problems(entry))


@FAST
@given(text=st.text(max_size=300))
def test_any_text_as_a_csv_is_read_or_refused(text: str) -> None:
    """Arbitrary text offered as a CSV never raises anything but a JournalError."""
    with contextlib.suppress(JournalError):
        entries_from_csv(text)


@FAST
@given(entry=entries(), text=broken_text)
def test_broken_characters_are_replaced_and_the_rest_kept(entry: Entry, text: str) -> None:
    """Journal, check-in and item saves keep every other character exactly."""
    with Store(MEMORY) as store:
        journal = Journal(store)
        saved = journal.add(replace(entry, feedback=text, liked=text))
        again = journal.get(saved.id or 0)
        assert again.feedback == again.liked == repair_text(text)
        assert saved.repaired == (repair_text(text) != text)
        note = checkin.record(store, 2, text[:1_000])
        assert note.note == repair_text(text[:1_000].strip())
        item = items.save(store, "reframe", text[:80], {"fairer": text, "list": [text]})
        assert items.get(store, item.id) == item
        assert item.body == {"fairer": repair_text(text), "list": [repair_text(text)]}
        json.loads(journal.export_json())
        entries_from_csv(journal.export_csv())
