"""Everything you saved: the list by module, the export that imports back exactly, delete all."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from nextround import backup, checkin, items
from nextround.journal import Entry, Journal, QuestionNote
from nextround.store import Store
from nextround.widgets._session import get_store, guard_buttons
from nextround.widgets.checkin import CheckinWidget, FutureNoteWidget
from nextround.widgets.saved import SavedWidget


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store(tmp_path / "s.sqlite3")
    yield opened
    opened.close()


def _fill(store: Store) -> None:
    checkin.record(store, 2, "Tired <b>", "start")
    Journal(store).add(
        Entry(
            "Tidewell <Foods>",
            "Planner",
            date(2026, 6, 2),
            questions=(QuestionNote("Why us?", "Shelf life", 4, "Kept it short"),),
            feedback="Strong examples.",
        )
    )
    items.save(
        store,
        "letter_draft",
        "Thank-you letter: Tidewell",
        {"kind": "thank_you", "text": "Dear Sam"},
    )
    items.put(store, "future_note", "A note to my future self", {"text": "You did well ✓"})
    earlier = Journal(store).add(Entry("Brightwater Housing", "Officer", date(2026, 3, 19)))
    items.put(store, "self_audit", "Self-audit", {"entry_id": earlier.id, "answers": {}})


def test_overview_lists_everything_by_module_in_course_order(store: Store) -> None:
    """Check-ins, the debrief and each item appear, grouped in the course's order."""
    _fill(store)
    things = backup.overview(store)
    modules = [t.module for t in things]
    assert modules.index("Module 2: Debrief") < modules.index("Modules 4 and 5: Letters")
    titles = {t.title for t in things}
    assert "Planner at Tidewell <Foods>, 02 Jun 2026" in titles
    assert "Thank-you letter: Tidewell" in titles
    assert "Mood 2 of 5 at the start" in titles


def test_json_export_imports_back_exactly_into_an_empty_store(store: Store, tmp_path: Path) -> None:
    """Export, import into a fresh store, export again: the two files are identical."""
    _fill(store)
    text = backup.export_json(store)
    with Store(tmp_path / "other.sqlite3") as other:
        result = backup.import_json(other, text)
        assert result.added == 6
        assert backup.export_json(other) == text
        (audit,) = items.of_kind(other, "self_audit")
        assert Journal(other).get(audit.body["entry_id"]).company == "Brightwater Housing"


def test_importing_twice_adds_nothing_the_second_time(store: Store) -> None:
    """A second import of the same file skips everything already there."""
    _fill(store)
    text = backup.export_json(store)
    result = backup.import_json(store, text)
    assert (result.added, result.skipped) == (0, 6)
    assert (
        result.sentence()
        == "Nothing new was added; 6 saved things you already had were left as they are."
    )


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"nextround_journal": 1}',
        '{"nextround_backup": 1, "items": [{"kind": 1}]}',
    ],
    ids=["not-json", "a-list", "journal-only", "broken-item"],
)
def test_a_wrong_file_is_refused_in_plain_words_and_nothing_changes(
    store: Store, text: str
) -> None:
    """A file that is not an export says so and adds nothing."""
    with pytest.raises(backup.BackupError) as caught:
        backup.import_json(store, text)
    assert "Next Round export" in str(caught.value) or "could not be read" in str(caught.value)
    assert backup.counts(store) == 0


def test_readable_document_has_the_words_without_internal_keys(store: Store) -> None:
    """The document reads as notes: the learner's words, no ids or JSON."""
    _fill(store)
    text = backup.readable_text(store)
    assert "Why us?" in text
    assert "Kept it short" in text
    assert "You did well ✓" in text
    assert "Modules 4 and 5: Letters" in text
    assert "{" not in text
    assert "answer_key" not in text


def test_delete_everything_empties_the_store(store: Store) -> None:
    """Every table is emptied in one go."""
    _fill(store)
    assert backup.delete_everything(store) == 6
    assert backup.counts(store) == 0
    assert backup.overview(store) == []


def test_widget_lists_escapes_and_prepares_two_files(store: Store) -> None:
    """The panel lists what is saved (escaped) and offers a .txt and a .json download."""
    _fill(store)
    app = SavedWidget(store)
    assert "Tidewell &lt;Foods&gt;" in app.listing.value
    assert "<Foods>" not in app.listing.value
    app.prepare.click()
    assert app.files.value.count('class="nr-download"') == 2
    assert ".json" in app.files.value
    assert ".txt" in app.files.value


def test_widget_delete_asks_first_and_cancel_keeps_everything(store: Store) -> None:
    """Delete shows a confirmation with the count; No keeps it all; Yes deletes it all."""
    _fill(store)
    app = SavedWidget(store)
    app.delete.click()
    assert app.confirm.layout.display is None
    assert "all 6 things" in app.confirm_text.value
    app.confirm_no.click()
    assert backup.counts(store) == 6
    assert "Nothing was deleted" in app.delete_result.value
    app.delete.click()
    app.confirm_yes.click()
    assert backup.counts(store) == 0
    assert "Deleted 6 saved things" in app.delete_result.value
    assert "Nothing is saved yet" in app.listing.value


def test_widget_imports_an_uploaded_file(store: Store, tmp_path: Path) -> None:
    """An uploaded export is imported and the list shows it."""
    _fill(store)
    text = backup.export_json(store)
    with Store(tmp_path / "fresh.sqlite3") as fresh:
        app = SavedWidget(fresh)
        app.do_import.click()
        assert "Choose the .json file first" in app.import_result.value
        app.upload.value = (
            {
                "name": "x.json",
                "type": "application/json",
                "size": len(text),
                "content": memoryview(text.encode()),
                "last_modified": datetime(2026, 6, 2, tzinfo=UTC),
            },
        )
        app.do_import.click()
        assert "Added 6 saved things" in app.import_result.value
        assert "Tidewell" in app.listing.value
        assert json.loads(backup.export_json(fresh)) == json.loads(text)


@pytest.mark.parametrize("read", [backup.counts, backup.overview, backup.export_data])
def test_backup_reads_wait_for_the_store_lock(
    store: Store, read: Callable[[Store], object]
) -> None:
    """Counting, listing and exporting hold the store's lock, so another thread's write is
    never read half-way: while the lock is held elsewhere, they wait."""
    _fill(store)
    done = threading.Event()

    def run() -> None:
        read(store)
        done.set()

    with store.lock:
        worker = threading.Thread(target=run)
        worker.start()
        assert not done.wait(0.5)
    assert done.wait(30)
    worker.join()


def test_the_list_refreshes_after_a_save_elsewhere_on_the_page() -> None:
    """Module 8: saving the check-out and the note updates the list without pressing
    Show the latest list; a click that saves nothing does not redraw it."""
    store = get_store()
    saved = SavedWidget(store)
    checkout = CheckinWidget(store, moment="end")
    note = FutureNoteWidget(store)
    for panel in (saved.widget, checkout.widget, note.widget):
        guard_buttons(panel)
    assert "Nothing is saved yet" in saved.listing.value
    checkout.mood.value = 4
    checkout.save.click()
    assert "Mood 4 of 5 at the end" in saved.listing.value
    note.text.value = "Remember <the> good bits"
    note.save.click()
    assert "A note to my future self" in saved.listing.value
    saved.listing.value = "unchanged"
    note.save.click()  # the same note again: an update, so the list is redrawn
    assert "A note to my future self" in saved.listing.value
    saved.listing.value = "unchanged"
    saved.confirm_no.click()  # saves nothing
    assert saved.listing.value == "unchanged"


def test_the_upload_button_says_what_it_is_for(store: Store) -> None:
    """The file chooser's own words say what to choose (ipywidgets adds the count after)."""
    app = SavedWidget(store)
    assert app.upload.description.startswith("Choose your .json file")
