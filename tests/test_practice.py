"""Pair practice: rubric verdicts, agreement, rotating roles and question cards."""

from __future__ import annotations

import random

import pytest

from nextround.critique import CRITERIA, critique
from nextround.practice import (
    ItemComparison,
    agreement_summary,
    compare_ratings,
    critic_rating,
    draw_card,
    rotate,
    rubric,
)
from nextround.questions import question_bank
from nextround.widgets.practice import MockInterviewWidget, PairPracticeWidget
from tests.samples import STRONG


def test_rubric_items_name_real_critic_criteria() -> None:
    """Every rubric item maps to criteria the critic really has, and covers them all."""
    named = {c for item in rubric() for c in item.criteria}
    assert named <= set(CRITERIA)
    assert named == set(CRITERIA)


def test_critic_rating_of_a_strong_story() -> None:
    """A clear story with a number earns 'yes' on scene, result and numbers."""
    report = critique(STRONG, question="Tell me about a time you dealt with a difficult customer.")
    ratings = {item.id: critic_rating(item, report) for item in rubric()}
    assert ratings["scene"] == ratings["result"] == ratings["numbers"] == "yes"
    assert ratings["why_us"] is None


@pytest.mark.parametrize(
    ("own", "partner", "critic", "expected"),
    [
        pytest.param("yes", "yes", "yes", "all agree", id="all"),
        pytest.param("yes", "no", "no", "your partner and the critic agree", id="partner-critic"),
        pytest.param("yes", "partly", "no", "everyone differs", id="none"),
        pytest.param("yes", None, None, "not enough ratings", id="alone"),
        pytest.param("no", "no", None, "you and your partner agree", id="no-critic"),
    ],
)
def test_agreement_in_words(
    own: str, partner: str | None, critic: str | None, expected: str
) -> None:
    """Who agrees with whom is said plainly."""
    row = ItemComparison(rubric()[0], own, partner, critic)  # type: ignore[arg-type]
    assert row.agreement == expected


def test_summary_counts_agreement_and_points_at_a_difference() -> None:
    """The summary counts agreements and names the first point to talk through."""
    rows = compare_ratings(
        {"scene": "yes", "result": "no"}, {"scene": "yes", "result": "yes"}, None
    )
    assert agreement_summary(rows).startswith("You and your partner agree on 1 of 2 points.")
    assert "said how it turned out" in agreement_summary(rows)
    assert "Rate the answer yourself" in agreement_summary([])


@pytest.mark.parametrize("size", [2, 3, 4])
def test_roles_rotate_so_everyone_is_candidate_once(size: int) -> None:
    """Over as many rounds as people, each person is the candidate exactly once."""
    names = [f"P{n}" for n in range(size)]
    candidates = [
        next(name for name, role in rotate(names, r).items() if role == "candidate")
        for r in range(size)
    ]
    assert sorted(candidates) == names
    assert set(rotate(names, 0).values()) >= {"candidate", "interviewer"}


def test_rotation_needs_two_people() -> None:
    """One name is not a pair."""
    with pytest.raises(ValueError, match="at least two"):
        rotate(["Asha", " "], 0)


def test_cards_avoid_repeats_and_respect_kinds() -> None:
    """Cards are drawn from the chosen kinds, without repeats until the pile runs out."""
    rng = random.Random(7)
    motivation = [q.id for q in question_bank() if q.kind == "motivation"]
    drawn: list[str] = []
    for _ in motivation:
        drawn.append(draw_card(["motivation"], seen=drawn, rng=rng).id)
    assert sorted(drawn) == sorted(motivation)
    assert draw_card(["motivation"], seen=drawn, rng=rng).id in motivation


def test_pair_widget_compares_three_views() -> None:
    """Rate, compare: a table with you, partner and critic appears."""
    app = PairPracticeWidget()
    app.question.value = "Tell me about a time you dealt with a difficult customer."
    app.mode.value = "answer"
    app.answer.value = STRONG
    app.own["numbers"].value = "yes"
    app.partner["numbers"].value = "no"
    app.compare.click()
    assert "agree on 0 of 1 points" in app.result.value
    assert "The critic agrees with your partner on 0 of 1" in app.result.value
    app.clear()
    assert app.own["numbers"].value is None


def test_mock_interview_rotates_draws_and_times() -> None:
    """Start, next round, draw a card, run the clock down: every part responds."""
    app = MockInterviewWidget()
    app.start.click()
    assert "at least two" in app.roles.value
    app.names.value = "Asha, <b>Ben</b>"
    app.start.click()
    assert "<b>Asha</b>: candidate" in app.roles.value
    assert "&lt;b&gt;Ben&lt;/b&gt;" in app.roles.value
    app.start.click()
    assert "Round 2" in app.roles.value
    app.draw.click()
    assert app.pair.question.value in {q.text for q in question_bank()}
    app.length.value = 30
    assert "0:30" in app.clock.value
    app.timer.value = 29
    assert "0:01" in app.clock.value
    app.timer.value = 30
    assert "Time&#x27;s up" in app.clock.value


def test_observer_notes_are_not_scored_as_the_full_answer() -> None:
    """A few words of notes get no critic column, and the panel says why."""
    app = PairPracticeWidget()
    app.question.value = "Tell me about a time you dealt with a difficult customer."
    app.answer.value = "good example, no result"
    app.own["numbers"].value = "yes"
    app.partner["numbers"].value = "yes"
    app.compare.click()
    assert "notes on the answer" in app.result.value
    assert "The critic agrees" not in app.result.value
    app.mode.value = "answer"
    app.compare.click()
    assert "too few for the critic to rate fairly" in app.result.value
    assert "The critic agrees" not in app.result.value


def test_practice_panel_offers_questions_from_the_bank() -> None:
    """Picking from the bank or drawing at random fills the question box."""
    app = PairPracticeWidget()
    _label, text = app.bank.options[1]
    app.bank.value = text
    assert app.question.value == text
    app.draw.click()
    assert app.question.value in {q.text for q in question_bank()}
    assert app.question.value != text
