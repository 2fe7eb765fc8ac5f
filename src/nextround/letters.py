"""The letter studio's engine: draft a letter from templates, and check any letter by the guide.

``draft_letter(kind, details, tone=...)`` fills one of the Jinja2 templates in
``nextround/templates/`` (four kinds of letter, three tones each) with the learner's details.
``check_letter(text, kind)`` judges any letter, drafted or typed, against the checks in
:data:`CHECKS` and returns one :class:`CheckResult` per check: ``passed`` is ``True``,
``False``, or ``None`` when the check does not apply to this kind of letter, with one kind
sentence saying what to do next and the exact stretches of text it is based on
(``text[s.start:s.end] == s.text``).

Every word list, pattern and message lives in ``data/letter_rules.toml`` so a facilitator
can read and extend them; this module only applies them. The guide the rules follow is
"The letter checker: checks and how each is judged" (the labelling guide).

Details the learner supplied (pass ``details=`` to :func:`check_letter`) are the learner's
own words, so they never count against a letter. A check that fails is judged once more
with the details masked (same length, so offsets hold): the greeting with the contact's
name after "Dear" replaced by a plain stand-in name, the sign-off with your name on its
last line replaced, and the other checks with every occurrence of every detail replaced
(by a stand-in word, or by spaces for a detail of only punctuation). The check passes if
it passes either way; length is never re-judged. A contact called "Frankly", a company
called "[Square]" or a role with "!!!" in it therefore fails nothing, while anything the
learner wrote around them is still judged. The details also count as specific. This is
what makes every draft pass every check, whatever its details (a property the tests pin).

Word lists are matched in the first ``max_chars_checked`` characters (20,000) so that a
1 MB paste is still checked in a fraction of a second; length, greeting and sign-off see
the whole text.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final, Literal, cast, get_args

import jinja2

from nextround._text import Span, phrase_pattern, trie_regex, words

LetterKind = Literal["thank_you", "feedback_request", "stay_in_touch", "linkedin_note"]
Tone = Literal["warm", "brief", "formal"]
#: How the learner chose to ask for feedback: by email first, or by email after a phone
#: call that nobody answered. It shapes the feedback request's wording.
Route = Literal["email_first", "after_unanswered_call"]
ROUTES: Final[tuple[Route, ...]] = get_args(Route)
# The module 4 call planner saves its choice as "email" or "call".
_ROUTE_ALIASES: Final[Mapping[str, Route]] = {
    "email": "email_first",
    "call": "after_unanswered_call",
}
CheckId = Literal[
    "thanks",
    "future_interest",
    "feedback_request",
    "no_resell",
    "tone",
    "length",
    "placeholders",
    "greeting",
    "signoff",
    "specific",
]

KINDS: Final[tuple[LetterKind, ...]] = get_args(LetterKind)
TONES: Final[tuple[Tone, ...]] = get_args(Tone)
#: The checks, in the order a report lists them.
CHECKS: Final[tuple[CheckId, ...]] = get_args(CheckId)

#: A short human name for each kind of letter, for menus and headings.
KIND_TITLES: Final[Mapping[LetterKind, str]] = {
    "thank_you": "Thank-you email",
    "feedback_request": "Asking for feedback",
    "stay_in_touch": "Staying in touch",
    "linkedin_note": "LinkedIn note",
}

#: A short human name for each check, for the checklist beside a letter.
CHECK_TITLES: Final[Mapping[CheckId, str]] = {
    "thanks": "Thanks them",
    "future_interest": "Keeps the door open",
    "feedback_request": "Asks once, politely",
    "no_resell": "Doesn't argue for the role",
    "tone": "Calm, courteous tone",
    "length": "Right length",
    "placeholders": "No gaps left to fill",
    "greeting": "Greets them by name",
    "signoff": "Signs off with your name",
    "specific": "Mentions something specific",
}

EMAIL_KINDS: Final[frozenset[LetterKind]] = frozenset(
    {"thank_you", "feedback_request", "stay_in_touch"}
)


# ---------------------------------------------------------------------------------------
# The learner's details
# ---------------------------------------------------------------------------------------


class LetterDetailsError(ValueError):
    """Details a letter cannot be drafted from; ``problems`` lists each one in plain words."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__(" ".join(self.problems))


#: Each detail: what it is called in messages, whether it is required, and its longest length.
_FIELDS: Final[Mapping[str, tuple[str, bool, int]]] = {
    "your_name": ("your own name, so you can sign the letter", True, 100),
    "contact_name": ("the name of the person you are writing to", True, 100),
    "contact_role": ("their job title", False, 100),
    "company": ("the company's name", True, 100),
    "role": ("the role you interviewed for", True, 100),
    "impressed_by": ("what impressed you", False, 300),
    "heard_how": ("how you heard the news", False, 60),
    "since_then": ("what you have done since you met", False, 200),
}
# "I have completed a course" is written into "Since we met, I completed a course".
_LEADING_I = re.compile(r"^(?:I\s+have\s+|I\x27ve\s+|I\u2019ve\s+|I\s+)", re.IGNORECASE)

# A role typed as "Junior Designer role" would read "the Junior Designer role role".
_ROLE_SUFFIX = re.compile(r"\s+(?:role|position)\s*$", re.IGNORECASE)


def normalise_detail(value: str) -> str:
    """One detail as a letter uses it: control characters dropped, all spacing one space."""
    kept = "".join(
        " " if ch.isspace() else ch for ch in value if ch.isspace() or not _is_control(ch)
    )
    return " ".join(kept.split())


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in {"Cc", "Cs"}


def _normalise_field(name: str, value: str) -> str:
    text = normalise_detail(value)
    if name == "since_then":
        text = _LEADING_I.sub("", text)
    if name in {"impressed_by", "heard_how", "since_then"}:
        # The templates add their own full stop: "the tour." would end "the tour..".
        text = text.rstrip(" .,;:")
    if name == "role":
        while (shorter := _ROLE_SUFFIX.sub("", text)) != text and shorter:
            text = shorter
    return text


def details_problems(**fields: object) -> tuple[str, ...]:
    """Everything wrong with a set of details, as kind sentences (empty when all is well).

    Widgets call this to show every problem at once, without catching an exception.
    """
    problems: list[str] = []
    unknown = sorted(set(fields) - set(_FIELDS))
    if unknown:
        problems.append(
            f"Unknown detail {', '.join(repr(u) for u in unknown)}: use {', '.join(_FIELDS)}."
        )
    for name, (label, required, limit) in _FIELDS.items():
        value = fields.get(name, "")
        if not isinstance(value, str):
            problems.append(f"Type {label} as text.")
            continue
        text = _normalise_field(name, value)
        if required and not text:
            problems.append(f"Add {label}.")
        elif len(text) > limit:
            problems.append(
                f"Shorten {label} to {limit} characters or fewer (it has {len(text):,})."
            )
    return tuple(problems)


@dataclass(frozen=True, slots=True, kw_only=True)
class LetterDetails:
    """What a letter is drafted from: who is writing, to whom, about which role.

    Every field is normalised when the details are made (spacing collapsed, line breaks
    removed, control characters dropped), and missing required fields raise
    :class:`LetterDetailsError` listing each problem.
    """

    your_name: str
    contact_name: str
    contact_role: str = ""
    company: str
    role: str
    #: A specific moment or thing about the company ("the tour of the workshop").
    impressed_by: str = ""
    #: How the news came ("by email", "on the phone").
    heard_how: str = ""
    #: What you have done since you met, for a stay-in-touch letter ("completed a food
    #: hygiene course"). Left out of the letter when empty: the letter never claims it.
    since_then: str = ""
    #: How you are asking for feedback: by email first, or after a call nobody answered
    #: ("email" and "call", as the module 4 planner saves them, are read as these).
    route: str = "email_first"

    def __post_init__(self) -> None:
        problems = list(details_problems(**{f: getattr(self, f) for f in _FIELDS}))
        route = _ROUTE_ALIASES.get(self.route, self.route) if isinstance(self.route, str) else None
        if route not in ROUTES:
            problems.append(
                "Choose how you are asking for feedback: "
                f"{' or '.join(ROUTES)} (not {self.route!r})."
            )
        if problems:
            raise LetterDetailsError(problems)
        object.__setattr__(self, "route", route)
        for name in _FIELDS:
            # Frozen, so normalised values are set the way dataclasses itself does.
            object.__setattr__(self, name, _normalise_field(name, getattr(self, name)))

    def validate(self) -> tuple[str, ...]:
        """The problems with these details: always empty, as bad details cannot be made."""
        return details_problems(**self.as_dict())

    def as_dict(self) -> dict[str, str]:
        """The details as a plain dict (what the templates receive)."""
        return {name: cast(str, getattr(self, name)) for name in _FIELDS}


# ---------------------------------------------------------------------------------------
# Rules, loaded once from data/letter_rules.toml
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rules:
    """The compiled rules file."""

    limits: Mapping[str, int]
    applies: Mapping[str, frozenset[str]]
    messages: Mapping[str, Mapping[str, str]]
    thanks: WordList
    not_thanks: WordList
    jibes: WordList
    future: WordList
    ask: WordList
    topic: WordList
    other_asks: WordList
    pushy: WordList
    resell: WordList
    tone: WordList
    acronyms: frozenset[str]
    placeholders: WordList
    html_tags: frozenset[str]
    salutation: re.Pattern[str]
    titles: frozenset[str]
    generic: re.Pattern[str]
    skip_lines: re.Pattern[str]
    signoff: re.Pattern[str]
    not_names: frozenset[str]
    not_specific: frozenset[str]
    role_noun: re.Pattern[str]
    generic_role_words: frozenset[str]
    concrete: WordList
    title_words: frozenset[str]


def _strings(table: Mapping[str, Any], key: str) -> list[str]:
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"letter_rules.toml: {key!r} must be a list of strings")
    return cast(list[str], value)


@dataclass(frozen=True, slots=True)
class WordList:
    """A compiled word list from the rules file, quick enough for 1,000 letters a second.

    It finds what ``_text.phrase_pattern`` would (whole words, ignoring case, spaces
    matching any spacing, ``/regex/`` entries used as they are, the longest phrase
    winning), but searches a lowercased copy of the letter without Python's IGNORECASE,
    which made each list four times slower, and compiles the plain phrases into a
    character trie, as ``re`` tries every alternative of a flat list at every position.
    Entries that switch case-matching back on (``(?-i:...)``) are searched in the letter
    as written.
    """

    at_word: re.Pattern[str] | None  # entries that start at a word, on the lowercased text
    anywhere: re.Pattern[str] | None  # the rest ("[", "!!!"), kept apart so re can skip
    cased: re.Pattern[str] | None  # entries with (?-i:...), on the text as written

    def positions(self, letter: _Letter) -> Positions:
        """Where the list matches in the letter's first ``scan_end`` characters."""
        end = letter.scan_end
        found: Positions = []
        for pattern, text in (
            (self.at_word, letter.lowered),
            (self.anywhere, letter.lowered),
            (self.cased, letter.view),
        ):
            if pattern is not None:
                found += [m.span() for m in pattern.finditer(text, 0, end)]
        found.sort()
        return found


def word_list(entries: Iterable[str]) -> WordList:
    """Compile word-list entries (phrases and ``/regex/`` entries) into a :class:`WordList`."""
    cleaned = [e.strip() for e in entries if e.strip()]
    is_expression = [len(e) > 2 and e.startswith("/") and e.endswith("/") for e in cleaned]
    expressions = [e[1:-1] for e, x in zip(cleaned, is_expression, strict=True) if x]
    phrases = [e for e, x in zip(cleaned, is_expression, strict=True) if not x]
    cased = [e for e in expressions if "(?-i:" in e]
    # Branches that can only start where a word starts sit behind one shared \b, so the
    # four positions in five that are inside a word fail at once.
    at_word: list[str] = []
    anywhere: list[str] = []
    word_phrases = [p for p in phrases if p[0].isalnum() or p[0] == "_"]
    other_phrases = [p for p in phrases if not (p[0].isalnum() or p[0] == "_")]
    if word_phrases:
        at_word.append(str(trie_regex(p.lower() for p in word_phrases)))
    if other_phrases:
        anywhere.append(str(trie_regex(p.lower() for p in other_phrases)))
    for expression in sorted(set(expressions) - set(cased), key=len, reverse=True):
        lowered = _lower_regex(expression)
        if lowered.startswith(r"\b") and not _has_top_level_bar(lowered):
            at_word.append(f"(?:{lowered[2:]})")
        else:
            anywhere.append(f"(?:{lowered})")
    return WordList(
        at_word=re.compile(rf"\b(?:{'|'.join(at_word)})") if at_word else None,
        # Where every alternative opens with a literal character, re jumps straight to
        # those characters; a \b in the same pattern would stop it doing so.
        anywhere=re.compile("|".join(anywhere)) if anywhere else None,
        cased=phrase_pattern(f"/{e}/" for e in cased) if cased else None,
    )


def _has_top_level_bar(expression: str) -> bool:
    """Whether a regex has a ``|`` outside any group or class (``\\bfoo|bar``)."""
    depth = 0
    in_class = escaped = False
    for ch in expression:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def _lower_regex(expression: str) -> str:
    """A regex with its letters lowercased, escapes (``\\W``, ``\\S``, ``\\x27``) left alone."""
    out: list[str] = []
    escaped = False
    for ch in expression:
        out.append(ch if escaped else ch.lower())
        escaped = not escaped and ch == "\\"
    return "".join(out)


def _lowered(view: str) -> tuple[str, bool]:
    """The text in lowercase, character for character, so offsets stay the same.

    The flag says whether every letter was lowered (else only A to Z were, because
    some character such as "İ" grows when lowered).
    """
    lowered = view.lower()
    if len(lowered) == len(view):
        return lowered, True  # no character grew, so each maps to one
    return view.translate(_ASCII_LOWER), False


_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _alternation(phrases: Iterable[str]) -> str:
    """Literal phrases as one regex alternation, longest first, spaces matching any spacing."""
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)


def rules_text() -> str:
    """The text of the packaged rules file, ``data/letter_rules.toml``."""
    source = resources.files("nextround").joinpath("data/letter_rules.toml")
    return source.read_text(encoding="utf-8")


@functools.cache
def rules() -> _Rules:
    """The letter rules, read and compiled once from ``data/letter_rules.toml``."""
    return load_rules(rules_text())


def load_rules(toml_text: str) -> _Rules:
    """Compile rules from the text of a rules file (tests use it to try an extended one)."""
    data = tomllib.loads(toml_text)
    greeting = data["greeting"]
    signoff = data["signoff"]
    specific = data["specific"]
    return _Rules(
        limits={k: int(v) for k, v in data["limits"].items()},
        applies={k: frozenset(_strings(data["applies"], k)) for k in data["applies"]},
        messages={k: dict(v) for k, v in data["messages"].items()},
        thanks=word_list(_strings(data["thanks"], "phrases")),
        not_thanks=word_list(_strings(data["thanks"], "not_thanks")),
        jibes=word_list(_strings(data["thanks"], "jibes")),
        future=word_list(_strings(data["future_interest"], "phrases")),
        ask=word_list(_strings(data["feedback_request"], "ask")),
        topic=word_list(_strings(data["feedback_request"], "topic")),
        other_asks=word_list(_strings(data["feedback_request"], "other_asks")),
        pushy=word_list(_strings(data["feedback_request"], "pushy")),
        resell=word_list(_strings(data["no_resell"], "phrases")),
        tone=word_list(_strings(data["tone"], "phrases")),
        acronyms=frozenset(a.upper() for a in _strings(data["tone"], "acronyms")),
        placeholders=word_list(_strings(data["placeholders"], "patterns")),
        html_tags=frozenset(t.lower() for t in _strings(data["placeholders"], "html_tags")),
        salutation=re.compile(
            rf"(?:{_alternation(_strings(greeting, 'salutations'))})(?!\w)", re.IGNORECASE
        ),
        titles=frozenset(t.lower() for t in _strings(greeting, "titles")),
        generic=re.compile(
            rf"(?:{_alternation(_strings(greeting, 'generic'))})(?![\w'])", re.IGNORECASE
        ),
        skip_lines=phrase_pattern(_strings(greeting, "skip_lines")),
        signoff=re.compile(
            rf"(?:{_alternation(_strings(signoff, 'phrases'))})(?![\w'])", re.IGNORECASE
        ),
        not_names=frozenset(n.lower() for n in _strings(signoff, "not_names")),
        not_specific=frozenset(_strings(specific, "not_specific")),
        role_noun=re.compile(
            rf"\b(?:{_alternation(w.lower() for w in _strings(specific, 'role_nouns'))})\b"
        ),
        generic_role_words=frozenset(w.lower() for w in _strings(specific, "generic_role_words")),
        concrete=word_list(_strings(specific, "concrete")),
        title_words=frozenset(w.lower() for w in _strings(data["details"], "title_words")),
    )


# ---------------------------------------------------------------------------------------
# Drafting
# ---------------------------------------------------------------------------------------

#: How many versions each kind's templates have, from everything (0) to the bare minimum.
#: Long details can push a letter past its length limit; the drafter then drops optional
#: parts (what impressed you, how you heard, a second mention of the company) to fit.
FIT_LEVELS: Final[Mapping[LetterKind, int]] = {
    "thank_you": 3,
    "feedback_request": 3,
    "stay_in_touch": 3,
    "linkedin_note": 4,
}


@functools.cache
def _environment() -> jinja2.Environment:
    # Plain-text letters, never HTML: escaping would turn "Maple & Finch" into
    # "Maple &amp; Finch". Widgets escape whatever they show.
    return jinja2.Environment(
        loader=jinja2.PackageLoader("nextround", "templates"),
        autoescape=False,  # noqa: S701 (plain text, see above)
        undefined=jinja2.StrictUndefined,
        # Block tags sit inside paragraphs ("...{% endif %}" at a line's end), so the
        # newline after them must stay: trim_blocks would join two paragraphs.
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=False,
    )


def in_sentence(title: str) -> str:
    """A job title as it reads inside a sentence: "Hiring Manager" becomes "hiring manager".

    Only ordinary job-title words lose their capital; names and acronyms keep theirs.
    """
    out = []
    common = rules().title_words
    for word in title.split(" "):
        bare = word.lower()
        if bare in common and not (word.isupper() and len(word) > 1):
            out.append(bare)
        else:
            out.append(word)
    return " ".join(out)


def _titled(name: str) -> bool:
    """Whether a contact's name starts with a title such as Ms, Mr or Dr."""
    first = name.split(" ", 1)[0].rstrip(".").lower()
    return first in rules().titles and " " in name.strip()


def template_name(kind: LetterKind, tone: Tone) -> str:
    """The file name of the template for one kind and tone, in ``nextround/templates/``."""
    return f"{kind}.{tone}.j2"


def _require_kind(kind: str) -> LetterKind:
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of letter {kind!r}: choose one of {', '.join(KINDS)}.")
    return kind


def _require_tone(tone: str) -> Tone:
    if tone not in TONES:
        raise ValueError(f"Unknown tone {tone!r}: choose one of {', '.join(TONES)}.")
    return tone


_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def _tidy(rendered: str) -> str:
    """Tidy a rendered template: single spaces, no trailing spaces, at most one blank line."""
    lines = [_SPACES.sub(" ", line).strip() for line in rendered.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def draft_letter(
    kind: LetterKind,
    details: LetterDetails | None = None,
    *,
    tone: Tone = "warm",
    **details_kwargs: str,
) -> str:
    """Draft a letter of one kind and tone from the learner's details.

    Pass a :class:`LetterDetails`, or its fields as keywords (keywords given with
    ``details`` replace those fields). The draft passes every check in :data:`CHECKS`
    when checked with the same details.
    """
    kind = _require_kind(kind)
    tone = _require_tone(tone)
    route = details_kwargs.pop("route", None)
    if details is None:
        problems = details_problems(**details_kwargs)
        if problems:
            raise LetterDetailsError(problems)
        details = LetterDetails(**details_kwargs, route=route or "email_first")
    elif details_kwargs or route:
        problems = details_problems(**{**details.as_dict(), **details_kwargs})
        if problems:
            raise LetterDetailsError(problems)
        details = dataclasses.replace(details, **details_kwargs, route=route or details.route)
    template = _environment().get_template(template_name(kind, tone))
    values = {
        **details.as_dict(),
        "route": details.route,
        # "Hi Ms Okafor," mixes a casual greeting with a formal title: a titled name is
        # greeted with "Dear" in every tone.
        "titled": _titled(details.contact_name),
        # "as Hiring manager" reads as "as hiring manager" in the middle of a sentence.
        "contact_role": in_sentence(details.contact_role),
    }
    text = ""
    for fit in range(FIT_LEVELS[kind]):
        text = _tidy(template.render(**values, fit=fit))
        if _length_verdict(text, kind)[0]:
            break
    return text


# ---------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The verdict on one check, with a kind next step and the text it is based on.

    ``passed`` is ``None`` when the check does not apply to this kind of letter.
    """

    check: CheckId
    passed: bool | None
    message: str
    evidence: tuple[Span, ...] = ()

    @property
    def title(self) -> str:
        """A short human name for the check, such as "Thanks them"."""
        return CHECK_TITLES[self.check]


@dataclass(frozen=True, slots=True)
class LetterReport:
    """The checker's report on one letter: one result per check, in :data:`CHECKS` order."""

    text: str
    kind: LetterKind
    checks: tuple[CheckResult, ...]
    word_count: int
    char_count: int

    def check(self, check_id: str) -> CheckResult:
        """The result for one check (``KeyError`` if it is not one of :data:`CHECKS`)."""
        for result in self.checks:
            if result.check == check_id:
                return result
        raise KeyError(check_id)

    @property
    def applicable(self) -> tuple[CheckResult, ...]:
        """The results that were judged (passed is True or False)."""
        return tuple(r for r in self.checks if r.passed is not None)

    @property
    def failing(self) -> tuple[CheckResult, ...]:
        """The results that did not pass yet."""
        return tuple(r for r in self.checks if r.passed is False)

    @property
    def passed_all(self) -> bool:
        """Whether every check that applies passed."""
        return not self.failing


# ---------------------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------------------

# Curly quotes read as straight ones; one character for one, so offsets stay the same.
_QUOTES: Final = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"'})
_LINE = re.compile(r"[^\r\n]+")
# Words that do not start with a-z or a digit (so capitalised ASCII words, and words of
# other scripts, which are then tested with str.isupper).
_CAPITAL_WORD = re.compile(r"(?<![\w'&-])[^\W\d_a-z][\w'&-]*")
_CAPS_CANDIDATE = re.compile(r"(?<![\w'])[^\W\d_a-z](?:[^\W\d_a-z]|')*[^\W\d_a-z](?![\w'])")
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'.-]*")
_ONLY_PUNCTUATION = re.compile(r"[\s,.!:;\-–—]*")
_NAME_PARTICLES: Final = frozenset(
    {"de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "le", "la", "bin", "al"}
)
_TRIM: Final = " \t\r\n\f\v\ufeff\u200b"

Positions = list[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class _Verdict:
    """A check's verdict before its evidence is cut from the original text."""

    passed: bool
    message: str
    positions: tuple[tuple[int, int], ...] = ()


def _message(check: str, key: str, **values: object) -> str:
    template = rules().messages[check][key]
    return template.format(**{k: _shorten(str(v)) for k, v in values.items()})


def _shorten(phrase: str, limit: int = 60) -> str:
    phrase = " ".join(phrase.split())
    return phrase if len(phrase) <= limit else phrase[: limit - 1] + "…"


def _lines(view: str) -> list[tuple[int, int]]:
    """The non-blank lines of the text, trimmed, as (start, end)."""
    out: list[tuple[int, int]] = []
    for m in _LINE.finditer(view):
        start, end = m.span()
        while start < end and view[start] in _TRIM:
            start += 1
        while end > start and view[end - 1] in _TRIM:
            end -= 1
        if end > start:
            out.append((start, end))
    return out


@dataclass(frozen=True, slots=True)
class _Letter:
    """One view of a letter (quotes straightened, details perhaps masked) and its layout."""

    view: str
    lowered: str  # view in lowercase, same offsets: word lists are matched in this
    full_lower: bool  # lowered is view.lower() (else only A-Z were lowered)
    kind: LetterKind
    scan_end: int  # word lists are searched in view[:scan_end] (see max_chars_checked)
    lines: tuple[tuple[int, int], ...]
    greeting_line: int | None  # index into lines of the line the greeting is judged on
    # Worked out once by _layout, as several checks need them:
    greeting: tuple[str, tuple[int, int]] = ("missing", (0, 0))
    signoff: tuple[str, int | None, Positions] = ("missing", None, [])
    slots: Positions = dataclasses.field(default_factory=list)
    jibes: Positions = dataclasses.field(default_factory=list)  # thanks and tone use them
    word_count: int = 0


def _layout(view: str, kind: LetterKind) -> _Letter:
    lines = tuple(_lines(view))
    greeting_line = next(
        (i for i, (s, e) in enumerate(lines) if not rules().skip_lines.match(view, s, e)),
        None,
    )
    scan_end = min(len(view), rules().limits["max_chars_checked"])
    lowered, full_lower = _lowered(view)
    letter = _Letter(view, lowered, full_lower, kind, scan_end, lines, greeting_line)
    return dataclasses.replace(
        letter,
        greeting=_greeting_name(letter),
        signoff=_find_signoff(letter),
        slots=_placeholder_positions(letter),
        jibes=rules().jibes.positions(letter),
        word_count=len(words(view)),
    )


def _check_thanks(letter: _Letter) -> _Verdict:
    blocked = rules().not_thanks.positions(letter)
    jibes = letter.jibes
    if jibes:
        # "Thank you for letting me know, eventually, about ...": a jibe anywhere in the
        # sentence (or line) makes its thanks sarcastic.
        starts = _sentence_starts(letter.view, letter.scan_end)
        blocked = blocked + [_sentence_around(letter, starts, p) for p in jibes]
    found = [p for p in rules().thanks.positions(letter) if not _overlaps(p, blocked)]
    if found:
        return _Verdict(True, _message("thanks", "pass"), tuple(found))
    return _Verdict(False, _message("thanks", "fail"), tuple(blocked))


def _sentence_around(
    letter: _Letter, starts: Sequence[int], position: tuple[int, int]
) -> tuple[int, int]:
    """The sentence holding a position, cut at line breaks, as (start, end)."""
    view = letter.view
    index = bisect.bisect_right(starts, position[0]) - 1
    start = max(starts[index], view.rfind("\n", 0, position[0]) + 1)
    end = starts[index + 1] if index + 1 < len(starts) else letter.scan_end
    line_end = view.find("\n", position[1], end)
    end = line_end if line_end != -1 else end
    while start < end and view[start] in _TRIM:
        start += 1
    while end > start and view[end - 1] in _TRIM:
        end -= 1
    return start, end


def _overlaps(position: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    return any(position[0] < end and start < position[1] for start, end in others)


def _check_future(letter: _Letter) -> _Verdict:
    found = rules().future.positions(letter)
    if found:
        return _Verdict(True, _message("future_interest", "pass"), tuple(found))
    return _Verdict(False, _message("future_interest", "fail"))


def _sentence_starts(view: str, end: int) -> list[int]:
    """Where each sentence starts, by the same light rule as ``_text.sentences``."""
    starts = [0]
    starts.extend(m.end() for m in _SENTENCE_SPLIT.finditer(view, 0, end))
    return starts


# As in _text.sentences (end punctuation then space, or a blank line), but opening with
# the punctuation rather than a lookbehind, which is twice as quick.
_SENTENCE_SPLIT = re.compile(r"[.!?…][\"')\]]*\s+|\n\s*\n")


def _request_sentences(letter: _Letter) -> tuple[list[tuple[int, int]], Positions]:
    """The requests in a letter: (sentences asking for feedback, other things asked for).

    A sentence holding both an ask and a topic asks for feedback; all of these together
    are the one request the course teaches (feedback, a short call, how to stay in mind),
    however many sentences it takes. Each other thing asked for in a sentence with an ask
    ("send me a copy of the test", "introduce me to...") is a request of its own.
    """
    view, scan_end = letter.view, letter.scan_end
    asks_at = rules().ask.positions(letter)
    if not asks_at:
        return [], []
    starts = _sentence_starts(view, scan_end)
    asks = {bisect.bisect_right(starts, s) - 1 for s, _ in asks_at}
    topics_at = rules().topic.positions(letter)
    topics = {bisect.bisect_right(starts, s) - 1 for s, _ in topics_at}
    out: list[tuple[int, int]] = []
    for index in sorted(asks & topics):
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else scan_end
        while end > start and view[end - 1] in _TRIM:
            end -= 1
        while start < end and view[start] in _TRIM:
            start += 1
        out.append((start, end))
    others = [
        p
        for p in rules().other_asks.positions(letter)
        if bisect.bisect_right(starts, p[0]) - 1 in asks
    ]
    return out, others


def _check_feedback_request(letter: _Letter) -> _Verdict:
    requests, others = _request_sentences(letter)
    pushy = rules().pushy.positions(letter)
    if pushy:
        phrase = letter.view[pushy[0][0] : pushy[0][1]]
        return _Verdict(False, _message("feedback_request", "pushy", phrase=phrase), tuple(pushy))
    if not requests:
        return _Verdict(False, _message("feedback_request", "none"), tuple(others))
    count = 1 + len(others)
    if count > 1:
        return _Verdict(
            False,
            _message("feedback_request", "many", count=count),
            tuple(requests + others),
        )
    return _Verdict(True, _message("feedback_request", "pass"), tuple(requests))


def _check_resell(letter: _Letter) -> _Verdict:
    found = rules().resell.positions(letter)
    if found:
        phrase = letter.view[found[0][0] : found[0][1]]
        return _Verdict(False, _message("no_resell", "fail", phrase=phrase), tuple(found))
    return _Verdict(True, _message("no_resell", "pass"))


def _shouting(view: str, scan_end: int) -> Positions:
    """Runs of words in CAPITALS that are not acronyms: one long word, or two in a row."""
    limits = rules().limits
    found: Positions = []
    run: list[tuple[int, int]] = []
    run_letters = 0

    def close() -> None:
        if len(run) >= 2 or run_letters >= limits["shout_min_letters"]:
            found.append((run[0][0], run[-1][1]))

    acronyms = rules().acronyms
    # Only words of two or more letters none of which is a-z can be in capitals; any
    # other word between two of them holds letters, so it still breaks a run.
    for m in _CAPS_CANDIDATE.finditer(view, 0, scan_end):
        word = m.group(0)
        if not word.isupper() or word.replace("'", "") in acronyms:
            continue
        letters = sum(1 for ch in word if ch.isalpha())
        if run and not _ONLY_PUNCTUATION.fullmatch(view, run[-1][1], m.start()):
            close()
            run, run_letters = [], 0
        run.append(m.span())
        run_letters = max(run_letters, letters)
    if run:
        close()
    return found


def _check_tone(letter: _Letter) -> _Verdict:
    shouting = [
        p for p in _shouting(letter.view, letter.scan_end) if not _overlaps(p, letter.slots)
    ]
    found = sorted(rules().tone.positions(letter) + letter.jibes + shouting)
    if found:
        phrase = letter.view[found[0][0] : found[0][1]]
        return _Verdict(False, _message("tone", "fail", phrase=phrase), tuple(found))
    return _Verdict(True, _message("tone", "pass"))


# The same word rule as ``_text.words``, with positions.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _length_verdict(
    text: str, kind: LetterKind, count: int | None = None
) -> tuple[bool, str, tuple[int, int] | None]:
    """Whether the letter's length is right, the message, and any part over the limit.

    ``count`` is the letter's word count, when already known.
    """
    limits = rules().limits
    if kind == "linkedin_note":
        start = len(text) - len(text.lstrip(_TRIM))
        end = len(text.rstrip(_TRIM))
        count = max(0, end - start)
        most = limits["linkedin_max_chars"]
        if count <= most:
            return True, _message("length", "pass_note", count=count, max=most), None
        return (
            False,
            _message("length", "long_note", count=count, max=most),
            (start + most, end),
        )
    count = len(words(text)) if count is None else count
    least, most = limits["email_min_words"], limits["email_max_words"]
    if count < least:
        return False, _message("length", "short", count=count, min=least), None
    if count > most:
        over: tuple[int, int] | None = None
        for index, m in enumerate(_WORD.finditer(text)):
            if index == most:
                over = (m.start(), len(text.rstrip(_TRIM)))
                break
        return False, _message("length", "long", count=count, max=most), over
    return True, _message("length", "pass", count=count), None


def _placeholder_positions(letter: _Letter) -> Positions:
    """Unfilled template slots, leaving out HTML tags such as "<p>"."""
    found: Positions = []
    for start, end in rules().placeholders.positions(letter):
        token = letter.view[start:end]
        if token.startswith("<"):
            inner = token[1:-1].strip().split()
            if inner and inner[0].lower() in rules().html_tags:
                continue
        found.append((start, end))
    return found


def _check_placeholders(letter: _Letter) -> _Verdict:
    found = letter.slots
    if found:
        phrase = letter.view[found[0][0] : found[0][1]]
        return _Verdict(False, _message("placeholders", "fail", phrase=phrase), tuple(found))
    return _Verdict(True, _message("placeholders", "pass"))


def _greeting_name(letter: _Letter) -> tuple[str, tuple[int, int]]:
    """Judge the greeting line: ("pass" | "generic" | "missing", the span to show)."""
    if letter.greeting_line is None:
        return "missing", (0, 0)
    start, end = letter.lines[letter.greeting_line]
    view = letter.view
    salutation = rules().salutation.match(view, start, end)
    if salutation is None:
        return "missing", (start, end)
    pos = salutation.end()
    while pos < end and view[pos] in " \t,":
        pos += 1
    generic = rules().generic.match(view, pos, end)
    if generic is not None and not _title_before_name(view, generic, end):
        return "generic", (start, generic.end())
    # "hey priti, thanks for ...": a lowercase name right after the greeting word (no
    # comma between them) and closed by a comma is a name; "Hi, thanks for ..." is not.
    lowercase_ok = "," not in view[salutation.end() : pos]
    name_end = None
    for index, (token_start, token_end) in enumerate(_name_tokens(view, pos, end)):
        word = view[token_start:token_end]
        bare = word.rstrip(".").lower()
        if index >= 5 or (name_end is None and (bare in rules().not_names or bare == "i")):
            break
        if bare in rules().titles or bare in _NAME_PARTICLES:
            continue  # "Ms", "de": part of a name, but not a name on their own
        if word[0].islower() and not _closes_name(view, token_end, end, lowercase_ok):
            break  # "Hi, thanks for ...": a sentence, not a name
        name_end = token_end
    if name_end is None:
        return "missing", (start, end)
    return "pass", (start, name_end)


# After a lowercase name: at most two more words, then a comma, colon, "!" or a dash.
_LOWER_NAME_END = re.compile(r"(?:[ \t]+[^\W\d_][\w'.-]*){0,2}[ \t]*(?:[,:!]|[ \t]*[-–—][ \t])")


def _closes_name(view: str, token_end: int, end: int, lowercase_ok: bool) -> bool:
    """Whether the greeting line ends, or the name is closed by a comma, after a word."""
    if view[token_end:end].strip() in {",", ":", "!", ""}:
        return True
    return lowercase_ok and _LOWER_NAME_END.match(view, token_end, end) is not None


def _title_before_name(view: str, generic: re.Match[str], end: int) -> bool:
    """Whether a generic word is a title before a name: "Respected Madam Okonkwo,".

    "Dear Sir," and "Dear Sir or Madam," name nobody; "Dear Madam Okonkwo," does.
    """
    if generic.group(0).lower() not in rules().titles:
        return False
    pos = generic.end()
    for _ in range(3):  # "Respected Sir Mr Odimegwu,": titles, then the name
        if pos >= end or view[pos] not in " \t":
            return False
        m = _NAME_TOKEN.match(view, pos + 1, end)
        if m is None:
            return False
        word = m.group(0)
        bare = word.rstrip(".").lower()
        if bare not in rules().titles:
            return word[0].isupper() and bare not in {"or", "and"}
        pos = m.end()
    return False


def _name_tokens(view: str, pos: int, end: int) -> Iterator[tuple[int, int]]:
    """Consecutive name-like tokens from ``pos``, separated only by spaces."""
    while pos < end:
        m = _NAME_TOKEN.match(view, pos, end)
        if m is None:
            return
        yield m.span()
        pos = m.end()
        gap = pos
        while gap < end and view[gap] in " \t":
            gap += 1
        if gap == pos:
            return
        pos = gap


def _check_greeting(letter: _Letter) -> _Verdict:
    verdict, (start, end) = letter.greeting
    shown = ((start, end),) if end > start else ()
    if verdict == "pass":
        return _Verdict(True, _message("greeting", "pass"), shown)
    if verdict == "generic":
        phrase = letter.view[start:end]
        return _Verdict(False, _message("greeting", "generic", phrase=phrase), shown)
    return _Verdict(False, _message("greeting", "missing"), shown)


def _name_like(view: str, start: int, end: int) -> bool:
    """Whether a line looks like a person's name (the line under a sign-off)."""
    limits = rules().limits
    line = view[start:end]
    found = words(line)
    if not found or len(found) > limits["name_max_words"] or len(line) > limits["name_max_chars"]:
        return False
    if any(ch in line for ch in "?!;:@") or any(ch.isdigit() for ch in line):
        return False
    if found[0].lower() in rules().not_names:
        return False
    # "Ana B." ends with a full stop; "See you soon." is a sentence, not a name.
    return not (line.endswith(".") and len(line.split()[-1]) > 3)


def _signoff_line(letter: _Letter, index: int) -> tuple[re.Match[str], bool] | None:
    """A sign-off at the start of a short line, and whether the line holds only it."""
    start, end = letter.lines[index]
    m = rules().signoff.match(letter.view, start, end)
    if m is None:
        return None
    if len(words(letter.view[start:end])) > rules().limits["signoff_max_words"]:
        return None
    rest = letter.view[m.end() : end]
    return m, bool(_ONLY_PUNCTUATION.fullmatch(rest)) or rest.rstrip().endswith(",")


def _find_signoff(letter: _Letter) -> tuple[str, int | None, Positions]:
    """Judge the close: (verdict, first line of the sign-off block, spans to show)."""
    lines = letter.lines
    count = len(lines)
    lowest = max(-1, count - 1 - rules().limits["signoff_search_lines"])
    first_line = 0 if letter.greeting_line is None else letter.greeting_line + 1
    without_name: tuple[str, int, Positions] | None = None
    for index in range(count - 1, max(lowest, first_line - 1), -1):
        found = _signoff_line(letter, index)
        if found is None:
            continue
        m, whole_line = found
        start, end = lines[index]
        if whole_line and index + 1 < count and count - index - 1 <= 3:
            name_start, name_end = lines[index + 1]
            if _name_like(letter.view, name_start, name_end):
                return "pass", index, [(start, end), (name_start, name_end)]
        # "Best, Ana" on one line.
        rest_start = m.end()
        while rest_start < end and letter.view[rest_start] in " \t,-–—":
            rest_start += 1
        if (
            rest_start > m.end()
            and count - index <= 3
            and _name_like(letter.view, rest_start, end)
            and "," in letter.view[m.end() : rest_start]
        ):
            return "pass", index, [(start, end)]
        if whole_line and without_name is None:
            without_name = ("no_name", index, [(start, end)])
    if without_name is not None:
        return without_name
    if count and count - 1 > (letter.greeting_line or 0):
        start, end = lines[-1]
        if _name_like(letter.view, start, end):
            return "no_signoff", count - 1, [(start, end)]
    return "missing", None, []


def _check_signoff(letter: _Letter) -> _Verdict:
    verdict, _, positions = letter.signoff
    if verdict == "no_name":
        start, end = positions[0]
        phrase = letter.view[start:end].rstrip(" ,")
        return _Verdict(False, _message("signoff", "no_name", phrase=phrase), tuple(positions))
    return _Verdict(verdict == "pass", _message("signoff", verdict), tuple(positions))


def _body(letter: _Letter) -> tuple[int, int]:
    """Where the letter's body runs: after the greeting, before the sign-off block."""
    start = 0
    verdict, (_, greeting_end) = letter.greeting
    if verdict != "missing":
        # A one-line note carries on after the name: "Hi Tomas, thank you for ...".
        start = greeting_end
    end = len(letter.view)
    signoff_from = letter.signoff[1]
    if signoff_from is not None and letter.kind in EMAIL_KINDS:
        end = letter.lines[signoff_from][0]
    return start, max(start, end)


def _capitalised(letter: _Letter, start: int, end: int) -> Positions:
    """Capitalised words in the middle of a sentence: names of companies, people, places."""
    view = letter.view
    found: Positions = []
    skip = rules().not_specific
    for m in _CAPITAL_WORD.finditer(view, start, end):
        word = m.group(0)
        if not word[0].isupper() or _starts_sentence(view, start, m.start()):
            continue
        if _overlaps(m.span(), letter.slots):
            continue  # "[Name]" is a gap to fill, not something specific
        bare = word.removesuffix("'s").rstrip("-&'")
        if bare in skip or word in skip:
            continue
        found.append(m.span())
        if len(found) >= rules().limits["max_evidence"]:
            break
    return found


def _starts_sentence(view: str, body_start: int, at: int) -> bool:
    """Whether a word at ``at`` opens a sentence or a line (looking back to the last word)."""
    index = at - 1
    while index >= body_start:
        ch = view[index]
        if ch.isalnum() or ch == "_":
            return False
        if ch in ".!?…:;\n":
            return True
        index -= 1
    return True


_DETERMINERS: Final = frozenset({"the", "this", "that", "your", "a", "an", "my", "our"})
# One to four words between "the" (or "this", "your", "a", "an") and a role noun.
_ROLE_LEAD = re.compile(r"\b(?:the|this|your|a|an)\s+((?:[^\W\d_][\w'&.-]*\s+){1,4})\Z")


def _role_titles(lowered: str, start: int, end: int) -> Positions:
    """Role titles such as "the warehouse team leader role" (not "the same role")."""
    found: Positions = []
    generic = rules().generic_role_words
    # Find the rare role nouns first, then look back a few words for the title.
    for noun in rules().role_noun.finditer(lowered, start, end):
        window = max(start, noun.start() - 120)
        lead = _ROLE_LEAD.search(lowered, window, noun.start())
        if lead is None:
            continue
        title = lead.group(1).split()
        # "your decision about the role": only the words after the last "the" name it.
        cut = max((i for i, w in enumerate(title) if w in _DETERMINERS), default=-1)
        if any(w not in generic for w in title[cut + 1 :]):
            found.append((lead.start(), noun.end()))
    return found


def _check_specific(letter: _Letter, extra: Positions) -> _Verdict:
    start, end = _body(letter)
    end = min(end, letter.scan_end)
    # One kind of evidence is enough to pass, so the costlier searches run only if needed.
    found = list(extra) or _capitalised(letter, start, end)
    found = found or _role_titles(letter.lowered, start, end)
    found = found or [
        p for p in rules().concrete.positions(letter) if start <= p[0] and p[1] <= end
    ]
    if found:
        return _Verdict(True, _message("specific", "pass"), tuple(sorted(set(found))))
    return _Verdict(False, _message("specific", "fail"))


def _detail_positions(
    letter: _Letter, details: LetterDetails | None
) -> tuple[Positions, Positions]:
    """Where the supplied details occur: (every occurrence, those that count as specific).

    The company, the role, what impressed them and the contact's role are specific
    wherever they are; the contact's name only outside the greeting.
    """
    if details is None:
        return [], []
    lowered = {
        field: _lower_like(letter, value.translate(_QUOTES))
        for field, value in details.as_dict().items()
        if value
    }
    if not lowered:
        return [], []
    specific_values = {
        lowered[f] for f in ("company", "role", "impressed_by", "contact_role") if f in lowered
    }
    contact = lowered.get("contact_name")
    body_start, body_end = _body(letter)
    everything: Positions = []
    specific: Positions = []
    pattern = _values_pattern(tuple(sorted(set(lowered.values()))))
    for m in pattern.finditer(letter.lowered):
        everything.append(m.span())
        found = m.group(0)
        if found in specific_values or (
            found == contact and body_start <= m.start() and m.end() <= body_end
        ):
            specific.append(m.span())
    return everything, specific


def _lower_like(letter: _Letter, value: str) -> str:
    """A detail lowercased the way the letter's text was, so it can be found in it."""
    return value.lower() if letter.full_lower else value.translate(_ASCII_LOWER)


@functools.lru_cache(maxsize=256)
def _values_pattern(values: tuple[str, ...]) -> re.Pattern[str]:
    """Lowercased details as whole words (where they start or end with a letter or digit)."""
    parts = []
    for value in sorted(values, key=len, reverse=True):
        left = r"(?<!\w)" if value[0].isalnum() or value[0] == "_" else ""
        right = r"(?!\w)" if value[-1].isalnum() or value[-1] == "_" else ""
        parts.append(f"{left}{re.escape(value)}{right}")
    return re.compile("|".join(parts))


def _mask(view: str, positions: Positions) -> str:
    """Replace each stretch (touching ones merged) with a plain stand-in, same length."""
    merged: list[list[int]] = []
    for start, end in sorted(positions):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces: list[str] = []
    cursor = 0
    for start, end in merged:
        pieces.append(view[cursor:start])
        if any(ch.isalnum() for ch in view[start:end]):
            pieces.append("N" + "n" * (end - start - 1))
        else:
            # A detail of only punctuation (a role of ",") becomes spaces: a stand-in
            # word would run into its neighbours ("regards," would become "regardsN").
            pieces.append(" " * (end - start))
        cursor = end
    pieces.append(view[cursor:])
    return "".join(pieces)


def _greeting_slot(letter: _Letter, details: LetterDetails) -> Positions:
    """Where the contact's name sits right after the greeting word, if it does."""
    if letter.greeting_line is None or not details.contact_name:
        return []
    start, end = letter.lines[letter.greeting_line]
    salutation = rules().salutation.match(letter.view, start, end)
    if salutation is None:
        return []
    pos = salutation.end()
    while pos < end and letter.view[pos] in " \t":
        pos += 1
    name = _lower_like(letter, details.contact_name.translate(_QUOTES))
    if letter.lowered.startswith(name, pos, end):
        return [(pos, pos + len(name))]
    return []


def _signoff_slot(letter: _Letter, details: LetterDetails) -> Positions:
    """Where your name sits at the end: a line of its own, or after "Best, "."""
    name = _lower_like(letter, details.your_name.translate(_QUOTES))
    found: Positions = []
    for start, end in letter.lines[-rules().limits["signoff_search_lines"] :]:
        if letter.lowered.endswith(name, start, end) and (
            end - start == len(name)
            or letter.lowered[end - len(name) - 2 : end - len(name)] == ", "
        ):
            found.append((end - len(name), end))
    return found


def _slot_mask(view: str, slots: Positions) -> str:
    """Replace each name slot with a plain stand-in name of the same length."""
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(slots):
        if start < cursor:
            continue
        pieces += [view[cursor:start], "N" + "n" * (end - start - 1)]
        cursor = end
    pieces.append(view[cursor:])
    return "".join(pieces)


def _judge(
    letter: _Letter, specific_extra: Positions, only: Iterable[CheckId] = CHECKS
) -> dict[CheckId, _Verdict | None]:
    applies = rules().applies
    kind = letter.kind
    verdicts: dict[CheckId, _Verdict | None] = {}
    for check in only:
        if kind not in applies[check]:
            verdicts[check] = None
        elif check == "thanks":
            verdicts[check] = _check_thanks(letter)
        elif check == "future_interest":
            verdicts[check] = _check_future(letter)
        elif check == "feedback_request":
            verdicts[check] = _check_feedback_request(letter)
        elif check == "no_resell":
            verdicts[check] = _check_resell(letter)
        elif check == "tone":
            verdicts[check] = _check_tone(letter)
        elif check == "length":
            passed, message, over = _length_verdict(letter.view, kind, letter.word_count)
            verdicts[check] = _Verdict(passed, message, (over,) if over else ())
        elif check == "placeholders":
            verdicts[check] = _check_placeholders(letter)
        elif check == "greeting":
            verdicts[check] = _check_greeting(letter)
        elif check == "signoff":
            verdicts[check] = _check_signoff(letter)
        else:
            verdicts[check] = _check_specific(letter, specific_extra)
    return verdicts


def check_letter(
    text: str, kind: LetterKind, *, details: LetterDetails | None = None
) -> LetterReport:
    """Check a letter against the guide: one :class:`CheckResult` per check in :data:`CHECKS`.

    ``details`` (optional) are the details the letter was drafted from: they count as
    specific, and never count against the letter (see the module's docstring).
    Never raises on any text; raises ``ValueError`` for an unknown ``kind``.
    """
    if not isinstance(text, str):
        raise TypeError(f"check_letter needs the letter as text, not {type(text).__name__}.")
    kind = _require_kind(kind)
    view = text.translate(_QUOTES)
    letter = _layout(view, kind)
    everything, specific = _detail_positions(letter, details)
    verdicts = _judge(letter, specific)
    # Length is never judged on the masked text: a stand-in name is one word however
    # many the detail had.
    retry = [c for c, v in verdicts.items() if v is not None and not v.passed and c != "length"]
    if details is not None and retry:
        # The greeting and sign-off are judged with just the name slots masked (the name
        # after "Dear", a last line that is your name); the other checks with every
        # occurrence of every detail masked.
        slots = {
            "greeting": _greeting_slot(letter, details),
            "signoff": _signoff_slot(letter, details),
        }
        masked = _layout(_mask(view, everything), kind) if everything else None
        for check in retry:
            if check in slots:
                target = _layout(_slot_mask(view, slots[check]), kind) if slots[check] else None
            else:
                target = masked
            other = _judge(target, specific, [check])[check] if target is not None else None
            if other is not None and other.passed:
                verdicts[check] = other
    results = tuple(_result(check, verdicts[check], text) for check in CHECKS)
    return LetterReport(text, kind, results, letter.word_count, len(text.strip(_TRIM)))


def _result(check: CheckId, verdict: _Verdict | None, text: str) -> CheckResult:
    if verdict is None:
        return CheckResult(check, None, rules().messages[check]["na"])
    limit = rules().limits["max_evidence"]
    spans = tuple(
        Span(start, end, text[start:end])
        for start, end in sorted(set(verdict.positions))[:limit]
        if 0 <= start < end <= len(text)
    )
    return CheckResult(check, verdict.passed, verdict.message, spans)
