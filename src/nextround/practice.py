"""Pair and trio practice: the rubric, comparing self, partner and critic, and rotating roles."""

from __future__ import annotations

import random
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final, Literal

from nextround.critique import Critique
from nextround.questions import Question, question_bank

Rating = Literal["yes", "partly", "no"]
ROLES: Final = ("candidate", "interviewer", "observer")


@dataclass(frozen=True, slots=True)
class RubricItem:
    """Something a listener can judge, tied to the critic's criteria."""

    id: str
    label: str
    criteria: tuple[str, ...]


@cache
def rubric() -> tuple[RubricItem, ...]:
    """The observer's rubric (``data/rubric.toml``)."""
    raw = tomllib.loads(
        resources.files("nextround").joinpath("data/rubric.toml").read_text(encoding="utf-8")
    )
    return tuple(RubricItem(i["id"], i["label"], tuple(i["criteria"])) for i in raw["item"])


def critic_rating(item: RubricItem, report: Critique) -> Rating | None:
    """The critic's verdict on a rubric item: yes if all its criteria pass, partly if some do."""
    verdicts = [report.finding(c).passed for c in item.criteria]
    judged = [v for v in verdicts if v is not None]
    if not judged:
        return None
    if all(judged):
        return "yes"
    return "partly" if any(judged) else "no"


@dataclass(frozen=True, slots=True)
class ItemComparison:
    """One rubric item as the candidate, the partner and the critic saw it."""

    item: RubricItem
    own: Rating | None
    partner: Rating | None
    critic: Rating | None

    @property
    def agreement(self) -> str:
        """In words: who agrees with whom on this item."""
        votes = {
            k: v
            for k, v in (
                ("you", self.own),
                ("your partner", self.partner),
                ("the critic", self.critic),
            )
            if v
        }
        if len(votes) < 2:
            return "not enough ratings"
        if len(set(votes.values())) == 1:
            return "all agree" if len(votes) == 3 else f"{' and '.join(votes)} agree"
        pairs = [
            f"{a} and {b} agree"
            for n, (a, va) in enumerate(votes.items())
            for b, vb in list(votes.items())[n + 1 :]
            if va == vb
        ]
        return "; ".join(pairs) if pairs else "everyone differs"


def compare_ratings(
    own: Mapping[str, Rating | None],
    partner: Mapping[str, Rating | None],
    report: Critique | None,
) -> list[ItemComparison]:
    """Every rubric item that anyone rated (or the critic could judge), compared."""
    rows = []
    for item in rubric():
        critic = critic_rating(item, report) if report is not None and report.word_count else None
        row = ItemComparison(item, own.get(item.id), partner.get(item.id), critic)
        if row.own or row.partner or row.critic:
            rows.append(row)
    return rows


def agreement_summary(rows: Sequence[ItemComparison]) -> str:
    """One sentence: how often the candidate and partner agree, and with the critic."""
    both = [r for r in rows if r.own and r.partner]
    if not both:
        return "Rate the answer yourself and ask your partner to rate it too, to compare."
    same = sum(r.own == r.partner for r in both)
    line = f"You and your partner agree on {same} of {len(both)} points."
    with_critic = [r for r in both if r.critic]
    if with_critic:
        partner_critic = sum(r.partner == r.critic for r in with_critic)
        line += f" The critic agrees with your partner on {partner_critic} of {len(with_critic)}."
    differ = [r.item.label for r in both if r.own != r.partner]
    if differ:
        line += f" Talk through where you differ: {differ[0].lower()}."
    return line


def rotate(names: Sequence[str], round_number: int) -> dict[str, str]:
    """Who plays which role in a round: roles move one place along each round.

    With two people there is no observer: the interviewer observes too.
    """
    people = [n.strip() for n in names if n.strip()]
    if len(people) < 2:
        raise ValueError("Pair practice needs at least two names.")
    roles = (
        ROLES[: len(people)]
        if len(people) <= len(ROLES)
        else ROLES + ("observer",) * (len(people) - 3)
    )
    shift = round_number % len(people)
    return {people[(i + shift) % len(people)]: role for i, role in enumerate(roles)}


def draw_card(
    kinds: Sequence[str] = (), *, seen: Sequence[str] = (), rng: random.Random | None = None
) -> Question:
    """A question card from the bank: of the chosen kinds, not one already drawn if avoidable."""
    pool = [q for q in question_bank() if not kinds or q.kind in kinds]
    fresh = [q for q in pool if q.id not in seen] or pool
    return (rng or random.Random()).choice(fresh)  # noqa: S311 -- a shuffle of cards, not security


#: Fewer words than this are notes about an answer, not the answer: the critic does not rate them.
MIN_CRITIC_WORDS: Final = 30


def critic_skip_reason(text: str, mode: str) -> str | None:
    """Why the critic should not rate this text (notes, or too few words), or None if it may."""
    if not text.strip():
        return "There is no written answer, so only your two ratings are compared."
    if mode == "notes":
        return (
            "The box holds notes on the answer, not the answer itself, so the critic does not "
            "rate it: only your two ratings are compared."
        )
    count = len(text.split())
    if count < MIN_CRITIC_WORDS:
        return (
            f"The written answer has {count} word{'s' if count != 1 else ''}: too few for the "
            "critic to rate fairly, so only your two ratings are compared. Write the answer out "
            f"in full ({MIN_CRITIC_WORDS} words or more) to add the critic's view."
        )
    return None
