"""The answer critic: offline, explainable, rule-based feedback on a written interview answer.

``critique(answer, question=..., job_description=..., kind=...)`` returns one
:class:`Finding` per criterion in :data:`CRITERIA`. Each finding says whether the answer
passed (``True``), did not yet (``False``), or whether the criterion does not apply to this
kind of question or story (``None``), with a kind one-sentence message and the exact
stretches of text it is based on.

Every rule, word list and message lives in ``data/critic_rules.toml`` so a facilitator can
read and extend them; this package only applies them. The package's parts:
:mod:`~nextround.critique.kinds` (what sort of question), :mod:`~nextround.critique.matchers`
(word lists), :mod:`~nextround.critique.judges` (one rule per criterion) and
:mod:`~nextround.critique.report` (findings, critiques, comparisons).

Evidence spans index into ``Critique.answer`` (``answer[s.start:s.end] == s.text``), except
that a finding's ``jd_evidence`` spans index into ``Critique.job_description``. For
relevance, ``evidence`` holds the answer's words that show a requirement and
``jd_evidence`` the requirements shown; ``Critique.requirements`` has the full detail.
"""

from __future__ import annotations

from nextround._text import words
from nextround.critique import judges
from nextround.critique._answer import Answer
from nextround.critique._rules import rules
from nextround.critique.kinds import (
    KIND_LABELS,
    QUESTION_KINDS,
    QuestionKind,
    classify_question,
    describe_question,
    is_kind,
)
from nextround.critique.report import (
    CRITERIA,
    Change,
    Comparison,
    Critique,
    Finding,
    Requirement,
    Source,
    Verdict,
    criterion_title,
)


def critique(
    answer: str,
    *,
    question: str | None = None,
    job_description: str | None = None,
    kind: QuestionKind | None = None,
) -> Critique:
    """Judge a written interview answer against every criterion in :data:`CRITERIA`.

    ``kind`` (one of :data:`QUESTION_KINDS`) overrides the kind read from the question's
    wording, for a learner who knows better. Pure and deterministic: the same arguments
    always give the same critique. Criteria that do not apply to the kind (see
    ``[applicability]`` in the rules file) get ``passed=None``; so does every criterion
    while the answer has no words yet, and relevance when no job description is given.
    """
    compiled = rules()
    if kind is not None and not is_kind(kind):
        raise ValueError(
            f"Unknown kind of question {kind!r}: choose one of {', '.join(QUESTION_KINDS)}."
        )
    read_as: QuestionKind = kind if kind is not None else classify_question(question)
    word_count = len(words(answer))
    jd = job_description if job_description and job_description.strip() else None
    if word_count == 0:
        empty = str(compiled.messages["empty"])
        findings = tuple(Finding(c, None, empty) for c in CRITERIA)
        return Critique(answer, question, read_as, findings, 0, jd)

    text = Answer.of(answer)
    applicable = compiled.applicability[read_as]
    found = (
        judges.requirements(text, jd, read_as)
        if jd is not None and "relevance" in applicable
        else ()
    )
    out: list[Finding] = []
    for criterion in CRITERIA:
        if criterion not in applicable:
            out.append(Finding(criterion, None, str(compiled.messages["not_applicable"])))
        elif criterion == "relevance":
            if jd is None:
                out.append(Finding(criterion, None, str(compiled.messages["no_job_description"])))
            else:
                out.append(judges.relevance(found, read_as))
        else:
            passed, evidence, message = judges.JUDGES[criterion](
                text, word_count, question, read_as, jd
            )
            out.append(Finding(criterion, passed, message, evidence))
    return Critique(answer, question, read_as, tuple(out), word_count, jd, found)


def compare(before: Critique, after: Critique) -> Comparison:
    """Compare an answer's critique with its rewrite's, criterion by criterion."""
    changes = tuple(Change(c, before.finding(c).passed, after.finding(c).passed) for c in CRITERIA)
    return Comparison(before, after, changes)


__all__ = [
    "CRITERIA",
    "KIND_LABELS",
    "QUESTION_KINDS",
    "Change",
    "Comparison",
    "Critique",
    "Finding",
    "QuestionKind",
    "Requirement",
    "Source",
    "Verdict",
    "classify_question",
    "compare",
    "criterion_title",
    "critique",
    "describe_question",
]
