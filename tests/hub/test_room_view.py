"""The room view's pages: counts and shared questions, escaped, and never a name."""

from __future__ import annotations

from nextround.room.store import RoomSummary
from nextround.room.view import deck_text, refusal_page, room_page


def test_moods_not_shown_before_three_answers() -> None:
    """With fewer than three answers the page says so and shows no mood counts."""
    page = room_page(RoomSummary(answered=2, mood_counts=None, questions=(), modules={}))
    assert "fewer than three people have" in page
    assert 'class="moods"' not in page


def test_counts_questions_and_modules_shown() -> None:
    """Mood counts by word, people per module with titles, the questions in order."""
    summary = RoomSummary(
        answered=4,
        mood_counts={2: 1, 4: 3},
        questions=("What is your biggest weakness?", "Why this role?"),
        modules={0: 3, 2: 1},
    )
    page = room_page(summary, {0: "Start here", 2: "Debrief straight after"})
    assert '<th scope="row">Shaky</th><td class="count">1</td>' in page
    assert '<th scope="row">Steady</th><td class="count">3</td>' in page
    assert '<th scope="row">Low</th><td class="count">0</td>' in page
    assert 'Module 0: Start here</th><td class="count">3' in page
    assert page.index("biggest weakness") < page.index("Why this role")
    assert "deck.txt" in page


def test_shared_question_is_escaped() -> None:
    """A question with markup is shown as text, never run."""
    summary = RoomSummary(3, {3: 3}, ("<img src=x onerror=alert(1)>",), {})
    page = room_page(summary)
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_refusal_page_says_whose_page_it_is() -> None:
    """A participant is told plainly that the page is the facilitator's."""
    page = refusal_page()
    assert "This page is for the facilitator" in page
    assert "Traceback" not in page


def test_deck_is_one_question_a_line() -> None:
    """The deck keeps each question on one line, in order, whatever line breaks it had."""
    assert deck_text(["Why this role?", "Tell me about\na conflict."]) == (
        "Why this role?\nTell me about a conflict.\n"
    )
