"""Modules 1 and 3: thinking traps, reframes, the support plan and the self-audit."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings

from nextround import items
from nextround.journal import Entry, Journal
from nextround.reflection import (
    Reframe,
    audit_message,
    check_reframe,
    control_summary,
    facts_for,
    fairness_note,
    reflection_guide,
    spot_traps,
)
from nextround.store import Store
from nextround.widgets._html import esc
from nextround.widgets.journal import AUDIT_OPTIONS as JOURNAL_AUDIT_OPTIONS
from nextround.widgets.reflection import (
    AUDIT_OPTIONS,
    ReframeWidget,
    SelfAuditWidget,
    SupportPlanWidget,
)
from tests.strategies import any_text

ALL_YES = {"preparation": "yes", "match": "yes", "values": "yes", "enthusiasm": "yes"}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "s.sqlite3") as opened:
        yield opened


@pytest.mark.parametrize(
    ("thought", "trap", "words"),
    [
        pytest.param("I'm useless at this.", "labelling", ["useless"], id="labelling"),
        pytest.param("I always freeze.", "all_or_nothing", ["always"], id="always"),
        pytest.param("They hated me from the start.", "mind_reading", ["They hated"], id="mind"),
        pytest.param("I'll never get a job.", "fortune_telling", ["I'll never"], id="fortune"),
        pytest.param("The interview was just luck.", "discounting", ["just luck"], id="discount"),
        pytest.param("It was all my fault.", "all_my_fault", ["my fault"], id="blame"),
    ],
)
def test_trap_words_are_spotted_with_evidence(thought: str, trap: str, words: list[str]) -> None:
    """Each trap is suggested by its cue words, and the exact words are shown."""
    found = {m.trap.id: [s.text for s in m.evidence] for m in spot_traps(thought)}
    assert found[trap] == words


def test_a_fair_thought_has_no_traps() -> None:
    """A balanced sentence is not flagged."""
    assert spot_traps("That one didn't work out; I learned what they ask at final stage.") == []


def test_facts_answer_the_chosen_traps_without_repeats() -> None:
    """Facts come from the atoms (e.g. 'rarely personal'), each once."""
    facts = facts_for(["mind_reading", "all_my_fault"])
    assert len(facts) == len(set(facts))
    assert any("rarely personal" in f for f in facts)


def test_reframe_notes_flag_harsh_words_left_in_the_fairer_thought() -> None:
    """The fairer thought is checked for the same traps, gently."""
    notes = check_reframe(Reframe("I'm useless", ("labelling",), "", "", "I never do well"))
    assert notes == [
        "Your fairer thought still has 'never' in it (Always and never). Is that fair?"
    ]
    assert check_reframe(Reframe("", (), "", "", "")) != []


def test_all_yes_audit_gives_the_reassurance() -> None:
    """Atom R8: all four yes, then there was probably little more you could have done."""
    (message,) = audit_message(ALL_YES)
    assert "little more you could have done" in message


def test_partial_audit_gives_a_next_step_per_gap() -> None:
    """Each answer that is not a clear yes gets its own next step."""
    lines = audit_message({**ALL_YES, "preparation": "partly", "enthusiasm": "no"})
    assert len(lines) == 2
    assert "without learning a script" in lines[0]
    assert audit_message({"preparation": "yes"}) == [
        "Answer all four questions to see what they add up to."
    ]


def test_control_summary_groups_choices() -> None:
    """Factors are split into mine, partly mine, and theirs."""
    mine, partly, theirs = control_summary({"a": "yes", "b": "no", "c": "partly", "d": "no"})
    assert (mine, partly, theirs) == (["a"], ["c"], ["b", "d"])


@settings(max_examples=50, deadline=None)
@given(text=any_text)
def test_spotting_never_crashes_and_evidence_is_exact(text: str) -> None:
    """Any thought at all: the evidence spans point at the words they quote."""
    for match in spot_traps(text):
        for span in match.evidence:
            assert text[span.start : span.end] == span.text


def test_reframe_widget_spots_ticks_and_saves(store: Store) -> None:
    """Type a harsh thought, look at it, write a fairer one, save: it is listed, escaped."""
    app = ReframeWidget(store)
    app.thought.value = "<i>I'm useless</i> and I always blow it"
    app.look.click()
    assert '<mark class="nr-evidence"' in app.spotted.value
    assert "&lt;i&gt;" in app.spotted.value
    assert app.traps["labelling"].value
    assert app.traps["all_or_nothing"].value
    assert "Facts worth remembering" in app.facts.value
    app.fairer.value = "I got to interview; this one was not a fit."
    app.save.click()
    assert "Saved" in app.result.value
    assert "this one was not a fit" in app.saved.value
    assert "&lt;i&gt;I&#x27;m useless&lt;/i&gt;" in app.saved.value
    assert items.latest(store, "reframe") is not None


def test_reframe_widget_needs_both_thoughts(store: Store) -> None:
    """Saving without a fairer thought explains what is missing and saves nothing."""
    app = ReframeWidget(store)
    app.thought.value = "I'm hopeless"
    app.save.click()
    assert "Finish with a fairer thought" in app.result.value
    assert items.of_kind(store, "reframe") == []


def test_support_plan_saves_and_reloads(store: Store) -> None:
    """The support plan is kept and shown again next time."""
    app = SupportPlanWidget(store)
    app.save.click()
    assert "at least one person" in app.result.value
    who, helps, when = app.people[0]
    who.value, when.value = "My sister", "Sunday"
    helps.value = reflection_guide().support["helps"][0]
    app.save.click()
    assert "My sister" in app.result.value
    again = SupportPlanWidget(store)
    assert again.people[0][0].value == "My sister"
    app.save.click()
    assert len(items.of_kind(store, "support_plan")) == 1


def test_self_audit_widget_reassures_and_sorts(store: Store) -> None:
    """All-yes answers bring the R8 message; sorting factors splits mine from theirs."""
    app = SelfAuditWidget(store)
    for key, toggle in app.answers.items():
        toggle.value = ALL_YES[key]
    assert "little more you could have done" in app.verdict.value
    first, second = list(app.factors)[:3:2], list(app.factors)[2]
    app.factors[first[0]].value = "yes"
    app.factors[second].value = "no"
    app.sort.click()
    assert "Put your energy here" in app.sorted.value
    assert first[0] in app.sorted.value
    app.improve.value = "More detail on budgets"
    app.save.click()
    assert "Saved" in app.result.value
    assert items.latest(store, "self_audit") is not None


def test_an_empty_self_audit_is_not_saved(store: Store) -> None:
    """Saving with nothing answered says what to do and stores nothing."""
    app = SelfAuditWidget(store)
    app.save.click()
    assert "nothing to save yet" in app.result.value
    assert items.latest(store, "self_audit") is None


def test_self_audit_reasons_own_factors_and_feedback_come_back(store: Store) -> None:
    """Answers with reasons, an own factor sorted, and feedback are all there on reopening."""
    app = SelfAuditWidget(store)
    app.answers["preparation"].value = "partly"
    app.reasons["preparation"].value = "Read the advert, <not> the website"
    app.add_factor.click()
    assert "Type the factor first" in app.factor_message.value
    app.new_factor.value = "The interview was the day after my night shift"
    app.add_factor.click()
    assert "Added" in app.factor_message.value
    app.new_factor.value = "the interview was the day after my night shift"
    app.add_factor.click()
    assert "already in the list" in app.factor_message.value
    app.factors["The interview was the day after my night shift"].value = "partly"
    app.advice.value = "Apply again in spring"
    app.save.click()
    again = SelfAuditWidget(store)
    assert again.answers["preparation"].value == "partly"
    assert again.reasons["preparation"].value == "Read the advert, <not> the website"
    assert again.factors["The interview was the day after my night shift"].value == "partly"
    assert again.advice.value == "Apply again in spring"
    assert "is filled in" in again.result.value
    assert len(items.of_kind(store, "self_audit")) == 1


def test_self_audit_for_a_journal_interview_updates_that_debrief(store: Store) -> None:
    """Picking an interview and answering all four writes the answers into its debrief."""
    journal = Journal(store)
    entry = journal.add(Entry("Tidewell Foods", "Planner", date(2026, 6, 2)))
    app = SelfAuditWidget(store)
    app.interview.value = entry.id
    for key, toggle in app.answers.items():
        toggle.value = ALL_YES[key]
    app.save.click()
    assert "also in the debrief for Planner at Tidewell Foods" in app.result.value
    assert journal.get(entry.id).audit == ALL_YES
    assert "Self-audit: Planner at Tidewell Foods" in items.latest(store, "self_audit").title


def test_thought_matching_scores_each_pair() -> None:
    """All right gives full marks; a swap is caught and the trap is named."""
    from nextround.reflection import score_matches
    from nextround.widgets.reflection import ThoughtMatchWidget

    matches = reflection_guide().matches
    perfect = score_matches({t: f for t, f, _ in matches})
    assert all(ok for _, ok, _ in perfect)
    (t1, f1, _), (t2, f2, _) = matches[:2]
    swapped = score_matches({t1: f2, t2: f1})
    assert [ok for _, ok, _ in swapped[:2]] == [False, False]
    app = ThoughtMatchWidget()
    for thought, fairer, _ in matches:
        app.choices[thought].value = fairer
    app.check.click()
    assert f"{len(matches)} of {len(matches)} matched" in app.result.value


def test_reframe_widget_shows_the_fairness_note_not_traps(store: Store) -> None:
    """A worry about unfair treatment gets the guide's note, escaped, and no trap is ticked;
    a trap in another sentence is still shown beside the note."""
    app = ReframeWidget(store)
    app.thought.value = "<b>Nobody</b> wants someone my age."
    app.look.click()
    note = fairness_note(app.thought.value)
    assert note
    assert esc(note) in app.spotted.value
    assert "No trap words jumped out" not in app.spotted.value
    assert "<b>Nobody" not in app.spotted.value
    assert not any(box.value for box in app.traps.values())
    app.thought.value = "Nobody wants someone my age. I always mess up interviews."
    app.look.click()
    assert esc(note) in app.spotted.value
    assert app.traps["all_or_nothing"].value


def test_yes_partly_no_read_the_same_in_the_journal_and_module_3() -> None:
    """The journal's self-audit buttons, Module 3's and Module 3's text all say Yes / Partly /
    No, capitalised the same way."""
    assert JOURNAL_AUDIT_OPTIONS == AUDIT_OPTIONS
    notebook = Path(__file__).resolve().parents[1] / "notebooks" / "03_looking_back.ipynb"
    text = notebook.read_text(encoding="utf-8")
    assert "**Yes**, **Partly** or **No**" in text
    assert not re.search(r'\\"(yes|partly|no)\\"', text)
