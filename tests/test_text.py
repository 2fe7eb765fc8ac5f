"""The shared text helpers: the trie-shaped word-list regex finds what phrase_pattern finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from nextround._text import find_spans, phrase_pattern, trie_regex

WORDS = st.sampled_from(
    ["kind", "kind of", "of", "sort of", "um", "like", "i guess", "etc.", "!!!", "[name]"]
)
TEXT = st.lists(
    st.sampled_from(
        [
            "kind",
            "of",
            "sort",
            "um",
            "like",
            "i",
            "guess",
            "etc.",
            "!!!",
            "[name]",
            "x",
            ",",
            " ",
            "\n",
            "  ",
        ]
    ),
    max_size=30,
).map(" ".join)


def test_no_phrases_gives_none() -> None:
    """An empty list compiles to nothing rather than to a pattern that matches everywhere."""
    assert trie_regex([]) is None
    assert trie_regex(["  "]) is None


def test_longer_phrase_wins_and_words_stay_whole() -> None:
    """'kind of' beats 'kind'; 'um' does not match inside 'umbrella'; spaces stretch."""
    pattern = re.compile(r"(?<!\w)" + str(trie_regex(["kind", "kind of", "um"])))
    assert [m.group(0) for m in pattern.finditer("kind   of umbrella um kind")] == [
        "kind   of",
        "um",
        "kind",
    ]


@settings(max_examples=200, deadline=None)
@given(phrases=st.lists(WORDS, min_size=1, max_size=6), text=TEXT)
def test_trie_matches_what_phrase_pattern_matches(phrases: list[str], text: str) -> None:
    """On lower-case text, the trie finds exactly the spans the plain word-list regex finds."""
    words = [p for p in phrases if p[0].isalnum()]
    other = [p for p in phrases if not p[0].isalnum()]
    parts = ([r"(?<!\w)" + str(trie_regex(words))] if words else []) + (
        [str(trie_regex(other))] if other else []
    )
    trie = re.compile("|".join(parts))
    expected = [(s.start, s.end) for s in find_spans(phrase_pattern(phrases), text)]
    assert [m.span() for m in trie.finditer(text)] == expected
