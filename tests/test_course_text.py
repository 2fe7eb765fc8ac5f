"""The course text agrees with itself, its data and its facilitator notes (issue 14)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from nextround.course import facilitator_notes
from nextround.reflection import reflection_guide

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def markdown(path: Path) -> str:
    """All the markdown a learner reads in a notebook, as one string."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    parts = []
    for cell in cells:
        if cell["cell_type"] == "markdown":
            source = cell["source"]
            parts.append("".join(source) if isinstance(source, list) else source)
    return "\n\n".join(parts)


def module_text(number: int) -> str:
    """One module notebook's markdown."""
    (path,) = (ROOT / "notebooks").glob(f"{number:02d}_*.ipynb")
    return markdown(path)


ALL_TEXT = {path.name: markdown(path) for path in NOTEBOOKS}


@pytest.mark.parametrize(
    "claim",
    [
        "no reasonable employer",
        "owe you a few words",
        "every few months",
        "employers often go back",
        "Most rejections turn on the second list",
        "Nobody wants someone my age",
        "Nothing is sent over the internet. When",
    ],
)
def test_unsourced_or_overstated_claims_are_gone(claim: str) -> None:
    """Claims the review found too strong, or untrue on a hub, no longer appear."""
    assert not [name for name, text in ALL_TEXT.items() if claim.lower() in text.lower()]


def test_the_control_question_is_taught_as_two_views_in_modules_3_and_6() -> None:
    """Module 3 sets out both views; Module 6 points back to the other side."""
    three = module_text(3)
    assert "## How much turns on each list? Two views" in three
    assert "**Mostly outside your control.**" in three
    assert "**Often within your reach.**" in three
    assert "Module 3 gave the other side" in module_text(6)


def test_module_1_names_every_trap_before_the_panel_asks_about_them() -> None:
    """The traps the reframe panel lists are introduced in the text above it."""
    text = module_text(1)
    before_activity = text.split("## Activity", 1)[0]
    for trap in reflection_guide().traps:
        assert f"**{trap.name}:**" in before_activity, trap.name


def test_unfair_treatment_is_named_with_what_to_do() -> None:
    """Module 1 says unfair treatment happens, how to note it and where to get advice."""
    text = module_text(1)
    section = text.split("## When the worry is about unfair treatment", 1)[1].split("\n## ")[0]
    assert "not a thinking error" in section
    for words in ("Write down what happened", "employment adviser", "trade union", "equality"):
        assert words in section


def test_success_stories_promise_no_callback() -> None:
    """The made-up stories in Modules 5 and 8 no longer end with the employer calling back."""
    assert "invited her to interview" not in module_text(5)
    assert "rang to ask whether he would like to interview" not in module_text(8)


def test_module_0_says_where_notes_go_on_a_hub_and_on_binder() -> None:
    """The privacy sentence holds for each way of opening the course; pace is the learner's."""
    text = module_text(0)
    for words in ("On your own computer", "hub your organisation runs", "Binder"):
        assert words in text
    assert "Go at your own pace" in text


def test_facilitator_notes_agree_with_the_notebooks() -> None:
    """Module 1 never asks people to say their harsh thought; Module 5 shares one sentence."""
    notes = facilitator_notes()
    one = " ".join([notes[1].group_activity, *notes[1].prompts])
    assert "harshest thing you have said" not in one
    assert "without saying the thought itself" in notes[1].group_activity
    assert "swap drafts" not in notes[5].group_activity
    assert "sentence about what impressed them" in notes[5].group_activity
    assert "share just your sentence about what impressed you" in module_text(5)


#: Invented people and the one employer each belongs with, wherever they appear.
PEOPLE = {
    "Aisha": "Larkspur",
    "Marcus": "Bluewren",
    "Joanne": "Kettleby",
    "Rosa": "Stonechat",
    "Kofi": "Tidewater",
    "Lina": "Heathway",
    "Hana": "Westmere",
}


@pytest.mark.parametrize(("person", "employer"), PEOPLE.items())
def test_one_invented_name_is_one_person(person: str, employer: str) -> None:
    """Each sentence naming the person names their own employer, or no employer."""
    employers = set(PEOPLE.values())
    for name, text in ALL_TEXT.items():
        for paragraph in re.split(r"(?<=[.!?])\s+|\n\s*\n", text):
            if not re.search(rf"\b{person}\b", paragraph):
                continue
            others = {e for e in employers - {employer} if e in paragraph}
            assert not others, (name, person, others)


def test_retired_names_are_not_reused_in_the_notebooks() -> None:
    """Names the exercises use for other people are not used for someone else in a module."""
    for retired in ("Callum", "Femi", "Copperleaf"):
        assert not [n for n, t in ALL_TEXT.items() if re.search(rf"\b{retired}\b", t)], retired


def test_the_call_planner_has_words_for_both_choices() -> None:
    """Email and phone each get their own line, and the letter studio is said to be above."""
    path = ROOT / "src" / "nextround" / "data" / "call_plan.toml"
    after = tomllib.loads(path.read_text(encoding="utf-8"))["after_choice"]
    assert set(after) == {"email", "call"}
    assert "letter studio in this module" in after["email"]
    assert "below" not in after["email"]
    assert "letter studio above" in after["call"]
