"""The answer critic: offline, explainable, rule-based feedback on a written interview answer.

``critique(answer, question=..., job_description=...)`` returns one :class:`Finding` per
criterion in :data:`CRITERIA`. Each finding says whether the answer passed (``True``), did
not yet (``False``), or whether the criterion does not apply to this kind of question
(``None``), with a kind one-sentence message and the exact stretches of text it is based on.

Every rule, word list and message lives in ``data/critic_rules.toml`` so a facilitator can
read and extend them; this module only applies them. The judging guide the rules follow is
"The answer critic: criteria and how each is judged" (chapter 6 of the book).

Evidence spans index into ``Critique.answer`` (``answer[s.start:s.end] == s.text``), except
that a finding's ``jd_evidence`` spans (and any finding whose ``source`` is
``"job_description"``) index into ``Critique.job_description``. For relevance, ``evidence``
holds the answer's words that show a requirement and ``jd_evidence`` the requirements shown;
``Critique.requirements`` has the full detail.
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal, cast

from nextround._text import Span, merge_spans, phrase_pattern, sentences, trie_regex, words

QuestionKind = Literal["behavioural", "weakness", "motivation", "technical", "other"]
Source = Literal["answer", "job_description"]
Verdict = Literal["improved", "worse", "same"]

QUESTION_KINDS: tuple[QuestionKind, ...] = (
    "behavioural",
    "weakness",
    "motivation",
    "technical",
    "other",
)

#: The criteria, in the order findings are reported.
CRITERIA: tuple[str, ...] = (
    "situation",
    "action",
    "result",
    "metrics",
    "ownership",
    "reflection",
    "relevance",
    "length",
    "filler",
    "negativity",
    "vagueness",
    "cliches",
    "enthusiasm",
)


# ---------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """The verdict on one criterion, with a kind next step and the text it is based on.

    ``passed`` is ``None`` when the criterion does not apply (or there is nothing to judge
    yet). ``evidence`` spans index into the text named by ``source``; ``jd_evidence`` is
    only used by relevance and always indexes into the job description.
    """

    criterion: str
    passed: bool | None
    message: str
    evidence: tuple[Span, ...] = ()
    source: Source = "answer"
    jd_evidence: tuple[Span, ...] = ()

    @property
    def title(self) -> str:
        """A short human name for the criterion, such as "Sets the scene"."""
        return criterion_title(self.criterion)


@dataclass(frozen=True, slots=True)
class Requirement:
    """One requirement read from a job description, and whether the answer shows it.

    ``span`` indexes into the job description; ``evidence`` into the answer.
    """

    span: Span
    keywords: tuple[str, ...]
    evidence: tuple[Span, ...]

    @property
    def text(self) -> str:
        """The requirement as written in the job description."""
        return self.span.text

    @property
    def shown(self) -> bool:
        """Whether the answer uses at least one of the requirement's distinctive words."""
        return bool(self.evidence)


@dataclass(frozen=True, slots=True)
class Critique:
    """The critic's report on one answer: one finding per criterion, in ``CRITERIA`` order."""

    answer: str
    question: str | None
    kind: QuestionKind
    findings: tuple[Finding, ...]
    word_count: int
    job_description: str | None = None
    requirements: tuple[Requirement, ...] = ()

    def finding(self, criterion: str) -> Finding:
        """The finding for one criterion (``KeyError`` if it is not one of ``CRITERIA``)."""
        for item in self.findings:
            if item.criterion == criterion:
                return item
        raise KeyError(criterion)

    @property
    def applicable(self) -> tuple[Finding, ...]:
        """The findings that were judged (passed is True or False)."""
        return tuple(f for f in self.findings if f.passed is not None)

    @property
    def passed_count(self) -> int:
        """How many judged criteria passed."""
        return sum(1 for f in self.findings if f.passed)

    @property
    def next_step(self) -> Finding | None:
        """The failed finding most worth working on next, or None when nothing failed."""
        failed = {f.criterion: f for f in self.findings if f.passed is False}
        for criterion in _rules().priority:
            if criterion in failed:
                return failed[criterion]
        return next(iter(failed.values()), None)

    @property
    def summary(self) -> str:
        """One or two kind sentences: how many checks passed and the most useful next step."""
        texts = _rules().summary
        applicable = len(self.applicable)
        if self.word_count == 0 or applicable == 0:
            return texts["empty"]
        step = self.next_step
        if step is None:
            return _fill(texts["all_passed"], applicable=applicable)
        return _fill(
            texts["some_failed"],
            passed=self.passed_count,
            applicable=applicable,
            next_step=step.message,
        )


@dataclass(frozen=True, slots=True)
class Change:
    """How one criterion's verdict moved between two versions of an answer."""

    criterion: str
    before: bool | None
    after: bool | None

    @property
    def verdict(self) -> Verdict:
        """``improved`` (failed, now passes), ``worse`` (passed, now fails) or ``same``."""
        if self.before is False and self.after is True:
            return "improved"
        if self.before is True and self.after is False:
            return "worse"
        return "same"


@dataclass(frozen=True, slots=True)
class Comparison:
    """Per-criterion changes between an answer and its rewrite, with a one-line summary."""

    before: Critique
    after: Critique
    changes: tuple[Change, ...]

    def change(self, criterion: str) -> Change:
        """The change for one criterion (``KeyError`` if it is not one of ``CRITERIA``)."""
        for item in self.changes:
            if item.criterion == criterion:
                return item
        raise KeyError(criterion)

    @property
    def improved(self) -> tuple[str, ...]:
        """Criteria that failed before and pass now."""
        return tuple(c.criterion for c in self.changes if c.verdict == "improved")

    @property
    def worse(self) -> tuple[str, ...]:
        """Criteria that passed before and fail now."""
        return tuple(c.criterion for c in self.changes if c.verdict == "worse")

    @property
    def summary(self) -> str:
        """One line saying what improved and what, if anything, got worse."""
        texts = _rules().compare
        improved, worse = self.improved, self.worse
        worse_part = _fill(texts["worse_part"], worse=_titles(worse)) if worse else ""
        if improved:
            return _fill(
                texts["improved_one" if len(improved) == 1 else "improved_many"],
                improved_count=len(improved),
                improved=_titles(improved),
                worse_part=worse_part,
            )
        if worse:
            return _fill(texts["only_worse"], worse=_titles(worse))
        return texts["all_same"]


# ---------------------------------------------------------------------------------------
# The rules, loaded once from the data file
# ---------------------------------------------------------------------------------------

# Curly apostrophes are read as straight ones; both are one character, so offsets into
# the normalised text are offsets into the original.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_BULLET = re.compile(r"^[ \t]*(?:[-*\u2022\u00b7\u2013]|\d{1,2}[.)])[ \t]+(\S.*?)[ \t]*$", re.M)
_SPACES = re.compile(r"\s+")
_LOWER_FIX = str.maketrans({"\u0130": "i"})  # the one letter whose lower case is longer
# A job description is read for at most this many requirements, each with at most this
# many distinctive words: enough for any real advert, and a 1 MB paste stays quick.
_MAX_REQUIREMENTS = 60
_MAX_KEYWORDS = 40
# A verb joined on to an "I" action: ", rebuilt", ", and then rebuilt", " and rebuilt".
_COORDINATED = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:then\s+|also\s+)?([a-z]+)\b")
_CLAUSE_END = re.compile(r"[.!?;:\n]")
_MAX_CLAUSE = 300  # characters looked at after an "I" action, so long pastes stay linear
# Words as the word-list prefilter sees them: letters and digits, split at apostrophes.
_TOKEN = re.compile(r"[^\W_]+")
# A capital letter that is not part of an escape such as \S or \W.
_CAPITAL = re.compile(r"(?<!\\)[A-Z]")


def _lower(text: str) -> str:
    """Lower-case text without changing its length, so offsets still line up."""
    lowered = text.translate(_LOWER_FIX).lower()
    if len(lowered) != len(text):  # pragma: no cover - no such letter in Unicode 15
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered


def _trie_source(phrases: Iterable[str]) -> str | None:
    """Plain phrases as one trie-shaped regular expression, to match lower-cased text.

    Phrases starting with a word character must also start a word; see
    :func:`nextround._text.trie_regex` for the rest of the matching rules.
    """
    at_word: list[str] = []
    anywhere: list[str] = []
    for raw in phrases:
        phrase = raw.strip().translate(_APOSTROPHES)
        if phrase:
            starts_word = phrase[0].isalnum() or phrase[0] == "_"
            (at_word if starts_word else anywhere).append(_lower(phrase))
    parts = []
    if at_word:
        parts.append(r"(?<!\w)" + str(trie_regex(at_word)))
    if anywhere:
        parts.append(str(trie_regex(anywhere)))
    return "|".join(parts) if parts else None


@dataclass(frozen=True)
class _Matcher:
    """One word list from the rules file, compiled: plain phrases and '/regex/' entries."""

    phrases: re.Pattern[str] | None
    expressions: re.Pattern[str] | None
    # The longest word of each plain phrase. A phrase can only occur if its longest word
    # does, so when none of these is among the answer's words the scan is skipped.
    # None when some phrase has no word at all (then the scan always runs).
    keys: frozenset[str] | None

    @classmethod
    def of(cls, entries: Iterable[str]) -> _Matcher:
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
                tokens = _TOKEN.findall(_lower(entry.translate(_APOSTROPHES)))
                if not tokens:
                    keys = None
                elif keys is not None:
                    keys.add(max(tokens, key=len))
        source = _trie_source(plain)
        return cls(
            phrases=re.compile(source) if source else None,
            expressions=re.compile(phrase_pattern(expressions).pattern) if expressions else None,
            keys=frozenset(keys) if keys is not None else None,
        )

    def find(
        self,
        lower: str,
        start: int = 0,
        end: int | None = None,
        tokens: frozenset[str] | None = None,
    ) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) matches in ``lower[start:end]`` (lower-cased text).

        ``tokens``, if given, are all the words of ``lower`` (see ``_TOKEN``), used to
        skip the scan when no phrase can occur.
        """
        stop = len(lower) if end is None else end
        found: list[tuple[int, int]] = []
        if self.phrases is not None and not (
            tokens is not None and self.keys is not None and self.keys.isdisjoint(tokens)
        ):
            found.extend(m.span() for m in self.phrases.finditer(lower, start, stop))
        if self.expressions is not None:
            more = [m.span() for m in self.expressions.finditer(lower, start, stop)]
            if more:
                found = _merge(found + more)
        return found

    def search(self, lower: str) -> bool:
        """Whether anything in the list occurs in the (lower-cased) text."""
        if self.phrases is not None and self.phrases.search(lower):
            return True
        return self.expressions is not None and self.expressions.search(lower) is not None


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort (start, end) pairs, keeping the longest at each start and dropping overlaps."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if merged and start < merged[-1][1]:
            continue
        merged.append((start, end))
    return merged


@dataclass(frozen=True)
class _Rules:
    """Every rule of the critic, compiled from ``critic_rules.toml``."""

    thresholds: Mapping[str, Any]
    kind_order: tuple[QuestionKind, ...]
    kind_patterns: Mapping[str, _Matcher]
    applicability: Mapping[str, frozenset[str]]
    names: re.Pattern[str]
    not_names: frozenset[str]
    situation: _Matcher
    named_place: re.Pattern[str]
    action: re.Pattern[str]
    action_verbs: frozenset[str]
    not_actions: frozenset[str]
    except_before_to: frozenset[str]
    coordination_stops: frozenset[str]
    result: _Matcher
    result_after_action: bool
    number_words: _Matcher
    not_numbers: _Matcher
    digits: re.Pattern[str]
    year: re.Pattern[str]
    reflection: _Matcher
    generic_words: frozenset[str]
    endings: tuple[str, ...]
    min_word_length: int
    filler: _Matcher
    not_fillers: _Matcher
    targets: _Matcher
    weak_targets: frozenset[str]
    disparaging: _Matcher
    disparaging_words: frozenset[str]
    not_disparaging: _Matcher
    predicate: re.Pattern[str]
    feelings: frozenset[str]
    vader_threshold: float
    vague: _Matcher
    cliches: _Matcher
    example_markers: _Matcher
    specific: _Matcher
    reasons: _Matcher
    generic: _Matcher
    messages: Mapping[str, Any]
    titles: Mapping[str, str]
    summary: Mapping[str, str]
    compare: Mapping[str, str]
    priority: tuple[str, ...]


def _strs(table: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"critic_rules.toml: {key} must be a list of strings")
    return tuple(cast(list[str], value))


def _wordset(table: Mapping[str, Any], key: str) -> frozenset[str]:
    return frozenset(_lower(w.translate(_APOSTROPHES)) for w in _strs(table, key))


def _alternation(entries: Iterable[str]) -> str:
    return "|".join(re.escape(e) for e in sorted(entries, key=len, reverse=True))


def _load_raw() -> dict[str, Any]:
    text = resources.files("nextround").joinpath("data/critic_rules.toml").read_text("utf-8")
    return tomllib.loads(text)


@functools.cache
def _rules() -> _Rules:
    """Load and compile the rules file once per process."""
    raw = _load_raw()
    kinds = raw["question_kinds"]
    action = raw["action"]
    metrics = raw["metrics"]
    neg = raw["negativity"]
    messages = raw["messages"]
    # "I" (or "I have", "I've", "I had"), up to two adverbs, then the word to judge; the
    # following "to" is captured for "I used to". Matched on lower-cased text.
    action_re = re.compile(
        r"(?<![\w'])i(?:\s+(?:have|had)|'ve)?"
        rf"(?:\s+(?:{_alternation(_wordset(action, 'adverbs'))}|[a-z]+ly)\b){{0,2}}"
        r"\s+([a-z]+(?:'[a-z]+)?)(?:\s+(to)\b)?"
    )
    targets = _strs(neg, "targets")
    # A target described with "was/were/is/are (adverbs) WORD"; WORD is judged afterwards.
    predicate = re.compile(
        rf"(?:{_trie_source(targets) or '(?!)'})\s+"
        r"(?:(?:there|here|at\s+\w+)\s+)?"
        r"(?:was|were|is|are|seemed|seem|became|got|could\s+be|can\s+be)\s+"
        r"(?:(?:so|very|really|completely|totally|utterly|just|quite|pretty|always|often|"
        r"constantly|extremely|incredibly|such|a|an|absolutely|honestly|frankly)\s+){0,3}"
        r"(?P<word>[a-z][a-z'-]*)"
    )
    disparaging = _strs(neg, "disparaging")
    return _Rules(
        thresholds=raw["thresholds"],
        kind_order=cast(tuple[QuestionKind, ...], _strs(kinds, "order")),
        kind_patterns={k: _Matcher.of(_strs(kinds["patterns"], k)) for k in kinds["patterns"]},
        applicability={k: frozenset(_strs(raw["applicability"], k)) for k in QUESTION_KINDS},
        names=re.compile(raw["names"]["pattern"]),
        not_names=frozenset(_strs(raw["names"], "not_names")),
        situation=_Matcher.of(_strs(raw["situation"], "markers")),
        named_place=re.compile(raw["situation"]["named_place"]),
        action=action_re,
        action_verbs=_wordset(action, "verbs"),
        not_actions=_wordset(action, "not_actions"),
        except_before_to=_wordset(action, "except_before_to"),
        coordination_stops=_wordset(action, "coordination_stops"),
        result=_Matcher.of(_strs(raw["result"], "markers")),
        result_after_action=bool(raw["result"].get("only_after_first_action", True)),
        number_words=_Matcher.of(_strs(metrics, "number_words")),
        not_numbers=_Matcher.of(_strs(metrics, "not_numbers")),
        digits=re.compile(metrics["digits"], re.IGNORECASE),
        year=re.compile(metrics["year"]),
        reflection=_Matcher.of(_strs(raw["reflection"], "markers")),
        generic_words=_wordset(raw["relevance"], "generic_words")
        | _wordset(raw["relevance"], "stop_words"),
        endings=tuple(sorted(_strs(raw["relevance"], "endings"), key=len, reverse=True)),
        min_word_length=int(raw["relevance"].get("min_word_length", 3)),
        filler=_Matcher.of(_strs(raw["filler"], "words")),
        not_fillers=_Matcher.of(_strs(raw["filler"], "not_fillers")),
        targets=_Matcher.of(targets),
        weak_targets=_wordset(neg, "weak_targets"),
        disparaging=_Matcher.of(disparaging),
        disparaging_words=frozenset(_lower(d) for d in disparaging if " " not in d),
        not_disparaging=_Matcher.of(_strs(neg, "not_disparaging")),
        predicate=predicate,
        feelings=_wordset(neg, "feelings"),
        vader_threshold=float(neg.get("vader_word_threshold", -1.5)),
        vague=_Matcher.of(_strs(raw["vagueness"], "placeholders")),
        cliches=_Matcher.of(_strs(raw["cliches"], "phrases")),
        example_markers=_Matcher.of(_strs(raw["cliches"], "example_markers")),
        specific=_Matcher.of(_strs(raw["enthusiasm"], "specific")),
        reasons=_Matcher.of(_strs(raw["enthusiasm"], "reasons")),
        generic=_Matcher.of(_strs(raw["enthusiasm"], "generic")),
        messages=messages,
        titles=messages["titles"],
        summary=raw["summary"],
        compare=raw["compare"],
        priority=_strs(raw["summary"], "priority"),
    )


@functools.cache
def _vader_lexicon() -> Mapping[str, float]:
    """VADER's word valences (loaded only when a target is described at all)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: PLC0415

    return cast(Mapping[str, float], SentimentIntensityAnalyzer().lexicon)


def criterion_title(criterion: str) -> str:
    """A short human name for a criterion, such as "Sets the scene" for ``situation``."""
    return str(_rules().titles.get(criterion, criterion.capitalize()))


# ---------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------


class _Blank(dict[str, object]):
    """Fills a message's unknown placeholders with nothing rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def _fill(template: str, **fields: object) -> str:
    return template.format_map(_Blank(fields))


def _message(criterion: str, key: str, **fields: object) -> str:
    table = _rules().messages.get(criterion, {})
    return _fill(str(table.get(key, table.get("fail", ""))), **fields)


def _short(text: str, limit: int = 40) -> str:
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _quoted(texts: Iterable[str], limit: int = 3) -> str:
    """The first few distinct texts, quoted: '"um", "basically" and "you know"'."""
    seen: list[str] = []
    for text in texts:
        short = _short(text)
        if short and short.lower() not in (s.lower() for s in seen):
            seen.append(short)
        if len(seen) == limit:
            break
    quoted = [f"\u201c{s}\u201d" for s in seen]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _titles(criteria: Sequence[str]) -> str:
    """Criteria as a readable list of their quoted titles."""
    return _quoted((criterion_title(c) for c in criteria), limit=len(criteria))


def _cap(spans: Iterable[Span]) -> tuple[Span, ...]:
    """At most ``max_evidence`` spans (a learner cannot use thousands of highlights)."""
    limit = int(_rules().thresholds["max_evidence"])
    out: list[Span] = []
    for span in spans:
        if len(out) >= limit:
            break
        out.append(span)
    return tuple(out)


# ---------------------------------------------------------------------------------------
# Question kinds
# ---------------------------------------------------------------------------------------


def classify_question(question: str | None) -> QuestionKind:
    """The kind of interview question, from its wording ("other" when none is given)."""
    if not question or not question.strip():
        return "other"
    rules = _rules()
    text = question.translate(_APOSTROPHES)
    lower = _lower(text)
    for kind in rules.kind_order:
        matcher = rules.kind_patterns.get(kind)
        if matcher is not None and matcher.search(lower):
            return kind
    return "other"


# ---------------------------------------------------------------------------------------
# The answer, analysed once per critique
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    """The answer with what several rules share, each worked out once and only if needed."""

    original: str
    text: str  # curly apostrophes straightened; same length as the original
    lower: str  # ``text`` lower-cased; same length again

    @classmethod
    def of(cls, answer: str) -> _Text:
        """Prepare an answer for the rules."""
        text = answer.translate(_APOSTROPHES)
        return cls(original=answer, text=text, lower=_lower(text))

    @functools.cached_property
    def sentences(self) -> tuple[Span, ...]:
        """The answer's sentences."""
        return tuple(sentences(self.text))

    @functools.cached_property
    def starts(self) -> tuple[int, ...]:
        """Where each sentence starts."""
        return tuple(s.start for s in self.sentences)

    @functools.cached_property
    def tokens(self) -> frozenset[str]:
        """Every word of the answer, lower-cased, for skipping word lists that cannot match."""
        return frozenset(_TOKEN.findall(self.lower))

    @functools.cached_property
    def actions(self) -> tuple[Span, ...]:
        """Each "I + action verb", shared by action, ownership and result."""
        return tuple(_actions(self.lower, self.original))

    @functools.cached_property
    def digits(self) -> tuple[tuple[int, int, bool], ...]:
        """Numbers written in digits as (start, end, is_a_bare_year)."""
        rules = _rules()
        return tuple(
            (m.start(), m.end(), rules.year.fullmatch(m.group(0)) is not None)
            for m in rules.digits.finditer(self.text)
        )

    def span(self, start: int, end: int) -> Span:
        """A span of the original answer."""
        return Span(start, end, self.original[start:end])

    def find(self, matcher: _Matcher, start: int = 0, end: int | None = None) -> list[Span]:
        """Matches of a word list in the answer (or in ``[start:end]`` of it)."""
        # The answer's words are a superset of any window's, so the prefilter stays safe.
        found = matcher.find(self.lower, start, end, self.tokens)
        return [self.span(a, b) for a, b in found]

    def sentence_index(self, offset: int) -> int:
        """Which sentence an offset falls in (the last one starting at or before it)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def _actions(lower: str, original: str) -> Iterator[Span]:
    """Each thing the speaker says they did: "I + action verb", and verbs joined on to it.

    "I called the depot, found the sofa and booked a slot" is three actions: after an
    "I" action, a verb that follows a comma or "and" in the same sentence is the speaker's
    too, until a new subject ("we", "she"...) or a word in ``coordination_stops``.
    """
    rules = _rules()
    for m in rules.action.finditer(lower):
        verb = m.group(1)
        if verb in rules.except_before_to and m.group(2):
            continue
        if not _is_action(verb):
            continue
        yield Span(m.start(), m.end(1), original[m.start() : m.end(1)])
        stop = _CLAUSE_END.search(lower, m.end(), m.end() + _MAX_CLAUSE)
        end = stop.start() if stop else min(len(lower), m.end() + _MAX_CLAUSE)
        for joined in _COORDINATED.finditer(lower, m.end(), end):
            word = joined.group(1)
            if word in rules.coordination_stops:
                break
            if _is_action(word):
                yield Span(
                    joined.start(1), joined.end(1), original[joined.start(1) : joined.end(1)]
                )


def _is_action(verb: str) -> bool:
    """Whether a (lower-case) word after "I" is a concrete action."""
    rules = _rules()
    return verb in rules.action_verbs or (
        len(verb) > 3
        and verb.endswith("ed")
        and not verb.endswith("eed")
        and verb not in rules.not_actions
    )


# ---------------------------------------------------------------------------------------
# The criteria. Each returns (passed, evidence, message).
# ---------------------------------------------------------------------------------------

_Judgement = tuple[bool, tuple[Span, ...], str]


def _judge_present(criterion: str, found: Sequence[Span]) -> _Judgement:
    """Pass when the rule found anything; the spans found are the evidence."""
    if found:
        return True, _cap(found), _message(criterion, "pass")
    return False, (), _message(criterion, "fail")


def _situation(t: _Text) -> list[Span]:
    """Time, place, role and stakes markers, and named workplaces ("at Harbourline")."""
    rules = _rules()
    found = rules.situation.find(t.lower, tokens=t.tokens)
    found += [m.span() for m in rules.named_place.finditer(t.text)]
    found += [(a, b) for a, b, is_year in t.digits if is_year]
    return [t.span(a, b) for a, b in _merge(found)]


def _judge_action(t: _Text) -> _Judgement:
    if t.actions:
        examples = _quoted(s.text for s in t.actions)
        return True, _cap(t.actions), _message("action", "pass", examples=examples)
    return False, (), _message("action", "fail")


def _judge_ownership(t: _Text) -> _Judgement:
    needed = int(_rules().thresholds["ownership_min_actions"])
    count = len(t.actions)
    passed = count >= needed
    return passed, _cap(t.actions), _message("ownership", "pass" if passed else "fail", count=count)


def _judge_result(t: _Text) -> _Judgement:
    rules = _rules()
    start = 0
    if rules.result_after_action and t.actions:
        start = t.sentences[t.sentence_index(t.actions[0].start)].start
    return _judge_present("result", t.find(rules.result, start))


def _numbers(
    text: str,
    lower: str,
    limit: int,
    digits: Iterable[tuple[int, int, bool]] | None = None,
    tokens: frozenset[str] | None = None,
) -> list[tuple[int, int]]:
    """Numbers in digits (not bare years) and number words, in text order."""
    rules = _rules()
    if digits is None:
        digits = (
            (m.start(), m.end(), rules.year.fullmatch(m.group(0)) is not None)
            for m in rules.digits.finditer(text)
        )
    found: list[tuple[int, int]] = []
    for start, end, is_year in digits:
        if not is_year:
            found.append((start, end))
            if len(found) >= limit:
                return found
    words_found = rules.number_words.find(lower, tokens=tokens)
    if words_found:
        blocked = rules.not_numbers.find(lower, tokens=tokens)
        for start, end in words_found:
            if not any(a <= start < b for a, b in blocked):
                found.append((start, end))
                if len(found) >= limit:
                    break
    return sorted(found)


def _judge_metrics(t: _Text) -> _Judgement:
    limit = int(_rules().thresholds["max_evidence"])
    found = [t.span(a, b) for a, b in _numbers(t.text, t.lower, limit, t.digits, t.tokens)]
    if found:
        examples = _quoted(s.text for s in found)
        return True, _cap(found), _message("metrics", "pass", examples=examples)
    return False, (), _message("metrics", "fail")


def _judge_length(word_count: int) -> _Judgement:
    limits = _rules().thresholds
    low, high = int(limits["min_words"]), int(limits["max_words"])
    fields = {"words": word_count, "min": low, "max": high}
    if word_count < low:
        return False, (), _message("length", "fail_short", **fields)
    if word_count > high:
        return False, (), _message("length", "fail_long", **fields)
    return True, (), _message("length", "pass", **fields)


def _judge_filler(t: _Text, word_count: int) -> _Judgement:
    rules = _rules()
    limits = rules.thresholds
    found = t.find(rules.filler)
    if found:
        exempt = rules.not_fillers.find(t.lower, tokens=t.tokens)
        found = [s for s in found if not any(a <= s.start < b for a, b in exempt)]
    count = len(found)
    per_100 = 100 * count / word_count if word_count else 0.0
    # A lone filler in an answer of full length is not a habit worth flagging; in a shorter
    # one (or with two or more) the rate decides.
    lone_ok = count < int(limits["filler_min_for_rate"]) and word_count >= int(limits["min_words"])
    too_dense = not lone_ok and per_100 > float(limits["filler_max_per_100"])
    passed = count < int(limits["filler_fail_count"]) and not too_dense
    examples = _quoted(s.text for s in found)
    return (
        passed,
        _cap(found),
        _message("filler", "pass" if passed else "fail", count=count, examples=examples),
    )


def _judge_negativity(t: _Text) -> _Judgement:
    """Fail on disparaging words in a sentence that names a target, or a target described
    as something strongly negative ("my manager was cruel", judged with VADER's lexicon)."""
    rules = _rules()
    words_found = rules.disparaging.find(t.lower, tokens=t.tokens)
    described = [m.span() for m in rules.predicate.finditer(t.lower) if _is_disparaging(m)]
    if words_found or described:
        shield = rules.not_disparaging.find(t.lower, tokens=t.tokens)
        if words_found:
            # Only sentences naming a strong target count ("they" alone is too vague).
            about = {
                t.sentence_index(a)
                for a, b in rules.targets.find(t.lower, tokens=t.tokens)
                if t.lower[a:b] not in rules.weak_targets
            }
            words_found = [w for w in words_found if t.sentence_index(w[0]) in about]
        found = [
            (a, b)
            for a, b in _merge(words_found + described)
            if not any(x < b and a < y for x, y in shield)
        ]
        if found:
            spans = [t.span(a, b) for a, b in found]
            examples = _quoted(s.text for s in spans)
            return False, _cap(spans), _message("negativity", "fail", examples=examples)
    return True, (), _message("negativity", "pass")


def _is_disparaging(m: re.Match[str]) -> bool:
    """Whether the word describing a target (in a ``predicate`` match) is disparaging."""
    rules = _rules()
    word = m.group("word")
    if word in rules.feelings:
        return False
    return word in rules.disparaging_words or (
        _vader_lexicon().get(word, 0.0) <= rules.vader_threshold
    )


def _judge_vagueness(t: _Text) -> _Judgement:
    found = t.find(_rules().vague)
    passed = len(found) < int(_rules().thresholds["vague_fail_count"])
    examples = _quoted(s.text for s in found)
    return (
        passed,
        _cap(found),
        _message("vagueness", "pass" if passed else "fail", count=len(found), examples=examples),
    )


def _names(text: str) -> list[tuple[int, int]]:
    """Capitalised words in mid-sentence that look like names (companies, projects)."""
    rules = _rules()
    return [m.span() for m in rules.names.finditer(text) if m.group(0) not in rules.not_names]


def _has_example(t: _Text, cliche: Span) -> bool:
    """Whether the cliché's sentence or the next one gives a concrete example."""
    rules = _rules()
    index = t.sentence_index(cliche.start)
    if not t.sentences:  # pragma: no cover - a cliché is always inside a sentence
        return False
    first = t.sentences[index]
    last = t.sentences[min(index + 1, len(t.sentences) - 1)]
    # The cliché itself is blanked out so "110%" is not its own example.
    context = (
        t.text[first.start : cliche.start]
        + " " * (cliche.end - cliche.start)
        + t.text[cliche.end : last.end]
    )
    lower = _lower(context)
    return bool(
        rules.example_markers.search(lower) or _numbers(context, lower, limit=1) or _names(context)
    )


def _judge_cliches(t: _Text) -> _Judgement:
    found = t.find(_rules().cliches)
    if not found:
        return True, (), _message("cliches", "pass")
    bare = [s for s in found if not _has_example(t, s)]
    if bare:
        examples = _quoted(s.text for s in bare)
        return False, _cap(bare), _message("cliches", "fail", examples=examples)
    examples = _quoted(s.text for s in found)
    return True, _cap(found), _message("cliches", "pass_backed", examples=examples)


def _judge_enthusiasm(t: _Text, question: str | None) -> _Judgement:
    rules = _rules()
    specific = t.find(rules.specific) + [t.span(a, b) for a, b in _names(t.text)]
    if question:
        wanted = {_lower(question[a:b]) for a, b in _names(question.translate(_APOSTROPHES))}
        if wanted:
            specific += [
                t.span(*m.span()) for m in _TOKEN.finditer(t.lower) if m.group(0) in wanted
            ]
    reasons = t.find(rules.reasons)
    if specific and reasons:
        return True, _cap(merge_spans(specific + reasons)), _message("enthusiasm", "pass")
    generic = t.find(rules.generic)
    if generic:
        examples = _quoted(s.text for s in generic)
        return False, _cap(generic), _message("enthusiasm", "fail_generic", examples=examples)
    return False, (), _message("enthusiasm", "fail")


# ---------------------------------------------------------------------------------------
# Relevance to a job description
# ---------------------------------------------------------------------------------------


def _stem(word: str) -> str:
    """Trim one common ending (and a final e) so related forms of a word compare equal."""
    word = _lower(word)
    for ending in _rules().endings:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


@dataclass(frozen=True)
class _JobDescription:
    """A job description read into requirements, with one pattern to find them in answers."""

    requirements: tuple[tuple[Span, tuple[str, ...], frozenset[str]], ...]
    pattern: re.Pattern[str] | None
    stems: Mapping[str, str]  # what the pattern's group 1 can be -> the stem it stands for


@functools.cache
def _generic_stems() -> frozenset[str]:
    return frozenset(_stem(w) for w in _rules().generic_words)


@functools.lru_cache(maxsize=64)
def _read_job_description(job_description: str) -> _JobDescription:
    """Requirements (bullet lines, else sentences) and their distinctive word stems."""
    rules = _rules()
    text = job_description.translate(_APOSTROPHES)
    spans = [
        Span(m.start(1), m.end(1), job_description[m.start(1) : m.end(1)])
        for m in _BULLET.finditer(text)
    ]
    if not spans:
        spans = sentences(job_description)
    requirements: list[tuple[Span, tuple[str, ...], frozenset[str]]] = []
    all_stems: set[str] = set()
    for span in spans[:_MAX_REQUIREMENTS]:
        keywords: list[str] = []
        stems: set[str] = set()
        for word in words(span.text.translate(_APOSTROPHES)):
            lower = _lower(word)
            stem = _stem(lower)
            acronym = len(word) >= 2 and word.isupper() and word.isalpha()
            if lower in rules.generic_words or stem in _generic_stems():
                continue
            if not acronym and (len(stem) < rules.min_word_length or not word.isalpha()):
                continue
            if stem not in stems:
                stems.add(stem)
                keywords.append(word)
                if len(stems) >= _MAX_KEYWORDS:
                    break
        if stems:
            requirements.append((span, tuple(keywords), frozenset(stems)))
            all_stems |= stems
    if not all_stems:
        return _JobDescription(tuple(requirements), None, {})
    # "plan" should also find "planned" and "planning": allow a doubled last letter.
    variants = {stem: stem for stem in all_stems}
    for stem in all_stems:
        if stem[-1] not in "aeiouwxy":
            variants.setdefault(stem + stem[-1], stem)
    pattern = re.compile(
        rf"(?<![\w'])({_alternation(variants)})"
        rf"(?:{_alternation(rules.endings)})?e?(?:s|d)?(?![\w'])"
    )
    return _JobDescription(tuple(requirements), pattern, variants)


def _requirements(t: _Text, job_description: str) -> tuple[Requirement, ...]:
    jd = _read_job_description(job_description)
    if jd.pattern is None:
        return ()
    limit = int(_rules().thresholds["max_evidence"])
    by_stem: dict[str, list[Span]] = {}
    for m in jd.pattern.finditer(t.lower):
        found = by_stem.setdefault(jd.stems[m.group(1)], [])
        if len(found) < limit:
            found.append(t.span(*m.span()))
    out: list[Requirement] = []
    for span, keywords, stems in jd.requirements:
        evidence = sorted(
            (s for stem in stems for s in by_stem.get(stem, ())), key=lambda s: s.start
        )
        out.append(Requirement(span=span, keywords=keywords, evidence=tuple(evidence)))
    return tuple(out)


def _relevance_finding(requirements: tuple[Requirement, ...]) -> Finding:
    if not requirements:
        return Finding("relevance", None, _message("relevance", "no_requirements"))
    shown = [r for r in requirements if r.shown]
    missing = [r for r in requirements if not r.shown]
    passed = len(shown) >= float(_rules().thresholds["relevance_min_share"]) * len(requirements)
    fields = {
        "shown": len(shown),
        "total": len(requirements),
        "missing": _quoted((r.text for r in missing), limit=2),
    }
    return Finding(
        criterion="relevance",
        passed=passed,
        message=_message("relevance", "pass" if passed else "fail", **fields),
        evidence=_cap(merge_spans([s for r in shown for s in r.evidence])),
        jd_evidence=tuple(r.span for r in shown),
    )


# ---------------------------------------------------------------------------------------
# The critic
# ---------------------------------------------------------------------------------------


def critique(
    answer: str, *, question: str | None = None, job_description: str | None = None
) -> Critique:
    """Judge a written interview answer against every criterion in :data:`CRITERIA`.

    Pure and deterministic: the same answer, question and job description always give
    the same critique. Criteria that do not apply to the question's kind (see
    ``[applicability]`` in the rules file) get ``passed=None``; so does every criterion
    while the answer has no words yet, and relevance when no job description is given.
    """
    rules = _rules()
    kind = classify_question(question)
    word_count = len(words(answer))
    jd = job_description if job_description and job_description.strip() else None
    if word_count == 0:
        empty = str(rules.messages["empty"])
        findings = tuple(Finding(c, None, empty) for c in CRITERIA)
        return Critique(answer, question, kind, findings, 0, jd)

    t = _Text.of(answer)
    applicable = rules.applicability[kind]
    requirements = _requirements(t, jd) if jd is not None and "relevance" in applicable else ()
    out: list[Finding] = []
    for criterion in CRITERIA:
        if criterion not in applicable:
            out.append(Finding(criterion, None, str(rules.messages["not_applicable"])))
        elif criterion == "relevance":
            if jd is None:
                out.append(Finding(criterion, None, str(rules.messages["no_job_description"])))
            else:
                out.append(_relevance_finding(requirements))
        else:
            passed, evidence, message = _JUDGES[criterion](t, word_count, question)
            out.append(Finding(criterion, passed, message, evidence))
    return Critique(answer, question, kind, tuple(out), word_count, jd, requirements)


# Each criterion's rule, given the analysed answer, its word count and the question.
_JUDGES: dict[str, Callable[[_Text, int, str | None], _Judgement]] = {
    "situation": lambda t, n, q: _judge_present("situation", _situation(t)),
    "action": lambda t, n, q: _judge_action(t),
    "result": lambda t, n, q: _judge_result(t),
    "metrics": lambda t, n, q: _judge_metrics(t),
    "ownership": lambda t, n, q: _judge_ownership(t),
    "reflection": lambda t, n, q: _judge_present("reflection", t.find(_rules().reflection)),
    "length": lambda t, n, q: _judge_length(n),
    "filler": lambda t, n, q: _judge_filler(t, n),
    "negativity": lambda t, n, q: _judge_negativity(t),
    "vagueness": lambda t, n, q: _judge_vagueness(t),
    "cliches": lambda t, n, q: _judge_cliches(t),
    "enthusiasm": lambda t, n, q: _judge_enthusiasm(t, q),
}


def compare(before: Critique, after: Critique) -> Comparison:
    """Compare an answer's critique with its rewrite's, criterion by criterion."""
    changes = tuple(Change(c, before.finding(c).passed, after.finding(c).passed) for c in CRITERIA)
    return Comparison(before, after, changes)


__all__ = [
    "CRITERIA",
    "QUESTION_KINDS",
    "Change",
    "Comparison",
    "Critique",
    "Finding",
    "QuestionKind",
    "Requirement",
    "Source",
    "Verdict",
    "classify_question",
    "compare",
    "criterion_title",
    "critique",
]
