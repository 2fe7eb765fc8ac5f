"""The action plan: evidence becomes proposals with reasons; the learner picks, dates, keeps it."""

from __future__ import annotations

import base64
import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest

from nextround import items
from nextround.journal import Entry, Journal, QuestionNote, example_entries
from nextround.plan import (
    Evidence,
    Plan,
    PlanError,
    action_rules,
    make_plan,
    propose,
    signals,
)
from nextround.store import Store
from nextround.widgets.plan import PlanWidget

TODAY = date(2026, 11, 23)
ALL_YES = {"preparation": "yes", "match": "yes", "values": "yes", "enthusiasm": "yes"}


def _entry(**changes: object) -> Entry:
    base = Entry(company="Tidewell Foods", role="Planner", interview_date=date(2026, 1, 5))
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "s.sqlite3") as opened:
        yield opened


def _ids(evidence: Evidence) -> list[str]:
    return [p.rule.id for p in propose(evidence)]


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        pytest.param(
            Evidence([_entry(nerves_level=5), _entry(nerves_level=4)]),
            ["calm-nerves", "mock-interviews"],
            id="nerves-high",
        ),
        pytest.param(
            Evidence(
                [
                    _entry(
                        questions=(
                            QuestionNote("How would you calculate stock turnover?", rating=1),
                        )
                    )
                ]
            ),
            ["technical-training", "precise-technical-answers"],
            id="technical-weak",
        ),
        pytest.param(
            Evidence([_entry(audit={**ALL_YES, "match": "no"})]), ["be-selective"], id="fit-doubts"
        ),
        pytest.param(
            Evidence([_entry(audit={**ALL_YES, "preparation": "partly"})]),
            ["research-routine"],
            id="underprepared",
        ),
        pytest.param(
            Evidence(practice_failures=[["result", "metrics"], ["metrics"]]),
            ["star-stories"],
            id="critic-examples",
        ),
        pytest.param(
            Evidence(practice_failures=[["filler"], ["filler", "length"]]),
            ["mock-interviews", "practise-out-loud"],
            id="critic-presenting",
        ),
        pytest.param(Evidence([_entry(to_improve_themes=("cv",))]), ["update-cv"], id="cv"),
        pytest.param(Evidence(feedback=["Be more concise."]), ["act-on-feedback"], id="feedback"),
    ],
)
def test_evidence_brings_up_the_right_actions(evidence: Evidence, expected: list[str]) -> None:
    """Each pattern in the evidence proposes its actions, ahead of the general ones."""
    ids = _ids(evidence)
    for action in expected:
        assert action in ids
    specific = [
        p for p in propose(evidence) if p.because != ("Worth doing whatever your evidence says.",)
    ]
    assert {p.rule.id for p in specific} >= set(expected)


def test_no_evidence_gives_only_general_actions() -> None:
    """An empty journal still gets a plan: the always-useful actions, and nothing invented."""
    assert signals(Evidence()) == {}
    assert _ids(Evidence()) == [r.id for r in action_rules() if "always" in r.when]


def test_calm_evidence_does_not_propose_calming() -> None:
    """Low nerves and all-yes audits do not bring up the nerves or fit actions."""
    ids = _ids(
        Evidence([_entry(nerves_level=1, audit=ALL_YES), _entry(nerves_level=2, audit=ALL_YES)])
    )
    assert "calm-nerves" not in ids
    assert "be-selective" not in ids


def test_reasons_quote_the_evidence() -> None:
    """Every proposal says why, with the learner's own numbers."""
    (nerves,) = [
        p for p in propose(Evidence([_entry(nerves_level=5)])) if p.rule.id == "calm-nerves"
    ]
    assert nerves.because == ("Your nerves averaged 5.0/5 across your debriefs.",)


def test_every_action_cites_improvement_atoms() -> None:
    """The plan teaches the I atoms: every action names at least one."""
    for rule in action_rules():
        assert rule.atoms
        assert all(re.fullmatch(r"[FIKLR]\d+", atom) for atom in rule.atoms)


def test_make_plan_dates_and_round_trips() -> None:
    """Undated actions get their suggested date; past dates are refused; the plan round-trips."""
    proposals = propose(Evidence([_entry(nerves_level=5)]))
    plan = make_plan(
        "Dana", [(proposals[0], None, "breathing"), (proposals[1], date(2026, 12, 24), "")], TODAY
    )
    assert plan.actions[0].due == date(2026, 11, 30)
    assert Plan.from_dict(plan.to_dict()) == plan
    text = plan.to_markdown()
    assert text.startswith("# My next round: an action plan for Dana")
    assert text.index("Learn one calming technique") < text.index("Do two mock interviews")
    with pytest.raises(PlanError, match="at least one"):
        make_plan("", [], TODAY)
    with pytest.raises(PlanError, match="in the past"):
        make_plan("", [(proposals[0], date(2020, 1, 1), "")], TODAY)


def test_example_evidence_gives_a_full_plan() -> None:
    """Dana's example journal brings up several evidence-backed actions."""
    ids = _ids(Evidence(example_entries()))
    assert {"technical-training", "be-selective", "research-routine"} <= set(ids)


def test_widget_proposes_from_own_journal_and_downloads(store: Store) -> None:
    """From a nervous debrief to a saved, downloadable plan, by clicking."""
    Journal(store).add(_entry(nerves_level=5, to_improve_themes=("nerves",)))
    app = PlanWidget(store, today=TODAY)
    app.go.click()
    titles = [r.proposal.rule.id for r in app.rows]
    assert titles[0] == "calm-nerves"
    app.make.click()
    assert "Pick at least one action" in app.result.value
    app.rows[0].pick.value = True
    app.rows[0].note.value = "<b>start</b> Monday"
    app.make.click()
    assert "Your plan is ready" in app.result.value
    match = re.search(
        r'download="my-action-plan.md" href="data:text/markdown;base64,([^"]+)"',
        app.downloads.value,
    )
    assert match is not None
    assert "**My note:** <b>start</b> Monday" in base64.b64decode(match.group(1)).decode()
    assert "&lt;b&gt;start&lt;/b&gt;" in app.preview.value
    assert "**" not in app.preview.value
    saved = items.latest(store, "action_plan")
    assert saved is not None
    assert PlanWidget(store, today=TODAY).preview.value != ""


def test_widget_example_source_is_not_saved(store: Store) -> None:
    """Plans from the example data are shown, marked, and not saved as yours."""
    app = PlanWidget(store, today=TODAY)
    app.source.value = "example"
    app.go.click()
    app.rows[0].pick.value = True
    app.make.click()
    assert "example data; not saved" in app.result.value
    assert items.latest(store, "action_plan") is None


def test_example_plan_uses_the_example_feedback(store: Store) -> None:
    """Dana's journal has employer feedback, so her plan offers to act on it."""
    app = PlanWidget(store, today=TODAY)
    app.source.value = "example"
    app.go.click()
    assert "act-on-feedback" in [r.proposal.rule.id for r in app.rows]


def _download(html: str, name: str) -> bytes:
    match = re.search(rf'download="{re.escape(name)}" href="data:[^;]+;base64,([^"]+)"', html)
    assert match is not None, name
    return base64.b64decode(match.group(1))


def test_learner_adds_their_own_action_and_it_is_in_every_download(store: Store) -> None:
    """An own action is ticked, dated, and appears in the preview, the .txt and the .docx."""
    app = PlanWidget(store, today=TODAY)
    app.own_add.click()
    assert "Type your action first" in app.own_message.value
    app.own_text.value = "Ask Sam <for> a mock interview"
    app.own_add.click()
    assert app.own_rows[0].pick.value is True
    app.own_rows[0].due.value = date(2026, 12, 4)
    app.make.click()
    assert "Ask Sam &lt;for&gt; a mock interview" in app.preview.value
    text = _download(app.downloads.value, "my-action-plan.txt").decode()
    assert "1. Ask Sam <for> a mock interview" in text
    assert "By: Friday 04 December 2026" in text
    assert "#" not in text
    assert "**" not in text
    word = docx.Document(io.BytesIO(_download(app.downloads.value, "my-action-plan.docx")))
    paragraphs = [p.text for p in word.paragraphs]
    assert "1. Ask Sam <for> a mock interview" in paragraphs
    assert PlanWidget(store, today=TODAY).preview.value.count("Ask Sam &lt;for&gt;") == 1


@pytest.mark.parametrize(
    "evidence",
    [
        Evidence([_entry(to_improve_themes=("cv",))]),
        Evidence([_entry(outcome="withdrew")]),
        Evidence([_entry(outcome="rejected")] * 3),
        Evidence(practice_failures=[["metrics"], ["metrics", "filler"], ["filler"]]),
    ],
    ids=["one-debrief", "one-process", "three-noes", "practice"],
)
def test_reasons_read_as_plain_english(evidence: Evidence) -> None:
    """No "(s)", "(es)", internal criterion names or "You have been turned down"."""
    for proposal in propose(evidence):
        for reason in proposal.because:
            assert "(s)" not in reason
            assert "(es)" not in reason
            assert "flagged" not in reason
            assert "'metrics'" not in reason
            assert "turned down after" not in reason


def test_self_audit_not_in_the_journal_feeds_the_plan(store: Store) -> None:
    """A saved Module 3 self-audit with a 'partly' brings up the preparation routine."""
    items.put(
        store,
        "self_audit",
        "My self-audit",
        {"answers": {"preparation": "partly"}, "feedback": {"improve": "More on budgets"}},
    )
    app = PlanWidget(store, today=TODAY)
    app.go.click()
    ids = [r.proposal.rule.id for r in app.rows]
    assert "research-routine" in ids
    assert "act-on-feedback" in ids
