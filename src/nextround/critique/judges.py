"""The criteria's rules: each judge takes the analysed answer and returns a verdict.

A verdict is ``(passed, evidence, message)``; ``passed`` is None when the criterion gives
way for this answer (metrics in a story where numbers do not fit). Every word list the
judges use is in ``data/critic_rules.toml``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from nextround._text import Span, merge_spans, sentences, words
from nextround.critique._answer import Answer, hollow_actions, is_template, numbers
from nextround.critique._rules import alternation, rules, vader_lexicon
from nextround.critique.kinds import QuestionKind
from nextround.critique.matchers import (
    APOSTROPHES,
    TOKEN,
    literal_trie,
    lower,
    merge,
    overlaps,
)
from nextround.critique.report import Finding, Requirement, cap, message, quoted

Judgement = tuple[bool | None, tuple[Span, ...], str]

_BULLET = re.compile(r"^[ \t]*(?:[-*\u2022\u00b7\u2013]|\d{1,2}[.)])[ \t]+(\S.*?)[ \t]*$", re.M)
# A job description is read for at most this many requirements, each with at most this
# many distinctive words: enough for any real advert, and a 1 MB paste stays quick.
_MAX_REQUIREMENTS = 60
_MAX_KEYWORDS = 40
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _present(criterion: str, found: Sequence[Span], **fields: object) -> Judgement:
    """Pass when the rule found anything; the spans found are the evidence."""
    if found:
        return (
            True,
            cap(found),
            message(criterion, "pass", examples=quoted(s.text for s in found), **fields),
        )
    return False, (), message(criterion, "fail")


# ---------------------------------------------------------------------------------------
# The story: situation, action, result, ownership, reflection
# ---------------------------------------------------------------------------------------


def _template(criterion: str, a: Answer) -> Judgement | None:
    """A fail for a template answer, with its stock phrases as evidence, or None."""
    stock = is_template(a)
    if not stock:
        return None
    spans = [a.span(x, y) for x, y in stock]
    return (
        False,
        cap(spans),
        message(criterion, "fail_template", examples=quoted(s.text for s in spans)),
    )


def situation(
    a: Answer, question: str | None = None, job_description: str | None = None
) -> Judgement:
    """Time, place, role and stakes markers, named workplaces ("at Harbourline"), a year.

    A template, or an answer where the speaker does nothing at all, has no real scene
    however many markers it has; the employer applied to is not the scene either.
    """
    compiled = rules()
    if (template := _template("situation", a)) is not None:
        return template
    if not a.is_story:
        return False, (), message("situation", "fail")
    applying_to = lower((question or "") + " " + (job_description or ""))
    named = [
        m.span()
        for m in compiled.named_place.finditer(a.text)
        if lower(m.group("name")) not in applying_to
    ]
    years = [(x, y) for x, y, is_year in a.digits if is_year]
    if not (named or years) and _hollow_story(a) and not _WHEN.search(a.lower):
        # "In my previous role I was given a challenging project. I planned, I organised,
        # I led...": stock words set no real scene when nothing in the story happens.
        return False, (), message("situation", "fail")
    found = a.hits(compiled.situation) + named + years
    spans = [a.span(x, y) for x, y in merge(found)]
    return _present("situation", spans)


# A time that dates one occasion: "last spring", "two years ago", "in March" (not "that
# month", which only points back).
_WHEN = re.compile(
    r"\b(?:(?:last|one|early|late|in)\s+(?:year|month|week|spring|summer|autumn|"
    r"fall|winter|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|ago)\b"
)


def _mostly_hollow(hollow: Sequence[Span], real: Sequence[Span]) -> bool:
    """At least ``hollow_min`` hollow verbs, and no fewer than the real actions."""
    return len(hollow) >= int(rules().thresholds["hollow_min"]) and len(hollow) >= len(real)


def _hollow_story(a: Answer) -> bool:
    """ "I planned, I organised, I led and I delivered": a list of hollow verbs tells no
    story, so its markers set no real scene and its words show none of the advert."""
    return _mostly_hollow(hollow_actions(a), a.actions)


def action(a: Answer, kind: QuestionKind) -> Judgement:
    """What the speaker did (a plan of concrete steps, for a what-would-you-do question)."""
    if kind != "hypothetical" and (template := _template("action", a)) is not None:
        return template
    found = a.plan + a.actions if kind == "hypothetical" else a.actions
    hollow = hollow_actions(a, plans=kind == "hypothetical")
    if _mostly_hollow(hollow, found):
        # "I listened, I empathised, I resolved": a list of verbs with nothing behind them.
        return (
            False,
            cap(hollow),
            message("action", "fail_hollow", examples=quoted(s.text for s in hollow)),
        )
    if found:
        spans = tuple(sorted(found, key=lambda s: s.start))
        key = "pass_plan" if kind == "hypothetical" and a.plan else "pass"
        return True, cap(spans), message("action", key, examples=quoted(s.text for s in spans))
    if kind == "hypothetical":
        return False, (), message("action", "fail_plan")
    we, me = a.we_and_i
    if a.habits_found:  # "I write a list every morning": what they usually do
        examples = quoted(s.text for s in a.habits_found)
        return False, cap(a.habits_found), message("action", "fail_habit", examples=examples)
    key = "fail_we" if we > me else "fail"
    return False, (), message("action", key, we=_times(we), i=_times(me))


def _times(count: int) -> str:
    return {0: "not at all", 1: "once", 2: "twice"}.get(count, f"{count} times")


def ownership(a: Answer) -> Judgement:
    """At least two things the speaker did, and "we" not drowning out "I"."""
    if (template := _template("ownership", a)) is not None:
        return template
    limits = rules().thresholds
    count = len(a.actions)
    we, me = a.we_and_i
    evidence = cap(a.actions)
    if we >= int(limits["we_min"]) and we > float(limits["we_ratio"]) * max(me, 1):
        return False, evidence, message("ownership", "fail_we", we=_times(we), i=_times(me))
    if count >= int(limits["ownership_min_actions"]):
        return True, evidence, message("ownership", "pass", count=count)
    return False, evidence, message("ownership", "fail", count=count)


def _hypothetical(a: Answer, start: int) -> bool:
    """Whether the clause before ``start`` makes it an outcome that might be, not one that was."""
    clause = a.lower[a.clause_start(start) : start]
    return any(w in rules().modals for w in _WORD.findall(clause))


def result(a: Answer) -> Judgement:
    """How it turned out: a change that happened, not a connective or an outcome that would be."""
    compiled = rules()
    if (template := _template("result", a)) is not None:
        return template
    if not a.actions and not a.we_actions:
        return False, (), message("result", "fail")
    start = 0
    if compiled.result_after_action and a.actions:
        start = a.sentence_of(a.actions[0].start).start
    hollow = a.hits(compiled.hollow_outcomes)
    # "I cleared a shelf", "I delivered": the speaker's own verb is an action, not how it
    # turned out, even when the same word can report a result ("sales cleared").
    own = [(s.start, s.end) for s in a.actions + tuple(hollow_actions(a))]
    measures = numbers(a, int(compiled.thresholds["max_evidence"]))
    found = [
        s
        for s in a.find(compiled.result, start)
        if not _hypothetical(a, s.start)
        and not _in_sentence_with(a, s.start, hollow)
        and not (_own_verb(a, s, own) and not _in_sentence_with(a, s.start, measures))
        and not _WHEN_BEFORE.search(a.lower, max(0, s.start - 30), s.start)
    ]
    for s in a.find(compiled.connectives, start):
        # "As a result, the client renewed" says what changed; "as a result, it was a
        # success" does not.
        sentence = a.sentence_of(s.start)
        rest = a.lower[s.end : sentence.end]
        if (
            len(_WORD.findall(rest)) >= 4
            and not _hypothetical(a, s.end + 1)
            and not any(w in compiled.modals for w in _WORD.findall(rest))
            and not compiled.hollow_outcomes.find(rest)
        ):
            found.append(s)
    if not found:
        found = _told_outcome(a)
    return _present("result", merge_spans(found))


# "so the drinks were ready when people reached the till": a time clause, not an outcome.
_WHEN_BEFORE = re.compile(r"\b(?:when|until|till|before|while|whenever)\s+(?:[a-z\x27]+\s+){0,2}$")


def _own_verb(a: Answer, s: Span, own: list[tuple[int, int]]) -> bool:
    """Whether a result word is the speaker's own verb ("I cleared a shelf")."""
    return a.lower[max(0, s.start - 2) : s.start] == "i " or any(
        x <= s.start < y or s.start <= x < s.end for x, y in own
    )


def _in_sentence_with(a: Answer, offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether one of ``spans`` starts in the sentence at ``offset``: a hollow outcome, or
    a number that measures ("I delivered 112 of the 118 parcels" is an action and a
    result)."""
    sentence = a.sentence_of(offset)
    return any(sentence.start <= x < sentence.end for x, _ in spans)


def _told_outcome(a: Answer) -> list[Span]:
    """A sentence after the first action that says what happened next, in any words."""
    compiled = rules()
    acts = a.actions or a.we_actions
    if not acts:
        return []
    first = a.sentence_index(acts[0].start)
    hollow = a.hits(compiled.hollow_outcomes)
    measures = numbers(a, int(compiled.thresholds["max_evidence"]))
    for sentence in a.sentences[first + 1 :]:
        if any(sentence.start <= x < sentence.end for x, _ in hollow):
            continue
        own = [s for s in a.actions if sentence.start <= s.start < sentence.end]
        # Around the speaker's own actions, only what comes before or after them ("Every
        # customer left with their books, and on the Monday I called...") is the outcome.
        parts = [(sentence.start, sentence.end)]
        if own:
            tail = a.lower.find(" and ", own[-1].end, sentence.end)
            parts = [(sentence.start, own[0].start)] + ([(tail, sentence.end)] if tail >= 0 else [])
        for start, end in parts:
            found = _WORD.findall(a.lower[start:end])
            # "After that the solicitors could find the forms": "could" of the past.
            past = found[:2] in (["after", "that"], ["from", "then"], ["since", "then"])
            now = found[:1] == ["now"]
            modals = compiled.modals - {"could"} if past or now else compiled.modals
            if len(found) < 3 or any(
                w in modals and not _had(w, found[k + 1 : k + 2]) for k, w in enumerate(found)
            ):
                continue
            if found[:2] in (["then", "i"], ["next", "i"], ["so", "i"], ["and", "i"]):
                continue  # the speaker's next step, not how it turned out
            has_measure = any(start <= x < end for x, _ in measures)
            if has_measure or any(w in compiled.outcome_cues for w in found):
                return [a.span(sentence.start, sentence.end)]
    return []


def _had(word: str, following: list[str]) -> bool:
    """Whether "I'd", "we'd" is "had" here ("the tray I'd left in"), not "would"."""
    return (
        word.endswith("'d")
        and bool(following)
        and (following[0].endswith("ed") or following[0] in _PARTICIPLES)
    )


_PARTICIPLES = frozenset(
    {
        "left",
        "been",
        "done",
        "gone",
        "made",
        "taken",
        "given",
        "seen",
        "put",
        "got",
        "had",
        "set",
        "kept",
        "sent",
        "told",
        "found",
        "brought",
        "built",
        "bought",
        "run",
        "written",
    }
)


def reflection(a: Answer) -> Judgement:
    """What was learned, or what the speaker does differently now.

    "I learned a lot from it", "I'm working on it" and "I now approach every challenge
    with a growth mindset" say that something was learned, not what: a marker counts only
    when the rest of its clause says something once the stock words are taken out.
    """
    compiled = rules()
    found = [s for s in a.find(compiled.reflection) if not _hollow_lesson(a, s.end)]
    return _present("reflection", found)


_CLAUSE_STOP = re.compile(r"[.;!?\n]|,\s+(?:and|but|so)\b|\s+and\s+i\b")


def _hollow_lesson(a: Answer, end: int) -> bool:
    """Whether the clause after a reflection marker is only stock words ("a lot from it")."""
    compiled = rules()
    stop = _CLAUSE_STOP.search(a.lower, end)
    clause = a.lower[end : stop.start() if stop else len(a.lower)]
    for x, y in reversed(compiled.hollow_lessons.find(clause)):
        clause = clause[:x] + " " + clause[y:]
    return sum(1 for w in _WORD.findall(clause) if w not in compiled.lesson_stopwords) < 2


# ---------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------


def metrics(a: Answer) -> Judgement:
    """A number that measures something; gives way in stories where numbers do not fit."""
    limit = int(rules().thresholds["max_evidence"])
    found = [a.span(x, y) for x, y in numbers(a, limit)]
    # In a care, teaching or kindness story, numbers in words are incidental ("a
    # four-year-old", "two minutes later"): the story stands without a measure. A measure
    # in digits ("24 beds", "sugar back to 6.1") is still judged.
    # A proportion, a change or a time to the outcome measures even in words.
    measured = any(
        s.text[:1].isdigit() or s.text[:1] in "£$€" for s in found
    ) or _measures_in_words(a, found)
    if _care_story(a) and not measured:
        return None, (), message("metrics", "not_needed")
    if found:
        return True, cap(found), message("metrics", "pass", examples=quoted(s.text for s in found))
    return False, (), message("metrics", "fail")


_OF = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|all\s+|our\s+|my\s+|their\s+)?")


_FROM = re.compile(r"\bfrom\s+$")
_TO = re.compile(r"\s+to\s+")
_WITHIN = re.compile(r"\b(?:within|in\s+under|in\s+less\s+than)\s+$")


def _measures_in_words(a: Answer, found: list[Span]) -> bool:
    """Whether the numbers measure an outcome even in words: a proportion ("five of the
    six", "9 out of 10"), a change ("from nineteen to three") or a time to it ("within
    twelve minutes")."""
    starts = {s.start for s in found}
    for s in found:
        if _WITHIN.search(a.lower, max(0, s.start - 16), s.start):
            return True  # "back with her mum within twelve minutes"
        m = _OF.match(a.lower, s.end) or (
            _TO.match(a.lower, s.end)
            if _FROM.search(a.lower, max(0, s.start - 6), s.start)
            else None
        )
        if m and m.end() in starts:
            return True  # "five of the six", "down from nineteen to three"
    return False


def _care_story(a: Answer) -> bool:
    """Whether the story is about care, teaching or kindness, where numbers do not fit."""
    if not (a.actions or a.we_actions):  # no story ("I am committed to personal care...")
        return False
    care = rules().care_words
    hits = sum(1 for w in a.words if w in care)
    return hits >= int(rules().thresholds["care_min_words"])


# ---------------------------------------------------------------------------------------
# Delivery: length, filler, vagueness, clichés
# ---------------------------------------------------------------------------------------


def length(word_count: int) -> Judgement:
    """From ``min_words`` to ``max_words`` words."""
    limits = rules().thresholds
    low, high = int(limits["min_words"]), int(limits["max_words"])
    fields = {"words": word_count, "min": low, "max": high}
    if word_count < low:
        return False, (), message("length", "fail_short", **fields)
    if word_count > high:
        return False, (), message("length", "fail_long", **fields)
    return True, (), message("length", "pass", **fields)


def filler(a: Answer, word_count: int) -> Judgement:
    """Fillers and hedges, by count and by rate."""
    compiled = rules()
    limits = compiled.thresholds
    found = a.find(compiled.filler)
    if found:
        exempt = a.hits(compiled.not_fillers)
        found = [s for s in found if not any(x <= s.start < y for x, y in exempt)]
    count = len(found)
    per_100 = 100 * count / word_count if word_count else 0.0
    # A lone filler in an answer of full length is not a habit worth flagging; in a shorter
    # one (or with two or more) the rate decides.
    lone_ok = count < int(limits["filler_min_for_rate"]) and word_count >= int(limits["min_words"])
    too_dense = not lone_ok and per_100 > float(limits["filler_max_per_100"])
    passed = count < int(limits["filler_fail_count"]) and not too_dense
    examples = quoted(s.text for s in found)
    key = ("pass_some" if count else "pass") if passed else "fail"
    return passed, cap(found), message("filler", key, count=count, examples=examples)


def vagueness(a: Answer) -> Judgement:
    """Placeholders for specifics ("stuff", "and so on")."""
    found = a.find(rules().vague)
    passed = len(found) < int(rules().thresholds["vague_fail_count"])
    examples = quoted(s.text for s in found)
    key = ("pass_some" if found else "pass") if passed else "fail"
    return passed, cap(found), message("vagueness", key, count=len(found), examples=examples)


def names(text: str) -> list[tuple[int, int]]:
    """Capitalised words in mid-sentence that look like names (companies, projects)."""
    compiled = rules()
    return [m.span() for m in compiled.names.finditer(text) if m.group(0) not in compiled.not_names]


def _backed(a: Answer, cliche: Span) -> bool:
    """Whether the cliché's sentence or the next one shows it with something the speaker did.

    An example marker ("for example", "when I"), an action of the speaker's or a named
    project counts; a number on its own does not ("I'm a hard worker, and I have two cats").
    """
    compiled = rules()
    index = a.sentence_index(cliche.start)
    if not a.sentences:  # pragma: no cover - a cliché is always inside a sentence
        return False
    first = a.sentences[index]
    last = a.sentences[min(index + 1, len(a.sentences) - 1)]
    # The cliché itself is blanked out so "110%" is not its own example.
    context = (
        a.text[first.start : cliche.start]
        + " " * (cliche.end - cliche.start)
        + a.text[cliche.end : last.end]
    )
    if compiled.example_markers.search(lower(context)):
        return True
    if any(first.start <= s.start < last.end for s in a.actions):
        return True
    return bool(names(context))


def cliches(a: Answer) -> Judgement:
    """Clichés pass only when backed by an example in the same or the next sentence."""
    found = a.find(rules().cliches)
    if not found:
        return True, (), message("cliches", "pass")
    # In a template nothing backs anything up: its "examples" are stock phrases too.
    template = bool(is_template(a))
    bare = [s for s in found if template or not _backed(a, s)]
    if bare:
        return False, cap(bare), message("cliches", "fail", examples=quoted(s.text for s in bare))
    return (
        True,
        cap(found),
        message("cliches", "pass_backed", examples=quoted(s.text for s in found)),
    )


# ---------------------------------------------------------------------------------------
# Negativity
# ---------------------------------------------------------------------------------------


def _negated(a: Answer, start: int) -> bool:
    """Whether a negation in the same clause, just before ``start``, turns the word round.

    "I never blame others", "I don't think anyone was lazy", "it's not that I hate my job".
    """
    clause = a.lower[a.clause_start(start) : start]
    recent = _WORD.findall(clause)[-7:]
    return any(w in rules().negators or w.endswith("n't") for w in recent)


def _about_self(a: Answer, start: int, end: int) -> bool:
    """Whether the clause is about the speaker and names no one else ("I was angry with myself")."""
    compiled = rules()
    clause_start = a.clause_start(start)
    sentence = a.sentence_of(start)
    stop = a.lower.find(",", end, sentence.end)
    clause_end = sentence.end if stop < 0 else stop
    clause = a.lower[clause_start:clause_end]
    found = _WORD.findall(clause)
    if not any(w in compiled.self_words for w in found):
        return False
    return not compiled.targets.find(clause)


def negativity(a: Answer) -> Judgement:
    """Disparaging words about a named target, strong words describing one, or idioms.

    A negation just before the word ("I never blame others"), or a clause about the
    speaker's own feelings ("I was angry with myself"), is not disparaging anyone.
    """
    compiled = rules()
    words_found = a.hits(compiled.disparaging)
    # The predicate opens with a target, so with no target in the answer it cannot match.
    described = (
        [m.span() for m in compiled.predicate.finditer(a.lower) if _is_disparaging(m)]
        if a.hits(compiled.targets)
        else []
    )
    idioms = a.hits(compiled.idioms)
    if not (words_found or described or idioms):
        return True, (), message("negativity", "pass")
    shield = a.hits(compiled.not_disparaging)
    if words_found:
        # Only sentences naming a strong target count ("they" alone is too vague).
        about = {
            a.sentence_index(x)
            for x, y in a.hits(compiled.targets)
            if a.lower[x:y] not in compiled.weak_targets
        }
        words_found = [w for w in words_found if a.sentence_index(w[0]) in about]
    candidates = [
        (x, y)
        for x, y in merge(words_found + described)
        if not overlaps((x, y), shield) and not _negated(a, x) and not _about_self(a, x, y)
    ]
    candidates += [(x, y) for x, y in idioms if not _negated(a, x)]
    found = merge(candidates)
    if found:
        spans = [a.span(x, y) for x, y in found]
        return (
            False,
            cap(spans),
            message("negativity", "fail", examples=quoted(s.text for s in spans)),
        )
    return True, (), message("negativity", "pass")


def _is_disparaging(m: re.Match[str]) -> bool:
    """Whether the word describing a target (in a ``predicate`` match) is disparaging."""
    compiled = rules()
    word = m.group("word")
    if word in compiled.feelings:
        return False
    return word in compiled.disparaging_words or (
        vader_lexicon().get(word, 0.0) <= compiled.vader_threshold
    )


# ---------------------------------------------------------------------------------------
# Enthusiasm
# ---------------------------------------------------------------------------------------


def _specific(a: Answer, question: str | None, job_description: str | None) -> list[Span]:
    """Things only this employer or role has: "your" + a concrete thing, what "you" do,
    names the question and the advert do not already give, visits and use.

    "Your values", "your amazing reputation" and the employer's name read back from the
    question are what anyone could say, so they do not count.
    """
    compiled = rules()
    vague = compiled.generic_nouns | compiled.flattery_words | compiled.generic_words
    found = a.find(compiled.specific)
    for m in _YOUR_THING.finditer(a.lower):
        if m.group(1) not in vague:
            found.append(a.span(m.start(), m.end(1)))
    for m in _YOU_DO.finditer(a.lower):
        if m.group(1) not in compiled.not_doing:
            found.append(a.span(m.start(), m.end(1)))
    # A name (the employer's, from the question, or any other) counts in a sentence that
    # gives a reason and no flattery: "I've followed Maple & Finch since it opened,
    # because the bread is made on site", not "I admire Gritstone's values" or a name
    # from your own past.
    with_reason = {a.sentence_index(s.start) for s in a.find(compiled.reasons)}
    praise = compiled.generic_nouns | compiled.flattery_words
    flattering = {
        a.sentence_index(m.start()) for m in _WORD.finditer(a.lower) if m.group(0) in praise
    }
    wanted: set[str] = set()
    if question:
        wanted = {lower(question[x:y]) for x, y in names(question.translate(APOSTROPHES))}
        wanted |= {w for w in _WORD.findall(lower(question)) if w in _employer_words(question)}
    spans = list(names(a.text))
    spans += [m.span() for m in TOKEN.finditer(a.lower) if m.group(0) in wanted]
    for x, y in spans:
        index = a.sentence_index(x)
        if index in with_reason and index not in flattering:
            found.append(a.span(x, y))
    return found


def _employer_words(question: str) -> set[str]:
    """The lower-cased words of the names in a question ("maple", "finch", "bakery")."""
    out: set[str] = set()
    text = question.translate(APOSTROPHES)
    for x, y in names(text):
        out |= set(_WORD.findall(lower(text[x:y])))
    # "Maple & Finch Bakery": the words after the first name word are part of it too.
    for m in re.finditer(r"[A-Z][\w'-]*(?:\s+(?:&|and|of)?\s*[A-Z][\w'-]*)*", text):
        if m.start() > 0:
            out |= set(_WORD.findall(lower(m.group(0))))
    return out - {"i", "what", "why", "how"}


_YOUR_THING = re.compile(r"\b(?:your|the\s+company's)\s+([a-z][a-z-]+)")
# "you pick for small online sellers", "you run a discharge lounge": what they do.
_YOU_DO = re.compile(r"\byou\s+(?:now\s+|also\s+|already\s+)?([a-z]+)")


def enthusiasm(a: Answer, question: str | None, job_description: str | None = None) -> Judgement:
    """Interest in this employer or role: something specific to them, and a reason."""
    compiled = rules()
    specific = _specific(a, question, job_description)
    reasons = a.find(compiled.reasons)
    if specific and reasons:
        return True, cap(merge_spans(specific + reasons)), message("enthusiasm", "pass")
    generic = a.find(compiled.generic)
    if generic:
        return (
            False,
            cap(generic),
            message("enthusiasm", "fail_generic", examples=quoted(s.text for s in generic)),
        )
    if reasons:
        return False, cap(reasons), message("enthusiasm", "fail_not_specific")
    return False, (), message("enthusiasm", "fail")


# ---------------------------------------------------------------------------------------
# Relevance to a job description
# ---------------------------------------------------------------------------------------


def _stem(word: str) -> str:
    """Trim one common ending (and a final e) so related forms of a word compare equal."""
    word = lower(word)
    for ending in rules().endings:
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
    return frozenset(_stem(w) for w in rules().generic_words)


@functools.lru_cache(maxsize=64)
def _read_job_description(job_description: str) -> _JobDescription:
    """Requirements (bullet lines, else sentences) and their distinctive word stems.

    A requirement's stems include its words' synonyms from the rules ("stock" also
    finds "inventory").
    """
    compiled = rules()
    text = job_description.translate(APOSTROPHES)
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
        for word in words(span.text.translate(APOSTROPHES)):
            low = lower(word)
            stem = _stem(low)
            acronym = len(word) >= 2 and word.isupper() and word.isalpha()
            if low in compiled.generic_words or stem in _generic_stems():
                continue
            if not acronym and (len(stem) < compiled.min_word_length or not word.isalpha()):
                continue
            if stem not in stems:
                stems.add(stem)
                keywords.append(word)
                for synonym in compiled.synonyms.get(low, ()):
                    stems.add(_stem(synonym))
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
        rf"(?<![\w'])({literal_trie(variants)})"
        rf"(?:{alternation(compiled.endings)})?e?(?:s|d)?(?![\w'])"
    )
    return _JobDescription(tuple(requirements), pattern, variants)


def _shown_in(a: Answer, kind: QuestionKind) -> list[tuple[int, int]]:
    """The stretches where the answer shows doing something: sentences with an action.

    A sentence that only claims a skill ("I have strong experience in stock control",
    "I would bring strong skills in...") has no action of the speaker's in it, so it is an
    echo of the advert, not evidence. A plan counts for a what-would-you-do question, and
    every explaining sentence for a technical one, except claims.
    """
    if kind == "technical":
        claims = a.hits(rules().claims)
        return [
            (s.start, s.end)
            for s in a.sentences
            if not any(s.start <= x < s.end for x, _ in claims)
        ]
    acts = a.actions + a.plan if kind == "hypothetical" else a.actions
    with_action = {a.sentence_index(s.start) for s in acts}
    if kind in {"behavioural", "weakness"} and with_action:
        # In a story, what happened counts too ("it passed testing and inspection").
        claims = a.hits(rules().claims)
        with_action |= {
            i
            for i in a.story_sentences
            if i < len(a.sentences)
            and not any(a.sentences[i].start <= x < a.sentences[i].end for x, _ in claims)
        }
    return [
        (a.sentences[i].start, a.sentences[i].end)
        for i in sorted(with_action)
        if i < len(a.sentences)
    ]


def requirements(
    a: Answer, job_description: str, kind: QuestionKind = "behavioural"
) -> tuple[Requirement, ...]:
    """Each requirement of the job description, with where the answer shows it.

    A template answer shows nothing, however many of the advert's words it repeats.
    """
    jd = _read_job_description(job_description)
    if jd.pattern is None:
        return ()
    limit = int(rules().thresholds["max_evidence"])
    # A template or a list of hollow verbs shows nothing, whatever words it repeats.
    windows = [] if is_template(a) or _hollow_story(a) else _shown_in(a, kind)
    by_stem: dict[str, list[Span]] = {}
    if windows:
        starts = [w[0] for w in windows]
        for m in jd.pattern.finditer(a.lower, windows[0][0], windows[-1][1]):
            index = bisect.bisect_right(starts, m.start()) - 1
            if index < 0 or m.end() > windows[index][1]:
                continue
            found = by_stem.setdefault(jd.stems[m.group(1)], [])
            if len(found) < limit:
                found.append(a.span(*m.span()))
    out: list[Requirement] = []
    for span, keywords, stems in jd.requirements:
        evidence = sorted(
            (s for stem in stems for s in by_stem.get(stem, ())), key=lambda s: s.start
        )
        out.append(Requirement(span=span, keywords=keywords, evidence=tuple(evidence)))
    return tuple(out)


def relevance(found: tuple[Requirement, ...], kind: QuestionKind = "behavioural") -> Finding:
    """Enough of the requirements shown by something the speaker did (or explains).

    A story should show ``relevance_min_share`` of them; an answer to one technical or
    what-would-you-do question shows what it was asked about, so one is enough.
    """
    if not found:
        return Finding("relevance", None, message("relevance", "no_requirements"))
    shown = [r for r in found if r.shown]
    missing = [r for r in found if not r.shown]
    limits = rules().thresholds
    if kind in {"technical", "hypothetical"}:
        passed = len(shown) >= int(limits["relevance_min_shown_one_question"])
    else:
        passed = len(shown) >= float(limits["relevance_min_share"]) * len(found)
    fields = {
        "shown": len(shown),
        "total": len(found),
        "missing": quoted((r.text for r in missing), limit=2),
    }
    return Finding(
        criterion="relevance",
        passed=passed,
        message=message("relevance", "pass" if passed else "fail", **fields),
        evidence=cap(merge_spans([s for r in shown for s in r.evidence])),
        jd_evidence=tuple(r.span for r in shown),
    )


#: Each criterion's rule, given the analysed answer, its word count, the question, the kind
#: and the job description.
JUDGES: dict[str, Callable[[Answer, int, str | None, QuestionKind, str | None], Judgement]] = {
    "situation": lambda a, n, q, k, jd: situation(a, q, jd),
    "action": lambda a, n, q, k, jd: action(a, k),
    "result": lambda a, n, q, k, jd: result(a),
    "metrics": lambda a, n, q, k, jd: metrics(a),
    "ownership": lambda a, n, q, k, jd: ownership(a),
    "reflection": lambda a, n, q, k, jd: reflection(a),
    "length": lambda a, n, q, k, jd: length(n),
    "filler": lambda a, n, q, k, jd: filler(a, n),
    "negativity": lambda a, n, q, k, jd: negativity(a),
    "vagueness": lambda a, n, q, k, jd: vagueness(a),
    "cliches": lambda a, n, q, k, jd: cliches(a),
    "enthusiasm": lambda a, n, q, k, jd: enthusiasm(a, q, jd),
}
