"""Letter exports parse back to the same letter, in every format, in any script."""

from __future__ import annotations

import html
import io
import re
import stat
from email import policy
from email.parser import BytesParser
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from nextround import export
from nextround.letters import KINDS, LetterDetails, draft_letter

DETAILS = LetterDetails(
    your_name="Zoë Ärnström",
    contact_name="Ms Okafor",
    company="Maple & Finch Bakery",
    role="Pastry Chef",
    impressed_by="the sourdough starter named Bartholomew",
)
LETTER = draft_letter("thank_you", DETAILS)
UNICODE = "Dear Ms Ōkafor,\n\nشكرا — תודה — 谢谢 🙏🏽 for the café tour.\n\nBest,\nZoë"

#: Letter-like text: any script, punctuation, spaces and line breaks (no control codes).
letter_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))
    | st.sampled_from(list("\n\n *_#[]<>&\\`~|-+=1.")),
    max_size=400,
)


def _docx_text(data: bytes) -> tuple[str, str]:
    """(heading, body) of a document made by to_docx, body paragraphs joined by blank lines."""
    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    return paragraphs[0].text, "\n\n".join(p.text for p in paragraphs[1:])


def _markdown_text(markdown: str) -> str:
    """Render Markdown with a CommonMark renderer and read the paragraphs' text back."""
    mistune = pytest.importorskip("mistune")
    rendered = str(mistune.html(markdown))
    paragraphs = re.findall(r"<p>(.*?)</p>", rendered, flags=re.DOTALL)
    return "\n\n".join(html.unescape(re.sub(r"<br />\n?", "\n", p)) for p in paragraphs)


def _visible(text: str) -> str:
    """The letter as a reader sees it: lines trimmed, blank-line runs as one break."""
    lines = [line.strip() for line in export.normalise_text(text).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


# ---------------------------------------------------------------------------------------
# Plain text
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Dear A,\r\n\r\nThanks.\r\n", "Dear A,\n\nThanks.\n", id="crlf"),
        pytest.param("Dear A,   \n\n\n\nThanks.", "Dear A,\n\nThanks.\n", id="blank-runs"),
        pytest.param("\n\nDear A,\n\n", "Dear A,\n", id="outer-blank-lines"),
        pytest.param("", "", id="empty"),
        pytest.param(UNICODE, UNICODE + "\n", id="unicode-kept"),
    ],
)
def test_to_txt_normalises_line_ends_and_blank_lines(text: str, expected: str) -> None:
    """Text files get \\n line ends, no trailing spaces, one blank line between paragraphs."""
    assert export.to_txt(text) == expected


# ---------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------


def test_markdown_has_the_title_and_keeps_line_breaks() -> None:
    """The title is a heading, and the sign-off and name stay on separate lines."""
    markdown = export.to_markdown(LETTER, "Thank you: Maple & Finch")
    assert markdown.startswith("# Thank you: Maple \\& Finch\n\n")
    assert "Warm regards,\\\nZoë Ärnström" in markdown
    assert _markdown_text(markdown) == _visible(LETTER)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1. Not a list\n- nor this\n# nor a heading", id="list-and-heading"),
        pytest.param("*not bold* _nor this_ `nor code` ~~nor struck~~", id="emphasis"),
        pytest.param("<b>not html</b> &amp; [not](a link) | not | a table", id="html-links"),
        pytest.param("Line ending in a backslash \\\nnext", id="backslash"),
        pytest.param("Underline\n===\nand\n---", id="setext"),
    ],
)
def test_markdown_shows_the_letter_exactly_as_typed(text: str) -> None:
    """Characters Markdown would treat as formatting are escaped, so nothing changes."""
    assert _markdown_text(export.to_markdown(text, "Letter")) == _visible(text)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=letter_text)
def test_any_letter_round_trips_through_markdown(text: str) -> None:
    """Whatever the letter holds, a Markdown renderer shows its text unchanged."""
    assert _markdown_text(export.to_markdown(text, "Letter")) == _visible(text)


# ---------------------------------------------------------------------------------------
# E-mail drafts
# ---------------------------------------------------------------------------------------


def _parse(data: bytes) -> object:
    return BytesParser(policy=policy.default).parsebytes(data)


def _body(data: bytes) -> str:
    """The draft's body as text, with its CRLF line ends (RFC 5322) read as \n."""
    content: str = _parse(data).get_content()  # type: ignore[attr-defined]
    return content.replace("\r\n", "\n")


def test_eml_is_an_unsent_draft_with_unicode_headers_and_body() -> None:
    """Headers and body parse back exactly; X-Unsent marks it as a draft."""
    data = export.to_eml(
        UNICODE,
        subject="Thank you – Zoë",
        to_name="Ms Ōkafor",
        to_addr="okafor@example.org",
        from_name="Zoë Ärnström",
        from_addr="zoe@example.net",
    )
    message = _parse(data)
    assert message["X-Unsent"] == "1"  # type: ignore[index]
    assert message["Subject"] == "Thank you – Zoë"  # type: ignore[index]
    to = message["To"].addresses[0]  # type: ignore[index]
    assert (to.display_name, to.addr_spec) == ("Ms Ōkafor", "okafor@example.org")
    sender = message["From"].addresses[0]  # type: ignore[index]
    assert (sender.display_name, sender.addr_spec) == ("Zoë Ärnström", "zoe@example.net")
    assert _body(data) == export.normalise_text(UNICODE)
    assert b"X-Unsent: 1\r\n" in data


def test_eml_without_addresses_has_no_to_or_from() -> None:
    """Left blank, To and From are left out for the mail program to fill in."""
    message = _parse(export.to_eml("Hi Ana,\n\nThanks.", subject="Thanks"))
    assert message["To"] is None  # type: ignore[index]
    assert message["From"] is None  # type: ignore[index]


def test_eml_headers_cannot_be_injected() -> None:
    """A line break typed into the subject cannot add a header such as Bcc."""
    message = _parse(export.to_eml("Hi", subject="Thanks\r\nBcc: someone@example.org"))
    assert message["Bcc"] is None  # type: ignore[index]
    assert message["Subject"] == "Thanks Bcc: someone@example.org"  # type: ignore[index]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"subject": "  "}, "subject", id="blank-subject"),
        pytest.param({"subject": "Hi", "to_addr": "not an address"}, "e-mail address", id="bad"),
        pytest.param({"subject": "Hi", "to_addr": "a@b.org, c@d.org"}, "one e-mail", id="two"),
    ],
)
def test_eml_refuses_bad_fields_with_a_message(kwargs: dict[str, str], message: str) -> None:
    """A blank subject or a malformed address is explained, not silently written."""
    with pytest.raises(ValueError, match=message):
        export.to_eml("Hi", **kwargs)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=2_000), subject=st.text(min_size=1, max_size=120))
# The standard folding dropped the space between "𐀀" and "¡" here (found by Hypothesis).
@example(text="", subject="000000¡¡¡¡¡¡𐀀𐀀𐀀𐀀𐀀𐀀\r¡\r¡")
def test_any_letter_round_trips_through_eml(text: str, subject: str) -> None:
    """Any body and subject (long lines, any script) parse back; control characters go."""
    if not export.one_line(subject):
        return
    data = export.to_eml(text, subject=subject)
    assert _body(data) == (export.mail_text(text) or "\n")  # an empty body is one line
    assert _parse(data)["Subject"] == export.one_line(subject)  # type: ignore[index]


# ---------------------------------------------------------------------------------------
# Word documents
# ---------------------------------------------------------------------------------------


def test_docx_round_trips_title_and_paragraphs() -> None:
    """The title is a heading; paragraphs and line breaks read back exactly, in any script."""
    data = export.to_docx(UNICODE, "Thank you – Zoë")
    title, body = _docx_text(data)
    assert title == "Thank you – Zoë"
    assert body == export.normalise_text(UNICODE).strip("\n")
    document = docx.Document(io.BytesIO(data))
    style = document.paragraphs[0].style
    assert style is not None
    assert style.name == "Heading 1"
    assert document.core_properties.title == "Thank you – Zoë"
    assert document.paragraphs[-1].text == "Best,\nZoë"


def test_docx_drops_characters_word_cannot_hold() -> None:
    """NUL and other control characters are left out rather than breaking the file."""
    title, body = _docx_text(export.to_docx("Dear A,\x00\x07 thanks\x1b.", "T\x01itle"))
    assert (title, body) == ("Title", "Dear A, thanks.")


@settings(max_examples=40, deadline=None)
@given(text=letter_text)
def test_any_letter_round_trips_through_docx(text: str) -> None:
    """Whatever the letter holds (no control codes), Word reads back the same text."""
    assert _docx_text(export.to_docx(text, "Letter"))[1] == export.normalise_text(text).strip("\n")


# ---------------------------------------------------------------------------------------
# Subjects, names, dispatch and saving
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_subjects_are_one_short_line_naming_the_role_or_contact(kind: str) -> None:
    """A suggested subject is one line, short, and specific when details are known."""
    subject = export.suggest_subject(kind, DETAILS)  # type: ignore[arg-type]
    assert "\n" not in subject
    assert 0 < len(subject) <= 80
    assert "Pastry Chef" in subject or "Ms Okafor" in subject
    generic = export.suggest_subject(kind)  # type: ignore[arg-type]
    assert generic
    assert "{" not in generic


def test_filenames_are_safe() -> None:
    """Names carry no folder separators or odd characters."""
    odd = LetterDetails(your_name="A", contact_name="B", company="../Evil/Co: Ltd*", role="R")
    name = export.suggest_filename("thank_you", odd, "docx")
    assert name == "thank-you-evilco-ltd.docx"
    assert export.suggest_filename("linkedin_note", None, "md") == "linkedin-note.md"


@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_export_bytes_dispatches_every_format(fmt: export.Format) -> None:
    """Each format gives the bytes its own function gives."""
    data = export.export_bytes(fmt, LETTER, title="Thank you", subject="Thank you")
    assert data
    if fmt == "docx":
        assert data[:2] == b"PK"
        assert _docx_text(data)[1] == export.normalise_text(LETTER).strip("\n")
    elif fmt == "eml":
        assert _body(data) == export.normalise_text(LETTER)
    else:
        assert "Zoë Ärnström" in data.decode("utf-8")
    with pytest.raises(ValueError, match="Unknown format"):
        export.export_bytes("pdf", LETTER, title="x")  # type: ignore[arg-type]


def test_saved_exports_are_private_and_never_overwrite(tmp_path: Path) -> None:
    """Files are 0600; a second save with the same name gets " (2)"; the folder is untouched."""
    tmp_path.chmod(0o755)
    first = export.save_export(tmp_path, "letter.txt", "one")
    second = export.save_export(tmp_path, "letter.txt", b"two")
    assert (first.name, second.name) == ("letter.txt", "letter (2).txt")
    assert (first.read_text(), second.read_bytes()) == ("one", b"two")
    for path in (first, second):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("../escape.txt", id="parent"),
        pytest.param("sub/letter.txt", id="folder"),
        pytest.param("", id="empty"),
        pytest.param("..", id="dotdot"),
    ],
)
def test_save_export_refuses_anything_but_a_plain_name(tmp_path: Path, name: str) -> None:
    """A file name with a folder part cannot write outside the chosen folder."""
    with pytest.raises(ValueError, match="plain file name"):
        export.save_export(tmp_path, name, "x")
    assert list(tmp_path.iterdir()) == []


def test_save_export_needs_an_existing_folder(tmp_path: Path) -> None:
    """It never creates folders (nor changes their permissions)."""
    with pytest.raises(ValueError, match="not a folder"):
        export.save_export(tmp_path / "missing", "letter.txt", "x")
