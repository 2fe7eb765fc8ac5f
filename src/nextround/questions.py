"""The question bank and the worked examples learners practise with (module 6)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from nextround.critique import QUESTION_KINDS, QuestionKind

#: A short group name for each kind of question, for menus of the question bank.
KIND_NAMES: dict[str, str] = {
    "behavioural": "Tell me about a time",
    "weakness": "Weaknesses and mistakes",
    "strength": "Strengths",
    "hypothetical": "What would you do",
    "about_you": "About you",
    "motivation": "Why us, why this role",
    "technical": "Technical and know-how",
    "closing": "Your questions for them",
    "salary": "Pay",
    "other": "Other common questions",
}


@dataclass(frozen=True, slots=True)
class Question:
    """A common interview question, what the interviewer is really asking, and a tip."""

    id: str
    kind: QuestionKind
    text: str
    really_asking: str
    tip: str


@dataclass(frozen=True, slots=True)
class WorkedExample:
    """A weak and a strong answer to one bank question, with what changed."""

    question: Question
    weak: str
    strong: str
    what_changed: str
    job_description: str | None = None


def _load(name: str) -> dict[str, Any]:
    text = resources.files("nextround").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def question_bank() -> tuple[Question, ...]:
    """Every question in ``data/question_bank.toml``, grouped by kind in the kinds' order."""
    questions = [Question(**q) for q in _load("question_bank.toml")["question"]]
    order = {kind: n for n, kind in enumerate(QUESTION_KINDS)}
    return tuple(sorted(questions, key=lambda q: order.get(q.kind, len(order))))


def question(question_id: str) -> Question:
    """One question by id (``KeyError`` if there is none)."""
    for item in question_bank():
        if item.id == question_id:
            return item
    raise KeyError(question_id)


@cache
def worked_examples() -> tuple[WorkedExample, ...]:
    """The worked examples in ``data/worked_answers.toml``."""
    return tuple(
        WorkedExample(
            question(e["question_id"]),
            e["weak"],
            e["strong"],
            e["what_changed"],
            e.get("job_description"),
        )
        for e in _load("worked_answers.toml")["example"]
    )
