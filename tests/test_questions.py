"""The question bank and worked examples agree with the critic they feed."""

from __future__ import annotations

import pytest

from nextround.critique import QUESTION_KINDS, classify_question, critique
from nextround.questions import question, question_bank, worked_examples


def test_bank_is_big_enough_and_covers_every_kind() -> None:
    """At least 40 questions, every kind represented, ids unique, every field filled."""
    bank = question_bank()
    assert len(bank) >= 40
    assert {q.kind for q in bank} == set(QUESTION_KINDS)
    assert len({q.id for q in bank}) == len(bank)
    assert all(q.text and q.really_asking and q.tip for q in bank)


@pytest.mark.parametrize("item", question_bank(), ids=lambda q: q.id)
def test_critic_reads_each_bank_question_as_its_kind(item: object) -> None:
    """The critic applies the right criteria to every question a learner can pick."""
    assert classify_question(item.text) == item.kind  # type: ignore[attr-defined]


@pytest.mark.parametrize("example", worked_examples(), ids=lambda e: e.question.id)
def test_worked_examples_show_a_real_difference(example: object) -> None:
    """Each strong answer passes every check that applies; each weak one fails three or more."""
    ask = example.question.text  # type: ignore[attr-defined]
    jd = example.job_description  # type: ignore[attr-defined]
    strong = critique(example.strong, question=ask, job_description=jd)  # type: ignore[attr-defined]
    weak = critique(example.weak, question=ask, job_description=jd)  # type: ignore[attr-defined]
    assert [f.criterion for f in strong.findings if f.passed is False] == []
    assert sum(f.passed is False for f in weak.findings) >= 3


def test_unknown_question_id_is_a_key_error() -> None:
    """Looking up a question that is not in the bank fails loudly."""
    with pytest.raises(KeyError):
        question("no-such-question")
