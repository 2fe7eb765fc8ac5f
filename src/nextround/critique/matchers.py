"""Word-list matching for the critic: lower-casing that keeps offsets, and compiled lists.

Every list in ``critic_rules.toml`` is compiled once into a :class:`Matcher`: plain phrases
become one trie-shaped regular expression, ``/regex/`` entries one more, and the longest
word of each phrase a prefilter, so a list that cannot match is never scanned. For a whole
answer, a :class:`PhraseIndex` matches the plain phrases of every list in one pass.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from nextround._text import phrase_pattern, trie_regex

# Curly apostrophes are read as straight ones; both are one character, so offsets into
# the normalised text are offsets into the original.
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_LOWER_FIX = str.maketrans({"\u0130": "i"})  # the one letter whose lower case is longer
# Words as the word-list prefilter sees them: letters and digits, split at apostrophes.
TOKEN = re.compile(r"[^\W_]+")
# A capital letter that is not part of an escape such as \S or \W.
_CAPITAL = re.compile(r"(?<!\\)[A-Z]")


def lower(text: str) -> str:
    """Lower-case text without changing its length, so offsets still line up."""
    lowered = text.translate(_LOWER_FIX).lower()
    if len(lowered) != len(text):  # pragma: no cover - no such letter in Unicode 15
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered


def trie_source(phrases: Iterable[str]) -> str | None:
    """Plain phrases as one trie-shaped regular expression, to match lower-cased text.

    Phrases starting with a word character must also start a word; see
    :func:`nextround._text.trie_regex` for the rest of the matching rules.
    """
    at_word: list[str] = []
    anywhere: list[str] = []
    for raw in phrases:
        phrase = raw.strip().translate(APOSTROPHES)
        if phrase:
            starts_word = phrase[0].isalnum() or phrase[0] == "_"
            (at_word if starts_word else anywhere).append(lower(phrase))
    parts = []
    if at_word:
        # The phrase opens with a word character, so ``\b`` before it means what
        # ``(?<!\w)`` would, and ``re`` checks it faster.
        parts.append(r"\b" + str(trie_regex(at_word)))
    if anywhere:
        parts.append(str(trie_regex(anywhere)))
    return "|".join(parts) if parts else None


#: Up to this many places, trying an expression at each is quicker than scanning the text.
_MAX_TRIES = 6

_MAX_TRIE_DEPTH = 200  # letters; well inside Python's recursion limit


def literal_trie(words: Iterable[str]) -> str:
    """Words as one regex alternation shaped like a character trie, longest match first.

    It matches what ``"|".join`` of the escaped words sorted longest first would, in the same
    order when what follows fails, but ``re`` follows one branch per letter instead of trying
    every word at every position. Unlike :func:`trie_source`, no word boundary is added.
    """
    words = list(words)
    if any(len(word) > _MAX_TRIE_DEPTH for word in words):
        # A pasted run of letters would nest too deep; the flat alternation matches the same.
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _literal_node(trie) if trie else "(?!)"


def _literal_node(node: dict[str, Any]) -> str:
    # Longer words first: each letter's continuation, then the end of a word here.
    branches = [re.escape(ch) + _literal_node(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort (start, end) pairs, keeping the longest at each start and dropping overlaps."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if merged and start < merged[-1][1]:
            continue
        merged.append((start, end))
    return merged


def overlaps(span: tuple[int, int], others: Iterable[tuple[int, int]]) -> bool:
    """Whether ``span`` overlaps any of ``others``."""
    return any(a < span[1] and span[0] < b for a, b in others)


_OPENING = re.compile(r"^\\b(?:\(\?:(?P<group>[^()]+)\)|(?P<word>[a-z]+\??))")
# What may follow an opening word so that it ends a word of the text (see ``TOKEN``, which
# also splits at apostrophes: "isn't" is "isn" and "t").
_WORD_END = ("\\s", "\\b", "\\x27", "'", "[\\s", "[,", "[.")
_ALTERNATIVE = re.compile(r"([a-z]+)(\?)?(.*)", re.DOTALL)


def _anchors(expression: str) -> set[str] | None:
    """The words an expression must open with ('\\b(?:in|on)\\s+...' -> in, on), if plain.

    An optional last letter ("hated?") stands for both words; an opening word may be
    followed by an apostrophe ("isn\\x27t" opens with "isn"). None when the expression does
    not open with plain words, so it is always searched.
    """
    m = _OPENING.match(expression)
    if m is None:
        return None
    rest = expression[m.end() :]
    if rest.startswith(("?", "*", "{", "+")):
        return None  # the opening words are optional or repeated
    alternatives = [m.group("word")] if m.group("word") else m.group("group").split("|")
    words: set[str] = set()
    for alternative in alternatives:
        found = _ALTERNATIVE.fullmatch(alternative)
        if found is None:
            return None
        letters, optional, tail = found.groups()
        follower = tail or rest
        if follower and not follower.startswith(_WORD_END):
            return None
        words.add(letters)
        if optional:
            words.add(letters[:-1])
    return words


@dataclass(frozen=True)
class Matcher:
    """One word list from the rules file, compiled: plain phrases and '/regex/' entries."""

    phrases: re.Pattern[str] | None
    expressions: re.Pattern[str] | None
    # The longest word of each plain phrase. A phrase can only occur if its longest word
    # does, so when none of these is among the answer's words the scan is skipped.
    # None when some phrase has no word at all (then the scan always runs).
    keys: frozenset[str] | None
    # The same for the '/regex/' entries, where each opens with literal words
    # ('/\\b(?:in|on|at)\\s+.../'); None when some entry does not.
    expression_keys: frozenset[str] | None = None
    # The plain phrases as matched (lower-cased, straight apostrophes), for PhraseIndex.
    plain: tuple[str, ...] = ()

    @classmethod
    def of(cls, entries: Iterable[str]) -> Matcher:
        """Compile entries: plain ones as a trie, expressions with ``phrase_pattern``.

        Both are matched against the lower-cased text without re.IGNORECASE, which is
        several times faster; so an expression must be written in lower case.
        """
        plain: list[str] = []
        expressions: list[str] = []
        keys: set[str] | None = set()
        for raw in entries:
            entry = raw.strip()
            if len(entry) > 2 and entry.startswith("/") and entry.endswith("/"):
                if _CAPITAL.search(entry):
                    raise ValueError(
                        f"critic_rules.toml: write the expression {entry} in lower case"
                    )
                expressions.append(entry)
            elif entry:
                plain.append(entry)
                tokens = TOKEN.findall(lower(entry.translate(APOSTROPHES)))
                if not tokens:
                    keys = None
                elif keys is not None:
                    keys.add(max(tokens, key=len))
        source = trie_source(plain)
        anchors: set[str] | None = set()
        for entry in expressions:
            found = _anchors(entry[1:-1])
            anchors = None if found is None or anchors is None else anchors | found
        return cls(
            phrases=re.compile(source) if source else None,
            expressions=re.compile(phrase_pattern(expressions).pattern) if expressions else None,
            keys=frozenset(keys) if keys is not None else None,
            expression_keys=frozenset(anchors) if anchors is not None else None,
            plain=tuple(lower(p.translate(APOSTROPHES)) for p in plain),
        )

    def find(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        *,
        tokens: frozenset[str] | None = None,
        plain: list[tuple[int, int]] | None = None,
        word_starts: WordPlaces | None = None,
    ) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) matches in ``text[start:end]`` (lower-cased text).

        ``tokens``, if given, are all the words of ``text`` (see ``TOKEN``), used to
        skip the scan when no phrase can occur. ``plain``, if given, are the plain phrases'
        matches in the whole text, already found by a :class:`PhraseIndex`. ``word_starts``,
        if given, says where words of the whole text start: '/regex/' entries that all
        open with known words are then tried only where those words start, when they are
        few (a scan steps through every character, and costs as much as a few tries).
        """
        stop = len(text) if end is None else end
        found: list[tuple[int, int]] = []
        if plain is not None:
            found.extend(plain)
        elif self.phrases is not None and not (
            tokens is not None and self.keys is not None and self.keys.isdisjoint(tokens)
        ):
            found.extend(m.span() for m in self.phrases.finditer(text, start, stop))
        if self.expressions is not None and not (
            tokens is not None
            and self.expression_keys is not None
            and self.expression_keys.isdisjoint(tokens)
        ):
            places = (
                self._places(word_starts)
                if word_starts is not None and self.expression_keys is not None and not start
                else None
            )
            if places is not None and len(places) <= _MAX_TRIES:
                more = self._at(text, stop, places)
            else:
                more = [m.span() for m in self.expressions.finditer(text, start, stop)]
            if more:
                found = merge(found + more)
        return found

    def _places(self, word_starts: WordPlaces) -> list[int]:
        """Where the expressions' opening words start in the text, in order."""
        assert self.expression_keys is not None
        return sorted(p for key in self.expression_keys for p in word_starts.get(key, ()))

    def _at(self, text: str, stop: int, places: list[int]) -> list[tuple[int, int]]:
        """What ``finditer`` finds, trying the expressions only at ``places``: an expression
        that opens with one of its words can only match where that word starts."""
        assert self.expressions is not None
        found: list[tuple[int, int]] = []
        free = 0
        for place in places:
            if place < free or place >= stop:
                continue
            m = self.expressions.match(text, place, stop)
            if m is not None and m.end() > m.start():
                found.append(m.span())
                free = m.end()
        return found

    def search(self, text: str) -> bool:
        """Whether anything in the list occurs in the (lower-cased) text."""
        if self.phrases is not None and self.phrases.search(text):
            return True
        return self.expressions is not None and self.expressions.search(text) is not None


class WordPlaces:
    """Where each word of a (lower-cased) text starts, worked out only for the words asked
    about: a word (see ``TOKEN``) is looked for with ``str.find`` and kept where it is not
    part of a longer word. Most texts are asked about a few words only."""

    def __init__(self, text: str, tokens: frozenset[str]) -> None:
        self.text = text
        self.tokens = tokens
        self._found: dict[str, list[int]] = {}

    def get(self, word: str, default: Sequence[int] = ()) -> Sequence[int]:
        """The places where ``word`` starts as a whole word, or ``default`` if it never does."""
        if word not in self.tokens:
            return default
        found = self._found.get(word)
        if found is None:
            found = []
            text, size = self.text, len(word)
            place = text.find(word)
            while place >= 0:
                end = place + size
                if (place == 0 or not text[place - 1].isalnum()) and (
                    end == len(text) or not text[end].isalnum()
                ):
                    found.append(place)
                place = text.find(word, place + 1)
            self._found[word] = found
        return found


# Any spaces, then a run of word characters or any one other character that is not a space.
_PIECE = re.compile(r"(\s*)(\w+|\S)")


def _pieces(text: str) -> tuple[list[str], list[int], list[int]]:
    """The text's pieces as index keys (" " in front when a space comes before), and where
    each starts and ends."""
    pairs = _PIECE.findall(text)
    keys = [" " + piece if space else piece for space, piece in pairs]
    ends = list(itertools.accumulate(len(space) + len(piece) for space, piece in pairs))
    starts = [end - len(piece) for end, (_, piece) in zip(ends, pairs, strict=True)]
    return keys, starts, ends


class PhraseIndex:
    """The plain phrases of many word lists as one trie of word pieces, matched in one pass.

    It finds exactly what each list's trie-shaped regular expression finds (each phrase
    starting at a word or at a non-word character, ending at the end of a word, spaces
    matching any run of whitespace, the longest phrase at a place winning, matches not
    overlapping), but reads the answer once for all the lists instead of scanning it once
    per list: ``re`` spends most of a scan stepping through the text, whatever the list.
    """

    def __init__(self, matchers: Iterable[Matcher]) -> None:
        # A node: {piece key: [child node, ids of the lists whose phrase ends here]}.
        self.root: dict[str, list[Any]] = {}
        self.ids: list[int] = []
        for matcher in matchers:
            if matcher.phrases is None or id(matcher) in self.ids:
                continue
            self.ids.append(id(matcher))
            for phrase in matcher.plain:
                keys, _, _ = _pieces(phrase.strip())
                if not keys:
                    continue
                node = self.root
                entry: list[Any] = []
                for key in keys:
                    entry = node.setdefault(key, [{}, []])
                    if node is self.root:  # a phrase may start after a space or not
                        self.root.setdefault(" " + key, entry)
                    node = entry[0]
                if id(matcher) not in entry[1]:
                    entry[1].append(id(matcher))

    def find_all(self, text: str) -> dict[int, list[tuple[int, int]]]:
        """Each indexed list's (start, end) matches in the (lower-cased) text, by list id."""
        found: dict[int, list[tuple[int, int]]] = {key: [] for key in self.ids}
        free_from = dict.fromkeys(self.ids, 0)  # where each list's next match may start
        keys, starts, ends = _pieces(text)
        root = self.root
        count = len(keys)
        for i in range(count):
            entry = root.get(keys[i])
            if entry is None:
                continue
            longest: dict[int, int] = {}
            j = i
            while True:
                for list_id in entry[1]:
                    longest[list_id] = j
                j += 1
                if j == count:
                    break
                entry = entry[0].get(keys[j])
                if entry is None:
                    break
            begin = starts[i]
            for list_id, last in longest.items():
                if begin >= free_from[list_id]:
                    found[list_id].append((begin, ends[last]))
                    free_from[list_id] = ends[last]
        return found
