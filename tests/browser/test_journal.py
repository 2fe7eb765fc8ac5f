"""A learner debriefs interviews in the app view, edits an outcome, and sees the summary change."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_notebook

pytestmark = pytest.mark.browser


def save_debrief(page: Page, company: str, nerves: str = "3") -> None:
    """Fill the debrief form as a person would and save it."""
    page.get_by_placeholder("e.g. Harbourline Logistics").fill(company)
    page.get_by_placeholder("e.g. Operations Coordinator").fill("Planner")
    page.get_by_placeholder("A question they asked").fill("Tell me about a time you led a team.")
    page.get_by_placeholder("How you answered, in a line or two").fill("The rota <story>.")
    rating = page.locator(".widget-toggle-buttons").filter(has_text="How it went")
    rating.get_by_role("button", name="4", exact=True).click()
    page.get_by_role("button", name="Add this question").click()
    expect(page.get_by_text("1. Tell me about a time you led a team. (went 4/5)")).to_be_visible()
    nervous = page.locator(".widget-toggle-buttons").filter(has_text="How nervous")
    nervous.get_by_role("button", name=nerves, exact=True).click()
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_text(f"Saved: Planner at {company}")).to_be_visible()


def test_debrief_save_table_edit_and_summary(page: Page, voila_url: str) -> None:
    """Two debriefs appear in the table; changing one outcome changes what the summary says."""
    open_notebook(page, voila_url, "02_debrief.ipynb")
    save_debrief(page, "Tidewell <Foods>")
    table = page.locator(".nr-journal-table")
    expect(table).to_contain_text("Tidewell <Foods>")
    page.get_by_role("button", name="Start a new entry").click()
    expect(page.get_by_text("New debrief")).to_be_visible()
    expect(page.get_by_placeholder("e.g. Harbourline Logistics")).to_have_value("")
    expect(page.locator(".nr-journal-table")).to_be_visible()
    save_debrief(page, "Copperleaf Software", nerves="5")
    expect(table.locator("tbody tr")).to_have_count(2)
    summary = page.get_by_text("Outcomes so far")
    expect(summary).to_contain_text("Still waiting: 2")
    page.locator("select").filter(has_text="Planner at Tidewell").select_option(
        label=page.locator("select option", has_text="Tidewell").first.inner_text()
    )
    page.get_by_role("button", name="Open for editing").click()
    expect(page.get_by_text("Editing: Planner at Tidewell <Foods>").first).to_be_visible()
    page.locator("select").filter(has_text="Turned down").select_option(label="Turned down")
    page.get_by_role("button", name="Save changes").click()
    expect(table).to_contain_text("Turned down")
    expect(summary).to_contain_text("Turned down: 1")
    expect(summary).to_contain_text("Still waiting: 1")
