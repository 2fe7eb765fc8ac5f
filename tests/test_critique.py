"""Tests for the answer critic (nextround.critique): each rule, the question classifier,
applicability, messages, comparison, and properties that must hold for any text."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround._text import phrase_pattern
from nextround.critique import (
    CRITERIA,
    KIND_LABELS,
    QUESTION_KINDS,
    Critique,
    classify_question,
    compare,
    criterion_title,
    critique,
    describe_question,
)
from nextround.critique._rules import rules
from nextround.critique.matchers import APOSTROPHES, TOKEN, Matcher, lower

BEHAVIOURAL = "Tell me about a time you solved a problem at work."
WEAKNESS = "What is your greatest weakness?"
MOTIVATION = "Why do you want to work for us?"
TECHNICAL = "How would you design a stock-control spreadsheet?"
OTHER = "Tell me about yourself."

# An ordinary, decent behavioural answer (about 90 words) used as a base.
GOOD = (
    "Last spring, as a shift supervisor at Harbourline Logistics, our biggest client was "
    "about to leave because deliveries kept arriving late. I called the client to hear "
    "exactly what was going wrong, and I mapped every late route with the drivers. I rebuilt "
    "the rota around the two busiest depots and I trained three new starters on the loading "
    "checks. As a result, late deliveries fell by 40% in six weeks and the client renewed "
    "for another year."
)

JOB = """Shift Supervisor, Harbourline Logistics
- Plan and run the night shift rota
- Coach new starters on warehouse safety
- Report weekly figures to the operations manager
- Keep stock records accurate in the stock system
"""


def verdict(
    answer: str, criterion: str, question: str | None = BEHAVIOURAL, jd: str | None = None
) -> bool | None:
    """The critic's passed value for one criterion."""
    return critique(answer, question=question, job_description=jd).finding(criterion).passed


def padded(text: str) -> str:
    """Text padded to a comfortable length with neutral words, so length passes."""
    return text + " The shop opened at nine and the delivery van came every morning." * 9


def quietly_padded(text: str) -> str:
    """Text padded with words that share nothing with the job descriptions used here."""
    return text + " The sky was clear and the air felt mild all through the afternoon." * 5


# ---------------------------------------------------------------------------------------
# The question classifier
# ---------------------------------------------------------------------------------------

QUESTIONS = [
    ("tell-me-about-a-time", "Tell me about a time you calmed an angry customer.", "behavioural"),
    ("describe-a-situation", "Describe a situation where you led a small team.", "behavioural"),
    ("give-an-example", "Give an example of a goal you reached.", "behavioural"),
    ("have-you-ever", "Have you ever had to deliver bad news?", "behavioural"),
    (
        "time-explaining-is-still-behavioural",
        "Tell me about a time you had to explain something complicated.",
        "behavioural",
    ),
    ("weakness", "What is your greatest weakness?", "weakness"),
    ("failure-beats-time", "Tell me about a time you failed.", "weakness"),
    ("mistake", "Describe a mistake you made at work.", "weakness"),
    ("went-wrong", "Tell me about a project that went wrong.", "weakness"),
    ("criticism", "How do you respond to criticism?", "weakness"),
    ("regret", "Is there a decision you regret?", "weakness"),
    ("why-work-here", "Why do you want to work here?", "motivation"),
    ("why-this-role", "Why this role?", "motivation"),
    ("what-attracts-you", "What attracts you to Maple & Finch Bakery?", "motivation"),
    ("why-interested", "Why are you interested in this position?", "motivation"),
    ("five-years", "Where do you see yourself in five years?", "motivation"),
    (
        "curly-apostrophe",
        "What\u2019s the difference between a loan and an overdraft?",
        "technical",
    ),
    ("how-would-you", "How would you plan a week of school meals?", "technical"),
    ("explain", "Explain how a heat pump works.", "technical"),
    ("difference", "What is the difference between a sprain and a strain?", "technical"),
    ("how-does", "How does a tax code work?", "technical"),
    ("walk-through-method", "Walk me through how you would reconcile an account.", "technical"),
    ("debug", "Debug this formula for me.", "technical"),
    ("calculate", "Calculate the dose for a 20 kg child.", "technical"),
    ("about-yourself", "Tell me about yourself.", "about_you"),
    ("walk-through-cv", "Walk me through your CV.", "about_you"),
    ("salary", "What are your salary expectations?", "salary"),
    ("how-do-you-handle-stress", "How do you handle stress?", "other"),
    ("notice-period", "What is your notice period?", "other"),
    ("what-would-you-do", "What would you do if a customer shouted at you?", "hypothetical"),
    (
        "how-would-you-handle",
        "How would you handle a colleague who keeps arriving late?",
        "hypothetical",
    ),
    ("greatest-strength", "What is your greatest strength?", "strength"),
    ("why-hire-you", "Why should we hire you?", "strength"),
    ("questions-for-us", "Do you have any questions for us?", "closing"),
    ("anything-to-add", "Is there anything else you'd like to add?", "closing"),
    ("project-proud-of", "Describe a project you're proud of.", "behavioural"),
    ("biggest-challenge", "What has been your biggest challenge at work?", "behavioural"),
    ("difficult-decision", "Tell me about a difficult decision you made.", "behavioural"),
    ("how-did-you-handle", "How did you handle the move to the new system?", "behavioural"),
    ("time-you-failed", "Tell me about a time you failed.", "weakness"),
    ("example-of-sql", "Give an example of how you would write a SQL join.", "technical"),
    ("have-you-used", "Have you used Excel pivot tables?", "technical"),
    ("have-you-ever-story", "Have you ever had to calm down an angry visitor?", "behavioural"),
    ("lowercase", "tell me about a time you helped a colleague", "behavioural"),
    ("none", None, "other"),
    ("empty", "", "other"),
    ("whitespace", "   \n", "other"),
]


@pytest.mark.parametrize(
    ("question", "kind"), [(q, k) for _, q, k in QUESTIONS], ids=[i for i, _, _ in QUESTIONS]
)
def test_classify_question_reads_the_kind_from_the_wording(question: str | None, kind: str) -> None:
    """Each question is classified by its wording, with failure wording beating 'a time'."""
    assert classify_question(question) == kind


# ---------------------------------------------------------------------------------------
# Applicability: the table in the labelling guide, written out independently here
# ---------------------------------------------------------------------------------------

GUIDE_TABLE = {
    #     behavioural weakness motivation technical about_you strength hypothetical closing
    "situation": (True, True, False, False, False, False, False, False),
    "action": (True, True, False, False, False, True, True, False),
    "result": (True, False, False, False, False, False, False, False),
    "metrics": (True, False, False, False, False, False, False, False),
    "ownership": (True, True, False, False, False, False, False, False),
    "reflection": (False, True, False, False, False, False, False, False),
    "length": (True,) * 8,
    "filler": (True,) * 8,
    "negativity": (True,) * 8,
    "vagueness": (True,) * 8,
    "cliches": (True,) * 8,
    "enthusiasm": (False, False, True, False, True, False, False, False),
}
STRENGTH = "What is your greatest strength?"
HYPOTHETICAL = "What would you do if a customer shouted at you?"
CLOSING = "Do you have any questions for us?"
KIND_QUESTIONS = (
    BEHAVIOURAL,
    WEAKNESS,
    MOTIVATION,
    TECHNICAL,
    OTHER,
    STRENGTH,
    HYPOTHETICAL,
    CLOSING,
)
KIND_IDS = [
    "behavioural",
    "weakness",
    "motivation",
    "technical",
    "about_you",
    "strength",
    "hypothetical",
    "closing",
]


@pytest.mark.parametrize("with_jd", [False, True], ids=["no-job-description", "job-description"])
@pytest.mark.parametrize("question", KIND_QUESTIONS, ids=KIND_IDS)
def test_applicability_follows_the_guide_table(question: str, with_jd: bool) -> None:
    """A criterion is judged (True/False) exactly where the guide's table says Y."""
    result = critique(GOOD, question=question, job_description=JOB if with_jd else None)
    column = KIND_QUESTIONS.index(question)
    for criterion, row in GUIDE_TABLE.items():
        judged = result.finding(criterion).passed is not None
        assert judged == row[column], criterion
    assert (result.finding("relevance").passed is not None) == with_jd


def test_findings_come_one_per_criterion_in_order() -> None:
    """Every critique has exactly one finding per criterion, in CRITERIA order."""
    result = critique(GOOD, question=BEHAVIOURAL)
    assert tuple(f.criterion for f in result.findings) == CRITERIA
    assert len(CRITERIA) == 13


# ---------------------------------------------------------------------------------------
# Rule tables, one per criterion
# ---------------------------------------------------------------------------------------

SITUATION = [
    ("last-spring", "Last spring the tills failed during the sale.", True),
    ("year", "In 2022 I covered the night desk.", True),
    ("years-ago", "Two years ago our supplier went bust.", True),
    ("placement", "During my placement the ward was short of staff.", True),
    ("when-i-was", "When I was a team leader, a client complained.", True),
    ("role-at-place", "As a shift supervisor at a bakery, I ran the early shift.", True),
    ("named-workplace", "I worked at Maple & Finch Bakery on the ovens.", True),
    ("stakes", "The deadline was Friday and the client was about to leave.", True),
    ("on-the-ward", "On the ward, a patient fell.", True),
    (
        "generalities",
        "I always stay calm. In general I listen first and I would usually ask questions.",
        False,
    ),
    ("hypothetical", "I would talk to the person and try to find a fair answer.", False),
]

ACTION = [
    ("i-called", "I called the supplier.", True),
    ("i-set-up", "I set up a new rota.", True),
    ("adverb-between", "I quickly rebuilt the spreadsheet.", True),
    ("regular-past", "I negotiated a new price.", True),
    ("curly-apostrophe", "I\u2019ve trained four new starters since March.", True),
    ("only-we", "We called the supplier and we rebuilt the rota.", False),
    ("passive", "The rota was rebuilt and the supplier was called.", False),
    ("i-would", "I would call the supplier and I would rebuild the rota.", False),
    ("feelings-only", "I felt nervous and I wanted it to go well.", False),
    ("used-to-is-a-habit", "I used to panic about deadlines.", False),
    ("i-need-is-not-past", "I need a plan.", False),
]

RESULT = [
    ("as-a-result", "I called the client. As a result, she stayed with us for another year.", True),
    ("connective-alone", "I called the client. As a result, it was a success.", False),
    ("successfully-alone", "I called the client and successfully handled the situation.", False),
    ("hypothetical-outcome", "I rebuilt the rota so the work would get done on time.", False),
    ("in-the-end", "I called the client. In the end, the order went out on time.", True),
    ("we-cut", "I mapped the routes. We cut waiting times by a third.", True),
    ("client-renewed", "I rewrote the proposal and the client renewed.", True),
    ("stops-at-action", "The client was unhappy. I called her and I apologised.", False),
    (
        "outcome-only-in-the-setup",
        "Sales had dropped that year. I called every customer and I asked what had changed.",
        False,
    ),
    ("raised-a-request-is-an-action", "I raised a refund request for him.", False),
    ("met-someone-is-an-action", "I met the client and I talked it through.", False),
    ("handed-over", "I rebuilt the plan. We handed over the site eight days late.", True),
]

METRICS = [
    ("digits", "I cut the queue to 12 people.", True),
    ("percent", "Complaints fell by 30%.", True),
    ("money", "I saved \u00a34,000 a year.", True),
    ("number-word", "I trained three new starters.", True),
    ("half", "We halved the backlog.", True),
    ("twice", "I checked it twice.", True),
    ("bare-year", "In 2021 I worked on the tills.", False),
    ("no-number", "I helped the customer with her order.", False),
    ("double-check-is-not-a-number", "I always double-check the order.", False),
    ("one-is-not-scale", "One customer was unhappy.", False),
    ("digits-inside-a-word", "I updated the COVID-19 signs and the B2B page.", False),
]

OWNERSHIP = [
    ("two-i-actions", "I called the client and I rebuilt the plan.", True),
    (
        "we-with-clear-i",
        "We had a rush on. I moved two servers and I briefed the chef. We finished on time.",
        True,
    ),
    ("one-i-action", "We planned it, we built it and we shipped it. I tested it.", False),
    ("verbs-joined-to-i", "I took over the pass, split the menu and cut the specials.", True),
    ("joined-verbs-stop-at-we", "I called the client, and we rebuilt and tested the plan.", False),
    ("only-team", "The team pulled together and we delivered it.", False),
]

REFLECTION = [
    ("i-learned", "I learned to ask for help earlier.", True),
    ("uk-learnt", "I learnt that deadlines need buffers.", True),
    ("since-then", "Since then, I plan each week on Monday.", True),
    ("now-i-always", "Now I always check the rota twice.", True),
    ("taught-me", "It taught me to speak up.", True),
    ("no-lesson", "I missed the deadline and the client was upset.", False),
]

LENGTH = [
    ("39-words", " ".join(["word"] * 39), False),
    ("40-words", " ".join(["word"] * 40), True),
    ("300-words", " ".join(["word"] * 300), True),
    ("301-words", " ".join(["word"] * 301), False),
]

FILLER = [
    ("none", padded("I called the client."), True),
    ("two-in-long-answer", padded("Um, I called the client, basically."), True),
    ("three", padded("Um, I basically called the client, you know."), False),
    ("rate-too-high", "Um, I basically called the client about the order.", False),
    ("like-as-verb", padded("I like spreadsheets and I would like to learn more."), True),
    ("like-as-filler-counts", "So, like, I called, um, the client.", False),
    ("what-kind-of", padded("I asked what kind of support she needed."), True),
    ("kind-of-hedge", "It was kind of hard, sort of, and I was, um, tired.", False),
]

NEGATIVITY = [
    ("useless-boss", "My old boss was useless.", False),
    ("management-joke", "The management there was a joke.", False),
    ("lazy-colleagues", "My colleagues were lazy.", False),
    ("hated-company", "I hated that company.", False),
    ("vader-negative-description", "My manager was cruel to new starters.", False),
    ("they-were", "They were idiots.", False),
    ("process-criticism", "The old ordering process was slow, so I rebuilt it.", True),
    ("own-feeling", "I felt terrible about letting my team down.", True),
    ("own-mistake", "I made a terrible mistake and my team had to cover.", True),
    ("client-feeling", "The client was furious because the delivery had failed.", True),
    ("praise", "My manager was supportive and the team was brilliant.", True),
    ("self-criticism", "I was useless at saying no to my team.", True),
    ("no-target", "The weather was awful that week.", True),
]

VAGUENESS = [
    ("specific", "I reordered the stock and fixed the till.", True),
    ("one-etc", "I did the stock, the till, the rota etc.", True),
    ("stuff-and-things", "I did stuff like the rota and various things.", False),
    ("and-so-on", "I handled orders, returns and so on, and bits and pieces.", False),
    ("things-in-general-are-fine", "Things went wrong and things got better.", True),
]

CLICHES = [
    ("none", "I rebuilt the rota.", True),
    ("bare-team-player", "I am a team player. I like working with people.", False),
    ("backed-by-example", "I am a team player. For example, I covered three shifts in May.", True),
    ("backed-by-number", "I'd say I'm a hard worker: I ran 14 deliveries a day.", True),
    ("backed-by-name", "I'm a people person, and at Harbourline the regulars asked for me.", True),
    ("110-percent-is-not-its-own-number", "I always give 110%. I care about the work.", False),
    ("perfectionist", "My weakness is that I'm a perfectionist.", False),
    (
        "example-two-sentences-later-is-too-far",
        "I'm a self-starter. I like work. For example, I set up a rota.",
        False,
    ),
]

ENTHUSIASM = [
    (
        "specific-with-reason",
        "I'm drawn to your mission of cutting food waste, and I admire "
        "how your bakeries give unsold bread away.",
        True,
    ),
    (
        "named-employer",
        "I've followed Maple & Finch since it opened, because the bread is made on site.",
        True,
    ),
    ("name-from-question", "I admire how maple and finch trains its own bakers.", True),
    ("possessive-name-at-start", "Maple\u2019s bread is the reason I applied.", True),
    ("generic-pay", "It pays well and it is close to my house.", False),
    ("nothing-specific", "I want to work somewhere good where I can grow.", False),
    ("reason-without-employer", "I am passionate about baking.", False),
]

RULE_TABLES = [
    ("situation", SITUATION, BEHAVIOURAL),
    ("action", ACTION, BEHAVIOURAL),
    ("result", RESULT, BEHAVIOURAL),
    ("metrics", METRICS, BEHAVIOURAL),
    ("ownership", OWNERSHIP, BEHAVIOURAL),
    ("reflection", REFLECTION, WEAKNESS),
    ("length", LENGTH, OTHER),
    ("filler", FILLER, OTHER),
    ("negativity", NEGATIVITY, OTHER),
    ("vagueness", VAGUENESS, OTHER),
    ("cliches", CLICHES, OTHER),
    ("enthusiasm", ENTHUSIASM, "What attracts you to Maple & Finch Bakery?"),
]

RULE_CASES = [
    pytest.param(criterion, question, answer, expected, id=f"{criterion}-{case_id}")
    for criterion, table, question in RULE_TABLES
    for case_id, answer, expected in table
]


@pytest.mark.parametrize(("criterion", "question", "answer", "expected"), RULE_CASES)
def test_rule_table(criterion: str, question: str, answer: str, expected: bool) -> None:
    """Each criterion passes or fails these answers as the labelling guide says."""
    assert verdict(answer, criterion, question) is expected


# ---------------------------------------------------------------------------------------
# Relevance
# ---------------------------------------------------------------------------------------


def test_relevance_reads_bullets_and_lists_what_was_shown() -> None:
    """Bullet lines are the requirements; related word forms count; details are reported."""
    answer = quietly_padded("I planned the night rota and I coached two new starters on safety.")
    result = critique(answer, question=BEHAVIOURAL, job_description=JOB)
    finding = result.finding("relevance")
    shown = [r.text for r in result.requirements if r.shown]
    assert shown == ["Plan and run the night shift rota", "Coach new starters on warehouse safety"]
    assert len(result.requirements) == 4
    assert finding.passed is True  # 2 of 4 is half
    assert "2 of the 4" in finding.message
    for span in finding.jd_evidence:
        assert JOB[span.start : span.end] == span.text
    assert {s.text for s in finding.evidence} >= {"planned", "coached"}


def test_relevance_fails_under_half_and_names_what_is_missing() -> None:
    """One requirement of four is not enough; the message points at a missing one."""
    answer = quietly_padded("I planned the rota for the morning.")
    finding = critique(answer, question=BEHAVIOURAL, job_description=JOB).finding("relevance")
    assert finding.passed is False
    assert "Coach new starters" in finding.message


def test_relevance_ignores_generic_job_words() -> None:
    """Words like experience, strong, skills and team never show a requirement."""
    jd = "- Strong team working skills\n- Proven experience\n- Excellent forklift knowledge"
    answer = quietly_padded("I have strong team skills and proven experience with excellent work.")
    result = critique(answer, question=OTHER, job_description=jd)
    assert [r.keywords for r in result.requirements] == [("forklift",)]
    assert result.finding("relevance").passed is False


def test_relevance_uses_sentences_when_there_are_no_bullets() -> None:
    """A job description without bullet lines is read sentence by sentence."""
    jd = "You will drive the van. You will keep the delivery log."
    answer = quietly_padded("I drove a van for two years.")
    result = critique(answer, question=OTHER, job_description=jd)
    assert [r.shown for r in result.requirements] == [True, False]
    assert result.finding("relevance").passed is True


def test_relevance_does_not_apply_without_a_job_description() -> None:
    """No job description (or a blank one) means relevance is not judged."""
    assert verdict(GOOD, "relevance", jd=None) is None
    assert verdict(GOOD, "relevance", jd="   ") is None


# ---------------------------------------------------------------------------------------
# Messages, summary and comparison
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("question", KIND_QUESTIONS, ids=KIND_IDS)
@pytest.mark.parametrize(
    "answer",
    [GOOD, "Um, stuff and things, my boss was useless, I'm a team player.", " ".join(["a"] * 400)],
    ids=["good", "weak", "long"],
)
def test_messages_are_filled_in_single_sentences(question: str, answer: str) -> None:
    """Every message is one filled-in sentence: no leftover {placeholders}, ends with a stop."""
    result = critique(answer, question=question, job_description=JOB)
    for finding in result.findings:
        assert finding.message
        assert "{" not in finding.message
        assert "}" not in finding.message
        assert finding.message.endswith(".")
    assert result.summary.endswith(".")


def test_empty_answer_asks_for_an_answer() -> None:
    """An empty or blank answer gets one finding per criterion, asking for an answer."""
    for answer in ("", "   \n\t", "\u200b", "!!! ..."):
        result = critique(answer, question=BEHAVIOURAL, job_description=JOB)
        assert tuple(f.criterion for f in result.findings) == CRITERIA
        assert all(f.passed is None for f in result.findings)
        assert all("Write your answer above" in f.message for f in result.findings)
        assert "Write your answer above" in result.summary
        assert result.word_count == 0


def test_summary_counts_checks_and_gives_the_most_useful_next_step() -> None:
    """The summary says how many applicable checks passed and quotes the next step."""
    answer = "We sorted it out as a team and the customer was fine in the end."
    result = critique(answer, question=BEHAVIOURAL)
    applicable = len(result.applicable)
    assert f"passed {result.passed_count} of the {applicable} checks" in result.summary
    step = result.next_step
    assert step is not None
    assert step.criterion == "action"  # saying what you did beats everything but negativity
    assert step.message in result.summary


def test_summary_when_everything_passes() -> None:
    """A critique with no failures says so kindly."""
    result = critique(GOOD, question=BEHAVIOURAL)
    assert all(f.passed is not False for f in result.findings)
    assert result.next_step is None
    assert "all" in result.summary
    assert "well done" in result.summary


def test_finding_lookup_and_titles() -> None:
    """finding() returns the named finding; unknown names raise KeyError; titles read well."""
    result = critique(GOOD, question=BEHAVIOURAL)
    assert result.finding("metrics").criterion == "metrics"
    with pytest.raises(KeyError):
        result.finding("spelling")
    assert criterion_title("situation") == "Sets the scene"
    assert result.finding("situation").title == "Sets the scene"


def test_compare_reports_improved_worse_and_same() -> None:
    """Comparing a weak answer with its rewrite marks each criterion improved, worse or same."""
    before = critique("We fixed the rota and things and stuff.", question=BEHAVIOURAL)
    after = critique(GOOD + " Um, basically, I guess, you know.", question=BEHAVIOURAL)
    comparison = compare(before, after)
    assert comparison.change("action").verdict == "improved"
    assert comparison.change("metrics").verdict == "improved"
    assert comparison.change("vagueness").verdict == "improved"
    assert comparison.change("filler").verdict == "worse"
    assert comparison.change("negativity").verdict == "same"
    assert comparison.change("reflection").verdict == "same"  # n/a both times
    assert "improved" in comparison.summary
    assert "\u201cFew fillers\u201d" in comparison.summary
    assert len(comparison.changes) == len(CRITERIA)


def test_compare_when_only_things_got_worse() -> None:
    """A rewrite that only loses ground says which checks slipped, without blame."""
    good = critique(GOOD, question=BEHAVIOURAL)
    worse = critique("We fixed it in the end.", question=BEHAVIOURAL)
    comparison = compare(good, worse)
    assert comparison.improved == ()
    assert "action" in comparison.worse
    assert "did not pass any new checks" in comparison.summary
    assert "\u201cSays what you did\u201d" in comparison.summary


def test_compare_with_no_change_says_so() -> None:
    """Comparing an answer with itself reports nothing improved and nothing worse."""
    result = critique(GOOD, question=BEHAVIOURAL)
    comparison = compare(result, result)
    assert comparison.improved == ()
    assert comparison.worse == ()
    assert "same results" in comparison.summary


# ---------------------------------------------------------------------------------------
# The rules file
# ---------------------------------------------------------------------------------------


def test_expressions_in_the_rules_file_must_be_lower_case() -> None:
    """A facilitator's expression with a capital letter is refused with a clear message."""
    with pytest.raises(ValueError, match="lower case"):
        Matcher.of([r"/\bI\s+did\b/"])
    assert Matcher.of([r"/\bi\s+did\b/", r"/\S+/"]).expressions is not None


PHRASES = [
    "kind of",
    "kind",
    "you know",
    "know",
    "to be honest",
    "um",
    "e.g.",
    "110%",
    ", like,",
    "co-worker",
    "I'm",
    "a joke",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*PHRASES, " ", ".", ",", "x", "Kind", "\n", "OF"]), max_size=30))
def test_fast_word_lists_match_like_phrase_pattern(parts: list[str]) -> None:
    """The critic's trie-compiled word lists find the same text as ``phrase_pattern``."""
    text = "".join(parts)
    slow = [m.span() for m in phrase_pattern(PHRASES).finditer(text)]
    fast = Matcher.of(PHRASES).find(text.lower())
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=200)
    | st.lists(
        st.sampled_from([*PHRASES, " ", "Kind's", "\u2019", "I\u2019m", "e\u0301", "_", "-"]),
        max_size=30,
    ).map("".join)
)
def test_skipping_word_lists_by_their_words_never_changes_what_is_found(text: str) -> None:
    """The word prefilter only skips scans that would have found nothing."""
    low = lower(text.translate(APOSTROPHES))
    tokens = frozenset(TOKEN.findall(low))
    matchers = [m for m in vars(rules()).values() if isinstance(m, Matcher)]
    matchers.append(Matcher.of(PHRASES))
    for matcher in matchers:
        assert matcher.find(low, tokens=tokens) == matcher.find(low)


# ---------------------------------------------------------------------------------------
# Properties for any text
# ---------------------------------------------------------------------------------------

MEGABYTE = 1_000_000
# Text built from pieces the rules react to, so the properties are tested where it matters.
WORDY = st.lists(
    st.sampled_from(
        [
            *"abcdefghij IiWe.,!?'\u2019\n\t0123456789%\u00a3-",
            "um ",
            "I called ",
            "we ",
            "my boss was useless. ",
            "team player. ",
            "stuff ",
            "last year ",
            "\u0301",
            "\u05e9\u05dc\u05d5\u05dd",
            "\U0001f600",
            "<script>",
            "\u0130",
            "kind of ",
            ", like, ",
            "I've rebuilt ",
            "planned ",
            "- Plan the rota\n",
        ]
    ),
    max_size=120,
).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), WORDY)
QUESTION = st.one_of(st.none(), st.sampled_from(KIND_QUESTIONS), st.text(max_size=60))


def assert_evidence_exact(result: Critique) -> None:
    """Every evidence span is exactly the text it points at."""
    for finding in result.findings:
        source = result.answer if finding.source == "answer" else result.job_description
        assert source is not None
        for span in finding.evidence:
            assert 0 <= span.start <= span.end <= len(source)
            assert source[span.start : span.end] == span.text
        for span in finding.jd_evidence:
            assert result.job_description is not None
            assert result.job_description[span.start : span.end] == span.text
    for requirement in result.requirements:
        assert result.job_description is not None
        jd_text = result.job_description[requirement.span.start : requirement.span.end]
        assert jd_text == requirement.text
        for span in requirement.evidence:
            assert result.answer[span.start : span.end] == span.text


@settings(max_examples=300, deadline=None)
@given(answer=ANY_TEXT, question=QUESTION, jd=st.one_of(st.none(), st.just(JOB), ANY_TEXT))
def test_never_crashes_and_evidence_is_exact(
    answer: str, question: str | None, jd: str | None
) -> None:
    """Any text gives one finding per criterion, and every span is exact."""
    result = critique(answer, question=question, job_description=jd)
    assert tuple(f.criterion for f in result.findings) == CRITERIA
    assert all(f.passed in (True, False, None) for f in result.findings)
    assert_evidence_exact(result)
    assert isinstance(result.summary, str)


@settings(max_examples=100, deadline=None)
@given(answer=ANY_TEXT, question=QUESTION)
def test_deterministic(answer: str, question: str | None) -> None:
    """The same input always gives the same critique."""
    first = critique(answer, question=question, job_description=JOB)
    assert critique(answer, question=question, job_description=JOB) == first
    assert first.summary == critique(answer, question=question, job_description=JOB).summary


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.text(min_size=1, max_size=50))
def test_one_megabyte_answers_do_not_crash(seed: str) -> None:
    """A 1 MB answer built by repeating any text is handled, with exact evidence."""
    answer = (seed * (MEGABYTE // len(seed) + 1))[:MEGABYTE]
    result = critique(answer, question=BEHAVIOURAL, job_description=JOB)
    assert len(result.findings) == len(CRITERIA)
    assert_evidence_exact(result)


def test_one_megabyte_realistic_answer_is_quick_enough() -> None:
    """A 1 MB paste of real sentences comes back within a few seconds, evidence capped."""
    answer = (GOOD + " Um, my boss was useless. ") * (MEGABYTE // len(GOOD) + 1)
    start = time.perf_counter()
    result = critique(answer, question=BEHAVIOURAL, job_description=JOB)
    assert time.perf_counter() - start < 10
    assert all(len(f.evidence) <= 40 for f in result.findings)
    assert result.finding("length").passed is False
    assert_evidence_exact(result)


FILLERS = [
    "um",
    "uh",
    "erm",
    "basically",
    "you know",
    "I mean",
    "to be honest",
    "actually",
    "maybe",
    "probably",
    "I guess",
    "literally",
    "kind of",
]


@settings(max_examples=300, deadline=None)
@given(answer=ANY_TEXT, filler=st.sampled_from(FILLERS), where=st.sampled_from(["start", "end"]))
def test_adding_a_filler_never_improves_the_filler_verdict(
    answer: str, filler: str, where: str
) -> None:
    """Adding a filler word can only keep or worsen the filler verdict."""
    before = verdict(answer, "filler", OTHER)
    extended = f"{filler.capitalize()}. {answer}" if where == "start" else f"{answer} {filler}."
    after = verdict(extended, "filler", OTHER)
    assert not (before is not True and after is True)
    if before is False:
        assert after is False


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('I called')</script>",
        "\u202eI rebuilt it\u202c",
        "e\u0301" * 50,
        "\x00\x01\x02 I called \x7f",
        "\ud7ff\ue000 I called",
        "I" * 10_000,
        "I " * 5_000,
    ],
    ids=["html", "rtl-override", "combining", "control", "edge-code-points", "i-run", "i-words"],
)
def test_odd_text_is_handled(text: str) -> None:
    """HTML, bidi controls, combining marks and control characters are just text."""
    result = critique(text, question=BEHAVIOURAL, job_description=text)
    assert len(result.findings) == len(CRITERIA)
    assert_evidence_exact(result)


def test_evidence_for_named_findings_points_at_the_words() -> None:
    """Evidence highlights what the rule found: fillers, placeholders, clichés, negativity."""
    answer = padded(
        "Um, my boss was useless and I did stuff and various things. I'm a team player."
    )
    result = critique(answer, question=OTHER)
    assert [s.text for s in result.finding("filler").evidence] == ["Um"]
    assert [s.text for s in result.finding("vagueness").evidence] == ["stuff", "various things"]
    assert [s.text for s in result.finding("cliches").evidence] == ["team player"]
    assert [s.text for s in result.finding("negativity").evidence] == ["boss was useless"]
    assert re.search(r"\u201cboss was useless\u201d", result.finding("negativity").message)


def test_a_lone_filler_in_a_full_length_answer_passes() -> None:
    """One "um" in a 40-word answer is not a habit; two in a short answer are."""
    answer = (
        "Um, last spring I rebuilt our stock count at Harbourline. " + "I checked every shelf. " * 8
    )
    assert (
        critique(answer, question="Tell me about a time you improved a process.")
        .finding("filler")
        .passed
    )
    two = "Um, basically last spring I rebuilt the count. " + "I checked shelves. " * 5
    assert critique(two).finding("filler").passed is False
    assert critique("Um.").finding("filler").passed is False


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        pytest.param("What do you know about tenancy agreements?", "technical", id="knowledge"),
        pytest.param(
            "How familiar are you with stock control systems?", "technical", id="familiar"
        ),
        pytest.param("What do you know about us?", "motivation", id="about-us"),
        pytest.param("What do you know about our company?", "motivation", id="about-company"),
    ],
)
def test_knowledge_questions_are_technical_unless_about_the_employer(
    question: str, kind: str
) -> None:
    """'What do you know about X' tests knowledge, except when X is the employer."""
    assert classify_question(question) == kind


# ---------------------------------------------------------------------------------------
# Question kinds for the learner: the override, the reading and the menu labels
# ---------------------------------------------------------------------------------------


def test_kind_overrides_the_classifier() -> None:
    """``kind=`` judges the answer as that kind, whatever the question's wording."""
    read = critique(GOOD, question=OTHER)
    chosen = critique(GOOD, question=OTHER, kind="behavioural")
    assert read.kind == "about_you"
    assert chosen.kind == "behavioural"
    assert chosen.finding("situation").passed is True
    assert read.finding("situation").passed is None


def test_an_unknown_kind_is_refused_in_plain_words() -> None:
    """A kind that is not one of QUESTION_KINDS raises ValueError naming the choices."""
    with pytest.raises(ValueError, match="choose one of"):
        critique(GOOD, kind="story")  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", QUESTION_KINDS)
def test_every_kind_has_a_plain_label_and_reading(kind: str) -> None:
    """Each kind has a menu label and a reading that never says "a other question"."""
    assert KIND_LABELS[kind]  # type: ignore[index]
    reading = describe_question(kind)
    assert reading.startswith(("a ", "an "))
    assert "_" not in reading
    assert "a other" not in reading
    assert kind != "other" or reading == "a general question"


@pytest.mark.parametrize(
    ("question", "reading"),
    [
        (
            "Tell me about a time you faced a challenge at work.",
            "a story question about a challenge",
        ),
        ("Describe a project you're proud of.", "a story question about an achievement"),
        ("What would you do if a customer shouted at you?", "a what-would-you-do question"),
        ("Why do you want to work here?", "a why-this-job question"),
        ("Are you a dog person?", "a general question"),
        (None, "a general question"),
    ],
)
def test_describe_question_reads_the_question_for_the_learner(
    question: str | None, reading: str
) -> None:
    """The reading names the kind and, for a story question, its topic."""
    assert describe_question(question).startswith(reading)


def test_we_dominating_is_named_with_the_counts() -> None:
    """When "we" drowns out "I", the message says how often each was said."""
    answer = (
        "Last year we had a backlog. We sorted the files, we rang the clients, we built a "
        "tracker and we cleared it in six weeks. We were pleased and we kept it going. I "
        "helped. We then trained the new starters and we wrote it up."
    )
    ownership = critique(answer, question=BEHAVIOURAL).finding("ownership")
    assert ownership.passed is False
    assert "“we” 9 times" in ownership.message
    assert "“I” once" in ownership.message
    assert "which part was yours" in ownership.message


def test_present_tense_story_after_a_past_marker_counts_its_actions() -> None:
    """ "Last March I call the bank, I make a list..." is a story with actions."""
    answer = "Last March I call the bank, I make a list of all 45 documents and I send them."
    found = critique(answer, question=BEHAVIOURAL)
    assert found.finding("action").passed is True
    assert found.finding("ownership").passed is True


@pytest.mark.parametrize(
    ("answer", "passed"),
    [
        ("I led, I organised, I delivered.", False),
        ("I implemented a solution. I took action.", False),
        ("My role was to rebuild the weekend rota for twelve staff.", True),
        ("I was responsible for ordering the stock for three shops.", True),
        ("I led the stocktake.", True),
    ],
)
def test_hollow_verbs_are_not_actions(answer: str, passed: bool) -> None:
    """A verb that needs an object counts only with a real one; "my role was to..." counts."""
    assert verdict(answer, "action") is passed


@pytest.mark.parametrize(
    "answer",
    [
        "I never blame others when the team misses a target; I look at what I could change.",
        "I don't think anyone on the team was lazy; the rota was the problem.",
        "It's not that I hate my job; my manager has been a brilliant mentor.",
        "I was angry with myself, so I rang the customer back and put it right.",
    ],
)
def test_negation_and_self_talk_are_not_negativity(answer: str) -> None:
    """Negated or self-directed words do not disparage anyone."""
    assert verdict(answer, "negativity") is True


@pytest.mark.parametrize(
    "answer",
    [
        "My supervisor was not the sharpest tool in the box.",
        "Some people just coast and you carry them.",
    ],
)
def test_disparaging_idioms_are_negativity(answer: str) -> None:
    """Idioms that run people down count as negativity without a named target."""
    assert verdict(answer, "negativity") is False


def test_a_plan_passes_action_for_a_what_would_you_do_question() -> None:
    """A hypothetical question is judged as a plan: "I would first..." is the action."""
    answer = (
        "I would first ask the customer to step to the side so I can listen properly. Then "
        "I would check the order on the system and offer a replacement or a refund."
    )
    found = critique(answer, question=HYPOTHETICAL)
    assert found.finding("action").passed is True
    assert found.finding("situation").passed is None
    assert found.finding("metrics").passed is None


def test_a_number_backing_a_cliche_must_belong_to_it() -> None:
    """ "I'm a hard worker, and I have two cats" does not back up the cliché."""
    assert verdict("I'm a hard worker, and I have two cats.", "cliches", STRENGTH) is False


@pytest.mark.parametrize(
    ("answer", "passed"),
    [
        ("I admire your values and your mission, and I would love to be part of your team.", False),
        (
            "I shop at your Leeds branch every week and I love how your staff know the regulars.",
            True,
        ),
    ],
)
def test_enthusiasm_needs_something_specific_not_flattery(answer: str, passed: bool) -> None:
    """Flattery ("your values") is not something specific about this employer."""
    assert verdict(answer, "enthusiasm", MOTIVATION) is passed


def test_ready_to_practise_aloud_only_when_nothing_failed() -> None:
    """The "ready to practise aloud" summary needs every judged check to pass."""
    strong = critique(GOOD + " I learned to ask the drivers first.", question=BEHAVIOURAL)
    assert strong.next_step is None
    assert "ready to practise aloud" in strong.summary
    weak = critique("We did a lot of things and it went well in the end.", question=BEHAVIOURAL)
    assert weak.next_step is not None
    assert "ready to practise aloud" not in weak.summary


def test_verbs_joined_to_a_hollow_verb_are_still_the_speakers() -> None:
    """ "I listened, apologised and booked an engineer": booking counts, listening does not."""
    joined = critique(
        "Last winter a tenant rang me three times about a broken boiler. I listened, "
        "apologised and booked an engineer for the next morning. I called her back that "
        "evening to check she was warm. The boiler was fixed within a day.",
        question="Tell me about a time you dealt with a difficult customer.",
    )
    assert joined.finding("ownership").passed is True
    assert "booked" in [s.text for s in joined.finding("action").evidence]
    hollow = critique(
        "I listened, I empathised, I resolved. I led, I organised, I delivered. "
        "The client was happy in the end and the team was pleased with the outcome.",
        question="Tell me about a time you dealt with a difficult customer.",
    )
    assert hollow.finding("action").passed is False


def test_a_habit_is_named_as_a_habit_not_as_a_missing_action() -> None:
    """ "I write a list every morning" is a verb with an object, so the critic does not say
    there is none: it says this is what the speaker usually does, and asks for one time."""
    report = critique(
        "I'm very organised. I write a to-do list every morning, I colour-code my calendar "
        "and I keep my inbox empty at the end of each day.",
        question="What would you say you're best at?",
    )
    action = report.finding("action")
    assert action.passed is False
    assert "usually do" in action.message
    assert "“I write”" in action.message
    assert "verb that has an object" not in action.message
