"""The answer, analysed once per critique: sentences, words, the speaker's actions, numbers."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from nextround._text import Span, sentences
from nextround.critique._rules import rules
from nextround.critique.matchers import (
    APOSTROPHES,
    TOKEN,
    Matcher,
    WordPlaces,
    lower,
    merge,
    overlaps,
)

# A verb joined on to an "I" action: ", rebuilt", ", and then rebuilt", " and rebuilt".
_COORDINATED = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:then\s+|also\s+)?([a-z]+)\b")
_CLAUSE_END = re.compile(r"[.!?;:\n]")
_MAX_CLAUSE = 300  # characters looked at after an "I" action, so long pastes stay linear
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# What may follow a verb that needs an object, when it has none: "I led, I organised."
_BARE_END = re.compile(r"\s*(?:[.,;:!?\n]|$|and\b|then\b|but\b|so\b)")
_WE_ACTION = re.compile(
    r"\b(?:we|the\s+team|my\s+team|our\s+team|they|was|were)"
    r"(?:\s+(?:then|also|all|quickly|soon))?\s+([a-z-]+)\b"
)
_DETERMINERS = frozenset({"the", "a", "an", "our", "my", "his", "her", "their", "one"})
# Characters that make a number part of code or a formula rather than a measure.
_CODE_NEIGHBOURS = frozenset("=<>()[]{}`*/+_")


@dataclass(frozen=True)
class Answer:
    """The answer with what several rules share, each worked out once and only if needed."""

    original: str
    text: str  # curly apostrophes straightened; same length as the original
    lower: str  # ``text`` lower-cased; same length again
    # "I + verb" left out as hollow, filled in while the actions are found.
    hollow_found: list[Span] = field(default_factory=list, compare=False, repr=False)
    hollow_plans: list[Span] = field(default_factory=list, compare=False, repr=False)
    # "I + verb" left out as a habit ("I always check", "every morning I write").
    habits_found: list[Span] = field(default_factory=list, compare=False, repr=False)
    # Word-list matches already worked out, by the list's id (see ``hits``).
    _hits: dict[int, list[tuple[int, int]]] = field(default_factory=dict, compare=False, repr=False)
    # Measuring numbers, by limit (metrics and result both ask; see ``numbers``).
    _numbers: dict[int, list[tuple[int, int]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of(cls, answer: str) -> Answer:
        """Prepare an answer for the rules: its first ``max_chars_checked`` characters.

        A spoken answer is at most a few hundred words; a longer paste fails length on
        its full word count, and reading only its start keeps a 1 MB paste quick.
        """
        limit = int(rules().thresholds.get("max_chars_checked", 20_000))
        text = answer[:limit].translate(APOSTROPHES)
        return cls(original=answer, text=text, lower=lower(text))

    @functools.cached_property
    def sentences(self) -> tuple[Span, ...]:
        """The answer's sentences."""
        return tuple(sentences(self.text))

    @functools.cached_property
    def starts(self) -> tuple[int, ...]:
        """Where each sentence starts."""
        return tuple(s.start for s in self.sentences)

    @functools.cached_property
    def word_starts(self) -> WordPlaces:
        """Where a word (see ``TOKEN``) starts, for expressions that open with a word."""
        return WordPlaces(self.lower, self.tokens)

    @functools.cached_property
    def tokens(self) -> frozenset[str]:
        """Every word of the answer, lower-cased, for skipping word lists that cannot match."""
        return frozenset(TOKEN.findall(self.lower))

    @functools.cached_property
    def words(self) -> tuple[str, ...]:
        """The answer's words in order, lower-cased, apostrophes kept ("i've")."""
        return tuple(_WORD.findall(self.lower))

    @functools.cached_property
    def actions(self) -> tuple[Span, ...]:
        """Each thing the speaker says they did, shared by action, ownership and result."""
        found = list(_actions(self, present=True))
        found += [self.span(a, b) for a, b in _roles(self)]
        return tuple(sorted(_dedupe(found), key=lambda s: s.start))

    @functools.cached_property
    def we_actions(self) -> tuple[Span, ...]:
        """Things done by "we", the team, or in the passive ("the rota was rebuilt").

        They make an answer a story, though not the speaker's own part of it.
        """
        out = []
        for m in _WE_ACTION.finditer(self.lower):
            verb = m.group(1)
            # Anything "we" did in the past ("we underestimated", "we agreed"), not the
            # present "they need" or "we feed".
            if (verb.endswith("ed") and verb not in _PRESENT_ED) or verb in rules().action_verbs:
                out.append(self.span(m.start(), m.end(1)))
        return tuple(out)

    @functools.cached_property
    def is_story(self) -> bool:
        """Whether anything happens in the answer: an action, or something done by anyone."""
        if self.actions or self.we_actions:
            return True
        # "I worked at Maple & Finch on the ovens": a job held is no action of the story,
        # but it is the story's setting.
        if any(self.lower[s.start : s.end].split()[-1] in _EMPLOYED for s in self.hollow_found):
            return True
        # Something happened to someone else: "the tills failed", "a patient fell",
        # "our supplier went bust", "the client was about to leave".
        compiled = rules()
        words = self.words
        for index, word in enumerate(words):
            if word not in _DETERMINERS:
                continue
            for verb in words[index + 2 : index + 4]:
                if verb in compiled.story_words or (
                    verb.endswith("ed") and len(verb) > 4 and verb not in compiled.not_actions
                ):
                    return True
        return False

    @functools.cached_property
    def present_tense_story(self) -> bool:
        """Whether the speaker tells their own story in the present tense ("Last March I
        call the bank"), as simple or second-language grammar often does."""
        compiled = rules()
        verbs = {self.lower[s.start : s.end].split()[-1] for s in self.actions}
        return bool(verbs & (compiled.present_verbs - compiled.action_verbs))

    @functools.cached_property
    def story_sentences(self) -> frozenset[int]:
        """The sentences where something happens (an action, or anyone did something)."""
        compiled = rules()
        out = {self.sentence_index(s.start) for s in self.actions + self.we_actions}
        story = story_vocabulary()
        if self.present_tense_story:
            # "After one week she work alone", "we don't lose any milk": in a story told in
            # the present tense, or in simple grammar, present verbs tell what happened.
            story = story | compiled.present_verbs | compiled.present_story_words
        # Each sentence runs from its start to the next one's (the first from the top).
        bounds = [0, *self.starts[1:], len(self.lower)]
        for index in range(len(bounds) - 1):
            if index in out:
                continue
            found = _WORD.findall(self.lower, bounds[index], bounds[index + 1])
            if not story.isdisjoint(found) or any(
                len(w) > 4 and w.endswith("ed") and w not in compiled.not_actions for w in found
            ):
                out.add(index)
        return frozenset(out)

    @functools.cached_property
    def plan(self) -> tuple[Span, ...]:
        """Each concrete step the speaker says they would take ("I would first call...")."""
        return tuple(_plan_actions(self))

    @functools.cached_property
    def digits(self) -> tuple[tuple[int, int, bool], ...]:
        """Numbers written in digits as (start, end, is_a_bare_year)."""
        compiled = rules()
        return tuple(
            (m.start(), m.end(), compiled.year.fullmatch(m.group(0)) is not None)
            for m in compiled.digits.finditer(self.text)
        )

    @functools.cached_property
    def we_and_i(self) -> tuple[int, int]:
        """How many times the answer says "we" (we, we've...) and "I" (I, I've...)."""
        compiled = rules()
        we = sum(1 for w in self.words if w in compiled.we_words)
        me = sum(1 for w in self.words if w in compiled.i_words)
        return we, me

    def span(self, start: int, end: int) -> Span:
        """A span of the original answer."""
        return Span(start, end, self.original[start:end])

    def find(self, matcher: Matcher, start: int = 0, end: int | None = None) -> list[Span]:
        """Matches of a word list in the answer (or in ``[start:end]`` of it)."""
        found = self.hits(matcher)
        if start or end is not None:
            stop = len(self.lower) if end is None else end
            found = [(a, b) for a, b in found if a >= start and b <= stop]
        return [self.span(a, b) for a, b in found]

    @functools.cached_property
    def general_sentences(self) -> frozenset[int]:
        """Sentences that generalise ("In every role I have held...")."""
        return frozenset(self.sentence_index(x) for x, _ in self.hits(rules().generalising))

    @functools.cached_property
    def habit_sentences(self) -> frozenset[int]:
        """Sentences that tell a habit ("every morning", "on a Sunday") or a rule ("If...")."""
        found = {self.sentence_index(x) for x, _ in self.hits(rules().habits_after)}
        found |= {
            i for i, s in enumerate(self.sentences) if self.lower[s.start : s.start + 3] == "if "
        }
        return frozenset(found)

    @functools.cached_property
    def phrase_hits(self) -> dict[int, list[tuple[int, int]]]:
        """Every word list's plain phrases matched at once (see ``PhraseIndex``)."""
        return rules().phrase_index.find_all(self.lower)

    def hits(self, matcher: Matcher) -> list[tuple[int, int]]:
        """Where a word list matches in the whole answer, worked out once per list."""
        key = id(matcher)
        cached = self._hits.get(key)
        if cached is None:
            plain = self.phrase_hits.get(key)
            cached = matcher.find(
                self.lower, tokens=self.tokens, plain=plain, word_starts=self.word_starts
            )
            self._hits[key] = cached
        return cached

    def sentence_index(self, offset: int) -> int:
        """Which sentence an offset falls in (the last one starting at or before it)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def sentence_of(self, offset: int) -> Span:
        """The sentence an offset falls in."""
        if not self.sentences:
            return Span(0, len(self.text), self.text)
        return self.sentences[self.sentence_index(offset)]

    def clause_start(self, offset: int) -> int:
        """Where the clause holding ``offset`` starts (after , ; : or the sentence start)."""
        sentence = self.sentence_of(offset)
        cut = max(
            self.lower.rfind(",", sentence.start, offset),
            self.lower.rfind(";", sentence.start, offset),
            self.lower.rfind(":", sentence.start, offset),
            self.lower.rfind(" but ", sentence.start, offset),
        )
        return cut + 1 if cut >= 0 else sentence.start


@functools.cache
def story_vocabulary() -> frozenset[str]:
    """Words that make a sentence part of a story: the story words and the action verbs."""
    compiled = rules()
    return compiled.story_words | compiled.action_verbs


def _dedupe(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and span.start < out[-1].end:
            continue
        out.append(span)
    return out


def _base_forms(word: str) -> tuple[str, ...]:
    """The base forms an -ing word may come from: "calling" -> call, "making" -> make."""
    if not word.endswith("ing") or len(word) < 5:
        return ()
    stem = word[:-3]
    forms = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        forms.append(stem[:-1])
    return tuple(forms)


def _is_past_action(verb: str) -> bool:
    """Whether a (lower-case) word after "I" is a concrete action in the past."""
    compiled = rules()
    return verb in compiled.action_verbs or (
        len(verb) > 3
        and verb.endswith("ed")
        and not verb.endswith("eed")
        and verb not in compiled.not_actions
    )


def _is_present_action(verb: str) -> bool:
    return verb in rules().present_verbs


_NEXT_WORD = re.compile(r"\s+([a-z]+)")


def _skip_particles(a: Answer, end: int) -> int:
    """Where the clause goes on after any particles ("followed up", "took it forward")."""
    particles = rules().particles
    while (m := _NEXT_WORD.match(a.lower, end)) is not None and m.group(1) in particles:
        end = m.end()
    return end


_EMPLOYED = frozenset({"worked", "work", "volunteered", "volunteer"})
_EMPLOYED_AT = re.compile(r"\s+(?:for|at|in|as)\b")


def _hollow(a: Answer, verb: str, end: int) -> bool:
    """Whether a verb that needs an object has none, or only a stock one ("a solution")."""
    compiled = rules()
    if verb not in compiled.needs_object:
        return False
    after = _skip_particles(a, end)
    # No object at all; or "I worked for the show": a job held, not something done.
    if _BARE_END.match(a.lower, after) or (verb in _EMPLOYED and _EMPLOYED_AT.match(a.lower, end)):
        return True
    stock = compiled.hollow_objects.find(a.lower, end, min(len(a.lower), end + 60))
    if stock and not a.lower[end : stock[0][0]].strip():
        found = a.lower[stock[0][0] : stock[0][1]]
        if found in {"with", "out"}:
            # "I helped with the music": helping is not the speaker's own act.
            return verb in {"helped", "help", "assisted", "assist"}
        if found in _PRONOUNS:
            # "I fixed it." is hollow; "I fixed it by rewiring the plug" is not.
            return bool(_BARE_END.match(a.lower, _skip_particles(a, stock[0][1])))
        return True  # a stock object ("a solution", "my communication skills")
    return False


# Objects that are hollow only when nothing follows them.
_PRONOUNS = frozenset({"it", "them", "this", "that", "everything", "things", "hard", "well"})


def hollow_actions(a: Answer, *, plans: bool = False) -> list[Span]:
    """Each "I + verb" left out for having no object, or a stock one ("I resolved").

    With ``plans``, each "I would + verb" too.
    """
    a.actions  # noqa: B018 -- working out the actions records the hollow ones
    out = list(a.hollow_found)
    if plans:
        a.plan  # noqa: B018
        out += a.hollow_plans
    return out


def is_template(a: Answer) -> list[tuple[int, int]]:
    """The stock phrases of a template answer, or nothing when it is not one."""
    found = a.hits(rules().template)
    return found if len(found) >= int(rules().thresholds["template_min"]) else []


# Present-tense words that end like a past tense.
_PRESENT_ED = frozenset(
    {"need", "feed", "speed", "proceed", "succeed", "exceed", "bleed", "breed", "heed", "seed"}
)


def _words_before(a: Answer, verb: str, end: int) -> list[str]:
    """The words in the 24 characters before the verb that ends at ``end``."""
    return _WORD.findall(a.lower[max(0, end - len(verb) - 24) : end - len(verb)])


def _habitual(
    a: Answer, verb: str, end: int, *, present: bool, before: list[str] | None = None
) -> bool:
    """Whether "I + verb" at ``end`` tells a habit or a rule, not one occasion.

    "I always check", "I have always managed"; "Every morning I write a list", "I file my
    emails at the end of each day", "If I can't sort it, I give them the form" (present
    tense with a habit phrase anywhere in the sentence, or in an "if" sentence); and "In
    every role I have held I have supervised..." (any tense, a generalising phrase).
    """
    compiled = rules()
    if before is None:
        before = _words_before(a, verb, end)
    if any(w in compiled.habits for w in before[-2:]):
        return True
    index = a.sentence_index(end)
    if index in a.general_sentences:
        return True
    if present and _is_present_action(verb) and not _is_past_action(verb):
        return index in a.habit_sentences
    return False


_RELATIVE = frozenset(
    {
        "everyone",
        "everybody",
        "everything",
        "anyone",
        "anybody",
        "anything",
        "someone",
        "somebody",
        "whatever",
        "wherever",
        "whoever",
        "whenever",
    }
)


def _accept(
    a: Answer, verb: str, aux: str | None, end: int, *, present: bool, start: int | None = None
) -> bool:
    """Whether "I [aux] verb" at ``end`` is one of the speaker's concrete actions."""
    aux = (aux or "").strip()
    before = _words_before(a, verb, end)
    # "everyone I meet", "whatever I do": the "I" of a relative clause, not a story.
    if len(before) >= 2 and before[-1] == "i" and before[-2] in _RELATIVE:
        return False
    if _habitual(a, verb, end, present=present, before=before):
        a.habits_found.append(a.span(end - len(verb) if start is None else start, end))
        return False
    if aux in {"am", "was", "'m"}:
        # "I was calling" and, in simple grammar, "I was call"; never the passive "I was asked".
        ok = any(_is_present_action(b) or b in rules().action_verbs for b in _base_forms(verb))
        ok = ok or (_is_present_action(verb) and aux == "was")
    elif aux in {"did", "do"}:
        ok = _is_present_action(verb) and (aux == "did" or present)
    else:
        ok = _is_past_action(verb) or (present and _is_present_action(verb))
    return ok and not _hollow(a, verb, end)


def _actions(a: Answer, *, present: bool) -> Iterator[Span]:
    """Each "I + action verb", and verbs joined on to it.

    "I called the depot, found the sofa and booked a slot" is three actions: after an
    "I" action, a verb that follows a comma or "and" in the same sentence is the speaker's
    too, until a new subject ("we", "she"...) or a word in ``coordination_stops``. With
    ``present``, a story told in the present tense ("Last March I call the bank") counts.
    """
    compiled = rules()
    low = a.lower
    for m in compiled.action.finditer(low):
        verb = m.group("verb")
        if verb in compiled.except_before_to and m.group("to"):
            continue
        if not _accept(a, verb, m.group("aux"), m.end("verb"), present=present, start=m.start()):
            if not (verb in compiled.needs_object and _hollow(a, verb, m.end("verb"))):
                continue
            # "I listened, apologised and booked an engineer": the hollow verb is not an
            # action, but the verbs joined on to it are still the speaker's.
            a.hollow_found.append(a.span(m.start(), m.end("verb")))
        else:
            yield a.span(m.start(), m.end("verb"))
        stop = _CLAUSE_END.search(low, m.end(), m.end() + _MAX_CLAUSE)
        end = stop.start() if stop else min(len(low), m.end() + _MAX_CLAUSE)
        for joined in _COORDINATED.finditer(low, m.end(), end):
            word = joined.group(1)
            if word in compiled.coordination_stops:
                break
            if (
                (_is_past_action(word) or (present and _is_present_action(word)))
                and not _hollow(a, word, joined.end(1))
                and not _habitual(a, word, joined.end(1), present=present)
            ):
                yield a.span(joined.start(1), joined.end(1))


def _roles(a: Answer) -> list[tuple[int, int]]:
    """ "My role was to...", "I was responsible for...": what the speaker owned, if concrete."""
    found = []
    for start, end in rules().role_phrases.find(a.lower, tokens=a.tokens):
        rest = a.lower[end : end + 60]
        words = _WORD.findall(_CLAUSE_END.split(rest, 1)[0])
        if (
            len(words) >= 2
            and not _stock(a, end)
            and not _hollow(a, words[0], end + rest.find(words[0]) + len(words[0]))
        ):
            found.append((start, end))
    return found


def _stock(a: Answer, end: int) -> bool:
    """Whether what follows ``end`` is only a verb and a stock object ("resolve the issue")."""
    m = re.compile(r"\s*([a-z]+)").match(a.lower, end)
    if m is None:
        return True
    if _hollow(a, m.group(1), m.end()):
        return True
    stock = rules().hollow_objects.find(a.lower, m.end(), min(len(a.lower), m.end() + 60))
    return bool(stock) and not a.lower[m.end() : stock[0][0]].strip() and stock[0][0] > m.end()


def _plan_actions(a: Answer) -> Iterator[Span]:
    """Each planned step: "I would first call", "I'd ring", "then I'd check"."""
    compiled = rules()
    low = a.lower
    for m in compiled.plan_action.finditer(low):
        verb = m.group(1)
        if verb in {"start", "begin"} and re.match(r"\s+by\s+[a-z]+ing", low[m.end() :]):
            yield a.span(m.start(), m.end())
            continue
        if verb in rules().needs_object and _hollow(a, verb, m.end(1)):
            a.hollow_plans.append(a.span(m.start(), m.end(1)))
        elif _is_present_action(verb):
            yield a.span(m.start(), m.end(1))


def numbers(a: Answer, limit: int) -> list[tuple[int, int]]:
    """Numbers that measure something in the story (worked out once per answer and limit).

    Digits and number words count, except a bare year, a time of day, a number in code
    or a formula, effort in per cent ("110%"), a word joined to a noun ("three-phase"),
    and any number in a sentence where nothing happens ("I have two cats") or that only
    might be so ("I would say it got about 30% better").
    """
    cached = a._numbers.get(limit)
    if cached is None:
        cached = a._numbers[limit] = _measuring_numbers(a, limit)
    return list(cached)


def _measuring_numbers(a: Answer, limit: int) -> list[tuple[int, int]]:
    compiled = rules()
    blocked = list(a.hits(compiled.not_metrics))
    found: list[tuple[int, int]] = []
    for start, end, is_year in a.digits:
        if is_year or overlaps((start, end), blocked) or _in_code(a, start, end):
            continue
        if _TIME_OF_DAY.match(a.lower, end) or _AGO.match(a.lower, end):
            continue
        found.append((start, end))
    words_found = a.hits(compiled.number_words)
    if words_found:
        blocked += a.hits(compiled.not_numbers)
        for start, end in words_found:
            if any(x <= start < y for x, y in blocked):
                continue
            if (
                a.lower[end : end + 1] == "-"
                or _TIME_OF_DAY.match(a.lower, end)
                or _AGO.match(a.lower, end)
            ):
                continue
            found.append((start, end))
    out = []
    for start, end in sorted(found):
        if _in_story(a, start) and not _hedged(a, start):
            out.append((start, end))
            if len(out) >= limit:
                break
    return out


_TIME_OF_DAY = re.compile(
    r"(?:\s?(?:am|pm|a\.m\.|p\.m\.)\b|:\d\d|\s+o'clock\b|\s+in\s+the\s+(?:morning|afternoon|evening))"
)


# "two years ago" dates the story; it does not measure anything.
_AGO = re.compile(r"\s+(?:years?|months?|weeks?|days?)\s+ago\b")


def _in_story(a: Answer, offset: int) -> bool:
    """Whether something happens in the sentence holding ``offset``."""
    return a.sentence_index(offset) in a.story_sentences


def _hedged(a: Answer, offset: int) -> bool:
    """Whether the clause before ``offset`` only supposes ("I would say", "probably")."""
    clause = a.lower[a.clause_start(offset) : offset]
    return any(w in rules().modals for w in _WORD.findall(clause))


def _in_code(a: Answer, start: int, end: int) -> bool:
    """Whether a number sits in code or a formula ("LIMIT 10", "x = 5", "A1:B20")."""
    before = a.text[start - 1] if start else " "
    after = a.text[end] if end < len(a.text) else " "
    if before in _CODE_NEIGHBOURS or after in _CODE_NEIGHBOURS or before.isalpha():
        return True
    # Look past spaces: "status = 2".
    left = a.text[max(0, start - 3) : start].rstrip()
    if left and left[-1] in _CODE_NEIGHBOURS:
        return True
    look = a.lower[max(0, start - 12) : start]
    words = _WORD.findall(look)
    return bool(words) and words[-1] in rules().code_words


def merged_spans(a: Answer, pairs: Iterable[tuple[int, int]]) -> list[Span]:
    """(start, end) pairs as spans of the answer, sorted, overlaps dropped."""
    return [a.span(x, y) for x, y in merge(pairs)]
