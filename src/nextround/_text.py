"""Text helpers shared by the critic and the letter checker: spans and word-list matching."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text: ``text[start:end] == span.text`` in the text it was found in."""

    start: int
    end: int
    text: str


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Compile word-list entries into one case-insensitive regex matching whole words.

    Entries are literal phrases; longer ones are tried first so "kind of" wins over "kind".
    An entry wrapped in slashes (``/regex/``) is used as a regular expression as it is.
    """
    parts: list[str] = []
    for phrase in sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True):
        if len(phrase) > 2 and phrase.startswith("/") and phrase.endswith("/"):
            parts.append(f"(?:{phrase[1:-1]})")
            continue
        body = r"\s+".join(re.escape(word) for word in phrase.split())
        left = r"(?<!\w)" if phrase[0].isalnum() or phrase[0] == "_" else ""
        right = r"(?!\w)" if phrase[-1].isalnum() or phrase[-1] == "_" else ""
        parts.append(f"{left}{body}{right}")
    if not parts:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile("|".join(parts), re.IGNORECASE)


def find_spans(pattern: re.Pattern[str], text: str) -> list[Span]:
    """Every non-overlapping match of ``pattern`` in ``text``, as spans."""
    return [Span(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+|\n\s*\n")


def sentences(text: str) -> list[Span]:
    """Split text into sentence spans: end punctuation then space, or a blank line."""
    out: list[Span] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        _append_trimmed(out, text, start, m.start())
        start = m.end()
    _append_trimmed(out, text, start, len(text))
    return out


def _append_trimmed(out: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end, text[start:end]))


_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")  # inner straight or curly apostrophe


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits, with inner apostrophes kept)."""
    return _WORD.findall(text)


def merge_spans(spans: Sequence[Span]) -> list[Span]:
    """Sort spans and drop any that overlap an earlier one, so they can be highlighted."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            continue
        merged.append(span)
    return merged
