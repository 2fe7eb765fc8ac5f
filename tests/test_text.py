"""The shared text helpers: the trie-shaped word-list regex finds what phrase_pattern finds,
and the critic's one-pass phrase index finds what each list's regex finds."""

from __future__ import annotations

import re

from benchmarks.judgement_report import ANSWER_SETS, load
from hypothesis import given, settings
from hypothesis import strategies as st

from nextround._text import find_spans, phrase_pattern, trie_regex
from nextround.critique._answer import Answer
from nextround.critique._rules import rules
from nextround.critique.matchers import TOKEN, Matcher, PhraseIndex, lower

WORDS = st.sampled_from(
    ["kind", "kind of", "of", "sort of", "um", "like", "i guess", "etc.", "!!!", "[name]"]
)
#: Pieces of text both generators below draw from: punctuation, brackets and spacing.
OTHER_PIECES = ["etc.", "!!!", "[name]", "x", ",", " ", "\n", "  "]
TEXT = st.lists(
    st.sampled_from(["kind", "of", "sort", "um", "like", "i", "guess", *OTHER_PIECES]),
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


PIECES = [
    *("kind", "kind of", "of", "um", "i'm", "i", "m", "co-op", "co", "-", "op", "24"),
    *("% sure", "%", "sure", "well-being"),
    *OTHER_PIECES,
]


@settings(max_examples=300, deadline=None)
@given(
    lists=st.lists(
        st.lists(st.sampled_from([p for p in PIECES if p.strip()]), min_size=1, max_size=5),
        min_size=1,
        max_size=4,
    ),
    text=st.lists(st.sampled_from(PIECES), max_size=30),
    joiner=st.sampled_from(["", " "]),
)
def test_phrase_index_finds_what_each_lists_regex_finds(
    lists: list[list[str]], text: list[str], joiner: str
) -> None:
    """One pass of the critic's PhraseIndex gives, for every list, exactly the spans that
    list's own trie regex gives: word starts and ends, glued pieces ("i'm", "co-op"), spaces
    that stretch, the longest phrase winning and no overlaps."""
    matchers = [Matcher.of(entries) for entries in lists]
    index = PhraseIndex(matchers)
    lowered = joiner.join(text)
    found = index.find_all(lowered)
    for matcher in matchers:
        assert matcher.phrases is not None
        assert found[id(matcher)] == [m.span() for m in matcher.phrases.finditer(lowered)]


def _labelled_answers() -> list[str]:
    return [case["answer"] for name in ANSWER_SETS for case in load(name, "answer")]


def test_an_expression_list_skipped_for_its_missing_words_never_matches() -> None:
    """The critic skips a list's '/regex/' entries when none of their opening words is in
    the answer; on every labelled answer, a skipped list would indeed have found nothing."""
    compiled = rules()
    lists = [m for m in vars(compiled).values() if isinstance(m, Matcher)]
    lists += list(compiled.kind_patterns.values())
    anchored = [m for m in lists if m.expressions is not None and m.expression_keys is not None]
    assert len(anchored) >= 8
    skipped = 0
    for answer in _labelled_answers():
        text = lower(answer)
        tokens = frozenset(TOKEN.findall(text))
        for matcher in anchored:
            assert matcher.expression_keys is not None
            assert matcher.expressions is not None
            if matcher.expression_keys.isdisjoint(tokens):
                skipped += 1
                assert matcher.expressions.search(text) is None, matcher.expressions.pattern
    assert skipped > 100


def test_trying_expressions_at_their_opening_words_finds_what_a_scan_finds() -> None:
    """Where an expression list opens with known words, trying it only where those words
    start (as the critic does when they are few) finds exactly what scanning finds."""
    compiled = rules()
    anchored = [
        m
        for m in vars(compiled).values()
        if isinstance(m, Matcher) and m.expressions is not None and m.expression_keys is not None
    ]
    compared = 0
    for answer in _labelled_answers():
        a = Answer.of(answer)
        for matcher in anchored:
            assert matcher.expressions is not None
            scanned = [m.span() for m in matcher.expressions.finditer(a.lower)]
            tried = matcher._at(a.lower, len(a.lower), matcher._places(a.word_starts))
            assert tried == scanned, matcher.expressions.pattern
            compared += bool(scanned)
    assert compared > 100
