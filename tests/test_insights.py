"""What your interviews say: the patterns and the written summary."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from nextround.insights import analyse
from nextround.journal import Entry, QuestionNote, example_entries

ALL_YES = {"preparation": "yes", "match": "yes", "values": "yes", "enthusiasm": "yes"}


def _entry(day: int, **changes: object) -> Entry:
    base = Entry(company="Tidewell Foods", role="Planner", interview_date=date(2026, 1, day))
    return replace(base, **changes)  # type: ignore[arg-type]


def test_fewer_than_two_entries_is_a_friendly_empty_state() -> None:
    """One debrief is not a pattern: the summary says what to do instead."""
    for entries in ([], [_entry(1)]):
        found = analyse(entries)
        assert not found.enough
        assert found.summary()[0].startswith("Patterns need at least two debriefs")


def test_ratings_by_question_kind_name_best_and_worst() -> None:
    """The summary names where answers go best and where practice will pay off."""
    found = analyse(
        [
            _entry(1, questions=(QuestionNote("Tell me about a time you led a team.", rating=5),)),
            _entry(2, questions=(QuestionNote("Why do you want to work here?", rating=2),)),
        ]
    )
    text = " ".join(found.summary())
    assert "go best on 'tell me about a time' questions (5.0/5" in text
    assert "least well on 'why us, why this role' questions (2.0/5)" in text


def test_nerves_trend_is_described() -> None:
    """Falling nerves are noticed and said kindly."""
    levels = [5, 5, 4, 2, 2, 1]
    found = analyse([_entry(n + 1, nerves_level=level) for n, level in enumerate(levels)])
    assert any("nerves have been easing" in line for line in found.summary())
    rising = analyse([_entry(1, nerves_level=1), _entry(2, nerves_level=5)])
    assert any("have been rising" in line for line in rising.summary())


def test_themes_are_counted_once_per_interview() -> None:
    """Most common things that went well and badly, by number of interviews."""
    found = analyse(
        [
            _entry(1, went_well_themes=("examples",), to_improve_themes=("nerves", "technical")),
            _entry(2, went_well_themes=("examples", "rapport"), to_improve_themes=("nerves",)),
        ]
    )
    assert found.went_well[0] == ("Examples and stories with results", 2)
    assert found.to_improve[0] == ("Nerves and composure", 2)


def test_all_yes_audit_gets_the_r8_message() -> None:
    """When every self-audit answer is yes, the summary says there was little more to do."""
    found = analyse(
        [
            _entry(1, audit=ALL_YES, outcome="rejected"),
            _entry(2, audit={**ALL_YES, "match": "no"}),
        ]
    )
    assert found.all_yes == ["Planner at Tidewell Foods, 01 Jan 2026"]
    text = " ".join(found.summary())
    assert "probably little more you could have done" in text
    assert (
        '"Did you match your skills and knowledge to the role?" was a clear yes in 1 of 2' in text
    )


def test_no_all_yes_no_r8_message() -> None:
    """The reassurance is only given where the audit earns it."""
    found = analyse([_entry(1, audit={**ALL_YES, "values": "partly"}), _entry(2)])
    assert not any("little more you could have done" in line for line in found.summary())


def test_outcomes_change_the_summary() -> None:
    """Editing an outcome changes what the summary says (what the browser test relies on)."""
    before = analyse([_entry(1), _entry(2)])
    after = analyse([_entry(1, outcome="rejected"), _entry(2)])
    assert before.summary()[-1] != after.summary()[-1]
    assert "Turned down: 1" in after.summary()[-1]


def test_example_journal_summary_mentions_its_span() -> None:
    """The example data produces a full summary."""
    lines = analyse(example_entries()).summary()
    assert lines[0].startswith("You have debriefed 6 interviews")
    assert len(lines) >= 6


@pytest.mark.parametrize("outcome", ["offer", "waiting", "withdrew"])
def test_no_reassurance_about_an_offer_or_a_pending_decision(outcome: str) -> None:
    """ "Don't be hard on yourself" is only said about interviews that ended in a no."""
    found = analyse([_entry(1, audit=ALL_YES, outcome=outcome), _entry(2)])
    assert found.all_yes == []
    assert not any("hard on yourself" in line for line in found.summary())


def test_example_journal_tells_a_consistent_story() -> None:
    """No offer at a screening call, and no reassurance about a pending or happy outcome."""
    entries = example_entries()
    assert not any(e.stage == "screen" and e.outcome == "offer" for e in entries)
    frozen = [e for e in entries if "frozen" in e.feedback]
    assert frozen
    assert all(e.outcome != "offer" for e in frozen)
    assert not any("hard on yourself" in line for line in analyse(entries).summary())
