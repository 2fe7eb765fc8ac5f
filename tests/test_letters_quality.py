"""The letter checker agrees with hand-labelled letters on every check (at least 90%).

The letters in ``tests/data/letters_labelled.toml`` were labelled by hand from the
labelling guide, never from the checker's code. Run ``pytest -s`` on this file to see the
per-check agreement table and every disagreement, which is where to look when improving a
rule (improve it so it generalises; never special-case a letter).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from nextround.letters import CHECKS, KINDS, check_letter

LABELLED = Path(__file__).parent / "data" / "letters_labelled.toml"
MIN_AGREEMENT = 0.90


@dataclass(frozen=True)
class Disagreement:
    """One check on one letter where the checker and the label differ."""

    letter_id: str
    check: str
    label: bool | None
    got: bool | None
    message: str


def _labelled() -> list[Mapping[str, Any]]:
    with LABELLED.open("rb") as handle:
        letters: list[Mapping[str, Any]] = tomllib.load(handle)["letter"]
    return letters


def _expected(label: object) -> bool | None:
    return None if label == "n/a" else bool(label)


@dataclass
class Tally:
    """Agreement on one check: over every label, and over the letters it applies to."""

    agreed: int = 0
    total: int = 0
    agreed_judged: int = 0  # labels True or False ("n/a" left out)
    judged: int = 0

    @property
    def rate(self) -> float:
        return self.agreed / self.total if self.total else 1.0

    @property
    def judged_rate(self) -> float:
        return self.agreed_judged / self.judged if self.judged else 1.0


def _agreement() -> tuple[dict[str, Tally], list[Disagreement]]:
    counts: dict[str, Tally] = {check: Tally() for check in CHECKS}
    wrong: list[Disagreement] = []
    for letter in _labelled():
        report = check_letter(letter["text"], letter["kind"])
        for check, label in letter["labels"].items():
            result = report.check(check)
            tally = counts[check]
            agrees = result.passed == _expected(label)
            tally.total += 1
            tally.agreed += agrees
            if label != "n/a":
                tally.judged += 1
                tally.agreed_judged += agrees
            if not agrees:
                wrong.append(
                    Disagreement(
                        letter["id"], check, _expected(label), result.passed, result.message
                    )
                )
    return counts, wrong


def test_labelled_letters_are_well_formed() -> None:
    """Every letter has a unique id, a known kind, and labels only for known checks."""
    letters = _labelled()
    assert len(letters) >= 52
    ids = [letter["id"] for letter in letters]
    assert len(ids) == len(set(ids))
    for letter in letters:
        assert letter["kind"] in KINDS, letter["id"]
        assert set(letter["labels"]) <= set(CHECKS), letter["id"]
        for label in letter["labels"].values():
            assert label in (True, False, "n/a"), letter["id"]


def test_every_check_agrees_with_the_labels() -> None:
    """Each check agrees with the hand labels on at least 90% of the letters labelled for it.

    Both over every label and over only the letters the check applies to (labels "n/a"
    are easy to agree with, so the second figure is the honest one).
    """
    counts, wrong = _agreement()
    print(f"\nLetter checker against {len(_labelled())} labelled letters")
    print(f"{'check':<18} {'all labels':>16} {'where it applies':>20}")
    for check, t in counts.items():
        print(
            f"{check:<18} {t.agreed:>4}/{t.total:<4} {t.rate:>6.1%}"
            f"   {t.agreed_judged:>4}/{t.judged:<4} {t.judged_rate:>6.1%}"
        )
    for miss in wrong:
        print(f"  {miss.letter_id}: {miss.check} labelled {miss.label}, checker says {miss.got}")
    low = {
        check: (round(t.rate, 3), round(t.judged_rate, 3))
        for check, t in counts.items()
        if min(t.rate, t.judged_rate) < MIN_AGREEMENT
    }
    assert not low, f"checks below {MIN_AGREEMENT:.0%} agreement: {low}"


@pytest.mark.parametrize("check", CHECKS)
def test_every_check_is_labelled_both_ways(check: str) -> None:
    """Each check has labelled letters that pass it and, where it can fail, letters that fail it.

    Agreement on letters that all pass would prove nothing about a check.
    """
    labels = [letter["labels"][check] for letter in _labelled() if check in letter["labels"]]
    assert True in labels
    assert False in labels
