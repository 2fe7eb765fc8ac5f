"""Text helpers shared by the critic and the letter checker: spans and word-list matching."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


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


_PHRASE_END = ""  # a trie key: a phrase ends at this node


def trie_regex(phrases: Iterable[str]) -> str | None:
    """Literal phrases as one regular expression shaped like a character trie.

    The same matches as the plain entries of :func:`phrase_pattern` (spaces inside a phrase
    match any run of whitespace; a phrase ending in a letter, digit or underscore must end
    a word; a longer phrase wins over its prefix), but ``re`` checks each position against
    the trie instead of against every phrase in turn, which is what keeps the critic and
    the letter checker well under a millisecond. Phrases are used as given: callers lower-
    case them to search lower-cased text, and add a left word boundary where they want one.
    None when there are no phrases.
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for token in _phrase_tokens(phrase.strip()):
            node = node.setdefault(token, {})
        if node is not trie:
            node[_PHRASE_END] = True
    return _node_regex(trie, "") if trie else None


def _phrase_tokens(phrase: str) -> list[str]:
    tokens: list[str] = []
    for ch in phrase:
        if not ch.isspace():
            tokens.append(re.escape(ch))
        elif tokens[-1] != r"\s+":
            tokens.append(r"\s+")
    return tokens


def _node_regex(node: dict[str, Any], last: str) -> str:
    # Continuations come before the end of a phrase, so the longer phrase wins.
    branches = [token + _node_regex(child, token) for token, child in sorted(node.items()) if token]
    if _PHRASE_END in node:
        bare = last.lstrip("\\")
        branches.append(r"(?!\w)" if bare and (bare[-1].isalnum() or bare[-1] == "_") else "")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


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
