"""A learner picks a question, writes a weak answer, sees why, rewrites it and compares."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_notebook
from tests.samples import STRONG, WEAK

pytestmark = pytest.mark.browser


def test_weak_answer_highlighted_then_rewritten(page: Page, voila_url: str) -> None:
    """Failing findings show the exact words; the rewrite's comparison says what improved."""
    open_notebook(page, voila_url, "06_sharpen_your_answers.ipynb")
    question = page.locator("select").filter(
        has_text="Tell me about a time you dealt with a difficult"
    )
    question.first.select_option(
        label="Tell me about a time: Tell me about a time you dealt with a difficult customer."
    )
    expect(page.get_by_text("What they are really asking").first).to_be_visible()
    answer = page.get_by_placeholder("Write your answer as you would say it…")
    answer.fill(WEAK)
    negativity = page.locator('tr.nr-finding[data-criterion="negativity"]').first
    expect(negativity).to_have_attribute("data-passed", "False")
    expect(page.locator("mark.nr-evidence", has_text="manager was useless").first).to_be_visible()
    page.get_by_role("button", name="Keep this as my first attempt").click()
    answer.fill(STRONG)
    expect(negativity).to_have_attribute("data-passed", "True")
    page.get_by_role("button", name="Compare my rewrite").click()
    comparison = page.locator(".nr-compare")
    expect(comparison).to_be_visible()
    expect(page.get_by_text("Your rewrite improved").first).to_be_visible()


def test_question_kind_is_shown_changed_and_a_dismissal_is_remembered(
    page: Page, voila_url: str
) -> None:
    """The critic says how it read the question; a dismissal is confirmed and kept after reload."""
    open_notebook(page, voila_url, "06_sharpen_your_answers.ipynb")
    question = page.locator("select").filter(has_text="Tell me about a time you dealt with")
    question.first.select_option(
        label="Tell me about a time: Tell me about a time you dealt with a difficult customer."
    )
    expect(page.locator(".nr-read-as").first).to_contain_text("Read as a story question")
    page.get_by_label("Read my question as").first.select_option(label="Why this job or employer")
    expect(page.locator(".nr-read-as").first).to_contain_text("(your choice)")
    page.get_by_label("Read my question as").first.select_option(
        label="What the critic reads it as"
    )
    page.get_by_placeholder("Write your answer as you would say it…").first.fill(WEAK)
    chooser = page.get_by_label("I disagree with").first
    expect(chooser.locator("option", has_text="No negativity")).to_have_count(1)
    chooser.select_option(label="No negativity")
    page.get_by_label("Why?").first.fill("He really was <unhelpful>")
    page.get_by_role("button", name="Dismiss this point").first.click()
    expect(page.get_by_text("Kept: you disagreed with “No negativity”")).to_be_visible()
    expect(page.get_by_text("You disagreed: He really was <unhelpful>").first).to_be_visible()
    page.reload()
    page.wait_for_selector(".jupyter-widgets", timeout=120_000)
    question = page.locator("select").filter(has_text="Tell me about a time you dealt with")
    question.first.select_option(
        label="Tell me about a time: Tell me about a time you dealt with a difficult customer."
    )
    expect(page.locator(".nr-dismissed").first).to_contain_text("He really was <unhelpful>")
    page.get_by_placeholder("Write your answer as you would say it…").first.fill(WEAK)
    expect(page.get_by_text("You disagreed: He really was <unhelpful>").first).to_be_visible()


def test_pair_practice_offers_questions_and_does_not_score_notes(
    page: Page, voila_url: str
) -> None:
    """Pick a question from the panel; a few words of notes get no critic column, with a reason."""
    open_notebook(page, voila_url, "06_sharpen_your_answers.ipynb")
    page.get_by_label("Pick a question").select_option(index=1)
    expect(page.get_by_label("The question asked")).not_to_have_value("")
    page.get_by_label("Answer or notes").fill("clear story, no result")
    page.get_by_role("button", name="Compare our ratings").click()
    expect(page.get_by_text("notes on the answer, not the answer itself")).to_be_visible()
