"""The journal widgets, driven without a kernel: type, click, and read what is shown."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from nextround.journal import Journal, open_journal
from nextround.widgets.journal import InsightsWidget, JournalWidget, entries_table
from tests.strategies import entries, non_blank


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    opened = open_journal(tmp_path / "j.sqlite3")
    yield opened
    opened.store.close()


def _fill_basic(app: JournalWidget, company: str = "Harbourline Logistics") -> None:
    app.company.value = company
    app.role.value = "Operations Coordinator"
    app.when.value = date(2026, 3, 4)
    app.q_text.value = "Tell me about a time you improved a process."
    app.q_answer.value = "I rebuilt the rota."
    app.q_rating.value = 4
    app.q_add.click()


def test_saving_a_debrief_shows_it_in_the_table(journal: Journal) -> None:
    """Fill the form, add a question, save: the entry is stored and listed."""
    app = JournalWidget(journal)
    _fill_basic(app)
    app.s_reading.value = "positive"
    app.s_note.value = "Nodded a lot"
    app.s_add.click()
    app.audit["preparation"].value = "yes"
    app.well_themes["examples"].value = True
    app.save.click()
    assert "Saved: Operations Coordinator at Harbourline Logistics" in app.message.value
    (entry,) = journal.entries()
    assert entry.questions[0].rating == 4
    assert entry.signals[0].note == "Nodded a lot"
    assert entry.went_well_themes == ("examples",)
    assert "Harbourline Logistics" in app.table.value
    assert app.save.description == "Save changes"


def test_a_typed_but_not_added_question_is_kept(journal: Journal) -> None:
    """A question left in the box when saving is not lost."""
    app = JournalWidget(journal)
    app.company.value, app.role.value = "Tidewell Foods", "Planner"
    app.q_text.value = "Why us?"
    app.save.click()
    assert journal.entries()[0].questions[0].question == "Why us?"


def test_errors_are_shown_and_nothing_saved(journal: Journal) -> None:
    """A future date and a missing role are explained; nothing is written."""
    app = JournalWidget(journal)
    app.company.value = "Tidewell Foods"
    app.when.value = date.today() + timedelta(days=5)
    app.save.click()
    assert "Not saved yet" in app.message.value
    assert "Add the role" in app.message.value
    assert "in the future" in app.message.value
    assert len(journal) == 0


def test_pick_an_entry_edit_its_outcome(journal: Journal) -> None:
    """Pick a past interview, change its outcome and feedback, save: the entry is updated."""
    app = JournalWidget(journal)
    _fill_basic(app)
    app.save.click()
    app.new.click()
    assert app.company.value == ""
    fresh = JournalWidget(journal)
    fresh.pick.value = journal.entries()[0].id
    fresh.load.click()
    assert fresh.company.value == "Harbourline Logistics"
    assert "Editing" in fresh.heading.value
    fresh.outcome.value = "rejected"
    fresh.feedback.value = "Strong examples; long answers."
    fresh.save.click()
    (entry,) = journal.entries()
    assert (entry.outcome, entry.feedback) == ("rejected", "Strong examples; long answers.")
    assert len(entry.questions) == 1
    assert "Turned down" in fresh.table.value


def test_insights_refresh_when_an_entry_is_saved(journal: Journal) -> None:
    """The patterns panel follows the journal: empty state, then a summary and a chart."""
    insights = InsightsWidget(journal)
    assert "Patterns need at least two debriefs" in insights.summary.value
    app = JournalWidget(journal)
    _fill_basic(app)
    app.save.click()
    app.new.click()
    _fill_basic(app, company="Tidewell Foods")
    app.save.click()
    assert "You have debriefed 2 interviews" in insights.summary.value
    assert "How your answers went" in insights.chart.value
    assert "Outcomes by stage" in insights.chart.value


def test_example_is_marked_and_read_only(journal: Journal) -> None:
    """The example journal is labelled as an example and cannot be saved into."""
    insights = InsightsWidget(journal)
    insights.source.value = "example"
    assert "EXAMPLE" in insights.summary.value
    assert "You have debriefed 6 interviews" in insights.summary.value
    insights.source.value = "mine"
    assert "EXAMPLE" not in insights.summary.value
    assert len(journal) == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entry=entries())
def test_typed_text_is_escaped_in_the_table(entry: object) -> None:
    """Whatever a person typed appears escaped: no raw tag reaches the page."""
    html = entries_table([entry])  # type: ignore[list-item]
    assert "<script>" not in html
    assert "<b>bold" not in html


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(company=non_blank)
def test_any_company_name_saves_and_shows_escaped(
    tmp_path_factory: pytest.TempPathFactory, company: str
) -> None:
    """Odd unicode and HTML in a field never crash the form or leak into the page."""
    journal = open_journal(tmp_path_factory.mktemp("w") / "j.sqlite3")
    app = JournalWidget(journal)
    app.company.value = company[:300]
    app.role.value = "Clerk"
    app.save.click()
    assert "Saved" in app.message.value or "Not saved yet" in app.message.value
    assert "<script>" not in app.table.value
    journal.store.close()


def test_a_question_left_in_the_boxes_keeps_its_answer_rating_and_notes(journal: Journal) -> None:
    """Saving without pressing Add keeps everything typed for the question, notes included."""
    app = JournalWidget(journal)
    app.company.value, app.role.value = "Tidewell Foods", "Planner"
    app.q_text.value = "Why us?"
    app.q_answer.value = "Shelf life planning"
    app.q_rating.value = 3
    app.q_notes.value = "Worked: a specific example"
    app.save.click()
    (note,) = journal.entries()[0].questions
    assert (note.answer, note.rating, note.notes) == (
        "Shelf life planning",
        3,
        "Worked: a specific example",
    )
    assert app.q_text.value == ""
    assert "Why us?" in app.q_list.value


def test_a_signal_left_in_the_boxes_is_saved(journal: Journal) -> None:
    """A signal with its reading picked but not added is part of the saved entry."""
    app = JournalWidget(journal)
    app.company.value, app.role.value = "Tidewell Foods", "Planner"
    app.s_reading.value = "worrying"
    app.s_note.value = "Checked the clock"
    app.save.click()
    (signal,) = journal.entries()[0].signals
    assert (signal.reading, signal.note) == ("worrying", "Checked the clock")


def test_a_signal_note_without_a_reading_asks_first(journal: Journal) -> None:
    """A signal typed without a reading stops the save and says what to do; nothing is lost."""
    app = JournalWidget(journal)
    app.company.value, app.role.value = "Tidewell Foods", "Planner"
    app.s_note.value = "Leaned in"
    app.save.click()
    assert len(journal) == 0
    assert "did not pick how it read" in app.message.value
    assert app.s_note.value == "Leaned in"


def test_add_warnings_appear_next_to_their_buttons(journal: Journal) -> None:
    """An empty question or an unread signal warns under its own Add button."""
    app = JournalWidget(journal)
    app.q_add.click()
    assert "Type the question first" in app.q_message.value
    app.s_add.click()
    assert "Pick how the signal read" in app.s_message.value
    assert app.message.value == ""


def test_open_for_editing_with_nothing_picked_says_so(journal: Journal) -> None:
    """Pressing Open for editing without picking an interview explains what to do."""
    app = JournalWidget(journal)
    app.load.click()
    assert "no saved interviews" in app.pick_message.value
    _fill_basic(app)
    app.save.click()
    app.load.click()
    assert "Pick an interview from the list first" in app.pick_message.value


def test_deleting_an_entry_asks_first_then_deletes(journal: Journal) -> None:
    """Delete asks for confirmation; No keeps the entry, Yes removes it from store and table."""
    app = JournalWidget(journal)
    _fill_basic(app, company="Tidewell <Foods>")
    app.save.click()
    app.pick.value = journal.entries()[0].id
    app.remove.click()
    assert "Delete Operations Coordinator at Tidewell &lt;Foods&gt;" in app.pick_message.value
    assert app.remove_confirm.layout.display is None
    app.remove_no.click()
    assert len(journal) == 1
    app.pick.value = journal.entries()[0].id
    app.remove.click()
    app.remove_yes.click()
    assert len(journal) == 0
    assert "Deleted: Operations Coordinator" in app.pick_message.value
    assert "No interviews logged yet" in app.table.value
    assert app.editing is None


def test_the_form_says_what_each_control_is_for(journal: Journal) -> None:
    """The pick list names its job and shows a prompt; ratings start on "Not rated"; the
    reflection boxes have phrase labels; the self-audit says Yes / Partly / No."""
    app = JournalWidget(journal)
    assert app.pick.description == "Interview to open or delete"
    assert app.pick.label == "Pick an interview…"
    assert app.q_rating.label == "Not rated"
    assert app.nerves_level.label == "Not rated"
    assert app.went_well.description == "What went well"
    assert app.differently.description == "What I would do differently"
    assert app.process.description == "What their process taught me"
    assert all(
        [label for label, _ in t.options] == ["Yes", "Partly", "No"] for t in app.audit.values()
    )
    _fill_basic(app)
    app.audit["preparation"].value = "partly"
    app.save.click()
    assert journal.entries()[0].audit == {"preparation": "partly"}
    assert app.pick.label == "Pick an interview…"
    app.load.click()
    assert "Pick an interview from the list first" in app.pick_message.value
    app.pick.value = journal.entries()[0].id
    app.load.click()
    assert app.company.value == "Harbourline Logistics"
    assert app.audit["preparation"].label == "Partly"
