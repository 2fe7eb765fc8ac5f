"""What the critic reports: findings, the critique of one answer, and before/after comparisons.

Evidence spans index into ``Critique.answer`` (``answer[s.start:s.end] == s.text``), except
that a finding's ``jd_evidence`` spans (and any finding whose ``source`` is
``"job_description"``) index into ``Critique.job_description``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from nextround._text import Span
from nextround.critique._rules import rules
from nextround.critique.kinds import QuestionKind, describe_question, question_topic

Source = Literal["answer", "job_description"]
Verdict = Literal["improved", "worse", "same"]

#: The criteria, in the order findings are reported.
CRITERIA: tuple[str, ...] = (
    "situation",
    "action",
    "result",
    "metrics",
    "ownership",
    "reflection",
    "relevance",
    "length",
    "filler",
    "negativity",
    "vagueness",
    "cliches",
    "enthusiasm",
)


def criterion_title(criterion: str) -> str:
    """A short human name for a criterion, such as "Sets the scene" for ``situation``."""
    return str(rules().titles.get(criterion, criterion.capitalize()))


class _Blank(dict[str, object]):
    """Fills a message's unknown placeholders with nothing rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, **fields: object) -> str:
    """A message template with its {placeholders} filled in."""
    return template.format_map(_Blank(fields))


def message(criterion: str, key: str, **fields: object) -> str:
    """One of a criterion's messages from the rules file, filled in."""
    table = rules().messages.get(criterion, {})
    return fill(str(table.get(key, table.get("fail", ""))), **fields)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def quoted(texts: Iterable[str], limit: int = 3) -> str:
    """The first few distinct texts, quoted: '"um", "basically" and "you know"'."""
    seen: list[str] = []
    lowered: set[str] = set()
    for text in texts:
        short = _short(text)
        if short and short.lower() not in lowered:
            seen.append(short)
            lowered.add(short.lower())
        if len(seen) == limit:
            break
    marks = [f"\u201c{s}\u201d" for s in seen]
    if len(marks) <= 1:
        return "".join(marks)
    return ", ".join(marks[:-1]) + " and " + marks[-1]


def _titles(criteria: Sequence[str]) -> str:
    """Criteria as a readable list of their quoted titles."""
    return quoted((criterion_title(c) for c in criteria), limit=len(criteria))


def cap(spans: Iterable[Span]) -> tuple[Span, ...]:
    """At most ``max_evidence`` spans (a learner cannot use thousands of highlights)."""
    limit = int(rules().thresholds["max_evidence"])
    out: list[Span] = []
    for span in spans:
        if len(out) >= limit:
            break
        out.append(span)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Finding:
    """The verdict on one criterion, with a kind next step and the text it is based on.

    ``passed`` is ``None`` when the criterion does not apply (or there is nothing to judge
    yet). ``evidence`` spans index into the text named by ``source``; ``jd_evidence`` is
    only used by relevance and always indexes into the job description.
    """

    criterion: str
    passed: bool | None
    message: str
    evidence: tuple[Span, ...] = ()
    source: Source = "answer"
    jd_evidence: tuple[Span, ...] = ()

    @property
    def title(self) -> str:
        """A short human name for the criterion, such as "Sets the scene"."""
        return criterion_title(self.criterion)


@dataclass(frozen=True, slots=True)
class Requirement:
    """One requirement read from a job description, and whether the answer shows it.

    ``span`` indexes into the job description; ``evidence`` into the answer.
    """

    span: Span
    keywords: tuple[str, ...]
    evidence: tuple[Span, ...]

    @property
    def text(self) -> str:
        """The requirement as written in the job description."""
        return self.span.text

    @property
    def shown(self) -> bool:
        """Whether the answer uses at least one of the requirement's distinctive words."""
        return bool(self.evidence)


@dataclass(frozen=True, slots=True)
class Critique:
    """The critic's report on one answer: one finding per criterion, in ``CRITERIA`` order."""

    answer: str
    question: str | None
    kind: QuestionKind
    findings: tuple[Finding, ...]
    word_count: int
    job_description: str | None = None
    requirements: tuple[Requirement, ...] = ()

    def finding(self, criterion: str) -> Finding:
        """The finding for one criterion (``KeyError`` if it is not one of ``CRITERIA``)."""
        for item in self.findings:
            if item.criterion == criterion:
                return item
        raise KeyError(criterion)

    @property
    def applicable(self) -> tuple[Finding, ...]:
        """The findings that were judged (passed is True or False)."""
        return tuple(f for f in self.findings if f.passed is not None)

    @property
    def passed_count(self) -> int:
        """How many judged criteria passed."""
        return sum(1 for f in self.findings if f.passed)

    @property
    def next_step(self) -> Finding | None:
        """The failed finding most worth working on next, or None when nothing failed."""
        failed = {f.criterion: f for f in self.findings if f.passed is False}
        for criterion in rules().priority:
            if criterion in failed:
                return failed[criterion]
        return next(iter(failed.values()), None)

    @property
    def reading(self) -> str:
        """How the critic read the question: "a story question about a challenge"."""
        text = describe_question(self.kind)
        if self.kind == "behavioural":
            topic = question_topic(self.question)
            if topic:
                text = f"{text} about {topic}"
        return text

    @property
    def ready(self) -> bool:
        """Whether the answer is ready to practise aloud: its content judged, and nothing failed.

        For kinds whose content the critic cannot judge (technical, closing, salary, other)
        passing the delivery checks alone is not "ready".
        """
        if self.word_count == 0 or self.next_step is not None:
            return False
        judged = {f.criterion for f in self.applicable}
        return bool(judged & {"action", "enthusiasm"})

    @property
    def summary(self) -> str:
        """One or two kind sentences: how many checks passed and the most useful next step."""
        texts = rules().summary
        applicable = len(self.applicable)
        if self.word_count == 0 or applicable == 0:
            return texts["empty"]
        step = self.next_step
        if step is None:
            return fill(
                texts["all_passed" if self.ready else "all_passed_not_ready"], applicable=applicable
            )
        return fill(
            texts["some_failed"],
            passed=self.passed_count,
            applicable=applicable,
            next_step=step.message,
        )


@dataclass(frozen=True, slots=True)
class Change:
    """How one criterion's verdict moved between two versions of an answer."""

    criterion: str
    before: bool | None
    after: bool | None

    @property
    def verdict(self) -> Verdict:
        """``improved`` (failed, now passes), ``worse`` (passed, now fails) or ``same``."""
        if self.before is False and self.after is True:
            return "improved"
        if self.before is True and self.after is False:
            return "worse"
        return "same"


@dataclass(frozen=True, slots=True)
class Comparison:
    """Per-criterion changes between an answer and its rewrite, with a one-line summary."""

    before: Critique
    after: Critique
    changes: tuple[Change, ...]

    def change(self, criterion: str) -> Change:
        """The change for one criterion (``KeyError`` if it is not one of ``CRITERIA``)."""
        for item in self.changes:
            if item.criterion == criterion:
                return item
        raise KeyError(criterion)

    @property
    def improved(self) -> tuple[str, ...]:
        """Criteria that failed before and pass now."""
        return tuple(c.criterion for c in self.changes if c.verdict == "improved")

    @property
    def worse(self) -> tuple[str, ...]:
        """Criteria that passed before and fail now."""
        return tuple(c.criterion for c in self.changes if c.verdict == "worse")

    @property
    def summary(self) -> str:
        """One line saying what improved and what, if anything, got worse."""
        texts = rules().compare
        improved, worse = self.improved, self.worse
        worse_part = fill(texts["worse_part"], worse=_titles(worse)) if worse else ""
        if improved:
            return fill(
                texts["improved_one" if len(improved) == 1 else "improved_many"],
                improved_count=len(improved),
                improved=_titles(improved),
                worse_part=worse_part,
            )
        if worse:
            return fill(texts["only_worse"], worse=_titles(worse))
        return texts["all_same"]
