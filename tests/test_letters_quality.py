"""How well the letter checker judges, against a writing tutor's labels, per check and set.

Four labelled sets in ``tests/data``: ``letters_labelled.toml`` (written with the first
guide), ``letters_blind.toml`` (written and labelled blind by a careers-centre writing tutor,
more than half adversarial: sarcasm, guilt trips, reselling in other words, stacked
requests, fake specifics, unusual greetings), ``letters_holdout.toml`` and
``letters_fresh.toml`` (each written blind later; measured before the rules were changed
for them, then used to widen the rules). For every check on every set this asserts
agreement, **recall of real problems** (label fails -> checker fails) and **precision of
fail flags** (checker fails -> label fails) at the targets 95% / 90% / 90%.
``python benchmarks/judgement_report.py -v`` prints the table with every disagreement.
"""

from __future__ import annotations

from functools import cache

import pytest
from benchmarks.judgement_report import LETTER_SETS, Tally, letter_tallies, load

from nextround.letters import CHECKS, KINDS, check_letter

TARGET = (0.95, 0.90, 0.90)  # agreement, recall, precision


@cache
def _tallies(name: str) -> dict[str, Tally]:
    return letter_tallies(name)


@pytest.mark.parametrize("name", LETTER_SETS)
def test_labelled_letters_are_well_formed(name: str) -> None:
    """Every letter has a unique id, a known kind, and labels only for known checks."""
    letters = load(name, "letter")
    ids = [letter["id"] for letter in letters]
    assert len(ids) == len(set(ids))
    for letter in letters:
        assert letter["kind"] in KINDS, letter["id"]
        assert set(letter["labels"]) <= set(CHECKS), letter["id"]
        for label in letter["labels"].values():
            assert label in (True, False, "n/a"), letter["id"]


def test_the_sets_are_big_enough_and_a_third_adversarial() -> None:
    """At least 100 labelled letters over the sets, a third of the blind ones adversarial."""
    letters = [letter for name in LETTER_SETS for letter in load(name, "letter")]
    assert len(letters) >= 100
    blind = load("letters_blind.toml", "letter")
    assert sum(1 for b in blind if b.get("category") == "adversarial") * 3 >= len(blind)


@pytest.mark.parametrize("name", LETTER_SETS)
@pytest.mark.parametrize("check", CHECKS)
def test_each_check_agrees_catches_problems_and_flags_rightly(name: str, check: str) -> None:
    """Agreement, recall of real problems and precision of fail flags reach the target."""
    tally = _tallies(name)[check]
    agreement, recall, precision = TARGET
    detail = f"{name} {check}: differs on {', '.join(tally.misses)}"
    assert tally.agreement >= agreement, detail
    assert tally.recall >= recall, detail
    assert tally.precision >= precision, detail


@pytest.mark.parametrize("check", CHECKS)
def test_every_check_is_labelled_both_ways(check: str) -> None:
    """Each check has labelled letters that pass it and letters that fail it.

    Agreement on letters that all pass would prove nothing about a check.
    """
    labels = [
        letter["labels"][check]
        for name in LETTER_SETS
        for letter in load(name, "letter")
        if check in letter["labels"]
    ]
    assert True in labels
    assert False in labels


def test_no_adversarial_letter_that_should_fail_passes_everything() -> None:
    """A sarcastic, guilt-tripping or reselling letter never passes every check."""
    for letter in load("letters_blind.toml", "letter"):
        if False in letter["labels"].values():
            report = check_letter(letter["text"], letter["kind"])
            assert not report.passed_all, letter["id"]
