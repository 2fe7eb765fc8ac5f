"""Question kinds: what sort of interview question an answer is for, read from its wording.

The kinds, their wording patterns, the plain labels a learner sees and the critic's
reading of a question ("a story question about a challenge") all live in
``[question_kinds]`` of ``data/critic_rules.toml``.
"""

from __future__ import annotations

import functools
from typing import Literal, get_args

from nextround.critique._rules import rules
from nextround.critique.matchers import APOSTROPHES, TOKEN, lower

QuestionKind = Literal[
    "behavioural",
    "weakness",
    "strength",
    "hypothetical",
    "about_you",
    "motivation",
    "technical",
    "closing",
    "salary",
    "other",
]

#: Every kind, in the order menus list them.
QUESTION_KINDS: tuple[QuestionKind, ...] = get_args(QuestionKind)


def _labels() -> dict[QuestionKind, str]:
    table = rules().kind_labels
    return {
        kind: str(table.get(kind, kind.replace("_", " ").capitalize())) for kind in QUESTION_KINDS
    }


#: A plain label for each kind, for the learner's "read as" menu.
KIND_LABELS: dict[QuestionKind, str] = _labels()


def is_kind(value: object) -> bool:
    """Whether ``value`` is one of :data:`QUESTION_KINDS`."""
    return isinstance(value, str) and value in QUESTION_KINDS


@functools.lru_cache(maxsize=4096)
def classify_question(question: str | None) -> QuestionKind:
    """The kind of interview question, from its wording ("other" when none is given)."""
    if not question or not question.strip():
        return "other"
    compiled = rules()
    text = lower(question.translate(APOSTROPHES))
    for name in compiled.kind_order:
        matcher = compiled.kind_patterns.get(name)
        if name == "employer" and compiled.employer is not None:
            found = compiled.employer.search(question.translate(APOSTROPHES)) is not None
        else:
            found = matcher is not None and matcher.search(text)
        if found:
            kind = compiled.kind_aliases.get(name, name)
            if is_kind(kind):
                return kind  # type: ignore[return-value]
    return "other"


def question_topic(question: str | None) -> str | None:
    """What a story question is about ("a challenge"), or None when no topic word is found."""
    if not question:
        return None
    text = lower(question.translate(APOSTROPHES))
    found = set(TOKEN.findall(text))
    for topic, cues in rules().kind_topics.items():
        for cue in cues:
            if (" " in cue and cue in text) or cue in found:
                return topic
    return None


def describe_question(question_or_kind: str | None) -> str:
    """The learner-facing reading of a question or a kind: "a story question about a challenge".

    Given a kind (such as ``"behavioural"``), the kind's plain reading; given a question,
    the reading of the kind it is read as, with the story's topic where one is found.
    Never "a other question": an unknown kind reads as "a general question".
    """
    readings = rules().kind_readings
    if is_kind(question_or_kind):
        return str(readings.get(str(question_or_kind), readings["other"]))
    kind = classify_question(question_or_kind)
    reading = str(readings.get(kind, readings["other"]))
    if kind == "behavioural":
        topic = question_topic(question_or_kind)
        if topic:
            return f"{reading} about {topic}"
    return reading


__all__ = [
    "KIND_LABELS",
    "QUESTION_KINDS",
    "QuestionKind",
    "classify_question",
    "describe_question",
    "is_kind",
    "question_topic",
]
