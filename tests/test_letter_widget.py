"""The letter studio and the call plan, driven without a kernel."""

from __future__ import annotations

import base64
import email
import html
import re
import tomllib
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from nextround import checkin, items
from nextround.journal import Entry, Journal
from nextround.store import Store
from nextround.widgets.letters import CallPlanWidget, LetterStudioWidget
from tests.strategies import any_text

DETAILS = {
    "your_name": "Sam Rivera",
    "contact_name": "Priya Shah",
    "contact_role": "Hiring manager",
    "company": "Harbourline Logistics",
    "role": "Operations Coordinator",
}
ANGRY = "Frankly, this whole process was a complete waste of my time and totally unfair."


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "s.sqlite3") as opened:
        yield opened


def _filled(store: Store, kind: str = "feedback_request") -> LetterStudioWidget:
    app = LetterStudioWidget(kind, store=store)  # type: ignore[arg-type]
    for name, value in DETAILS.items():
        app.fields[name].value = value
    return app


def _passed(app: LetterStudioWidget, check: str) -> str:
    found = re.search(rf'data-check="{check}" data-passed="(\w+)"', app.checklist.value)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    "kind", ["thank_you", "feedback_request", "stay_in_touch", "linkedin_note"]
)
@pytest.mark.parametrize("tone", ["Warm", "Brief", "Formal"])
def test_a_drafted_letter_passes_its_checklist(store: Store, kind: str, tone: str) -> None:
    """Every kind and tone drafts a letter whose checklist has no failures."""
    app = _filled(store, kind)
    app.tone.value = tone
    app.draft.click()
    assert "Priya" in app.text.value
    assert 'data-passed="False"' not in app.checklist.value
    assert app.cooldown.value == ""


def test_missing_details_are_named(store: Store) -> None:
    """Drafting without the details says which are missing, and writes nothing."""
    app = LetterStudioWidget("thank_you", store=store)
    app.draft.click()
    assert "To write a draft" in app.message.value
    assert app.text.value == ""


def test_anger_fails_tone_highlights_and_suggests_cooling_down(store: Store) -> None:
    """An angry sentence fails the tone check, is highlighted, and brings the cool-down note."""
    app = _filled(store)
    app.draft.click()
    draft = app.text.value
    app.text.value = draft + "\n" + ANGRY
    assert _passed(app, "tone") == "False"
    assert '<mark class="nr-evidence"' in app.marked.value
    assert "Sleep on it" in app.cooldown.value
    app.text.value = draft
    assert _passed(app, "tone") == "True"
    assert app.cooldown.value == ""


def test_cool_down_also_follows_an_upset_checkin(store: Store) -> None:
    """A low check-in today brings the gentle note even for a calm letter; it never blocks."""
    checkin.record(store, 1, "", "start")
    app = _filled(store)
    app.draft.click()
    assert "Sleep on it" in app.cooldown.value
    app.prepare.click()
    assert "Download .eml" in app.downloads.value


def test_pull_details_from_the_journal(store: Store) -> None:
    """Picking a journal entry fills the company, role and interviewer's role."""
    saved = Journal(store).add(
        Entry(
            "Tidewell Foods",
            "Production Planner",
            date(2026, 6, 2),
            interviewers=("Production manager",),
        )
    )
    app = LetterStudioWidget("thank_you", store=store)
    app.journal_pick.value = saved.id
    assert app.fields["company"].value == "Tidewell Foods"
    assert app.fields["contact_role"].value == "Production manager"


def test_files_to_take_away(store: Store) -> None:
    """.txt, .md, .eml (an unsent draft) and .docx are offered; the .eml parses."""
    app = _filled(store)
    app.draft.click()
    app.prepare.click()
    for suffix in (".txt", ".md", ".eml", ".docx"):
        assert f"Download {suffix}" in app.downloads.value
    match = re.search(
        r'download="([^"]+\.eml)" href="data:message/rfc822;base64,([^"]+)"', app.downloads.value
    )
    assert match is not None
    message = email.message_from_bytes(base64.b64decode(match.group(2)))
    assert message["X-Unsent"] == "1"
    assert "Harbourline" in message.get_payload(decode=True).decode()  # type: ignore[union-attr]
    app.text.value += " "
    assert app.downloads.value == "", "stale files must not be offered after an edit"


def test_save_draft_keeps_it_private(store: Store) -> None:
    """Saving stores the draft in the personal store; nothing is sent."""
    app = _filled(store)
    app.save.click()
    assert "nothing to save" in app.message.value
    app.draft.click()
    app.save.click()
    assert "Nothing has been sent" in app.message.value
    (saved,) = items.of_kind(store, "letter_draft")
    assert saved.body["text"] == app.text.value


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text)
def test_any_text_is_checked_and_escaped(text: str) -> None:
    """Whatever is typed or pasted, the checklist appears and nothing raw reaches the page."""
    app = LetterStudioWidget("thank_you", text=text, store=Store(":memory:"))
    assert app.checklist.value.count('class="nr-check"') == 10
    assert "<script>" not in app.checklist.value + app.marked.value


def test_call_plan_shows_both_views_and_remembers_the_choice(store: Store) -> None:
    """Both views are presented; choosing to phone shows the talking points and what to avoid."""
    app = CallPlanWidget(store)
    assert "Email first" in app.widget.children[0].value
    assert "Call first" in app.widget.children[0].value
    app.choice.value = "call"
    assert "Your call plan" in app.shown.value
    assert "What not to say" in app.shown.value
    assert CallPlanWidget(store).choice.value == "call"
    app.choice.value = "email"
    assert "letter studio" in app.shown.value
    assert len(items.of_kind(store, "feedback_route")) == 1


def test_worked_letters_show_a_poor_and_a_repaired_letter_of_each_kind() -> None:
    """Each kind has a poor draft that fails checks and a repair that passes them all."""
    from nextround.letters import KINDS
    from nextround.widgets.letters import worked_letters_html

    for kind in KINDS:
        html = worked_letters_html(kind)
        poor, repaired = html.split("Repaired", 1)
        assert 'data-passed="False"' in poor
        assert 'data-passed="False"' not in repaired
    assert worked_letters_html().count("A poor draft") == len(KINDS)


def test_an_empty_letter_shows_a_neutral_checklist(store: Store) -> None:
    """Before anything is written, the checklist lists what it looks for, with no crosses."""
    app = LetterStudioWidget("thank_you", store=store)
    assert "✗" not in app.checklist.value
    assert "nr-checklist-empty" in app.checklist.value
    assert 'data-passed="False"' not in app.checklist.value
    app.text.value = ANGRY
    assert "✗" in app.checklist.value


def test_sleep_on_it_ignores_a_low_checkin_from_another_day(store: Store) -> None:
    """A polite draft gets no "sleep on it" because of a low check-in from last week."""
    checkin.record(store, 1, "", "start")
    store.connection.execute("UPDATE checkin SET created_at = ?", ("2026-01-05T09:00:00+00:00",))
    app = _filled(store)
    app.draft.click()
    assert app.cooldown.value == ""
    app.text.value = ANGRY
    assert "Parts of this draft sound upset" in app.cooldown.value


def test_saved_drafts_are_listed_reopened_edited_duplicated_and_deleted(store: Store) -> None:
    """The list shows kind, who and date; open, edit and save changes; copy; delete after asking."""
    app = _filled(store)
    app.draft.click()
    app.save.click()
    (label,) = [label for label, value in app.saved_pick.options if value]
    assert label.startswith("Asking for feedback: Priya Shah, Harbourline Logistics (saved ")
    fresh = LetterStudioWidget("thank_you", store=store)
    fresh.open_draft.click()
    assert "Pick a draft from the list first" in fresh.drafts_message.value
    fresh.saved_pick.value = fresh.saved_pick.options[1][1]
    fresh.open_draft.click()
    assert fresh.kind.value == "feedback_request"
    assert fresh.fields["contact_name"].value == "Priya Shah"
    assert fresh.save.description == "Save changes"
    fresh.text.value += "\nP.S. <Thanks> again."
    fresh.save.click()
    (saved,) = items.of_kind(store, "letter_draft")
    assert saved.body["text"].endswith("P.S. <Thanks> again.")
    fresh.copy_draft.click()
    assert len(items.of_kind(store, "letter_draft")) == 2
    assert fresh.editing != saved.id
    fresh.delete_draft.click()
    assert "cannot be undone" in fresh.drafts_message.value
    fresh.delete_no.click()
    assert len(items.of_kind(store, "letter_draft")) == 2
    fresh.delete_draft.click()
    fresh.delete_yes.click()
    assert [i.id for i in items.of_kind(store, "letter_draft")] == [saved.id]
    assert "Deleted" in fresh.drafts_message.value
    assert fresh.save.description == "Save draft"


def test_phone_first_route_is_shown_on_a_feedback_request(store: Store) -> None:
    """Choosing to phone first in Module 4 tells the studio this email follows a call."""
    CallPlanWidget(store).choice.value = "call"
    app = _filled(store)
    assert "phone first" in app.route_note.value
    assert app.route == "call"
    assert app.details().route == "after_unanswered_call"
    thanks = LetterStudioWidget("thank_you", store=store)
    assert thanks.route_note.value == ""


def test_letter_box_shows_a_whole_short_letter(store: Store) -> None:
    """The letter box is 14 lines tall, not a few, and no fixed height overrides it."""
    app = LetterStudioWidget("thank_you", store=store)
    assert app.text.rows == 14
    assert app.text.layout.height is None


def test_call_planner_says_what_to_do_next_for_each_choice(store: Store) -> None:
    """Each choice shows its own line from call_plan.toml's [after_choice] table, escaped."""
    after = tomllib.loads(
        resources.files("nextround").joinpath("data/call_plan.toml").read_text("utf-8")
    )["after_choice"]
    app = CallPlanWidget(store)
    app.choice.value = "email"
    assert html.escape(after["email"]) in app.shown.value
    assert html.escape(after["call"]) not in app.shown.value
    assert "below" not in app.shown.value
    app.choice.value = "call"
    assert html.escape(after["call"]) in app.shown.value
    assert "Your call plan" in app.shown.value
