"""Reframing a harsh thought, the support plan, and the honest look back (modules 1 and 3)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Final

from nextround._text import Span, find_spans, phrase_pattern, sentences
from nextround.journal import guide

AUDIT_ANSWERS: Final = ("yes", "partly", "no")
THOUGHT_LIMIT: Final = 2_000


@dataclass(frozen=True, slots=True)
class Trap:
    """A thinking trap: its name, what it is, the question to ask, and facts that answer it."""

    id: str
    name: str
    explain: str
    ask: str
    cues: re.Pattern[str]
    facts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Factor:
    """Something that shapes an interview's outcome, and whether it is usually in your hands."""

    text: str
    in_control: str


@dataclass(frozen=True)
class ReflectionGuide:
    """Everything in ``data/reflection.toml``."""

    traps: tuple[Trap, ...]
    facts: Mapping[str, str]
    factors: tuple[Factor, ...]
    audit_followup: Mapping[str, str]
    support: Mapping[str, Any]
    matches: tuple[tuple[str, str, str], ...]
    #: Words that show a worry about unfair treatment, which is not a thinking trap.
    fairness_cues: re.Pattern[str] = re.compile(r"(?!x)x")
    fairness_note: str = ""


@cache
def reflection_guide() -> ReflectionGuide:
    """The reframing traps, facts, factors and follow-ups (loaded once)."""
    raw = tomllib.loads(
        resources.files("nextround").joinpath("data/reflection.toml").read_text(encoding="utf-8")
    )
    return ReflectionGuide(
        traps=tuple(
            Trap(
                t["id"],
                t["name"],
                t["explain"],
                t["ask"],
                phrase_pattern(t["cues"]),
                tuple(t["facts"]),
            )
            for t in raw["trap"]
        ),
        facts=raw["facts"],
        factors=tuple(Factor(f["text"], f["in_control"]) for f in raw["factor"]),
        audit_followup=raw["audit_followup"],
        support=raw["support"],
        matches=tuple((m["thought"], m["fairer"], m["trap"]) for m in raw["match"]),
        fairness_cues=phrase_pattern(raw.get("fairness", {}).get("cues", [])),
        fairness_note=raw.get("fairness", {}).get("note", ""),
    )


@dataclass(frozen=True, slots=True)
class TrapMatch:
    """A trap the thought seems to fall into, with the words that suggest it."""

    trap: Trap
    evidence: tuple[Span, ...]


def fairness_spans(thought: str) -> list[Span]:
    """The words that show a worry about unfair treatment (age, race, disability, accent...)."""
    return find_spans(reflection_guide().fairness_cues, thought[:THOUGHT_LIMIT])


def fairness_note(thought: str) -> str | None:
    """What to say instead of naming a trap when a thought is about unfair treatment."""
    return reflection_guide().fairness_note or None if fairness_spans(thought) else None


def spot_traps(thought: str) -> list[TrapMatch]:
    """The thinking traps a thought's words suggest, in the guide's order.

    A sentence that voices a worry about unfair treatment ("Nobody wants someone my age") is
    left out: that worry is not a thinking error, so no trap is suggested for it.
    """
    text = thought[:THOUGHT_LIMIT]
    cues = reflection_guide().fairness_cues
    worries = [s for s in sentences(text) if cues.search(s.text)]
    found = []
    for trap in reflection_guide().traps:
        spans = [
            span
            for span in find_spans(trap.cues, text)
            if not any(w.start <= span.start < w.end for w in worries)
        ]
        if spans:
            found.append(TrapMatch(trap, tuple(spans)))
    return found


def facts_for(trap_ids: Sequence[str]) -> list[str]:
    """The facts that answer the chosen traps, without repeats, in order."""
    guide_ = reflection_guide()
    by_id = {t.id: t for t in guide_.traps}
    ordered = dict.fromkeys(f for t in trap_ids if t in by_id for f in by_id[t].facts)
    return [guide_.facts[f] for f in ordered]


@dataclass(frozen=True, slots=True)
class Reframe:
    """A harsh thought worked into a fairer one."""

    thought: str
    traps: tuple[str, ...]
    evidence_against: str
    friend_view: str
    fairer: str


class ReflectionError(ValueError):
    """Something that cannot be saved yet; the message says what to add."""


def check_reframe(reframe: Reframe) -> list[str]:
    """Gentle notes on a reframe: what is missing, and harsh words that crept back in."""
    notes: list[str] = []
    if not reframe.thought.strip():
        notes.append("Start by writing the thought in your head, in your own words.")
    if not reframe.fairer.strip():
        notes.append("Finish with a fairer thought: one you could say to a friend in your place.")
    if reframe.fairer.strip() and reframe.fairer.strip() == reframe.thought.strip():
        notes.append(
            "Your fairer thought is the same as the first one: try changing a word or two."
        )
    for match in spot_traps(reframe.fairer):
        words = ", ".join(f"'{s.text}'" for s in match.evidence)
        notes.append(
            f"Your fairer thought still has {words} in it ({match.trap.name}). Is that fair?"
        )
    return notes


def audit_message(answers: Mapping[str, str]) -> list[str]:
    """What the self-audit says back: R8's reassurance if all yes, else a next step per gap."""
    followup = reflection_guide().audit_followup
    questions = guide().audit
    if any(answers.get(key) not in AUDIT_ANSWERS for key in questions):
        return ["Answer all four questions to see what they add up to."]
    if all(answers[key] == "yes" for key in questions):
        return [followup["all_yes"]]
    return [
        f"{questions[key]} You said {answers[key]}. {followup[key]}"
        for key in questions
        if answers[key] != "yes"
    ]


def control_summary(choices: Mapping[str, str]) -> tuple[list[str], list[str], list[str]]:
    """Split factors by the learner's choice: in my control, partly, not in my control."""
    groups: dict[str, list[str]] = {"yes": [], "partly": [], "no": []}
    for text, choice in choices.items():
        if choice in groups:
            groups[choice].append(text)
    return groups["yes"], groups["partly"], groups["no"]


def score_matches(chosen: Mapping[str, str]) -> list[tuple[str, bool, str]]:
    """For each unhelpful thought: was the chosen fairer thought its match, and the trap's name."""
    names = {t.id: t.name for t in reflection_guide().traps}
    return [
        (thought, chosen.get(thought) == fairer, names.get(trap, trap))
        for thought, fairer, trap in reflection_guide().matches
    ]


FEEDBACK_PARTS: Final = ("went_well", "improve", "advice")


@dataclass(frozen=True)
class SelfAudit:
    """Module 3's honest look back: four answers with reasons, sorted factors, feedback."""

    answers: Mapping[str, str]
    reasons: Mapping[str, str]
    #: Each factor the learner sorted: its words and "yes", "partly" or "no" (in my control).
    factors: tuple[tuple[str, str], ...] = ()
    #: The factors the learner added in their own words (also in ``factors`` once sorted).
    own_factors: tuple[str, ...] = ()
    feedback: Mapping[str, str] = field(default_factory=dict)
    entry_id: int | None = None
    entry_title: str = ""

    @property
    def title(self) -> str:
        """How the audit is named in lists."""
        return f"Self-audit: {self.entry_title}" if self.entry_title else "My self-audit"

    @property
    def empty(self) -> bool:
        """Nothing answered, sorted, added or written."""
        return not (
            self.answers
            or any(r.strip() for r in self.reasons.values())
            or self.factors
            or self.own_factors
            or any(v.strip() for v in self.feedback.values())
        )

    @property
    def feedback_text(self) -> str:
        """The feedback in one line, for the action plan's evidence."""
        return " ".join(v.strip() for v in self.feedback.values() if v.strip())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data for the personal store."""
        return {
            "answers": dict(self.answers),
            "reasons": dict(self.reasons),
            "factors": [{"text": t, "choice": c} for t, c in self.factors],
            "own_factors": list(self.own_factors),
            "feedback": dict(self.feedback),
            "entry_id": self.entry_id,
            "entry_title": self.entry_title,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SelfAudit:
        """The inverse of :meth:`to_dict` (unknown or missing parts are left out)."""
        answers = {
            str(k): str(v) for k, v in dict(data.get("answers", {})).items() if v in AUDIT_ANSWERS
        }
        factors = tuple(
            (str(f["text"]), str(f["choice"]))
            for f in data.get("factors", [])
            if isinstance(f, Mapping) and f.get("choice") in AUDIT_ANSWERS
        )
        entry_id = data.get("entry_id")
        return cls(
            answers=answers,
            reasons={str(k): str(v) for k, v in dict(data.get("reasons", {})).items()},
            factors=factors,
            own_factors=tuple(str(t) for t in data.get("own_factors", [])),
            feedback={k: str(dict(data.get("feedback", {})).get(k, "")) for k in FEEDBACK_PARTS},
            entry_id=entry_id if isinstance(entry_id, int) else None,
            entry_title=str(data.get("entry_title", "")),
        )


def factor_problem(text: str, existing: Sequence[str]) -> str | None:
    """Why a factor the learner typed cannot be added yet, or None if it can."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return "Type the factor first, then add it."
    if len(cleaned) > 200:
        return "Keep the factor to a short phrase (under 200 characters)."
    if cleaned.casefold() in {e.casefold() for e in existing}:
        return "That factor is already in the list."
    return None
