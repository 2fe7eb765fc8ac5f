"""The handouts: every item of their source data, in Markdown and Word files that agree."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given

from nextround import handouts
from nextround.critique import CRITERIA, criterion_title
from nextround.handouts import (
    BOX,
    CHECK_LINES,
    Card,
    Handout,
    Paragraph,
    Table,
    action_plan_template,
    advice,
    all_handouts,
    answer_rubric,
    debrief_template,
    letter_checklists,
    question_cards,
    write_handouts,
)
from nextround.journal import guide
from nextround.letters import CHECKS, EMAIL_KINDS, KIND_TITLES, KINDS, rules
from nextround.plan import action_rules
from nextround.practice import rubric
from nextround.questions import question_bank
from tests.strategies import any_text


def plain(markdown: str) -> str:
    """The Markdown with its escapes removed and spacing collapsed, to search for data."""
    return " ".join(re.sub(r"\\(.)", r"\1", markdown).split())


def docx_text(data: bytes, tmp_path: Path) -> tuple[list[tuple[int, str]], str]:
    """A Word file's headings (level, text) and all of its text, tables included."""
    path = tmp_path / "handout.docx"
    path.write_bytes(data)
    document = docx.Document(str(path))
    headings = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style and style.startswith("Heading "):
            headings.append((int(style.removeprefix("Heading ")), paragraph.text))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return headings, " ".join(" ".join(texts).split())


def markdown_headings(markdown: str) -> list[tuple[int, str]]:
    """The Markdown's headings as (level, unescaped text)."""
    return [
        (len(m.group(1)), re.sub(r"\\(.)", r"\1", m.group(2)))
        for m in re.finditer(r"^(#{1,6}) (.+)$", markdown, re.M)
    ]


def both(handout: Handout, tmp_path: Path) -> tuple[str, str]:
    """The handout's text as Markdown shows it and as the Word file holds it."""
    return plain(handout.to_markdown()), docx_text(handout.to_docx(), tmp_path)[1]


def squash(text: str) -> str:
    """Spacing collapsed, as in :func:`plain`."""
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------
# Each handout holds every item of its source data
# ---------------------------------------------------------------------------------------


def test_debrief_template_has_every_stage_prompt_signal_audit_question_and_theme(
    tmp_path: Path,
) -> None:
    """Everything the debrief journal asks is on the paper version, in both formats."""
    g = guide()
    expected = [
        *g.stages.values(),
        *g.outcomes.values(),
        *g.signal_kinds.values(),
        *g.readings.values(),
        *g.audit.values(),
        *g.themes.values(),
        *g.prompts.values(),
    ]
    assert len(g.audit) == 4
    for text in both(debrief_template(), tmp_path):
        missing = [item for item in expected if squash(item) not in text]
        assert missing == []


def test_a_prompt_added_to_the_debrief_guide_still_reaches_the_sheet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A facilitator's extra prompt is not lost for want of a place on the page."""
    real = guide()
    extra = type(real)(**{
        **{f: getattr(real, f) for f in real.__dataclass_fields__},
        "prompts": {**real.prompts, "support": "Who could you tell how it went?"},
    })  # fmt: skip
    monkeypatch.setattr("nextround.journal.guide", lambda: extra)
    handout = debrief_template()
    assert "More to note" in handout.sections
    assert "Who could you tell how it went?" in plain(handout.to_markdown())


def test_answer_rubric_has_every_critic_criterion_and_every_rubric_item(tmp_path: Path) -> None:
    """All of the critic's checks and the observer's rubric items appear, each with advice."""
    handout = answer_rubric()
    for text in both(handout, tmp_path):
        for criterion in CRITERIA:
            assert criterion_title(criterion) in text
        for item in rubric():
            assert squash(item.label) in text
    critic_table = [b for b in handout.blocks if isinstance(b, Table) and b.header[0] == "Check"]
    (table,) = critic_table
    assert [row[0] for row in table.rows] == [criterion_title(c) for c in CRITERIA]
    assert all(row[2].strip() for row in table.rows), "every check says what it looks for"
    assert not any("{" in cell for row in table.rows for cell in row), "no unfilled blanks"


def test_letter_checklists_list_exactly_the_checks_that_apply_to_each_letter() -> None:
    """Shared checks are listed once; each kind adds only its own, so nothing repeats."""
    markdown = letter_checklists().to_markdown()
    sections = re.split(r"^## ", markdown, flags=re.M)[1:]
    by_title = {s.splitlines()[0]: s for s in sections}
    assert set(by_title) == {"Every letter and note", "Every email"} | {
        plain(KIND_TITLES[k]) for k in KINDS
    }
    every_line = [line for line in markdown.splitlines() if line.startswith(BOX)]
    assert len(every_line) == len(set(every_line)), "no checklist line is printed twice"
    for kind in KINDS:
        shared = by_title["Every letter and note"]
        if kind in EMAIL_KINDS:
            shared += by_title["Every email"]
        text = shared + by_title[plain(KIND_TITLES[kind])]
        for check in CHECKS:
            applies = kind in rules().applies[check]
            if check == "length":
                assert ("characters" in text or "words long" in text) == applies, kind
                continue
            assert (plain(CHECK_LINES[check]) in plain(text)) == applies, (kind, check)
    assert "{" not in markdown


def test_checklist_lines_read_as_checks_with_one_box_each(tmp_path: Path) -> None:
    """Each line is something true of a good letter, with exactly one box and no bullet."""
    handout = letter_checklists()
    lines = [line for line in handout.to_markdown().splitlines() if BOX in line]
    assert lines
    for line in lines:
        assert line.startswith(f"{BOX} ")
        assert line.count(BOX) == 1
        assert not line.startswith("- ")
        # A check, not a failure message: no "You don't", "Add", "Remove".
        assert not re.search(r"\b(don't|Add|Remove|missing)\b", line), line
    path = tmp_path / "letters.docx"
    path.write_bytes(handout.to_docx())
    document = docx.Document(str(path))
    boxed = [p for p in document.paragraphs if BOX in p.text]
    assert boxed
    assert all(p.style.name != "List Bullet" and p.text.count(BOX) == 1 for p in boxed)


@pytest.mark.parametrize("handout", all_handouts(), ids=lambda h: h.slug)
def test_word_handouts_are_a4(handout: Handout, tmp_path: Path) -> None:
    """Every Word handout is set up for A4 paper (210 x 297 mm)."""
    path = tmp_path / "h.docx"
    path.write_bytes(handout.to_docx())
    for section in docx.Document(str(path)).sections:
        assert round(section.page_width.mm) == 210
        assert round(section.page_height.mm) == 297


def test_action_plan_template_offers_every_action_with_space_for_dates(tmp_path: Path) -> None:
    """Every action the plan tool can propose is there to tick, with a blank plan to date."""
    handout = action_plan_template()
    for text in both(handout, tmp_path):
        for action in action_rules():
            assert squash(action.title) in text
            assert squash(action.detail) in text
        assert "By when" in text


def test_question_cards_have_one_card_per_question_with_what_is_really_asked(
    tmp_path: Path,
) -> None:
    """A card for every bank question, saying what the interviewer is really asking."""
    handout = question_cards()
    cards = [b for b in handout.blocks if isinstance(b, Card)]
    assert [c.text for c in cards] == [q.text for q in question_bank()]
    for text in both(handout, tmp_path):
        for item in question_bank():
            assert squash(item.text) in text
            assert squash(item.really_asking) in text


# ---------------------------------------------------------------------------------------
# Markdown and Word agree
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("handout", all_handouts(), ids=lambda h: h.slug)
def test_word_file_opens_and_has_the_same_headings_as_the_markdown(
    handout: Handout, tmp_path: Path
) -> None:
    """Both renderings come from one model, so their headings are identical."""
    word_headings, _ = docx_text(handout.to_docx(), tmp_path)
    assert word_headings == markdown_headings(handout.to_markdown())
    assert word_headings[0] == (1, handout.title)
    assert [t for level, t in word_headings if level == 2] == list(handout.sections)


def test_write_handouts_writes_shareable_md_and_docx_files(tmp_path: Path) -> None:
    """Every handout in both formats, readable by others (blank forms to share), paths returned."""
    out = tmp_path / "handouts"
    written = write_handouts(out)
    assert sorted(p.name for p in written) == sorted(
        f"{h.slug}.{ext}" for h in all_handouts() for ext in ("md", "docx")
    )
    for path in written:
        assert path.parent == out
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        assert path.stat().st_size > 0
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "no temporary files left"


# ---------------------------------------------------------------------------------------
# Advice from the rules' messages
# ---------------------------------------------------------------------------------------

ADVICE = [
    pytest.param({"fail": "Add a number."}, {}, "Add a number.", id="plain-message"),
    pytest.param(
        {"fail": "Aim for {max} or fewer."}, {"max": 300}, "Aim for 300 or fewer.", id="filled"
    ),
    pytest.param(
        {"fail": "Cut the fillers ({examples}); it will sound confident."},
        {},
        "Cut the fillers; it will sound confident.",
        id="bracketed-blank-dropped",
    ),
    pytest.param(
        {"fail": "Reword {examples} neutrally: describe what happened."},
        {},
        "Describe what happened.",
        id="clause-with-blank-dropped",
    ),
    pytest.param(
        {"fail": "Back up {examples} with an example.", "pass": "You avoided stock phrases."},
        {},
        "You avoided stock phrases.",
        id="next-key-when-nothing-left",
    ),
    pytest.param({"fail": "{a} of {b}.", "pass": "{c}"}, {}, "", id="nothing-usable"),
    pytest.param({"pass": 3}, {}, "", id="not-text"),
]


@pytest.mark.parametrize(("messages", "fields", "expected"), ADVICE)
def test_advice_keeps_only_what_reads_well_without_the_blanks(
    messages: dict[str, Any], fields: dict[str, object], expected: str
) -> None:
    """Blanks are filled where known; otherwise the bracket or clause holding them goes."""
    assert advice(messages, ("fail", "pass"), fields) == expected


# ---------------------------------------------------------------------------------------
# Free text in the model (Hypothesis)
# ---------------------------------------------------------------------------------------


@given(any_text)
def test_any_text_survives_markdown_exactly_and_keeps_tables_intact(text: str) -> None:
    """Whatever a facilitator writes in the data shows as written, and never breaks a row."""
    handout = Handout("x", "Title", "", (Paragraph(text), Table(("A", "B"), ((text, "end"),))))
    markdown = handout.to_markdown()
    lines = markdown.split("\n")
    assert lines[0] == "# Title"
    row = lines[-2]
    assert row.startswith("| ")
    assert row.endswith(" | end |")
    assert len(re.findall(r"(?<!\\)\|", row.replace("\\\\", ""))) == 3
    assert squash(re.sub(r"\\(.)", r"\1", row[2:-8])) == squash(text)


def test_handouts_module_does_not_import_widgets() -> None:
    """Handouts are logic: they never need ipywidgets."""
    source = Path(handouts.__file__).read_text(encoding="utf-8")
    assert "ipywidgets" not in source
    assert "nextround.widgets" not in source
