"""The critic's rules, read once from ``data/critic_rules.toml`` and compiled."""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, cast

from nextround.critique.matchers import APOSTROPHES, Matcher, PhraseIndex, lower, trie_source


@dataclass(frozen=True)
class Rules:
    """Every rule of the critic, compiled from ``critic_rules.toml``."""

    thresholds: Mapping[str, Any]
    kind_order: tuple[str, ...]
    kind_patterns: Mapping[str, Matcher]
    kind_aliases: Mapping[str, str]
    employer: re.Pattern[str] | None
    kind_labels: Mapping[str, str]
    kind_readings: Mapping[str, str]
    kind_topics: Mapping[str, tuple[str, ...]]
    applicability: Mapping[str, frozenset[str]]
    names: re.Pattern[str]
    not_names: frozenset[str]
    situation: Matcher
    named_place: re.Pattern[str]
    story_words: frozenset[str]
    action: re.Pattern[str]
    plan_action: re.Pattern[str]
    action_verbs: frozenset[str]
    present_verbs: frozenset[str]
    present_story_words: frozenset[str]
    needs_object: frozenset[str]
    hollow_objects: Matcher
    particles: frozenset[str]
    habits: frozenset[str]
    habits_after: Matcher
    generalising: Matcher
    template: Matcher
    role_phrases: Matcher
    not_actions: frozenset[str]
    except_before_to: frozenset[str]
    coordination_stops: frozenset[str]
    we_words: frozenset[str]
    i_words: frozenset[str]
    result: Matcher
    connectives: Matcher
    hollow_outcomes: Matcher
    outcome_cues: frozenset[str]
    modals: frozenset[str]
    result_after_action: bool
    number_words: Matcher
    not_numbers: Matcher
    not_metrics: Matcher
    code_words: frozenset[str]
    care_words: frozenset[str]
    digits: re.Pattern[str]
    year: re.Pattern[str]
    reflection: Matcher
    hollow_lessons: Matcher
    lesson_stopwords: frozenset[str]
    generic_words: frozenset[str]
    synonyms: Mapping[str, frozenset[str]]
    claims: Matcher
    endings: tuple[str, ...]
    min_word_length: int
    filler: Matcher
    not_fillers: Matcher
    targets: Matcher
    weak_targets: frozenset[str]
    disparaging: Matcher
    disparaging_words: frozenset[str]
    not_disparaging: Matcher
    idioms: Matcher
    negators: frozenset[str]
    self_words: frozenset[str]
    predicate: re.Pattern[str]
    feelings: frozenset[str]
    vader_threshold: float
    vague: Matcher
    cliches: Matcher
    example_markers: Matcher
    specific: Matcher
    generic_nouns: frozenset[str]
    flattery_words: frozenset[str]
    not_doing: frozenset[str]
    reasons: Matcher
    generic: Matcher
    messages: Mapping[str, Any]
    titles: Mapping[str, str]
    summary: Mapping[str, str]
    compare: Mapping[str, str]
    priority: tuple[str, ...]
    # The plain phrases of every list above, matched in one pass over an answer.
    phrase_index: PhraseIndex = field(default_factory=lambda: PhraseIndex(()))


def strs(table: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """A list of strings from the rules file (empty when the key is absent)."""
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"critic_rules.toml: {key} must be a list of strings")
    return tuple(cast(list[str], value))


def wordset(table: Mapping[str, Any], key: str) -> frozenset[str]:
    """A "(words)" list as a set of lower-case words."""
    return frozenset(lower(w.translate(APOSTROPHES)) for w in strs(table, key))


def alternation(entries: Iterable[str]) -> str:
    """Literal entries as one regex alternation, longest first."""
    return "|".join(re.escape(e) for e in sorted(entries, key=len, reverse=True))


def load_raw() -> dict[str, Any]:
    """The rules file, parsed but not compiled."""
    text = resources.files("nextround").joinpath("data/critic_rules.toml").read_text("utf-8")
    return tomllib.loads(text)


@functools.cache
def rules() -> Rules:
    """Load and compile the rules file once per process."""
    raw = load_raw()
    kinds = raw["question_kinds"]
    action = raw["action"]
    metrics = raw["metrics"]
    neg = raw["negativity"]
    messages = raw["messages"]
    adverbs = alternation(wordset(action, "adverbs"))
    # "I" (or "I have", "I've", "I had", and for simple or second-language grammar "I am",
    # "I was", "I did"), up to two adverbs, then the word to judge; the following "to" is
    # captured for "I used to". Matched on lower-cased text.
    action_re = re.compile(
        r"(?<![\w'])i(?P<aux>\s+(?:have|had|am|was|did|do)|'ve|'m)?"
        rf"(?:\s+(?:{adverbs}|[a-z]+ly)\b){{0,2}}"
        r"\s+(?P<verb>[a-z]+(?:'[a-z]+)?)(?:\s+(?P<to>to)\b)?"
    )
    # A planned step: "I would first call", "I'd ring", "I will check", "my first step
    # would be to call".
    plan_re = re.compile(
        r"(?:(?<![\w'])i(?:'d|'ll|\s+would|\s+will|\s+should|\s+could|\s+might|\s+am\s+going\s+to|'m\s+going\s+to)"
        r"|\b(?:first|then|next|after\s+that|afterwards|finally)\s*,?\s+i(?:'d|'ll|\s+would|\s+will)?"
        r"|\bmy\s+(?:first|next)\s+(?:step|move|priority|action)\s+(?:would|will)\s+be\s+to)"
        rf"(?:\s+(?:{adverbs}|[a-z]+ly)\b){{0,2}}"
        r"\s+([a-z]+)\b"
    )
    targets = strs(neg, "targets")
    # A target described with "was/were/is/are (adverbs) WORD"; WORD is judged afterwards.
    predicate = re.compile(
        rf"(?:{trie_source(targets) or '(?!)'})\s+"
        r"(?:(?:there|here|at\s+\w+)\s+)?"
        r"(?:was|were|is|are|seemed|seem|became|got|could\s+be|can\s+be)\s+"
        r"(?:(?:so|very|really|completely|totally|utterly|just|quite|pretty|always|often|"
        r"constantly|extremely|incredibly|such|a|an|absolutely|honestly|frankly)\s+){0,3}"
        r"(?P<word>[a-z][a-z'-]*)"
    )
    disparaging = strs(neg, "disparaging")
    relevance = raw["relevance"]
    synonyms: dict[str, frozenset[str]] = {}
    for group in relevance.get("synonyms", []):
        members = frozenset(lower(w) for w in group)
        for word in members:
            synonyms[word] = synonyms.get(word, frozenset()) | members
    ownership = raw.get("ownership", {})
    result = raw["result"]
    enthusiasm = raw["enthusiasm"]
    compiled = Rules(
        thresholds=raw["thresholds"],
        kind_order=strs(kinds, "order"),
        kind_patterns={k: Matcher.of(strs(kinds["patterns"], k)) for k in kinds["patterns"]},
        kind_aliases=dict(kinds.get("aliases", {})),
        employer=re.compile(kinds["employer_pattern"]) if kinds.get("employer_pattern") else None,
        kind_labels=dict(kinds.get("labels", {})),
        kind_readings=dict(kinds.get("readings", {})),
        kind_topics={k: tuple(lower(w) for w in v) for k, v in kinds.get("topics", {}).items()},
        applicability={k: frozenset(strs(raw["applicability"], k)) for k in raw["applicability"]},
        names=re.compile(raw["names"]["pattern"]),
        not_names=frozenset(strs(raw["names"], "not_names")),
        situation=Matcher.of(strs(raw["situation"], "markers")),
        named_place=re.compile(raw["situation"]["named_place"]),
        story_words=wordset(raw["situation"], "story_words"),
        action=action_re,
        plan_action=plan_re,
        action_verbs=wordset(action, "verbs"),
        present_verbs=wordset(action, "present_verbs"),
        present_story_words=wordset(action, "present_story_words"),
        needs_object=wordset(action, "needs_object"),
        hollow_objects=Matcher.of(strs(action, "hollow_objects")),
        particles=wordset(action, "particles"),
        habits=wordset(action, "habits"),
        habits_after=Matcher.of(strs(action, "habits_after")),
        generalising=Matcher.of(strs(action, "generalising")),
        template=Matcher.of(strs(raw.get("template", {}), "phrases")),
        role_phrases=Matcher.of(strs(action, "role_phrases")),
        not_actions=wordset(action, "not_actions"),
        except_before_to=wordset(action, "except_before_to"),
        coordination_stops=wordset(action, "coordination_stops"),
        we_words=wordset(ownership, "we_words"),
        i_words=wordset(ownership, "i_words"),
        result=Matcher.of(strs(result, "markers")),
        connectives=Matcher.of(strs(result, "connectives")),
        hollow_outcomes=Matcher.of(strs(result, "hollow_outcomes")),
        outcome_cues=wordset(result, "outcome_cues"),
        modals=wordset(result, "modals"),
        result_after_action=bool(result.get("only_after_first_action", True)),
        number_words=Matcher.of(strs(metrics, "number_words")),
        not_numbers=Matcher.of(strs(metrics, "not_numbers")),
        not_metrics=Matcher.of(strs(metrics, "not_metrics")),
        code_words=wordset(metrics, "code_words"),
        care_words=wordset(metrics, "care_words"),
        digits=re.compile(metrics["digits"], re.IGNORECASE),
        year=re.compile(metrics["year"]),
        reflection=Matcher.of(strs(raw["reflection"], "markers")),
        hollow_lessons=Matcher.of(strs(raw["reflection"], "hollow_lessons")),
        lesson_stopwords=wordset(raw["reflection"], "lesson_stopwords"),
        generic_words=wordset(relevance, "generic_words") | wordset(relevance, "stop_words"),
        synonyms=synonyms,
        claims=Matcher.of(strs(relevance, "claims")),
        endings=tuple(sorted(strs(relevance, "endings"), key=len, reverse=True)),
        min_word_length=int(relevance.get("min_word_length", 3)),
        filler=Matcher.of(strs(raw["filler"], "words")),
        not_fillers=Matcher.of(strs(raw["filler"], "not_fillers")),
        targets=Matcher.of(targets),
        weak_targets=wordset(neg, "weak_targets"),
        disparaging=Matcher.of(disparaging),
        disparaging_words=frozenset(lower(d) for d in disparaging if " " not in d),
        not_disparaging=Matcher.of(strs(neg, "not_disparaging")),
        idioms=Matcher.of(strs(neg, "idioms")),
        negators=wordset(neg, "negators"),
        self_words=wordset(neg, "self_words"),
        predicate=predicate,
        feelings=wordset(neg, "feelings"),
        vader_threshold=float(neg.get("vader_word_threshold", -1.5)),
        vague=Matcher.of(strs(raw["vagueness"], "placeholders")),
        cliches=Matcher.of(strs(raw["cliches"], "phrases")),
        example_markers=Matcher.of(strs(raw["cliches"], "example_markers")),
        specific=Matcher.of(strs(enthusiasm, "specific")),
        generic_nouns=wordset(enthusiasm, "generic_nouns"),
        flattery_words=wordset(enthusiasm, "flattery_words"),
        not_doing=wordset(enthusiasm, "not_doing"),
        reasons=Matcher.of(strs(enthusiasm, "reasons")),
        generic=Matcher.of(strs(enthusiasm, "generic")),
        messages=messages,
        titles=messages["titles"],
        summary=raw["summary"],
        compare=raw["compare"],
        priority=strs(raw["summary"], "priority"),
    )
    answer_lists = [value for name, value in vars(compiled).items() if isinstance(value, Matcher)]
    return dataclasses.replace(compiled, phrase_index=PhraseIndex(answer_lists))


@functools.cache
def vader_lexicon() -> Mapping[str, float]:
    """VADER's word valences (loaded only when a target is described at all)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: PLC0415

    return cast(Mapping[str, float], SentimentIntensityAnalyzer().lexicon)
