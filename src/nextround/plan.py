"""Your next round: an action plan built from your own evidence (module 7).

The evidence is the learner's journal, the feedback they saved and their answer practice;
the rules in ``data/action_rules.toml`` turn it into proposed actions, each with the
reason it was proposed. The learner picks and dates actions, and takes the plan away.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Final

from nextround.insights import Insights, analyse
from nextround.journal import Entry, guide

#: A signal needs at least this share of interviews (e.g. audit not a clear yes).
SHARE: Final = 0.5
NERVES_HIGH: Final = 3.5
TECHNICAL_LOW: Final = 2.5
#: A critic criterion failing in this many practice answers counts as a pattern.
PRACTICE_PATTERN: Final = 2


@dataclass(frozen=True, slots=True)
class ActionRule:
    """One development action and the signals that bring it up."""

    id: str
    when: tuple[str, ...]
    title: str
    detail: str
    atoms: tuple[str, ...]
    weeks: int


@cache
def action_rules() -> tuple[ActionRule, ...]:
    """The actions the plan can propose (loaded once from data)."""
    raw = tomllib.loads(
        resources.files("nextround").joinpath("data/action_rules.toml").read_text(encoding="utf-8")
    )
    return tuple(
        ActionRule(
            a["id"], tuple(a["when"]), a["title"], a["detail"], tuple(a["atoms"]), a["weeks"]
        )
        for a in raw["action"]
    )


@dataclass(frozen=True)
class Evidence:
    """What the plan is built on: journal entries, practice results and saved feedback."""

    entries: Sequence[Entry] = ()
    #: For each practice answer, the critic criteria that did not pass.
    practice_failures: Sequence[Sequence[str]] = ()
    feedback: Sequence[str] = ()
    #: Self-audit answers (Module 3) not already in a journal entry: question id -> answer.
    audits: Sequence[Mapping[str, str]] = ()


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposed action and why: the evidence sentences behind it."""

    rule: ActionRule
    because: tuple[str, ...]


def signals(evidence: Evidence) -> dict[str, list[str]]:
    """Each signal that fires, with plain sentences saying what in the evidence fired it."""
    found: dict[str, list[str]] = {}
    ins = analyse(evidence.entries)
    _journal_signals(ins, evidence.entries, found)
    _audit_signals(evidence.audits, found)
    _practice_signals(evidence.practice_failures, found)
    if any(text.strip() for text in evidence.feedback):
        found.setdefault("has_feedback", []).append("You have saved feedback from an employer.")
    return found


def _add(found: dict[str, list[str]], name: str, reason: str) -> None:
    found.setdefault(name, []).append(reason)


def _journal_signals(ins: Insights, entries: Sequence[Entry], found: dict[str, list[str]]) -> None:
    if ins.nerves_over_time:
        mean = sum(level for _, level in ins.nerves_over_time) / len(ins.nerves_over_time)
        if mean >= NERVES_HIGH:
            _add(found, "nerves_high", f"Your nerves averaged {mean:.1f}/5 across your debriefs.")
    technical = ins.rating_by_kind.get("technical")
    if technical and technical[0] <= TECHNICAL_LOW:
        _add(
            found,
            "technical_weak",
            f"You rated your technical answers {technical[0]}/5 on average.",
        )
    themes: Counter[str] = Counter(t for e in entries for t in set(e.to_improve_themes))
    labels = guide().themes
    for theme, signal, needed in (
        ("nerves", "nerves_high", 2),
        ("technical", "technical_weak", 1),
        ("fit", "fit_doubts", 1),
        ("research", "underprepared", 1),
        ("examples", "examples_weak", 1),
        ("clarity", "presenting", 1),
        ("enthusiasm", "enthusiasm_low", 1),
        ("cv", "cv", 1),
    ):
        if themes[theme] >= needed:
            _add(
                found,
                signal,
                f"You marked '{labels[theme]}' to work on in {_plural(themes[theme], 'debrief')}.",
            )
    for key, signal in (
        ("match", "fit_doubts"),
        ("preparation", "underprepared"),
        ("enthusiasm", "enthusiasm_low"),
    ):
        answers = ins.audit.get(key, Counter())
        total = sum(answers.values())
        if total and (total - answers["yes"]) / total >= SHARE:
            question = guide().audit[key]
            _add(
                found,
                signal,
                f'"{question}" was not a clear yes in {total - answers["yes"]} of {total} '
                "interviews.",
            )
    outcomes: Counter[str] = Counter(e.outcome for e in entries)
    if outcomes["withdrew"]:
        _add(
            found,
            "fit_doubts",
            f"You withdrew from {_plural(outcomes['withdrew'], 'hiring process', 'es')}.",
        )
    if outcomes["rejected"] >= 3:
        _add(
            found,
            "several_rejections",
            f"{_number(outcomes['rejected']).capitalize()} of your interviews have ended in a "
            "'no' so far. That is common, and a good moment to check where you apply.",
        )


_AUDIT_SIGNALS: Final = (
    ("match", "fit_doubts"),
    ("preparation", "underprepared"),
    ("enthusiasm", "enthusiasm_low"),
)


def _audit_signals(audits: Sequence[Mapping[str, str]], found: dict[str, list[str]]) -> None:
    """Signals from Module 3's self-audit, when it is not part of a journal entry."""
    questions = guide().audit
    for answers in audits:
        for key, signal in _AUDIT_SIGNALS:
            answer = answers.get(key)
            if answer in {"partly", "no"}:
                _add(
                    found,
                    signal,
                    f'In your self-audit you answered "{answer}" to "{questions[key]}"',
                )


_NUMBERS: Final = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _number(n: int) -> str:
    """A count in words up to nine, in figures after (GOV.UK style)."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else f"{n:,}"


def _plural(n: int, noun: str, suffix: str = "s") -> str:
    """ "one debrief", "two debriefs", "one hiring process", "three hiring processes"."""
    return f"{_number(n)} {noun}{'' if n == 1 else suffix}"


#: What each critic criterion that feeds the plan looks for, in words a learner knows.
PRACTICE_WORDS: Final[Mapping[str, str]] = {
    "result": "a missing result (how it turned out)",
    "metrics": "no numbers to show the result",
    "situation": "a missing scene (where and when it happened)",
    "length": "an answer too long or too short to follow",
    "filler": "a lot of filler words",
    "vagueness": "vague words where specifics would help",
    "enthusiasm": "little sign of enthusiasm",
    "relevance": "an answer that drifted from the question",
}

PRACTICE_SIGNALS: Final[Mapping[str, str]] = {
    "result": "examples_weak",
    "metrics": "examples_weak",
    "situation": "examples_weak",
    "length": "presenting",
    "filler": "presenting",
    "vagueness": "presenting",
    "enthusiasm": "enthusiasm_low",
    "relevance": "fit_doubts",
}


def _practice_signals(failures: Sequence[Sequence[str]], found: dict[str, list[str]]) -> None:
    counts: Counter[str] = Counter(c for failed in failures for c in set(failed))
    for criterion, signal in PRACTICE_SIGNALS.items():
        if counts[criterion] >= PRACTICE_PATTERN:
            _add(
                found,
                signal,
                f"The answer critic pointed out {PRACTICE_WORDS[criterion]} in "
                f"{_number(counts[criterion])} of your practice answers.",
            )


def propose(evidence: Evidence) -> list[Proposal]:
    """The actions the evidence points to, evidence-backed ones first, then the always-ones."""
    fired = signals(evidence)
    specific: list[Proposal] = []
    general: list[Proposal] = []
    for rule in action_rules():
        reasons = tuple(r for s in rule.when if s in fired for r in fired[s])
        if reasons:
            specific.append(Proposal(rule, tuple(dict.fromkeys(reasons))))
        elif "always" in rule.when:
            general.append(Proposal(rule, ("Worth doing whatever your evidence says.",)))
    return specific + general


@dataclass(frozen=True, slots=True)
class PlannedAction:
    """An action the learner chose, with their own date and note."""

    id: str
    title: str
    due: date
    note: str = ""
    because: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """The learner's plan: the actions they picked, and when."""

    owner: str
    made_on: date
    actions: tuple[PlannedAction, ...] = field(default_factory=tuple)

    def to_markdown(self) -> str:
        """The plan as a Markdown document to keep or print."""
        who = f" for {self.owner}" if self.owner.strip() else ""
        lines = [
            f"# My next round: an action plan{who}",
            "",
            f"Made on {self.made_on:%d %B %Y}.",
            "",
        ]
        for number, action in enumerate(sorted(self.actions, key=lambda a: a.due), start=1):
            lines.append(f"## {number}. {action.title}")
            lines.append("")
            lines.append(f"- **By:** {action.due:%A %d %B %Y}")
            if action.because:
                lines.append("- **Based on:** " + " ".join(action.because))
            if action.note.strip():
                lines.append(f"- **My note:** {action.note.strip()}")
            lines.append("")
        lines.append(CLOSING)
        return "\n".join(lines) + "\n"

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The plan as headed sections of labelled lines: what every rendering is made from.

        The first section has no heading (the plan's own title and date); each action is a
        section headed by its number and title, with lines labelled By, Based on, My note.
        """
        who = f" for {self.owner.strip()}" if self.owner.strip() else ""
        parts: list[tuple[str, list[tuple[str, str]]]] = [
            (f"My next round: an action plan{who}", [("", f"Made on {self.made_on:%d %B %Y}.")])
        ]
        for number, action in enumerate(sorted(self.actions, key=lambda a: a.due), start=1):
            lines = [("By", f"{action.due:%A %d %B %Y}")]
            if action.because:
                lines.append(("Based on", " ".join(action.because)))
            if action.note.strip():
                lines.append(("My note", action.note.strip()))
            parts.append((f"{number}. {action.title}", lines))
        parts.append(("", [("", CLOSING)]))
        return parts

    def to_text(self) -> str:
        """The plan as plain text: no Markdown marks, headings underlined."""
        out: list[str] = []
        for heading, lines in self.sections():
            if heading:
                out += [heading, "-" * len(heading)]
            out += [f"{label}: {text}" if label else text for label, text in lines]
            out.append("")
        return "\n".join(out).rstrip("\n") + "\n"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, for the personal store."""
        return {
            "owner": self.owner,
            "made_on": self.made_on.isoformat(),
            "actions": [
                {
                    "id": a.id,
                    "title": a.title,
                    "due": a.due.isoformat(),
                    "note": a.note,
                    "because": list(a.because),
                }
                for a in self.actions
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Plan:
        """The inverse of :meth:`to_dict`."""
        return cls(
            owner=str(data.get("owner", "")),
            made_on=date.fromisoformat(data["made_on"]),
            actions=tuple(
                PlannedAction(
                    a["id"],
                    a["title"],
                    date.fromisoformat(a["due"]),
                    a.get("note", ""),
                    tuple(a.get("because", ())),
                )
                for a in data.get("actions", ())
            ),
        )


CLOSING: Final = "Look at this plan again in a month: tick off what you did, and adjust the rest."


def own_rule(title: str, number: int, weeks: int = 2) -> ActionRule:
    """An action the learner wrote themselves, shaped like the proposed ones."""
    return ActionRule(f"own-{number}", ("own",), " ".join(title.split()), "", (), weeks)


def own_proposal(title: str, number: int) -> Proposal:
    """The learner's own action as a proposal, so it is picked and dated like the others."""
    return Proposal(own_rule(title, number), ())


class PlanError(ValueError):
    """A plan that cannot be made yet; the message says why."""


def make_plan(
    owner: str, choices: Sequence[tuple[Proposal, date | None, str]], today: date
) -> Plan:
    """A plan from the chosen proposals; an action with no date gets its suggested one."""
    if not choices:
        raise PlanError("Pick at least one action for your plan.")
    actions = []
    for proposal, due, note in choices:
        when = due or today + timedelta(weeks=proposal.rule.weeks)
        if when < today:
            raise PlanError(
                f"'{proposal.rule.title}' has a date in the past; pick a date from today on."
            )
        actions.append(
            PlannedAction(proposal.rule.id, proposal.rule.title, when, note, proposal.because)
        )
    return Plan(owner, today, tuple(actions))
