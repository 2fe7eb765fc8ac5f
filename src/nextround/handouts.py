"""Printable handouts for a group session, built from the course's own data.

Each handout is built once as a small document model (:class:`Handout`: a title and a list
of blocks such as headings, paragraphs, lists, tables, lines to write on and cut-out cards)
and then rendered to Markdown and to Word (``.docx``), so the two versions never disagree.
Every item comes from the data the activities use: the debrief guide, the answer critic's
rules, the observer's rubric, the letter checker's rules, the action plan's actions and the
question bank. Change the data, regenerate, and the handouts follow.
"""

from __future__ import annotations

import io
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final, get_args

from nextround.runsheet import md_escape

#: The empty box printed beside anything to tick.
BOX: Final = "☐"
#: A line to write on: dots print well and, unlike underscores, mean nothing to Markdown.
WRITE_LINE: Final = "." * 72
FIELD_LINE: Final = "." * 40


# ---------------------------------------------------------------------------------------
# The document model
# ---------------------------------------------------------------------------------------


def _lead(lead: str, text: str) -> str:
    bold = f"**{md_escape(lead)}** " if lead else ""
    return bold + md_escape(text)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(md_escape(c) or " " for c in cells) + " |"


def _add_paragraph(container: Any, lead: str, text: str, style: str | None = None) -> None:
    """Add a paragraph to a Word document or table cell, its lead words in bold."""
    paragraph = container.add_paragraph(style=style)
    if lead:
        paragraph.add_run(lead + " ").bold = True
    paragraph.add_run(text)


# Each block renders itself twice: ``markdown()`` and ``add_to(document)`` (python-docx).


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading; level 2 for sections (the handout's title is level 1)."""

    text: str
    level: int = 2

    def markdown(self) -> str:
        """The heading in Markdown."""
        return f"{'#' * self.level} {md_escape(self.text)}"

    def add_to(self, document: Any) -> None:
        """Add the heading to a Word document."""
        document.add_heading(self.text, level=self.level)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph, optionally starting with a few words in bold."""

    text: str
    lead: str = ""

    def markdown(self) -> str:
        """The paragraph in Markdown."""
        return _lead(self.lead, self.text)

    def add_to(self, document: Any) -> None:
        """Add the paragraph to a Word document."""
        _add_paragraph(document, self.lead, self.text)


@dataclass(frozen=True, slots=True)
class Bullets:
    """A list; each item is (bold lead, text).

    A checklist prints one empty box per item in place of the bullet, one item to a line.
    """

    items: tuple[tuple[str, str], ...]
    checkbox: bool = False

    def markdown(self) -> str:
        """The list in Markdown (a checklist as one boxed paragraph per item)."""
        if self.checkbox:
            return "\n\n".join(f"{BOX} {_lead(lead, text)}" for lead, text in self.items)
        return "\n".join(f"- {_lead(lead, text)}" for lead, text in self.items)

    def add_to(self, document: Any) -> None:
        """Add the list to a Word document."""
        for lead, text in self.items:
            if self.checkbox:
                paragraph = document.add_paragraph(f"{BOX} ")
            else:
                paragraph = document.add_paragraph(style="List Bullet")
            if lead:
                paragraph.add_run(lead + " ").bold = True
            paragraph.add_run(text)


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row; empty cells are space to write in."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def markdown(self) -> str:
        """The table in Markdown."""
        lines = [_row(self.header), "|" + "---|" * len(self.header)]
        return "\n".join(lines + [_row(row) for row in self.rows])

    def add_to(self, document: Any) -> None:
        """Add the table, with grid lines, to a Word document."""
        table = document.add_table(rows=1 + len(self.rows), cols=len(self.header))
        table.style = "Table Grid"
        for column, text in enumerate(self.header):
            table.cell(0, column).paragraphs[0].add_run(text).bold = True
        for number, row in enumerate(self.rows, start=1):
            for column, text in enumerate(row):
                table.cell(number, column).text = text


@dataclass(frozen=True, slots=True)
class WriteIn:
    """A label followed by lines to write on (none: one short line beside the label)."""

    label: str
    lines: int = 0

    def markdown(self) -> str:
        """The label and its lines in Markdown (a paragraph per line, so they stay apart)."""
        if not self.lines:
            return f"**{md_escape(self.label)}** {FIELD_LINE}"
        return "\n\n".join([f"**{md_escape(self.label)}**"] + [WRITE_LINE] * self.lines)

    def add_to(self, document: Any) -> None:
        """Add the label and its lines to a Word document."""
        if not self.lines:
            _add_paragraph(document, self.label, FIELD_LINE)
            return
        _add_paragraph(document, self.label, "")
        for _ in range(self.lines):
            document.add_paragraph(WRITE_LINE)


@dataclass(frozen=True, slots=True)
class Card:
    """A card to cut out: a small title, the main text, and (label, text) details."""

    title: str
    text: str
    details: tuple[tuple[str, str], ...] = ()

    def markdown(self) -> str:
        """The card as a Markdown block quote."""
        details = [f"> {_lead(label, text)}" for label, text in self.details]
        card = [f"> *{md_escape(self.title)}*", f"> **{md_escape(self.text)}**", *details]
        return "\n>\n".join(card)

    def add_to(self, document: Any) -> None:
        """Add the card to a Word document as a one-cell table with a border, to cut out."""
        table = document.add_table(rows=1, cols=1)
        table.style = "Table Grid"
        inside = table.cell(0, 0)
        inside.paragraphs[0].add_run(self.title).italic = True
        inside.add_paragraph().add_run(self.text).bold = True
        for label, text in self.details:
            _add_paragraph(inside, label, text)
        document.add_paragraph()


Block = Heading | Paragraph | Bullets | Table | WriteIn | Card


@dataclass(frozen=True, slots=True)
class Handout:
    """One handout: a file name, a title, what it is for, and its blocks in order."""

    slug: str
    title: str
    summary: str
    blocks: tuple[Block, ...]

    @property
    def sections(self) -> tuple[str, ...]:
        """The handout's section headings, in order."""
        return tuple(b.text for b in self.blocks if isinstance(b, Heading))

    def to_markdown(self) -> str:
        """The handout as Markdown."""
        parts = [f"# {md_escape(self.title)}", *(block.markdown() for block in self.blocks)]
        return "\n\n".join(parts) + "\n"

    def to_docx(self) -> bytes:
        """The handout as a Word document (``.docx`` bytes)."""
        import docx  # noqa: PLC0415 -- python-docx is only needed when a file is written
        from docx.shared import Mm  # noqa: PLC0415

        document = docx.Document()
        for section in document.sections:  # A4, with margins that suit most printers
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(20)
            section.top_margin = section.bottom_margin = Mm(20)
        document.core_properties.title = self.title
        document.core_properties.author = "Next Round"
        document.add_heading(self.title, level=1)
        for block in self.blocks:
            block.add_to(document)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


# ---------------------------------------------------------------------------------------
# Advice sentences from the rules' messages
# ---------------------------------------------------------------------------------------

_PLACEHOLDER: Final = re.compile(r"\{(\w+)\}")
_BRACKETED_PLACEHOLDER: Final = re.compile(r"\s*\(\{(\w+)\}\)")
_CLAUSE_END: Final = re.compile(r"(?<=[:;])\s+")


def advice(
    messages: Mapping[str, Any], keys: Sequence[str], fields: Mapping[str, object] | None = None
) -> str:
    """The first usable sentence among ``messages[key]`` for ``keys``, without its blanks.

    The rules' messages are written for one particular answer or letter, with blanks such
    as ``{examples}`` filled in at run time. For a handout, blanks in ``fields`` are filled,
    a bracketed blank is dropped, and any clause (split at colons and semicolons) still
    holding a blank is left out. Empty if no message has anything left.
    """
    fields = fields or {}
    for key in keys:
        template = messages.get(key)
        if not isinstance(template, str):
            continue
        text = _BRACKETED_PLACEHOLDER.sub(
            lambda m: m.group(0) if m.group(1) in fields else "", template
        )
        text = _PLACEHOLDER.sub(
            lambda m: str(fields[m.group(1)]) if m.group(1) in fields else m.group(0), text
        )
        clauses = _CLAUSE_END.split(text)
        kept = [c for c in clauses if not _PLACEHOLDER.search(c)]
        if not kept:
            continue
        if len(kept) == len(clauses):
            return text.strip()
        sentence = " ".join(kept).strip().rstrip(":;").strip()
        if sentence and not sentence.endswith((".", "!", "?")):
            sentence += "."
        return sentence[:1].upper() + sentence[1:]
    return ""


# ---------------------------------------------------------------------------------------
# The handouts
# ---------------------------------------------------------------------------------------


def debrief_template() -> Handout:
    """The debrief journal on paper: the questions the journal asks straight after."""
    from nextround.journal import AUDIT_ANSWERS, guide  # noqa: PLC0415 -- imports pandas

    g = guide()
    prompts = dict(g.prompts)

    def prompt(key: str, lines: int = 3) -> list[Block]:
        text = prompts.pop(key, None)
        return [WriteIn(text, lines)] if text else []

    blocks: list[Block] = [
        Paragraph(
            "Fill this in as soon as you can after an interview, while it is fresh. It is for "
            "you alone: write as much or as little as helps. You can type it into the "
            "debrief journal later."
        ),
        Heading("The interview"),
        WriteIn("Organisation:"),
        WriteIn("Role:"),
        WriteIn("Date:"),
        Paragraph("Which stage was it?"),
        Bullets(tuple(("", label) for label in g.stages.values()), checkbox=True),
        Heading("The questions"),
    ]
    question_prompts = [prompts.pop(k) for k in ("questions", "answer", "rating") if k in prompts]
    blocks += [Bullets(tuple(("", p) for p in question_prompts))]
    blocks += [Table(("Question", "How I answered", "How it went (1-5)"), (("", "", ""),) * 6)]
    blocks.append(Heading("What they showed"))
    if "signals" in prompts:
        blocks.append(Paragraph(prompts.pop("signals")))
    readings = tuple(g.readings.values())
    blocks.append(
        Table(
            ("", *readings, "What I noticed"),
            tuple((kind, *([BOX] * len(readings)), "") for kind in g.signal_kinds.values()),
        )
    )
    blocks.append(Heading("How it went"))
    for key in ("liked", "nerves", "went_well", "differently", "process_learned"):
        blocks += prompt(key)
    answers = tuple(a.capitalize() for a in AUDIT_ANSWERS)
    blocks += [
        Heading("Looking back honestly"),
        Paragraph("Tick one answer for each question."),
        Table(("Question", *answers), tuple((q, *[BOX] * len(answers)) for q in g.audit.values())),
        Heading("Themes"),
        Paragraph("Tick what went well, and what you would like to work on."),
        Table(
            ("Theme", "Went well", "To work on"),
            tuple((label, BOX, BOX) for label in g.themes.values()),
        ),
        Heading("Later: the outcome"),
        Bullets(tuple(("", label) for label in g.outcomes.values()), checkbox=True),
    ]
    blocks += prompt("feedback")
    # Prompts a facilitator has added to the debrief guide still appear on the sheet.
    if prompts:
        blocks.append(Heading("More to note"))
        for key in list(prompts):
            blocks += prompt(key)
    return Handout(
        "debrief-template",
        "Debrief template",
        "The debrief journal on paper: the interview, the questions and answers, the "
        f"interviewers' signals, how it went, the {len(g.audit)} self-audit questions, themes "
        "to tick, and the outcome.",
        tuple(blocks),
    )


@cache
def _critic_raw() -> Mapping[str, Any]:
    text = resources.files("nextround").joinpath("data/critic_rules.toml").read_text("utf-8")
    return tomllib.loads(text)


def answer_rubric() -> Handout:
    """The observer's rubric for practice, and what the answer critic checks."""
    from nextround.critique import CRITERIA, QUESTION_KINDS, criterion_title  # noqa: PLC0415
    from nextround.practice import Rating, rubric  # noqa: PLC0415
    from nextround.questions import KIND_NAMES  # noqa: PLC0415

    raw = _critic_raw()
    thresholds = raw.get("thresholds", {})
    applies: Mapping[str, list[str]] = raw.get("applicability", {})
    messages: Mapping[str, Any] = raw.get("messages", {})
    ratings = tuple(r.capitalize() for r in get_args(Rating))
    items = rubric()
    rows = []
    for criterion in CRITERIA:
        kinds = [k for k in QUESTION_KINDS if criterion in applies.get(k, ())]
        judged = (
            "Every answer"
            if len(kinds) == len(QUESTION_KINDS)
            else "; ".join(KIND_NAMES.get(k, k) for k in kinds)
        )
        if criterion == "length":
            looks_for = f"From {thresholds['min_words']} to {thresholds['max_words']} words."
        else:
            table = messages.get(criterion, {})
            looks_for = advice(table, ("fail", "fail_generic", "pass"))
        if not looks_for:
            # No rule message reads well on its own: use the observer's wording for it.
            label = next((i.label for i in items if criterion in i.criteria), "")
            looks_for = label + "." if label and not label.endswith(".") else label
        if criterion == "relevance" and isinstance(messages.get("no_job_description"), str):
            # Relevance is only judged against a job description the learner pastes in.
            looks_for = f"{looks_for} {messages['no_job_description']}".strip()
        rows.append((criterion_title(criterion), judged or "Not judged", looks_for))
    blocks: list[Block] = [
        Paragraph(
            "For pair and trio practice. While the candidate answers, the observer listens "
            "for the points below. Afterwards, give one thing that worked and then one thing "
            "to try next time, about the answer and never the person."
        ),
        Heading("The observer's rubric"),
        WriteIn("Question:"),
        Table(
            ("What to listen for", *ratings), tuple((i.label, *[BOX] * len(ratings)) for i in items)
        ),
        WriteIn("One thing that worked:", 2),
        WriteIn("One thing to try next time:", 2),
        Heading("What the answer critic checks"),
        Paragraph(
            "The answer critic in Module 6 reads a written answer against these checks. It "
            "is a second opinion to talk about, never a verdict."
        ),
        Table(("Check", "Judged for", "What it looks for"), tuple(rows)),
    ]
    return Handout(
        "answer-rubric",
        "Answer rubric",
        "The observer's rubric for mock-interview practice, with boxes to tick, and every "
        "check the answer critic makes, with the questions it applies to.",
        tuple(blocks),
    )


#: Each check of the letter checker as a line to tick: something the writer can say is true.
CHECK_LINES: Final[Mapping[str, str]] = {
    "thanks": "I thank them, for example for their time or for letting me know.",
    "future_interest": "I say I would like to be considered for future roles.",
    "feedback_request": "I ask for feedback once, politely, and make it easy to say no.",
    "no_resell": "I accept the decision and do not argue for the role again.",
    "tone": "The tone is calm and courteous, even where I still feel hurt.",
    "placeholders": "No gaps are left to fill, such as [name] or [role].",
    "greeting": "I greet them by name.",
    "signoff": "I end with a sign-off and my name.",
    "specific": "I mention one specific thing about them, the team or the interview.",
}


def _length_line(kind: str, limits: Mapping[str, int]) -> str:
    if kind == "linkedin_note":
        return f"It is no longer than {limits['linkedin_max_chars']} characters."
    return f"It is between {limits['email_min_words']} and {limits['email_max_words']} words long."


def letter_checklists() -> Handout:
    """A checklist per kind of letter; a check shared by several kinds is printed once."""
    from nextround.letters import CHECKS, EMAIL_KINDS, KIND_TITLES, KINDS, rules  # noqa: PLC0415

    letter_rules = rules()
    limits = letter_rules.limits
    emails = [k for k in KINDS if k in EMAIL_KINDS]

    def kinds_of(check: str) -> set[str]:
        kinds = set(letter_rules.applies.get(check, frozenset()))
        if check == "length":  # one length line for every email, another for the note
            return {k for k in kinds if k in EMAIL_KINDS}
        return kinds

    def line(check: str, kind: str) -> tuple[str, str]:
        return ("", _length_line(kind, limits) if check == "length" else CHECK_LINES[check])

    every = [c for c in CHECKS if kinds_of(c) >= set(KINDS)]
    every_email = [c for c in CHECKS if c not in every and kinds_of(c) >= set(emails)]
    blocks: list[Block] = [
        Paragraph(
            "Before you send a letter or a note, read it through once more and tick each line "
            "that is true. The letter studio in Modules 4 and 5 makes the same checks."
        ),
        Heading("Every letter and note"),
        Bullets(tuple(line(c, KINDS[0]) for c in every), checkbox=True),
        Heading("Every email"),
        Paragraph("For a thank-you, feedback or stay-in-touch email, also check:"),
        Bullets(tuple(line(c, emails[0]) for c in every_email), checkbox=True),
    ]
    for kind in KINDS:
        own = [
            c
            for c in CHECKS
            if c not in every
            and not (kind in emails and c in every_email)
            and kind in letter_rules.applies.get(c, frozenset())
        ]
        blocks.append(Heading(KIND_TITLES[kind]))
        shared = "the first list" if kind not in emails else "the first two lists"
        if own:
            blocks += [
                Paragraph(f"Tick {shared}, and also:"),
                Bullets(tuple(line(c, kind) for c in own), checkbox=True),
            ]
        else:
            blocks.append(Paragraph(f"Tick {shared}: that is all this kind of letter needs."))
    return Handout(
        "letter-checklists",
        "Letter checklists",
        "A checklist for each kind of letter the letter studio drafts, to tick before "
        "sending: what every letter needs, what every email needs, then what each kind adds.",
        tuple(blocks),
    )


def action_plan_template() -> Handout:
    """A blank action plan: the actions to choose from, and space for dates."""
    from nextround.plan import action_rules  # noqa: PLC0415 -- imports pandas

    def weeks(n: int) -> str:
        return f"Within {n} week" + ("" if n == 1 else "s")

    choices = tuple((BOX, a.title, a.detail, weeks(a.weeks)) for a in action_rules())
    blocks: list[Block] = [
        WriteIn("Name:"),
        WriteIn("Date:"),
        Heading("Actions to choose from"),
        Paragraph(
            "Tick the three to five actions that fit what your interviews told you. A short "
            "plan you keep beats a long one you don't."
        ),
        Table(("Pick", "Action", "What it involves", "Suggested time"), choices),
        Heading("My plan"),
        Paragraph("Write your chosen actions in the order you will do them, each with a date."),
        Table(
            ("", "Action", "By when", "My first small step"),
            tuple((str(n), "", "", "") for n in range(1, 6)),
        ),
        WriteIn("Who can help me with this plan:", 2),
        Heading("A month from now"),
        WriteIn("What I did:", 2),
        WriteIn("What I will change or try next:", 2),
    ]
    return Handout(
        "action-plan",
        "Action plan template",
        "A blank action plan: every action the plan tool can suggest, to tick, then space "
        "for your chosen actions with dates and a first step, and a review a month later.",
        tuple(blocks),
    )


def question_cards() -> Handout:
    """One card per question in the bank, with what the interviewer is really asking."""
    from nextround.questions import KIND_NAMES, question_bank  # noqa: PLC0415

    blocks: list[Block] = [
        Paragraph(
            "Cut out the cards and shuffle one set per table. The interviewer draws a card and "
            "reads the question aloud; the candidate may swap a card once per round."
        )
    ]
    current = ""
    for number, item in enumerate(question_bank(), start=1):
        kind = KIND_NAMES.get(item.kind, item.kind)
        if kind != current:
            blocks.append(Heading(kind))
            current = kind
        blocks.append(
            Card(
                f"Card {number} · {kind}",
                item.text,
                (("What they are really asking:", item.really_asking), ("Tip:", item.tip)),
            )
        )
    return Handout(
        "question-cards",
        "Question cards",
        "One card per question in the course's question bank, grouped by kind, each with "
        "what the interviewer is really asking and a tip, for the pair and trio practice.",
        tuple(blocks),
    )


#: Every handout, in the order they are listed and written.
BUILDERS: Final[tuple[Callable[[], Handout], ...]] = (
    debrief_template,
    answer_rubric,
    letter_checklists,
    action_plan_template,
    question_cards,
)


def all_handouts() -> list[Handout]:
    """Every handout, built from the current data."""
    return [build() for build in BUILDERS]


def write_handouts(out_dir: Path) -> list[Path]:
    """Write every handout as ``.md`` and ``.docx`` into ``out_dir``.

    The handouts are blank forms meant to be printed and passed round, so the files are
    readable by others (0644), unlike a learner's notes.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for handout in all_handouts():
        for path, data in (
            (out_dir / f"{handout.slug}.md", handout.to_markdown().encode("utf-8")),
            (out_dir / f"{handout.slug}.docx", handout.to_docx()),
        ):
            written.append(_write_shared(path, data))
    return written


def _write_shared(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file, ending readable by all (0644)."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.chmod(0o644)
    temporary.replace(path)
    return path
