"""How often the answer critic agrees with careful human labels (tests/data/critic_labelled.toml).

Run ``pytest -s tests/test_critique_quality.py`` to see the per-criterion table. Each
criterion, and the question classifier, must agree with the labels at least 90% of the time.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from nextround.critique import CRITERIA, classify_question, critique

LABELLED = Path(__file__).parent / "data" / "critic_labelled.toml"
MIN_AGREEMENT = 0.90


@dataclass(frozen=True)
class Tally:
    """Agreement on one criterion: how many labels matched, and which answers did not."""

    criterion: str
    agreed: int
    total: int
    misses: tuple[str, ...]

    @property
    def agreement(self) -> float:
        """The share of labelled answers the critic agreed on (1.0 when none are labelled)."""
        return self.agreed / self.total if self.total else 1.0


def _expected(label: Any) -> bool | None:
    """A label as the critic reports it: "n/a" is None."""
    if label == "n/a":
        return None
    assert isinstance(label, bool), f"unexpected label {label!r}"
    return label


@cache
def _answers() -> tuple[dict[str, Any], ...]:
    with LABELLED.open("rb") as handle:
        return tuple(tomllib.load(handle)["answer"])


@cache
def _tallies() -> tuple[Tally, ...]:
    answers = _answers()
    tallies: list[Tally] = []
    kind_misses = tuple(
        f"{a['id']} (wanted {a['kind']}, got {classify_question(a['question'])})"
        for a in answers
        if classify_question(a["question"]) != a["kind"]
    )
    tallies.append(
        Tally("question kind", len(answers) - len(kind_misses), len(answers), kind_misses)
    )
    results = {
        a["id"]: critique(
            a["answer"], question=a["question"], job_description=a.get("job_description")
        )
        for a in answers
    }
    for criterion in CRITERIA:
        agreed, total, misses = 0, 0, []
        for a in answers:
            if criterion not in a["labels"]:
                continue
            total += 1
            got = results[a["id"]].finding(criterion).passed
            want = _expected(a["labels"][criterion])
            if got == want:
                agreed += 1
            else:
                misses.append(f"{a['id']} (wanted {want}, got {got})")
        tallies.append(Tally(criterion, agreed, total, tuple(misses)))
    return tuple(tallies)


def test_the_labelled_set_is_big_enough_to_mean_something() -> None:
    """At least 72 labelled answers, covering every question kind."""
    answers = _answers()
    assert len(answers) >= 72
    assert {"behavioural", "weakness", "motivation", "technical"} <= {a["kind"] for a in answers}


def test_print_the_agreement_table() -> None:
    """Print agreement per criterion (visible with ``pytest -s``)."""
    print()
    print(f"{'criterion':<14} {'agree':>6} {'of':>4} {'share':>7}")
    for tally in _tallies():
        print(f"{tally.criterion:<14} {tally.agreed:>6} {tally.total:>4} {tally.agreement:>7.1%}")
        for miss in tally.misses:
            print(f"    differs: {miss}")
    assert len(_tallies()) == len(CRITERIA) + 1


@pytest.mark.parametrize("name", ["question kind", *CRITERIA])
def test_agreement_with_the_labels_is_at_least_90_percent(name: str) -> None:
    """The critic agrees with the human labels on at least 90% of answers, per criterion."""
    tally = next(t for t in _tallies() if t.criterion == name)
    assert tally.agreement >= MIN_AGREEMENT, (
        f"{name}: {tally.agreed}/{tally.total} agree; differs on {', '.join(tally.misses)}"
    )
