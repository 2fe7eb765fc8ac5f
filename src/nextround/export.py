"""Letter exports: a finished letter as plain text, Markdown, an unsent e-mail draft or Word.

Every function here is pure and returns ``str`` or ``bytes``; nothing is sent, and only
:func:`save_export` writes a file, into a directory the learner chose, readable by them
alone (0600), never replacing a file that is already there.

The ``.eml`` file carries ``X-Unsent: 1``, so mail programs (Outlook, Thunderbird, Apple
Mail) open it as a draft for the learner to review and send themselves.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from email import errors as email_errors
from email import policy
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Final, Literal

import docx

from nextround.letters import LetterDetails, LetterKind

Format = Literal["txt", "md", "eml", "docx"]

#: Each format's file extension and MIME type, for download buttons.
FORMATS: Final[dict[Format, tuple[str, str]]] = {
    "txt": (".txt", "text/plain; charset=utf-8"),
    "md": (".md", "text/markdown; charset=utf-8"),
    "eml": (".eml", "message/rfc822"),
    "docx": (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}

FILE_MODE: Final = 0o600

_SURROGATE = re.compile("[\ud800-\udfff]")
_BLANK_RUN = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
# Characters XML 1.0 (and so Word) cannot hold: most control characters and surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Control characters a file reader must not meet raw (NUL, ESC, C1 controls, DEL), keeping
# line breaks and tabs.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalise_text(text: str) -> str:
    """A letter as files hold it: ``\\n`` line ends, no trailing spaces, one blank line at most.

    Ends with a single newline (an empty letter stays empty).
    """
    # A lone surrogate (from a broken paste) cannot be saved as UTF-8: show it as �.
    text = _SURROGATE.sub("\ufffd", text)
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    body = _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")
    return f"{body}\n" if body else ""


def to_txt(text: str) -> str:
    """The letter as plain text (UTF-8 when saved)."""
    return normalise_text(text)


def without_controls(text: str) -> str:
    """``text`` without control characters (NUL, ESC...), line breaks and tabs kept."""
    return _CONTROL.sub("", text)


# Markdown: these are escaped wherever they appear, and the line-start markers below
# only at the start of a line, so the letter renders exactly as typed. ``$`` is escaped
# so that MyST and Jupyter do not read "$5 and $6" as mathematics.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>~|&$])")
# An autolink the writer typed (<https://...>) stays a link: nothing inside it is escaped,
# as CommonMark reads no escapes there.
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>\\]*>", re.IGNORECASE)
_MD_LINE_START = re.compile(r"^([ \t]*)([-+=#]|\d+(?=[.)]))", re.MULTILINE)


def _md_escape(line: str) -> str:
    parts: list[str] = []
    pos = 0
    for link in _AUTOLINK.finditer(line):
        parts.append(_MD_INLINE.sub(r"\\\1", line[pos : link.start()]))
        parts.append(link.group())
        pos = link.end()
    parts.append(_MD_INLINE.sub(r"\\\1", line[pos:]))
    escaped = "".join(parts)
    return _MD_LINE_START.sub(
        lambda m: (
            f"{m.group(1)}\\{m.group(2)}"
            if not m.group(2).isdigit()
            else f"{m.group(1)}{m.group(2)}\\"
        ),
        escaped,
    )


def to_markdown(text: str, title: str) -> str:
    """The letter as Markdown under a ``# title`` heading, line breaks kept (``\\`` at line end).

    Control characters (NUL, ESC...) are left out; everything else shows as typed.
    """
    paragraphs = [p for p in mail_text(text).strip("\n").split("\n\n") if p]
    blocks = [f"# {_md_escape(_one_line(title))}"] if _one_line(title) else []
    for paragraph in paragraphs:
        lines = [_md_escape(line.strip()) for line in paragraph.split("\n")]
        blocks.append("\\\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _one_line(value: str) -> str:
    # Whitespace (line breaks included) becomes one space; other controls (NUL, ESC) go.
    return " ".join(word for word in (_CONTROL.sub("", w) for w in value.split()) if word)


def mail_text(text: str) -> str:
    """A letter as the ``.md`` and ``.eml`` files hold it: normalised, no control characters."""
    return normalise_text(without_controls(text))


def one_line(value: str) -> str:
    """A header or title as one line: breaks and control characters become single spaces."""
    return _one_line(value)


def _address(addr: str, name: str, field: str) -> Address | None:
    """``addr`` (with display ``name``) as one checked address; None when blank."""
    address = _one_line(addr)
    if not address:
        return None
    try:
        parsed = Address(display_name=_one_line(name), addr_spec=address)
    except (ValueError, IndexError, email_errors.MessageError):
        parsed = None
    if (
        parsed is None
        or not parsed.username
        or "." not in parsed.domain
        or parsed.addr_spec != address
    ):
        raise ValueError(
            f"The {field} address “{address}” does not look like one e-mail address "
            "(name@example.org)."
        )
    return parsed


class _DraftPolicy(policy.EmailPolicy):
    """The SMTP policy, except that a subject with non-ASCII letters is written as plain
    RFC 2047 encoded words.

    The standard library's folding of such a subject can drop a space where a line is
    folded between two encoded words ("... 𐀀𐀀 ¡ ¡" read back as "... 𐀀𐀀¡ ¡"): about one
    long subject in ten in other scripts. ``email.header.Header`` keeps every space inside
    the encoded words, so the subject reads back exactly.
    """

    def fold(self, name: str, value: str) -> str:
        if name.lower() == "subject" and not value.isascii():
            encoded = Header(value, "utf-8", header_name=name).encode(linesep=self.linesep)
            return f"{name}: {encoded}{self.linesep}"
        return str(super().fold(name, value))

    def fold_binary(self, name: str, value: str) -> bytes:
        if name.lower() == "subject" and not str(value).isascii():
            return self.fold(name, str(value)).encode("ascii")
        return bytes(super().fold_binary(name, value))


_DRAFT_POLICY: Final = _DraftPolicy(linesep="\r\n")


def to_eml(
    text: str,
    *,
    subject: str,
    to_name: str = "",
    to_addr: str = "",
    from_name: str = "",
    from_addr: str = "",
) -> bytes:
    """The letter as an unsent e-mail draft (``.eml``), for the learner's mail program.

    Nothing is sent. ``to_addr`` and ``from_addr``, if given, must each be one e-mail
    address; without ``from_addr`` there is no From line (never an empty ``<>``): the mail
    program fills in the learner's own. Headers are made one line with no control
    characters; the body has none either. Lines end in CRLF, as RFC 5322 defines.
    """
    subject_line = _one_line(subject)
    if not subject_line:
        raise ValueError("Add a subject line for the e-mail.")
    to = _address(to_addr, to_name, "To")
    sender = _address(from_addr, from_name, "From")
    message = EmailMessage(policy=_DRAFT_POLICY)
    message["Subject"] = subject_line
    if to is not None:
        message["To"] = to
    if sender is not None:
        message["From"] = sender
    # Mail programs open a message marked unsent as a draft to edit and send.
    message["X-Unsent"] = "1"
    # Quoted-printable keeps the raw file readable and copes with long paragraphs.
    message.set_content(mail_text(text), subtype="plain", charset="utf-8", cte="quoted-printable")
    return message.as_bytes()


def to_docx(text: str, title: str) -> bytes:
    """The letter as a Word document: the title as a heading, one paragraph per paragraph.

    Characters Word cannot hold (most control characters) are left out.
    """
    document = docx.Document()
    clean_title = _NOT_XML.sub("", _one_line(title))
    document.core_properties.title = clean_title
    if clean_title:
        document.add_heading(clean_title, level=1)
    body = _NOT_XML.sub("", normalise_text(text)).strip("\n")
    for block in body.split("\n\n") if body else []:
        paragraph = document.add_paragraph()
        for index, line in enumerate(block.split("\n")):
            run = paragraph.add_run(line)
            if index < block.count("\n"):
                run.add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def sections_docx(sections: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> bytes:
    """A Word document of headed sections (an action plan): labelled lines, labels in bold.

    The first heading is the document's title; a section without a heading is plain text.
    """
    document = docx.Document()
    for number, (heading, lines) in enumerate(sections):
        clean = _NOT_XML.sub("", _one_line(heading))
        if number == 0:
            document.core_properties.title = clean
        if clean:
            document.add_heading(clean, level=1 if number == 0 else 2)
        for label, text in lines:
            paragraph = document.add_paragraph()
            if label:
                paragraph.add_run(_NOT_XML.sub("", f"{label}: ")).bold = True
            paragraph.add_run(_NOT_XML.sub("", text))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_SUBJECTS: Final[dict[LetterKind, tuple[str, str]]] = {
    "thank_you": ("Thank you: {role}", "Thank you"),
    "feedback_request": (
        "A short conversation about the {role} interview?",
        "A short conversation?",
    ),
    "stay_in_touch": ("Staying in touch: {role} interview at {company}", "Staying in touch"),
    "linkedin_note": ("LinkedIn note to {contact_name}", "LinkedIn note"),
}


def suggest_subject(kind: LetterKind, details: LetterDetails | None = None) -> str:
    """A subject line for a letter: short, plain and specific when details are known."""
    with_details, without = _SUBJECTS[kind]
    if details is None:
        return without
    return with_details.format(**details.as_dict())


_UNSAFE_NAME = re.compile(r"[^\w\- ]+")


def suggest_filename(kind: LetterKind, details: LetterDetails | None, fmt: Format) -> str:
    """A safe file name for an export, such as ``thank-you-harbourline-logistics.docx``."""
    stem = kind.replace("_", "-")
    if details is not None:
        company = _UNSAFE_NAME.sub("", details.company).strip().replace(" ", "-").lower()
        if company:
            stem = f"{stem}-{company[:40].strip('-')}"
    return stem + FORMATS[fmt][0]


def export_bytes(
    fmt: Format,
    text: str,
    *,
    title: str,
    subject: str = "",
    to_name: str = "",
    to_addr: str = "",
    from_name: str = "",
    from_addr: str = "",
) -> bytes:
    """The letter in one format, as the bytes a download button or file would hold."""
    if fmt == "txt":
        return to_txt(text).encode("utf-8")
    if fmt == "md":
        return to_markdown(text, title).encode("utf-8")
    if fmt == "eml":
        return to_eml(
            text,
            subject=subject or title,
            to_name=to_name,
            to_addr=to_addr,
            from_name=from_name,
            from_addr=from_addr,
        )
    if fmt == "docx":
        return to_docx(text, title)
    raise ValueError(f"Unknown format: choose one of {', '.join(FORMATS)}.")


def save_export(directory: Path, filename: str, data: bytes | str) -> Path:
    """Write an export into ``directory`` (which must exist), readable by its owner only.

    Never replaces a file: if the name is taken, " (2)", " (3)" ... is added. ``filename``
    is a bare name; any folder part is refused. Returns the path written.
    """
    if not directory.is_dir():
        raise ValueError(f"{directory} is not a folder that exists.")
    name = Path(filename).name
    if not name or name != filename or name in {".", ".."}:
        raise ValueError(f"{filename!r} is not a plain file name.")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    stem, suffix = Path(name).stem, Path(name).suffix
    for attempt in range(1, 1000):
        candidate = directory / (name if attempt == 1 else f"{stem} ({attempt}){suffix}")
        try:
            # O_EXCL: create it, or fail if it exists, in one step (no race, no clobbering).
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        return candidate
    raise FileExistsError(f"Too many files named like {name!r} in {directory}.")
