"""Module 3: a self-audit with reasons and an own factor is saved, comes back, feeds Module 7."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_notebook

pytestmark = pytest.mark.browser

REASON = "I read the advert but not their <annual report>."


def test_self_audit_reasons_factors_and_save_come_back_and_feed_the_plan(
    page: Page, voila_url: str
) -> None:
    """Answer with a reason, add an own factor, save; reload; it is all there; the plan uses it."""
    open_notebook(page, voila_url, "03_looking_back.ipynb")
    first = page.locator(".widget-toggle-buttons").first
    first.get_by_role("button", name="Partly", exact=True).click()
    page.get_by_label("Why?").first.fill(REASON)
    page.get_by_label("Another factor").fill("The interview was the day after my night shift")
    page.get_by_role("button", name="Add this factor").click()
    expect(
        page.get_by_text("Added: The interview was the day after my night shift")
    ).to_be_visible()
    page.get_by_label("What to improve").fill("More detail on budgets")
    page.get_by_role("button", name="Save my self-audit").click()
    expect(page.get_by_text("Saved. Your action plan in Module 7 will use")).to_be_visible()
    page.reload()
    page.wait_for_selector(".jupyter-widgets", timeout=120_000)
    expect(page.get_by_label("Why?").first).to_have_value(REASON)
    expect(page.get_by_text("The interview was the day after my night shift")).to_be_visible()
    expect(page.get_by_label("What to improve")).to_have_value("More detail on budgets")
    open_notebook(page, voila_url, "07_your_next_round.ipynb")
    page.get_by_role("button", name="Propose actions from my evidence").click()
    expect(page.get_by_text("Build a preparation routine for every interview")).to_be_visible()
    expect(page.get_by_text("In your self-audit you answered").first).to_be_visible()
    expect(
        page.get_by_text("Turn the feedback you received into one concrete change")
    ).to_be_visible()
