"""The letter engine drafts letters that pass its own checks, and checks any text by the guide."""

from __future__ import annotations

import dataclasses
import re
import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround import letters
from nextround.letters import (
    CHECKS,
    KINDS,
    TONES,
    LetterDetails,
    LetterDetailsError,
    LetterKind,
    Tone,
    check_letter,
    draft_letter,
)

# ---------------------------------------------------------------------------------------
# Strategies and helpers
# ---------------------------------------------------------------------------------------

#: Printable text of any script, with the punctuation names really carry, plus the
#: characters the checker's rules look for (brackets, capitals, "!", "_").
_PRINTABLE = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs", "Cf", "Co", "Cn", "Zl", "Zp")
)
detail_text = st.text(
    alphabet=_PRINTABLE | st.sampled_from(list("'’-. []{}<>!?XN_")), min_size=1, max_size=60
).filter(lambda s: s.strip(" .,;:"))
optional_text = st.just("") | detail_text
any_text = st.text(max_size=3_000)

INVENTED = {
    "your_name": ["Marcus Bell", "Zoë Ärnström", "Siobhán O'Neill", "Jean-Luc Mbeki", "李明"],
    "contact_name": ["Ms Okafor", "Tomas", "Dr Priya Raman", "Mr Reyes", "Aoife Ní Bhriain"],
    "company": ["Harbourline Logistics", "Maple & Finch Bakery", "Kestrel Ridge Solar", "Nordvik"],
    "role": ["warehouse team leader", "Junior Designer", "sous chef", "Site Surveyor"],
}

DETAILS = LetterDetails(
    your_name="Marcus Bell",
    contact_name="Ms Okafor",
    contact_role="Head of Operations",
    company="Harbourline Logistics",
    role="Warehouse Team Leader",
    impressed_by="the tour of the cross-dock",
    heard_how="by email",
)


def email(
    body: str, *, greeting: str = "Dear Ms Okafor,", close: str = "Kind regards,\nMarcus Bell"
) -> str:
    """A letter around ``body``, padded to a comfortable length with neutral sentences."""
    padding = (
        "I enjoyed meeting the team at Harbourline Logistics and seeing how the warehouse "
        "runs day to day. It was good to learn how the night shift plans its loading. "
        "The conversation with the drivers over lunch gave me a real feel for the place."
    )
    return f"{greeting}\n\n{body}\n\n{padding}\n\n{close}"


GOOD_THANKS = "Thank you for letting me know your decision."
GOOD_FUTURE = "Please keep me in mind for similar roles in future."
GOOD_ASK = "Would you be willing to share a few pointers on what I could improve?"


def verdict(text: str, kind: LetterKind, check: str) -> bool | None:
    return check_letter(text, kind).check(check).passed


# ---------------------------------------------------------------------------------------
# Details
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        pytest.param({"your_name": " "}, "Add your own name", id="blank-your-name"),
        pytest.param({"contact_name": ""}, "Add the name of the person", id="no-contact"),
        pytest.param({"company": "\n\t"}, "Add the company's name", id="blank-company"),
        pytest.param({"role": ""}, "Add the role you interviewed for", id="no-role"),
        pytest.param({"company": "x" * 101}, "Shorten the company's name to 100", id="too-long"),
        pytest.param({"role": 7}, "Type the role you interviewed for as text", id="not-text"),
    ],
)
def test_bad_details_are_refused_with_a_clear_message(
    fields: dict[str, object], message: str
) -> None:
    """Missing or unusable details raise LetterDetailsError saying what to fix."""
    base = DETAILS.as_dict() | fields
    with pytest.raises(LetterDetailsError, match=re.escape(message)):
        LetterDetails(**base)  # type: ignore[arg-type]
    assert any(message in p for p in letters.details_problems(**base))


def test_every_problem_is_listed_at_once() -> None:
    """A form with three gaps hears about all three, not one at a time."""
    problems = letters.details_problems(your_name="", contact_name="", company="Nordvik", role="")
    assert len(problems) == 3


def test_unknown_detail_keywords_are_named() -> None:
    """A mistyped keyword is reported by name rather than silently ignored."""
    with pytest.raises(LetterDetailsError, match="'compnay'"):
        draft_letter("thank_you", **(DETAILS.as_dict() | {"compnay": "Nordvik"}))  # type: ignore[arg-type]


def test_details_are_normalised() -> None:
    """Spacing and line breaks collapse; trailing full stops and a repeated "role" go."""
    details = LetterDetails(
        your_name="  Marcus\n Bell ",
        contact_name="Ms\tOkafor",
        company="Harbourline\r\nLogistics",
        role="Junior Designer role",
        impressed_by="the tour of the\nworkshop.",
        heard_how=" by email. ",
    )
    assert (details.your_name, details.contact_name, details.company) == (
        "Marcus Bell",
        "Ms Okafor",
        "Harbourline Logistics",
    )
    assert (details.role, details.impressed_by, details.heard_how) == (
        "Junior Designer",
        "the tour of the workshop",
        "by email",
    )
    assert details.validate() == ()


def test_control_characters_are_dropped_from_details() -> None:
    """A stray NUL or escape code pasted into a name never reaches the letter."""
    details = dataclasses.replace(DETAILS, your_name="Mar\x00cus\x1b Bell")
    assert details.your_name == "Marcus Bell"


# ---------------------------------------------------------------------------------------
# Drafting
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_template_exists_and_drafts_a_letter_that_passes(
    kind: LetterKind, tone: Tone
) -> None:
    """Each of the 12 templates renders, names the company, and passes every check."""
    template = Path(letters.__file__).parent / "templates" / letters.template_name(kind, tone)
    assert template.is_file()
    text = draft_letter(kind, DETAILS, tone=tone)
    assert "Harbourline Logistics" in text
    assert "{" not in text
    assert "  " not in text
    assert "\n\n\n" not in text
    report = check_letter(text, kind)
    assert report.passed_all, [(r.check, r.message) for r in report.failing]


@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("kind", KINDS)
def test_drafts_read_naturally_without_the_optional_details(kind: LetterKind, tone: Tone) -> None:
    """Leaving out what impressed you, how you heard and their role still gives a good letter."""
    details = dataclasses.replace(DETAILS, impressed_by="", heard_how="", contact_role="")
    text = draft_letter(kind, details, tone=tone)
    assert " ," not in text
    assert " ." not in text
    assert ",." not in text
    report = check_letter(text, kind)
    assert report.passed_all, [(r.check, r.message) for r in report.failing]
    assert report.check("specific").passed


@pytest.mark.parametrize("kind", ["thank_you", "feedback_request", "stay_in_touch"])
def test_emails_use_the_optional_details_when_given(kind: LetterKind) -> None:
    """What impressed you appears in the warm email, and how you heard where it fits."""
    text = draft_letter(kind, DETAILS)
    assert "the tour of the cross-dock" in text
    assert text.startswith("Dear Ms Okafor,")
    assert text.endswith("Marcus Bell")


def test_feedback_request_drafts_ask_exactly_once() -> None:
    """Every feedback-request template holds exactly one request sentence (K7, K8)."""
    for tone in TONES:
        report = check_letter(
            draft_letter("feedback_request", DETAILS, tone=tone), "feedback_request"
        )
        result = report.check("feedback_request")
        assert result.passed
        assert len(result.evidence) == 1
        assert re.search(r"CV|interview", result.evidence[0].text)


def test_keywords_replace_fields_of_given_details() -> None:
    """draft_letter(kind, details, company=...) uses the new company."""
    text = draft_letter("thank_you", DETAILS, company="Maple & Finch Bakery")
    assert "Maple & Finch Bakery" in text  # autoescape is off: no "&amp;"
    assert "Harbourline" not in text


@pytest.mark.parametrize(
    ("kind", "tone", "message"),
    [
        pytest.param("apology", "warm", "Unknown kind of letter", id="bad-kind"),
        pytest.param("thank_you", "chirpy", "Unknown tone", id="bad-tone"),
    ],
)
def test_unknown_kinds_and_tones_are_refused(kind: LetterKind, tone: Tone, message: str) -> None:
    """A typo in the kind or tone is a clear ValueError, not a missing-template error."""
    with pytest.raises(ValueError, match=message):
        draft_letter(kind, DETAILS, tone=tone)


@pytest.mark.parametrize("tone", TONES)
def test_linkedin_notes_fit_in_200_characters_even_with_long_names(tone: Tone) -> None:
    """Optional parts are dropped, never the thanks, the company or the wish to stay in touch."""
    long = LetterDetails(
        your_name="Alexandra Konstantinopoulou-Fitzgerald-Rahman",
        contact_name="Professor Maximiliana Oyelaran-Vandersteen",
        company="The Northern Cooperative of Independent Harbour Logistics Firms",
        role="Senior Regional Warehouse Operations Planning Coordinator",
        impressed_by="the way the whole night shift planned the loading bays around the tides",
    )
    text = draft_letter("linkedin_note", long, tone=tone)
    assert len(text) <= 200
    assert long.company in text
    report = check_letter(text, "linkedin_note")
    assert report.passed_all, [(r.check, r.message) for r in report.failing]
    short = draft_letter("linkedin_note", DETAILS, tone=tone)
    assert DETAILS.role in short  # with room to spare, the role is kept


def test_long_details_make_the_email_drop_optional_parts_to_fit() -> None:
    """When the full letter would pass 200 words, what impressed you is the first thing to go."""
    wordy = dataclasses.replace(
        DETAILS,
        impressed_by=" ".join(["the calm way"] * 30)[:300].strip(),
        heard_how="in a thoughtful phone call on a rainy Tuesday",
    )
    text = draft_letter("feedback_request", wordy, tone="formal")
    report = check_letter(text, "feedback_request", details=wordy)
    assert report.passed_all
    assert wordy.impressed_by not in text


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    kind=st.sampled_from(KINDS),
    tone=st.sampled_from(TONES),
    your_name=detail_text,
    contact_name=detail_text,
    company=detail_text,
    role=detail_text,
    contact_role=optional_text,
    impressed_by=optional_text,
    heard_how=optional_text,
    since_then=optional_text,
    route=st.sampled_from(["email_first", "after_unanswered_call", "email", "call"]),
)
def test_a_draft_with_any_details_passes_every_check(
    kind: LetterKind, tone: Tone, **fields: str
) -> None:
    """Whatever the details (any script, brackets, capitals, "!!!"), the draft passes.

    The checker is given the details: they are the learner's own words, so they count as
    specific and never as a placeholder, shouting or a rude word.
    """
    try:
        details = LetterDetails(**fields)
    except LetterDetailsError:
        return  # e.g. a role of just "role": the form says what to fix
    text = draft_letter(kind, details, tone=tone)
    report = check_letter(text, kind, details=details)
    assert report.passed_all, (text, [(r.check, r.message) for r in report.failing])


@settings(max_examples=150, deadline=None)
@given(
    kind=st.sampled_from(KINDS),
    tone=st.sampled_from(TONES),
    picks=st.fixed_dictionaries({k: st.sampled_from(v) for k, v in INVENTED.items()}),
)
def test_a_draft_with_ordinary_names_passes_without_being_told_the_details(
    kind: LetterKind, tone: Tone, picks: dict[str, str]
) -> None:
    """Checked as a learner would paste it back, with no details, a draft still passes."""
    text = draft_letter(kind, tone=tone, **picks)  # type: ignore[arg-type]
    report = check_letter(text, kind)
    assert report.passed_all, (text, [(r.check, r.message) for r in report.failing])


# ---------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_report_lists_every_check_in_order_and_marks_what_does_not_apply(kind: LetterKind) -> None:
    """One result per check; feedback_request applies only to its kind, signoff not to notes."""
    report = check_letter("Hi Tomas, thanks!", kind)
    assert tuple(r.check for r in report.checks) == CHECKS
    assert (report.check("feedback_request").passed is None) == (kind != "feedback_request")
    assert (report.check("signoff").passed is None) == (kind == "linkedin_note")
    for result in report.checks:
        assert result.message
        assert result.message[0].isupper()
        assert result.title


def test_report_helpers() -> None:
    """check() finds a result, failing lists what failed, passed_all is their absence."""
    report = check_letter("", "thank_you")
    assert not report.passed_all
    assert {r.check for r in report.failing} >= {"thanks", "greeting", "length", "signoff"}
    assert report.check("placeholders").passed is True
    with pytest.raises(KeyError):
        report.check("spelling")
    with pytest.raises(ValueError, match="Unknown kind"):
        check_letter("Hi", "valentine")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------
# Rule tables, one per check
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(GOOD_THANKS, True, id="thank-you"),
        pytest.param("Thanks so much for your time.", True, id="thanks"),
        pytest.param("I’m grateful for the chance to meet you.", True, id="curly-grateful"),
        pytest.param("I really appreciated your honesty.", True, id="appreciated"),
        pytest.param("Your time is much appreciated.", True, id="much-appreciated"),
        pytest.param("Thanks for nothing.", False, id="sarcastic"),
        pytest.param("I'd be grateful for any pointers.", False, id="wish-not-thanks"),
        pytest.param("I'd appreciate a short call.", False, id="would-appreciate"),
        pytest.param("I got your email about the role.", False, id="no-thanks"),
    ],
)
def test_thanks_rules(body: str, expected: bool) -> None:
    """Thanks count when said as thanks; wishes and sarcasm do not."""
    assert (
        verdict(email(body, close="Best wishes,\nMarcus Bell"), "thank_you", "thanks") is expected
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(GOOD_FUTURE, True, id="keep-in-mind"),
        pytest.param("I'd love to stay in touch.", True, id="stay-in-touch"),
        pytest.param("I remain very interested in working with you.", True, id="remain-interested"),
        pytest.param("If a suitable role opens up, I'd love to hear.", True, id="role-opens-up"),
        pytest.param("I hope to be considered for future opportunities.", True, id="future-opps"),
        pytest.param("I'd be glad to hear of any vacancies that come up.", True, id="come-up"),
        pytest.param("I wish you every success in the future.", False, id="wish-in-future"),
        pytest.param("Next time I will prepare better.", False, id="next-time-self"),
        pytest.param("It was good to meet you.", False, id="nothing"),
    ],
)
def test_future_interest_rules(body: str, expected: bool) -> None:
    """Interest in future roles or in staying in touch counts; good wishes alone do not."""
    assert verdict(email(GOOD_THANKS + " " + body), "thank_you", "future_interest") is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(GOOD_ASK, True, id="one-polite-ask"),
        pytest.param("Could we book 15 minutes for a call next week?", True, id="book-a-call"),
        pytest.param("I'd value any feedback you can share.", True, id="value-feedback"),
        pytest.param(
            "I'd value your feedback: could we book fifteen minutes, whenever suits you?",
            True,
            id="one-sentence-two-parts",
        ),
        pytest.param("I hope you are well.", False, id="no-request"),
        pytest.param(
            GOOD_ASK + " Could we book a call? Please send feedback.",
            True,
            id="feedback-and-a-call-over-three-sentences-is-one-request",
        ),
        pytest.param(
            "Any feedback you could share would be really valuable to me.", True, id="implicit-ask"
        ),
        pytest.param(
            GOOD_ASK + " Could you also send me a copy of the written test?",
            False,
            id="feedback-plus-another-thing",
        ),
        pytest.param(
            "Could you tell me where I fell short, send me a copy of the test sheet and"
            " introduce me to the manager of your other site?",
            False,
            id="several-things-in-one-sentence",
        ),
        pytest.param("I need you to tell me what went wrong.", False, id="demand"),
        pytest.param(GOOD_ASK + " Please respond by Friday.", False, id="deadline"),
        pytest.param(
            GOOD_ASK + " I'll call you tomorrow if I don't hear back.", False, id="chasing"
        ),
    ],
)
def test_feedback_request_rules(body: str, expected: bool) -> None:
    """Exactly one polite request passes; none, several, or pressure fail."""
    text = email("Thank you for considering me for the role. " + body + " " + GOOD_FUTURE)
    assert verdict(text, "feedback_request", "feedback_request") is expected


def test_feedback_request_evidence_counts_the_requests() -> None:
    """Feedback and a call are one request; another thing asked for is counted and shown."""
    one = email("Could you share some feedback? I'd also value a short call about it.")
    assert check_letter(one, "feedback_request").check("feedback_request").passed is True
    text = email("Could you share some feedback? Could you also send me the interview scores?")
    result = check_letter(text, "feedback_request").check("feedback_request")
    assert result.passed is False
    assert len(result.evidence) == 2
    assert "2 different things" in result.message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(GOOD_THANKS, True, id="gracious"),
        pytest.param("I'm sure you found the best candidate.", True, id="best-candidate-them"),
        pytest.param("I hope the person you chose is a perfect fit.", True, id="perfect-fit-them"),
        pytest.param("Could you offer me a few pointers?", True, id="offer-pointers"),
        pytest.param("I turned down another interview to come.", True, id="another-interview"),
        pytest.param("Please reconsider my application.", False, id="reconsider"),
        pytest.param("I'm sure I'm the best candidate.", False, id="best-candidate-me"),
        pytest.param("I still think I'd be perfect for it.", False, id="still-think"),
        pytest.param("If the chosen candidate doesn't work out, hire me.", False, id="work-out"),
        pytest.param("You made a mistake.", False, id="mistake"),
        pytest.param("Please give me another chance.", False, id="another-chance"),
        pytest.param("As a reminder, I have ten years of experience.", False, id="relisting"),
    ],
)
def test_no_resell_rules(body: str, expected: bool) -> None:
    """Arguing for the role again fails; gracious words about the hire do not."""
    assert verdict(email(body), "thank_you", "no_resell") is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("I was disappointed, of course, but I understand.", True, id="disappointed"),
        pytest.param("I don't blame you at all.", True, id="not-blaming"),
        pytest.param("I expect you had many strong applicants.", True, id="expect-kindly"),
        pytest.param("Well done on the launch of your new app.", True, id="sincere-praise"),
        pytest.param("I made a terrible start to the first answer.", True, id="self-critical"),
        pytest.param("The HR team and the CEO were kind.", True, id="acronyms"),
        pytest.param("This is unfair.", False, id="unfair"),
        pytest.param("Frankly, it was a waste of my time.", False, id="frankly"),
        pytest.param("You should have told me sooner.", False, id="should-have"),
        pytest.param("After all the effort I put in, I deserve more.", False, id="guilt-trip"),
        pytest.param("Thanks for nothing.", False, id="sarcasm"),
        pytest.param("I AM VERY UPSET.", False, id="shouting"),
        pytest.param("Why???!!!", False, id="exclamations"),
        pytest.param("You need to fix your process.", False, id="order"),
    ],
)
def test_tone_rules(body: str, expected: bool) -> None:
    """Anger, blame, sarcasm, demands and shouting fail; honest disappointment passes."""
    assert verdict(email(body), "thank_you", "tone") is expected


@pytest.mark.parametrize(
    ("words", "kind", "expected"),
    [
        pytest.param(49, "thank_you", False, id="email-49-words"),
        pytest.param(50, "thank_you", True, id="email-50-words"),
        pytest.param(200, "stay_in_touch", True, id="email-200-words"),
        pytest.param(201, "feedback_request", False, id="email-201-words"),
    ],
)
def test_length_rules_for_emails(words: int, kind: LetterKind, expected: bool) -> None:
    """Emails pass from 50 to 200 words, both inclusive."""
    text = " ".join(["word"] * words)
    result = check_letter(text, kind).check("length")
    assert result.passed is expected
    assert str(words) in result.message
    if words > 200:
        assert result.evidence
        assert result.evidence[0].start == len("word ") * 200


@pytest.mark.parametrize(
    ("chars", "expected"),
    [pytest.param(200, True, id="note-200"), pytest.param(201, False, id="note-201")],
)
def test_length_rules_for_linkedin_notes(chars: int, expected: bool) -> None:
    """A LinkedIn note holds at most 200 characters; the overflow is the evidence."""
    text = ("Hi Tomas, thank you. " + "x" * 300)[:chars]
    result = check_letter(text, "linkedin_note").check("length")
    assert result.passed is expected
    assert [s.start for s in result.evidence] == ([] if expected else [200])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(GOOD_THANKS, True, id="none"),
        pytest.param("I enjoyed meeting <b>you</b> (about an hour).", True, id="html-and-parens"),
        pytest.param("Email me at <marcus@example.org>.", True, id="email-address"),
        pytest.param("Thank you, [Name].", False, id="square"),
        pytest.param("I loved {company}.", False, id="brace"),
        pytest.param("The {{ role }} role.", False, id="jinja"),
        pytest.param("The <role> role.", False, id="angle"),
        pytest.param("I met XXX.", False, id="xxx"),
        pytest.param("I met ___ on Tuesday.", False, id="underscores"),
        pytest.param("Dear INSERT NAME.", False, id="insert-name"),
        pytest.param("At (company name).", False, id="parenthesised-slot"),
    ],
)
def test_placeholder_rules(body: str, expected: bool) -> None:
    """Unfilled slots fail; HTML tags, e-mail addresses and ordinary brackets do not."""
    assert verdict(email(body), "thank_you", "placeholders") is expected


@pytest.mark.parametrize(
    ("greeting", "expected"),
    [
        pytest.param("Dear Ms Okafor,", True, id="dear-title"),
        pytest.param("Hi Tomas,", True, id="hi"),
        pytest.param("Hello Priya", True, id="no-comma"),
        pytest.param("Good afternoon Mr Reyes,", True, id="good-afternoon"),
        pytest.param("Dear Dr. Siobhán O'Neill-Ruiz,", True, id="unicode-name"),
        pytest.param("Subject: Thank you\nDear Ms Okafor,", True, id="subject-line-skipped"),
        pytest.param("Hi there,", False, id="hi-there"),
        pytest.param("Dear Sir or Madam,", False, id="sir-or-madam"),
        pytest.param("To whom it may concern,", False, id="whom-it-may-concern"),
        pytest.param("Hi,", False, id="no-name"),
        pytest.param("Thank you for your email.", False, id="no-greeting"),
    ],
)
def test_greeting_rules(greeting: str, expected: bool) -> None:
    """The first line greets someone by name."""
    assert verdict(email(GOOD_THANKS, greeting=greeting), "thank_you", "greeting") is expected


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        pytest.param("Hi Tomas, thanks for your time at Nordvik.", True, id="hi-name"),
        pytest.param("Hi Tomas thanks for your time at Nordvik.", True, id="no-comma"),
        pytest.param("Hi, thanks for your time at Nordvik.", False, id="no-name"),
        pytest.param("Thanks for your time at Nordvik, Tomas.", False, id="no-greeting"),
    ],
)
def test_greeting_rules_for_linkedin_notes(note: str, expected: bool) -> None:
    """A note starts with Hi, Hello or Dear and a name."""
    assert verdict(note, "linkedin_note", "greeting") is expected


@pytest.mark.parametrize(
    ("close", "expected"),
    [
        pytest.param("Kind regards,\nMarcus Bell", True, id="kind-regards"),
        pytest.param("Thank you again,\nLena Ostrowski", True, id="thank-you-again"),
        pytest.param("Best, Ana", True, id="same-line"),
        pytest.param("Best wishes,\nMarcus Bell\n07700 900123", True, id="phone-after-name"),
        pytest.param("Kind regards,", False, id="no-name"),
        pytest.param("Marcus Bell", False, id="no-signoff"),
        pytest.param("I look forward to hearing from you.", False, id="neither"),
    ],
)
def test_signoff_rules(close: str, expected: bool) -> None:
    """A sign-off followed by a name closes an email."""
    assert verdict(email(GOOD_THANKS, close=close), "thank_you", "signoff") is expected


def test_signoff_messages_say_what_is_missing() -> None:
    """The message names the missing part: the name, or the sign-off."""
    no_name = check_letter(email(GOOD_THANKS, close="Kind regards,"), "thank_you")
    assert '"Kind regards"' in no_name.check("signoff").message
    no_signoff = check_letter(email(GOOD_THANKS, close="Marcus Bell"), "thank_you")
    assert "sign-off" in no_signoff.check("signoff").message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("I enjoyed my visit to Harbourline Logistics.", True, id="company"),
        pytest.param(
            "Thank you for the chance to interview for the sous chef role.", True, id="role"
        ),
        pytest.param("I loved the tour of the workshop.", True, id="concrete-thing"),
        pytest.param("Your new recycling scheme sounds great.", True, id="your-new"),
        pytest.param("It was good to meet you and Daniel.", True, id="person"),
        pytest.param("The panel on Tuesday was friendly.", True, id="day"),
        pytest.param(
            "Thank you for the opportunity. I enjoyed the interview and learning about the "
            "company. I hope we can stay in touch.",
            False,
            id="generic",
        ),
    ],
)
def test_specific_rules(body: str, expected: bool) -> None:
    """A name, a role, or a concrete moment makes a letter specific; a template does not."""
    text = f"Dear Ms Okafor,\n\n{body}\n\nKind regards,\nMarcus Bell"
    assert verdict(text, "thank_you", "specific") is expected


def test_specific_ignores_names_in_the_greeting_and_signoff() -> None:
    """The contact's name in "Dear ..." and yours under the sign-off are not specific detail."""
    text = (
        "Dear Ms Okafor,\n\nThank you for your time. I enjoyed the interview.\n\nBest,\nMarcus Bell"
    )
    assert verdict(text, "thank_you", "specific") is False


def test_details_count_as_specific_and_never_against_the_letter() -> None:
    """A lowercase company is specific once the checker knows it; odd names fail nothing."""
    plain = (
        "Hi Tomas,\n\nThank you for your time at nordvik. I'd love to stay in touch.\n\nBest,\nAna"
    )
    details = LetterDetails(your_name="Ana", contact_name="Tomas", company="nordvik", role="x")
    assert verdict(plain, "thank_you", "specific") is False
    assert check_letter(plain, "thank_you", details=details).check("specific").passed
    odd = dataclasses.replace(details, contact_name="[FRANKLY]")
    text = plain.replace("Tomas", "[FRANKLY]")
    report = check_letter(text, "thank_you", details=odd)
    assert report.check("placeholders").passed
    assert report.check("tone").passed
    assert report.check("greeting").passed
    assert check_letter(text, "thank_you").check("placeholders").passed is False


def test_details_do_not_hide_what_the_learner_wrote() -> None:
    """A contact called "Thank" does not stop "Thank you" counting, nor hide an insult."""
    details = LetterDetails(your_name="Ana", contact_name="Thank", company="Nordvik", role="x")
    text = email("Thank you for your time. This was ridiculous.", greeting="Dear Thank,")
    report = check_letter(text, "thank_you", details=details)
    assert report.check("thanks").passed
    assert report.check("tone").passed is False


# ---------------------------------------------------------------------------------------
# Robustness and evidence
# ---------------------------------------------------------------------------------------

ODD_TEXTS = {
    "empty": "",
    "whitespace": " \n\t\r\n ",
    "control": "Dear A,\x00\x07\x1b[31m thank you\x7f\x85",
    "emoji": "Hi 🌟Zoë👩🏽‍💻, thanks 🙏🏽 for everything at Café Niño!",
    "rtl": "مرحبا أحمد، شكرا لك على وقتك. \u202eThank you\u202c עברית",
    "html": "<html><body><p>Dear <b>Ms Okafor</b>,</p><script>alert(1)</script></body></html>",
    "crlf": "Dear Ms Okafor,\r\n\r\nThank you.\r\n\r\nBest,\r\nAna\r\n",
    "brackets": "[" * 500 + "{" * 500 + "<" * 500 + "_" * 500,
    "one-megabyte": ("Dear Ms Okafor, THANK YOU [Name] for everything!!! " * 20_000)[:1_000_000],
    "one-long-line": "a" * 1_000_000,
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(ODD_TEXTS))
def test_any_text_is_checked_without_crashing(name: str, kind: LetterKind) -> None:
    """Empty, huge, control characters, emoji, right-to-left and HTML: a report, quickly."""
    text = ODD_TEXTS[name]
    started = time.perf_counter()
    report = check_letter(text, kind)
    assert time.perf_counter() - started < 10
    assert len(report.checks) == len(CHECKS)
    for result in report.checks:
        for span in result.evidence:
            assert text[span.start : span.end] == span.text


@settings(max_examples=200, deadline=None)
@given(text=any_text, kind=st.sampled_from(KINDS))
def test_evidence_is_always_an_exact_span_of_the_text(text: str, kind: LetterKind) -> None:
    """Every highlight is exactly the text it claims, at the offsets it claims."""
    report = check_letter(text, kind)
    for result in report.checks:
        assert isinstance(result.passed, bool | None)
        assert len(result.evidence) <= letters.rules().limits["max_evidence"]
        for span in result.evidence:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.text


@settings(max_examples=100, deadline=None)
@given(
    text=any_text,
    kind=st.sampled_from(KINDS),
    contact=detail_text,
    company=detail_text,
)
def test_checking_with_details_never_crashes_and_spans_stay_exact(
    text: str, kind: LetterKind, contact: str, company: str
) -> None:
    """With details given, masking keeps every offset: spans are exact in the original text."""
    try:
        details = LetterDetails(your_name="Ana", contact_name=contact, company=company, role="x")
    except LetterDetailsError:
        return
    report = check_letter(f"Hi {contact},\n{text}\n{company}", kind, details=details)
    for result in report.checks:
        for span in result.evidence:
            assert report.text[span.start : span.end] == span.text


def test_check_letter_refuses_non_text_clearly() -> None:
    """Passing bytes is a programming error and says so."""
    with pytest.raises(TypeError, match="as text"):
        check_letter(b"Dear Ana", "thank_you")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------
# The rules file
# ---------------------------------------------------------------------------------------


def test_rules_are_loaded_once() -> None:
    """The TOML file is read and compiled once per process."""
    assert letters.rules() is letters.rules()


def test_rules_cover_every_check_and_kind() -> None:
    """Each check has an applies list of known kinds, and pass/fail/na messages that format."""
    loaded = letters.rules()
    assert set(loaded.applies) == set(CHECKS)
    for check in CHECKS:
        assert loaded.applies[check] <= set(KINDS)
        messages = loaded.messages[check]
        assert {"pass", "na"} <= set(messages)
        for message in messages.values():
            filled = message.format(count=3, min=50, max=200, phrase="x")
            assert filled.rstrip('"').endswith((".", "?"))


def test_a_facilitator_can_extend_a_word_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding a phrase to the TOML file changes the verdict, with no code change."""
    text = email("This process was bananas.")
    assert verdict(text, "thank_you", "tone") is True
    toml_text = letters.rules_text()
    anchor = "[tone]\nphrases = [\n"
    assert anchor in toml_text
    extended = letters.load_rules(toml_text.replace(anchor, anchor + '    "bananas",\n'))
    monkeypatch.setattr(letters, "rules", lambda: extended)
    result = check_letter(text, "thank_you").check("tone")
    assert result.passed is False
    assert [s.text for s in result.evidence] == ["bananas"]


# ---------------------------------------------------------------------------------------
# Drafts that read naturally: the route, titles, roles mid-sentence, no made-up claims
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("tone", TONES)
def test_feedback_request_wording_follows_the_route_the_learner_chose(tone: Tone) -> None:
    """After an unanswered call the draft never says "writing rather than phoning"."""
    email_first = draft_letter("feedback_request", DETAILS, tone=tone)
    after_call = draft_letter("feedback_request", DETAILS, tone=tone, route="after_unanswered_call")
    assert email_first != after_call
    assert not re.search(r"rather than (?:phoning|telephoning)", after_call)
    assert re.search(r"phon|call", after_call)
    for text in (email_first, after_call):
        assert check_letter(text, "feedback_request").passed_all


def test_the_module_4_route_names_are_understood() -> None:
    """ "call" (as the call planner saves it) means after an unanswered call."""
    details = dataclasses.replace(DETAILS, route="call")
    assert details.route == "after_unanswered_call"
    with pytest.raises(LetterDetailsError, match="how you are asking"):
        dataclasses.replace(DETAILS, route="pigeon")


@pytest.mark.parametrize("kind", KINDS)
def test_a_titled_name_is_never_greeted_with_hi(kind: LetterKind) -> None:
    """ "Hi Ms Okafor," mixes registers: a titled name gets "Dear" even in the brief tone."""
    for tone in TONES:
        text = draft_letter(kind, DETAILS, tone=tone)
        assert not re.match(r"(?:Hi|Hey|Hello) (?:Ms|Mr|Mrs|Dr|Miss|Mx)\b", text)
    assert draft_letter(kind, DETAILS, tone="brief", contact_name="Tomas").startswith("Hi Tomas")


@pytest.mark.parametrize(
    ("typed", "reads"),
    [
        ("Hiring manager", "hiring manager"),
        ("Head of Operations", "head of operations"),
        ("HR Business Partner", "HR Business partner"),
        ("Head of Harbourline Logistics", "head of Harbourline Logistics"),
    ],
)
def test_a_role_reads_naturally_inside_a_sentence(typed: str, reads: str) -> None:
    """A role pasted with capitals reads "as hiring manager", keeping names and acronyms."""
    assert letters.in_sentence(typed) == reads
    text = draft_letter("stay_in_touch", DETAILS, contact_role=typed)
    assert f"as {reads}" in text


@pytest.mark.parametrize("tone", TONES)
def test_stay_in_touch_never_claims_what_the_learner_has_not_said(tone: Tone) -> None:
    """Without an update the draft says nothing about one; with one, it uses their words."""
    bare = draft_letter("stay_in_touch", DETAILS, tone=tone)
    assert "kept building my experience" not in bare
    assert "Since we met" not in bare
    update = draft_letter(
        "stay_in_touch", DETAILS, tone=tone, since_then="I've completed a forklift course."
    )
    assert "Since we met, I completed a forklift course." in update
    assert check_letter(update, "stay_in_touch").passed_all


def _worked_letters() -> list[dict[str, str]]:
    path = Path(letters.__file__).parent / "data" / "worked_letters.toml"
    return list(tomllib.loads(path.read_text("utf-8"))["example"])


@pytest.mark.parametrize("example", _worked_letters(), ids=lambda e: e["kind"])
def test_every_repaired_worked_letter_passes_every_check(example: dict[str, str]) -> None:
    """The worked examples teach by example, so each repaired letter passes every check."""
    report = check_letter(example["repaired"], example["kind"])  # type: ignore[arg-type]
    assert report.passed_all, [(r.check, r.message) for r in report.failing]
    poor = check_letter(example["poor"], example["kind"])  # type: ignore[arg-type]
    assert len(poor.failing) >= 3


# ---------------------------------------------------------------------------------------
# Families of phrasing a writing tutor judges the same way (issue 10). Each family came to
# light in the held-out review; these sentences are new, written for the tests.
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "thanks", "tone"),
    [
        pytest.param("Thanks for getting back to me, eventually.", False, False, id="eventually"),
        pytest.param("Thank you for your reply at long last.", False, False, id="at-long-last"),
        pytest.param(
            "Thank you for the decision, though you took your time.", False, False, id="took-time"
        ),
        pytest.param(
            "Thanks for replying, at last, about the porter job.", False, False, id="at-last"
        ),
        pytest.param(
            "Thanks for the email. Better late than never, I suppose.",
            True,
            False,
            id="sincere-thanks-in-its-own-sentence",
        ),
        pytest.param(
            "Thank you for the tour; it was great to finally see the bottling line.",
            True,
            True,
            id="glad-finally",
        ),
        pytest.param(
            "Thank you, and please take your time with any feedback.", True, True, id="kind-time"
        ),
        pytest.param(
            "It took me a while to find the yard, but at last I arrived.",
            False,
            True,
            id="at-last-about-myself",
        ),
    ],
)
def test_sarcasm_about_slowness(body: str, thanks: bool, tone: bool) -> None:
    """A jibe about a slow reply fails tone, and a thanks in the same sentence is no thanks."""
    text = email(body, close="Best wishes,\nMarcus Bell")
    assert verdict(text, "thank_you", "thanks") is thanks
    assert verdict(text, "thank_you", "tone") is tone


def test_sarcastic_thanks_shows_the_whole_sentence() -> None:
    """The evidence for a sarcastic thanks is the sentence it sits in, exactly as typed."""
    body = "Thank you for letting me know, eventually, about the driver role."
    text = email(body, close="Regards,\nMarcus Bell")
    result = check_letter(text, "thank_you").check("thanks")
    assert result.passed is False
    assert [s.text for s in result.evidence] == [body]
    assert all(text[s.start : s.end] == s.text for s in result.evidence)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("I am thanking you for your kind time.", True, id="thanking-you"),
        pytest.param("Thank u for the chance to meet the team.", True, id="thank-u"),
        pytest.param("Much obliged for the tour of the bakery.", True, id="obliged"),
    ],
)
def test_thanks_in_second_language_and_informal_words(body: str, expected: bool) -> None:
    """Thanks in other words still thank them."""
    text = email(body, close="Best wishes,\nMarcus Bell")
    assert verdict(text, "thank_you", "thanks") is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("I lost a day's pay to attend.", False, id="lost-pay"),
        pytest.param("I gave up a paid shift to be there.", False, id="gave-up-shift"),
        pytest.param("I arranged a childminder for the whole afternoon.", False, id="childminder"),
        pytest.param("It cost me two bus fares and a morning.", False, id="fares"),
        pytest.param("I hope you realise how much it cost me to come.", False, id="cost-me"),
        pytest.param("I took an unpaid morning to be there.", False, id="unpaid-morning"),
        pytest.param("It was an hour and a half each way on the train.", False, id="each-way"),
        pytest.param("This is the second email I have sent about the role.", False, id="chasing"),
        pytest.param("I have written to you three times now.", False, id="three-times"),
        pytest.param("This is my third message about the job.", False, id="my-third-message"),
        pytest.param("A quick reply wouldn't take long.", False, id="reply-not-long"),
        pytest.param(
            "Waiting is hard for someone who is out of work.", False, id="hard-for-someone"
        ),
        pytest.param("It was hard for me to hear the news, but I understand.", True, id="honest"),
        pytest.param("I know you are busy, so there is no rush at all.", True, id="no-rush"),
        pytest.param("I have since picked up extra shifts at the café.", True, id="shifts-update"),
        pytest.param("The directions to the depot were really clear.", True, id="plain"),
    ],
)
def test_guilt_about_costs_and_chasing_fails_tone(body: str, expected: bool) -> None:
    """Counting what the interview cost you, or how often you wrote, is a guilt trip."""
    assert verdict(email(body), "thank_you", "tone") is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("I'd have hit the ground running on nights.", False, id="ground-running"),
        pytest.param("I would have thrived in that kitchen.", False, id="would-have-thrived"),
        pytest.param("You will not find anybody better for it.", False, id="nobody-better"),
        pytest.param("No one else would know the rota as I do.", False, id="no-one-else"),
        pytest.param(
            "With twelve years in hospitality, I know the work well.", False, id="with-years"
        ),
        pytest.param(
            "If the new hire leaves, I could start the very next day.", False, id="new-hire-leaves"
        ),
        pytest.param(
            "Should the person you appointed change their mind, I am still free.",
            False,
            id="person-changes-mind",
        ),
        pytest.param(
            "In case your new recruit finds it is not for them, do call me.",
            False,
            id="recruit-not-for-them",
        ),
        pytest.param("I could be with you tomorrow morning if needed.", False, id="be-with-you"),
        pytest.param("I'm sorry it did not work out this time.", True, id="sorry-did-not-work-out"),
        pytest.param("I hope your new starter settles in well.", True, id="gracious-new-starter"),
        pytest.param("I would have loved to work with you.", True, id="would-have-loved"),
        pytest.param("Since then I have finished my forklift licence.", True, id="factual-update"),
        pytest.param("I could have explained my answer better.", True, id="self-reflection"),
    ],
)
def test_reselling_in_other_words(body: str, expected: bool) -> None:
    """Claiming what you would have done, or waiting for their hire to fail, is reselling."""
    assert verdict(email(GOOD_THANKS + " " + body), "thank_you", "no_resell") is expected


def test_resell_evidence_is_the_words_found() -> None:
    """The message quotes the words that argue for the role, and the span is exact."""
    text = email("I'd have hit the ground running on nights.")
    result = check_letter(text, "thank_you").check("no_resell")
    assert result.passed is False
    assert "hit the ground running" in result.message
    assert [s.text for s in result.evidence] == ["hit the ground running"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Any feedback would be really helpful. Could you also tell me who got the job?",
            False,
            id="implicit-plus-who-got-it",
        ),
        pytest.param(
            "I'd value any feedback. Could you let me know whether you spoke to my referees?",
            False,
            id="implicit-plus-referees",
        ),
        pytest.param(
            GOOD_ASK + " Would you tell me how many people applied?", False, id="how-many-applied"
        ),
        pytest.param(
            "Any feedback would be really valuable to me, perhaps over a short call.",
            True,
            id="implicit-ask-alone",
        ),
    ],
)
def test_feedback_plus_a_request_for_other_information(body: str, expected: bool) -> None:
    """Asking for information beyond feedback (referees, who was hired) is a second request."""
    text = email("Thank you for considering me for the role. " + body + " " + GOOD_FUTURE)
    assert verdict(text, "feedback_request", "feedback_request") is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("I'd love to know how best to stay in mind next year.", True, id="in-mind"),
        pytest.param("I'd be glad to be considered for future projects.", True, id="projects"),
        pytest.param("Next time you are recruiting, I would love to hear.", True, id="next-time"),
        pytest.param("If a place opens on the spring intake, I'll apply.", True, id="place-opens"),
        pytest.param("I wish you luck with your future projects.", False, id="wish-projects"),
        pytest.param("Your feedback will help me in future interviews.", False, id="self-use"),
    ],
)
def test_future_interest_in_unusual_but_clear_words(body: str, expected: bool) -> None:
    """Wanting to be thought of again counts in any clear words; wishes for them do not."""
    assert verdict(email(GOOD_THANKS + " " + body), "thank_you", "future_interest") is expected


@pytest.mark.parametrize(
    ("greeting", "expected"),
    [
        pytest.param("Respected Madam Adeyemi,", True, id="respected-madam-name"),
        pytest.param("Respected Mr. Rao,", True, id="respected-mr"),
        pytest.param("Dear Sir Anthony,", True, id="sir-as-title"),
        pytest.param("Respected Sir/Madam,", False, id="respected-sir-madam"),
        pytest.param("Dear Madam,", False, id="madam-alone"),
        pytest.param("Dear Sir Or Madam,", False, id="sir-or-madam-capitals"),
    ],
)
def test_formal_second_language_greetings(greeting: str, expected: bool) -> None:
    """A formal title before a name greets by name; a title alone names nobody."""
    text = email(GOOD_THANKS, greeting=greeting)
    result = check_letter(text, "thank_you").check("greeting")
    assert result.passed is expected
    if not expected:
        assert "Use their name" in result.message


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        pytest.param("hey tomas, thanks for the chat about the depot.", True, id="hey-lower"),
        pytest.param("hi tomas bell, thanks for the chat at Nordvik.", True, id="lower-full-name"),
        pytest.param("hello aoife - thanks for the tour of Nordvik.", True, id="lower-dash"),
        pytest.param("hey, thanks for the chat about the depot.", False, id="hey-comma"),
        pytest.param("hi, sorry for the slow reply, thanks for the chat.", False, id="hi-sorry"),
        pytest.param("hi thanks for the chat about the depot.", False, id="hi-sentence"),
    ],
)
def test_lowercase_greetings_by_name(note: str, expected: bool) -> None:
    """ "hey tomas," greets by name in lower case; "hey, thanks ..." greets nobody."""
    assert verdict(note, "linkedin_note", "greeting") is expected


@pytest.mark.parametrize(
    "close",
    [
        "With regards,\nMarcus Bell",
        "Thanks and regards,\nMarcus Bell",
        "Warm regards,\nMarcus Bell",
        "With respect,\nMarcus Bell",
        "Sincere regards,\nMarcus Bell",
    ],
)
def test_closings_of_second_language_and_other_writers(close: str) -> None:
    """Common closings in other Englishes are closings."""
    assert verdict(email(GOOD_THANKS, close=close), "thank_you", "signoff") is True


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("I'm sure whoever you chose will do a great job.", True, id="sincere"),
        pytest.param("I hope whoever you hired settles in quickly.", True, id="settles-in"),
        pytest.param("Good luck with whoever you went with.", False, id="good-luck-with"),
        pytest.param("I hope whoever you picked can cope with the rota.", False, id="can-cope"),
    ],
)
def test_words_about_the_new_hire(body: str, expected: bool) -> None:
    """Good wishes to whoever got the job are sincere; a jibe at them is not."""
    assert verdict(email(GOOD_THANKS + " " + body), "thank_you", "tone") is expected
