"""What your interviews say: patterns across journal entries, as numbers and plain sentences."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from statistics import fmean
from typing import Final

from nextround.journal import Entry, guide

MIN_ENTRIES: Final = 2

KIND_LABELS: Final = {
    "behavioural": "'tell me about a time' questions",
    "weakness": "questions about weaknesses and mistakes",
    "motivation": "'why us, why this role' questions",
    "technical": "technical and job-specific questions",
    "other": "other questions",
}


@lru_cache(maxsize=20_000)
def question_kind(question: str) -> str:
    """The kind of an interview question (behavioural, weakness, motivation, technical, other)."""
    from nextround.critique import classify_question  # noqa: PLC0415 -- keeps import light

    return str(classify_question(question))


@dataclass(frozen=True)
class Insights:
    """Patterns across entries; ``enough`` is False with fewer than two entries."""

    count: int
    first: date | None
    last: date | None
    rating_by_kind: dict[str, tuple[float, int]]
    rating_by_stage: dict[str, tuple[float, int]]
    nerves_over_time: list[tuple[date, int]]
    went_well: list[tuple[str, int]]
    to_improve: list[tuple[str, int]]
    audit: dict[str, Counter[str]]
    outcomes_by_stage: dict[str, Counter[str]]
    all_yes: list[str]

    @property
    def enough(self) -> bool:
        """Whether there are enough entries for patterns to mean anything."""
        return self.count >= MIN_ENTRIES

    def summary(self) -> list[str]:
        """A short written summary, one sentence per line, kind and specific."""
        if not self.enough:
            return [
                "Patterns need at least two debriefs. Log your next interview straight after it, "
                "and this page will start to show what keeps going well and what to work on."
            ]
        lines = [_span_sentence(self)]
        lines += _rating_sentences(self.rating_by_kind)
        lines += _nerves_sentences(self.nerves_over_time)
        if self.went_well:
            lines.append("What keeps going well: " + _counted(self.went_well) + ".")
        if self.to_improve:
            lines.append("What keeps coming up to work on: " + _counted(self.to_improve) + ".")
        lines += _audit_sentences(self)
        lines.append(_outcome_sentence(self.outcomes_by_stage))
        return lines


def analyse(entries: Sequence[Entry]) -> Insights:
    """Patterns across ``entries`` (any order)."""
    ordered = sorted(entries, key=lambda e: (e.interview_date, e.id or 0))
    ratings_by_kind: dict[str, list[int]] = defaultdict(list)
    ratings_by_stage: dict[str, list[int]] = defaultdict(list)
    went_well: Counter[str] = Counter()
    to_improve: Counter[str] = Counter()
    audit: dict[str, Counter[str]] = {key: Counter() for key in guide().audit}
    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    for entry in ordered:
        for note in entry.questions:
            if note.rating is not None:
                ratings_by_kind[question_kind(note.question)].append(note.rating)
                ratings_by_stage[entry.stage].append(note.rating)
        went_well.update(set(entry.went_well_themes))
        to_improve.update(set(entry.to_improve_themes))
        for key, answer in entry.audit.items():
            audit.setdefault(key, Counter())[answer] += 1
        outcomes[entry.stage][entry.outcome] += 1
    labels = guide().themes
    return Insights(
        count=len(ordered),
        first=ordered[0].interview_date if ordered else None,
        last=ordered[-1].interview_date if ordered else None,
        rating_by_kind=_means(ratings_by_kind),
        rating_by_stage=_means(ratings_by_stage),
        nerves_over_time=[
            (e.interview_date, e.nerves_level) for e in ordered if e.nerves_level is not None
        ],
        went_well=[(labels.get(t, t), n) for t, n in went_well.most_common(3)],
        to_improve=[(labels.get(t, t), n) for t, n in to_improve.most_common(3)],
        audit=audit,
        outcomes_by_stage=dict(outcomes),
        # The reassurance is for a "no" only: never about an offer or a decision still to come.
        all_yes=[e.title for e in ordered if e.audit_all_yes and e.outcome == "rejected"],
    )


def _means(groups: dict[str, list[int]]) -> dict[str, tuple[float, int]]:
    return {key: (round(fmean(values), 1), len(values)) for key, values in groups.items()}


def _counted(items: list[tuple[str, int]]) -> str:
    return ", ".join(f"{label} ({n} interview{'s' if n != 1 else ''})" for label, n in items)


def _span_sentence(insights: Insights) -> str:
    assert insights.first is not None
    assert insights.last is not None
    return (
        f"You have debriefed {insights.count} interviews, from {insights.first:%d %b %Y} "
        f"to {insights.last:%d %b %Y}. That is real experience, and each one counts."
    )


def _rating_sentences(by_kind: dict[str, tuple[float, int]]) -> list[str]:
    rated = {k: v for k, v in by_kind.items() if v[1] >= 1}
    if len(rated) < 2:
        return []
    best = max(rated, key=lambda k: rated[k][0])
    worst = min(rated, key=lambda k: rated[k][0])
    if rated[best][0] == rated[worst][0]:
        return [f"Your answers score about the same across question types ({rated[best][0]}/5)."]
    return [
        f"Your answers go best on {KIND_LABELS.get(best, best)} ({rated[best][0]}/5 on average) "
        f"and least well on {KIND_LABELS.get(worst, worst)} ({rated[worst][0]}/5): "
        "that is where practice will pay off most."
    ]


def _nerves_sentences(series: list[tuple[date, int]]) -> list[str]:
    if len(series) < 2:
        return []
    half = max(1, len(series) // 2)
    early = fmean(level for _, level in series[:half])
    late = fmean(level for _, level in series[-half:])
    if late < early - 0.4:
        trend = "have been easing"
    elif late > early + 0.4:
        trend = "have been rising"
    else:
        trend = "have stayed about the same"
    return [f"Your nerves {trend}: about {early:.1f}/5 earlier on, {late:.1f}/5 more recently."]


def _outcome_sentence(outcomes_by_stage: dict[str, Counter[str]]) -> str:
    totals: Counter[str] = Counter()
    for counter in outcomes_by_stage.values():
        totals.update(counter)
    names = guide().outcomes
    parts = [f"{names.get(o, o)}: {n}" for o, n in sorted(totals.items())]
    return "Outcomes so far (" + "; ".join(parts) + ")."


def _audit_sentences(insights: Insights) -> list[str]:
    lines: list[str] = []
    questions = guide().audit
    weakest = _least_yes(insights.audit)
    if weakest is not None:
        key, yes, total = weakest
        lines.append(
            f'Self-audit: "{questions.get(key, key)}" was a clear yes in {yes} of {total} '
            "interviews: the one to strengthen first."
        )
    if insights.all_yes:
        lines.append(
            f"{_count_interviews(len(insights.all_yes))} that ended in a 'no', you answered "
            "yes to all four self-audit questions. There was probably little more you could "
            "have done: the decision was about their needs, not a failure of yours. Don't be "
            "hard on yourself about them."
        )
    return lines


def _count_interviews(n: int) -> str:
    return "In one interview" if n == 1 else f"In {n} interviews"


def _least_yes(audit: dict[str, Counter[str]]) -> tuple[str, int, int] | None:
    scored = [(key, c["yes"], sum(c.values())) for key, c in audit.items() if sum(c.values())]
    if not scored:
        return None
    key, yes, total = min(scored, key=lambda item: item[1] / item[2])
    if yes == total:
        return None
    return key, yes, total
