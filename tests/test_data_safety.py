"""Issue 12, imports and exports: nothing a learner wrote is lost, leaked or shown as a
traceback; what a spreadsheet round trip produces is accepted, the rest gets a sentence."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from nextround import checkin, export, items
from nextround.journal import (
    RESTORE_RULE,
    Entry,
    Journal,
    JournalError,
    QuestionNote,
    Signal,
    entries_from_csv,
    entries_from_json,
    entries_to_csv,
    entries_to_json,
    problems,
)
from nextround.store import Store

ENTRY = Entry(
    company="Harbourline Logistics",
    role="Operations Coordinator",
    interview_date=date(2026, 3, 4),
    interviewers=("Panel chair", "HR adviser"),
    questions=(
        QuestionNote("Tell me about a time you improved a process.", "Rota", 4, "Too long"),
        QuestionNote("Why us?", "Routes", None, ""),
    ),
    signals=(Signal("face", "positive", "smiled"),),
    audit={"preparation": "yes"},
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store(tmp_path / "s.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def journal(store: Store) -> Journal:
    return Journal(store)


def _comparable(entry: Entry) -> Entry:
    return replace(entry, id=None, created_at=None, updated_at=None)


def _plain(message: str) -> None:
    """A sentence for a person: no exception names, reprs or Python words."""
    for leak in ("Error", "Traceback", "None", "b'", "<class", "KeyError", "\\u", "{'", "['"):
        assert leak not in message, f"{leak!r} in {message!r}"


# -- 1: long notes fit the CSV -----------------------------------------------------------------


def test_a_note_longer_than_the_csv_default_limit_round_trips(journal: Journal) -> None:
    """Notes up to two million characters are accepted, so the CSV must carry them back."""
    long = 'Lorem ipsum, "quoted"\nline ' * 20_000  # about 560,000 characters
    assert len(long) > 131_072
    journal.add(replace(ENTRY, feedback=long))
    text = journal.export_csv()
    back = entries_from_csv(text)
    assert back[0].feedback == long


# -- 2: two exports pasted together ------------------------------------------------------------


@pytest.mark.parametrize("with_header", [True, False], ids=["second-header", "rows-only"])
def test_two_csv_exports_pasted_together_stay_two_entries(
    tmp_path: Path, with_header: bool
) -> None:
    """Entries from two journals that share an entry number are not merged."""
    exports = []
    for n, company in enumerate(("First Bakery", "Second Dairy")):
        with Store(tmp_path / f"{n}.sqlite3") as store:
            questions = (QuestionNote(f"Question for {company}", "A", 3),)
            Journal(store).add(replace(ENTRY, company=company, questions=questions))
            exports.append(Journal(store).export_csv())
    second = exports[1] if with_header else exports[1].split("\n", 1)[1]
    back = entries_from_csv(exports[0] + second)
    assert [e.company for e in back] == ["First Bakery", "Second Dairy"]
    assert [[q.question for q in e.questions] for e in back] == [
        ["Question for First Bakery"],
        ["Question for Second Dairy"],
    ]


# -- 3: JSON null is empty text, never "None" --------------------------------------------------


def test_json_null_is_empty_text_not_the_word_none(journal: Journal) -> None:
    """null for liked, interviewers or an answer is read as nothing there."""
    document = {
        "nextround_journal": 1,
        "entries": [
            {
                "company": "Tidewell Foods",
                "role": "Planner",
                "interview_date": "2026-02-01",
                "liked": None,
                "interviewers": None,
                "questions": [{"question": "Why us?", "answer": None, "notes": None}],
            }
        ],
    }
    saved = journal.import_json(json.dumps(document))
    entry = journal.get(saved[0].id or 0)
    assert entry.liked == ""
    assert entry.interviewers == ()
    assert entry.questions[0].answer == ""
    assert "None" not in journal.export_json()


def test_json_null_company_is_reported_as_missing() -> None:
    """A null company is a missing company, in the words the form uses."""
    document = {
        "nextround_journal": 1,
        "entries": [{"company": None, "role": "Planner", "interview_date": "2026-02-01"}],
    }
    entries = entries_from_json(json.dumps(document))
    assert problems(entries[0]) == ["Add the company (or organisation) you interviewed with."]


# -- 4: what a restore means -------------------------------------------------------------------


def test_importing_the_same_export_twice_adds_nothing_the_second_time(journal: Journal) -> None:
    """Exact duplicates are skipped; the message says so, in the journal page's words."""
    journal.add(ENTRY)
    text = journal.export_json()
    again = journal.import_json(text)
    assert len(journal) == 1
    assert list(again) == []
    assert again.skipped == 1
    assert "already there" in again.message
    _plain(again.message)
    assert "twice adds nothing" in RESTORE_RULE


def test_a_restore_keeps_ids_and_times(tmp_path: Path, journal: Journal) -> None:
    """Into an empty journal, a JSON or CSV restore gives back the same ids and dates."""
    first = journal.add(ENTRY)
    second = journal.add(replace(ENTRY, company="Maple & Finch Bakery"))
    journal.update(replace(second, outcome="rejected"))
    original = journal.entries()
    for name, text, load in (
        ("json", journal.export_json(), Journal.import_json),
        ("csv", journal.export_csv(), Journal.import_csv),
    ):
        with Store(tmp_path / f"restore-{name}.sqlite3") as fresh:
            restored = Journal(fresh)
            added = load(restored, text)
            assert len(added) == 2
            assert restored.entries() == original, name
            assert {e.id for e in restored.entries()} == {first.id, second.id}
            assert restored.get(second.id or 0).updated_at == original[0].updated_at


def test_a_restore_into_a_journal_with_those_numbers_taken_gives_new_ones(
    journal: Journal,
) -> None:
    """A restored entry whose number is taken by another entry gets a new number."""
    journal.add(ENTRY)
    other = Entry("Other Ltd", "Clerk", date(2026, 1, 1), id=1, created_at=datetime.now(UTC))
    added = journal.import_entries([other])
    assert added[0].id != 1
    assert len(journal) == 2


# -- 5: items.save never loses an edit ---------------------------------------------------------


def test_saving_over_an_item_of_another_kind_keeps_both(store: Store) -> None:
    """The edit is saved as a new item of its own kind; the other item is untouched."""
    plan = items.save(store, "action_plan", "My plan", {"steps": ["a"]})
    saved = items.save(store, "reframe", "A fairer thought", {"fairer": "x"}, item_id=plan.id)
    assert saved.kind == "reframe"
    assert saved.body == {"fairer": "x"}
    assert saved.id != plan.id
    assert items.get(store, plan.id) == plan


def test_saving_over_a_deleted_item_saves_it_again(store: Store) -> None:
    """An item deleted meanwhile (another tab) does not swallow the edit."""
    draft = items.save(store, "letter_draft", "Thank you", {"text": "v1"})
    items.delete(store, draft.id)
    saved = items.save(store, "letter_draft", "Thank you", {"text": "v2"}, item_id=draft.id)
    assert items.get(store, saved.id) == saved
    assert saved.body == {"text": "v2"}


def test_an_item_that_is_not_json_gets_a_sentence(store: Store) -> None:
    """bytes, NaN or a date in a body are refused with a plain message; nothing is saved."""
    for body in ({"x": b"raw"}, {"x": float("nan")}, {"x": date(2026, 1, 1)}):
        with pytest.raises(items.ItemError) as caught:
            items.save(store, "reframe", "t", body)
        _plain(str(caught.value))
    assert items.of_kind(store, "reframe") == []


# -- 6: spreadsheet formulas -------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://example.org/x","Click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
    "''@twice",
    "＝fullwidth",
]


def test_csv_cells_are_never_formulas_and_round_trip_exactly() -> None:
    """Every cell a spreadsheet would run starts with an apostrophe; reading takes it off."""
    entry = replace(
        ENTRY,
        company=FORMULAS[0],
        role=FORMULAS[1],
        interviewers=tuple(FORMULAS[2:5]),
        questions=(QuestionNote(FORMULAS[5], FORMULAS[6], 2, FORMULAS[7]),),
        feedback=FORMULAS[8],
    )
    text = entries_to_csv([entry])
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not re.match(r"[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]", cell), cell
    assert entries_from_csv(text) == [entry]


# -- 10: e-mail drafts and Markdown ------------------------------------------------------------


def test_eml_never_has_an_empty_address_or_raw_control_characters() -> None:
    """A name without an address is no From: "Name" <>; NUL and ESC never reach the file."""
    data = export.to_eml(
        "Dear Ana,\x00\x1b[31m\n\nThanks.", subject="Thank\x00 you\x1b", from_name="Zoë"
    )
    assert b"<>" not in data
    assert b"\x00" not in data
    assert b"\x1b" not in data
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert message["From"] is None
    assert message["Subject"] == "Thank you"


def test_eml_from_address_is_checked_by_the_email_package() -> None:
    """A from address is one real address with the name; a bad one gets a sentence."""
    data = export.to_eml("Hi", subject="Hi", from_name="Zoë Ärnström", from_addr="zoe@example.net")
    sender = BytesParser(policy=policy.default).parsebytes(data)["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == ("Zoë Ärnström", "zoe@example.net")
    for bad in ("<zoe@example.net>", "zoe@@example.net", "zoe example@net.org"):
        with pytest.raises(ValueError, match="does not look like one e-mail address") as caught:
            export.to_eml("Hi", subject="Hi", to_addr=bad)
        assert "'" not in str(caught.value)


def test_markdown_drops_control_characters_escapes_dollars_and_keeps_autolinks() -> None:
    """NUL and ESC are gone, "$5 and $6" is not maths, <https://...> is still a link."""
    mistune = pytest.importorskip("mistune")
    text = "Costs $5 and $6 a day.\x00\x1b[2J\nSee <https://example.org/a_b?x=1&y=2>."
    markdown = export.to_markdown(text, "Notes")
    assert "\x00" not in markdown
    assert "\x1b" not in markdown
    rendered = str(mistune.create_markdown(plugins=["math"])(markdown))
    assert "math" not in rendered
    assert "$5 and $6" in rendered
    assert '<a href="https://example.org/a_b?x=1&amp;y=2">' in rendered
    mathy = str(mistune.create_markdown(plugins=["math"])(export.to_markdown("$x$ and $y$", "")))
    assert "math" not in mathy


# -- 11: broken characters (lone surrogates) ---------------------------------------------------


def test_a_broken_character_is_replaced_and_the_rest_kept_everywhere(
    journal: Journal, store: Store
) -> None:
    """Journal, check-in, items: saved with U+FFFD in place, and the learner is told."""
    broken = "Went well \ud800 mostly"
    saved = journal.add(replace(ENTRY, went_well=broken, company="Acme \udfff"))
    assert saved.repaired
    assert journal.get(saved.id or 0).went_well == "Went well \ufffd mostly"
    assert "\ud800" not in journal.export_json()
    note = checkin.record(store, 3, broken)
    assert note.note == "Went well \ufffd mostly"
    assert "replaced" in note.response
    assert "replaced" in checkin.reply(note)
    item = items.save(store, "reframe", "t\ud800", {"fairer": [broken], "\udc00k": 1})
    assert item.repaired
    assert item.title == "t\ufffd"
    assert item.body == {"fairer": ["Went well \ufffd mostly"], "\ufffdk": 1}
    assert "replaced" in items.REPAIRED_NOTE
    imported = journal.import_entries([replace(ENTRY, liked=broken)])
    assert "replaced" in imported.message


def test_a_clean_save_is_not_marked_repaired(journal: Journal, store: Store) -> None:
    """Nothing is said when nothing was replaced."""
    assert not journal.add(ENTRY).repaired
    assert "replaced" not in checkin.record(store, 3, "fine").response
    assert not items.save(store, "reframe", "t", {"fairer": "x"}).repaired


# -- 12: wrong types get sentences -------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"company": None}, "The company must be written as text.", id="none"),
        pytest.param(
            {"interview_date": datetime(2026, 3, 4, 10, 0)},
            "Give the interview date as a day, without a time.",
            id="datetime",
        ),
        pytest.param(
            {"interviewers": "Ann, Bob"},
            "List the interviewers one name at a time, as text.",
            id="one-text-for-a-list",
        ),
        pytest.param({"feedback": b"bytes"}, "Their feedback must be written as text.", id="bytes"),
        pytest.param(
            {"questions": ("Why us?",)}, "The questions must be a list of questions.", id="q-str"
        ),
        pytest.param({"audit": ["yes"]}, "Self-audit answers are yes, partly or no.", id="audit"),
        pytest.param(
            {"questions": (QuestionNote("Q", rating="3"),)},  # type: ignore[arg-type]
            "The rating for question 1 must be a number from 1 to 5.",
            id="rating-text",
        ),
        pytest.param(
            {"company": "\u200b\u200b\u2060"},
            "Add the company (or organisation) you interviewed with.",
            id="zero-width-company",
        ),
    ],
)
def test_wrong_types_get_a_sentence_and_nothing_is_saved(
    journal: Journal, changes: dict[str, object], expected: str
) -> None:
    """No AttributeError or TypeError, and no garbage stored."""
    entry = replace(ENTRY, **changes)  # type: ignore[arg-type]
    assert expected in problems(entry)
    with pytest.raises(JournalError) as caught:
        journal.add(entry)
    _plain(str(caught.value))
    assert len(journal) == 0


# -- 13: imports -------------------------------------------------------------------------------

_MARKED = '{"nextround_journal": 1, '


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('{"entries": 5}', id="entries-not-a-list"),
        pytest.param(_MARKED + '"entries": 5}', id="marked-entries-not-a-list"),
        pytest.param('{"entries": []}', id="no-format-marker"),
        pytest.param('{"nextround_journal": 2, "entries": []}', id="unknown-version"),
        pytest.param(_MARKED + '"entries": [5]}', id="entry-not-an-object"),
        pytest.param(
            _MARKED + '"entries": [{"company": "A", "role": "B", "interview_date": "soon"}]}',
            id="bad-date",
        ),
        pytest.param(
            _MARKED
            + '"entries": [{"company": ["A"], "role": "B", "interview_date": "2026-01-01"}]}',
            id="company-a-list",
        ),
        pytest.param(
            _MARKED + '"entries": [{"company": "A", "role": "B", "interview_date": "2026-01-01",'
            ' "nerves_level": 2.5}]}',
            id="half-a-rating",
        ),
        pytest.param("[" * 100_000 + "]" * 100_000, id="deeply-nested"),
        pytest.param('{"nextround_backup": 1}', id="a-full-backup"),
    ],
)
def test_json_that_cannot_be_imported_gets_a_sentence(journal: Journal, text: str) -> None:
    """Every refusal is a JournalError with plain words; nothing is imported."""
    with pytest.raises(JournalError) as caught:
        journal.import_json(text)
    _plain(str(caught.value))
    assert len(journal) == 0


def _export_rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(entries_to_csv([ENTRY]))))


def _write(rows: list[list[str]], **options: object) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n", **options).writerows(rows)  # type: ignore[arg-type]
    return out.getvalue()


def _without_columns(*names: str) -> str:
    rows = _export_rows()
    keep = [i for i, name in enumerate(rows[0]) if name not in names]
    return _write([[row[i] for i in keep] for row in rows])


def _with_cell(name: str, value: str) -> str:
    rows = _export_rows()
    column = rows[0].index(name)
    for row in rows[1:]:
        row[column] = value
    return _write(rows)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(_without_columns("position", "question"), id="no-question-columns"),
        pytest.param(_with_cell("signals", "smiled a lot"), id="signals-not-json"),
        pytest.param(_with_cell("audit", "{yes"), id="audit-broken-json"),
        pytest.param(_with_cell("rating", "four"), id="rating-a-word"),
        pytest.param(entries_to_csv([ENTRY])[:-40], id="cut-short"),
        pytest.param(entries_to_csv([ENTRY]).rsplit('"', 3)[0], id="cut-in-a-quote"),
        pytest.param("a,b\n1,2\n", id="not-ours"),
        pytest.param("", id="empty"),
    ],
)
def test_csv_that_cannot_be_imported_gets_a_sentence(journal: Journal, text: str) -> None:
    """KeyError, ValueError and csv.Error never escape; the sentence says what is wrong."""
    with pytest.raises(JournalError) as caught:
        journal.import_csv(text)
    _plain(str(caught.value))
    assert len(journal) == 0


def _spreadsheet_resave(text: str, *, delimiter: str = ",", bom: bool = True) -> str:
    """What a spreadsheet writes back: its separator, minimal quoting, numbers as 3.0, a BOM,
    our protective apostrophes kept, CRLF line ends."""
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    for row in rows[1:]:
        for name in ("rating", "nerves_level", "position", "entry"):
            cell = row[header.index(name)]
            if cell:
                row[header.index(name)] = f"{int(cell)}.0"
    written = _write(rows, delimiter=delimiter)
    return ("\ufeff" if bom else "") + written


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_a_spreadsheet_round_trip_is_accepted(delimiter: str) -> None:
    """BOM, ; or tab separators, 3.0 for 3: the same entries come back."""
    entry = replace(ENTRY, nerves_level=3, feedback="=SUM(A1); 'quoted', \"double\"")
    text = _spreadsheet_resave(entries_to_csv([entry]), delimiter=delimiter)
    assert [_comparable(e) for e in entries_from_csv(text)] == [entry]


def test_a_list_typed_into_a_spreadsheet_cell_is_read_as_a_list() -> None:
    """Interviewers typed as "Ann, Bob" (not JSON) are two interviewers."""
    entry = entries_from_csv(_with_cell("interviewers", "Ann, Bob"))[0]
    assert entry.interviewers == ("Ann", "Bob")


def test_a_json_export_read_as_a_string_with_a_bom_is_accepted() -> None:
    """A BOM some editors add in front of the JSON is ignored."""
    assert entries_from_json("\ufeff" + entries_to_json([ENTRY])) == [ENTRY]


# -- 16: support plans of unexpected shapes ----------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"people": "Ana"},
        {"people": [{"who": 5}, "oops", None, {"who": "Ana", "helps": "not an option"}]},
        {"people": [{"who": "Ana", "helps": ["x"], "when": {"day": 1}}]},
        {},
    ],
    ids=["text", "mixed", "wrong-types", "empty"],
)
def test_support_plan_opens_on_oddly_shaped_saved_data(store: Store, body: object) -> None:
    """A plan edited by hand or saved by an older version opens; what can be read is shown."""
    from nextround.widgets.reflection import SupportPlanWidget

    items.save(store, "support_plan", "My support plan", body)  # type: ignore[arg-type]
    widget = SupportPlanWidget(store)
    names = [row[0].value for row in widget.people]
    assert names[0] in ("Ana", "5", "")
    assert all(isinstance(row[1].value, str) for row in widget.people)


def test_the_journal_form_says_when_a_broken_character_was_replaced(journal: Journal) -> None:
    """Item 11 on the page: the entry is saved and the confirmation says what was replaced."""
    from nextround.widgets.journal import JournalWidget

    app = JournalWidget(journal)
    app.company.value = "Acme \ud800 Ltd"
    app.role.value = "Planner"
    app.when.value = date(2026, 3, 4)
    app.save.click()
    assert "replaced" in app.message.value
    assert journal.entries()[0].company == "Acme \ufffd Ltd"
