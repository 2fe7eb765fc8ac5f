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
