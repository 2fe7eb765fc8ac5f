"""A worry about unfair treatment is not a thinking trap: the spotter leaves it alone."""

from __future__ import annotations

import pytest

from nextround.reflection import fairness_note, fairness_spans, spot_traps


@pytest.mark.parametrize(
    "thought",
    [
        pytest.param("Nobody wants someone my age", id="age"),
        pytest.param("They never hire people with my accent.", id="accent"),
        pytest.param("No one will ever take on someone who is disabled.", id="disability"),
        pytest.param("I think they were racist and always will be.", id="race"),
        pytest.param("Every time I mention my pregnancy the interview goes cold.", id="pregnancy"),
    ],
)
def test_a_worry_about_unfair_treatment_is_not_tagged_as_a_trap(thought: str) -> None:
    """Words such as "nobody" or "never" in that sentence suggest no trap; a note is offered."""
    assert spot_traps(thought) == []
    assert fairness_spans(thought)
    note = fairness_note(thought)
    assert note is not None
    assert "not a thinking trap" in note
    assert "equality body" in note


def test_traps_in_other_sentences_are_still_spotted() -> None:
    """Only the sentence about unfair treatment is left out; the rest is read as before."""
    matches = spot_traps("I always freeze. Nobody wants someone my age.")
    assert [m.trap.id for m in matches] == ["all_or_nothing"]
    assert [s.text for m in matches for s in m.evidence] == ["always"]


def test_an_ordinary_harsh_thought_gets_its_traps_and_no_fairness_note() -> None:
    """Without such words, nothing changes: the traps are suggested and no note appears."""
    thought = "I'm useless and nobody will ever hire me"
    assert [m.trap.id for m in spot_traps(thought)] == ["labelling", "all_or_nothing"]
    assert fairness_note(thought) is None
