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


def test_typed_but_not_added_question_and_signal_survive_a_reload(
    page: Page, voila_url: str
) -> None:
    """Save without pressing Add; reload; the question, its notes and the signal are all there."""
    open_notebook(page, voila_url, "02_debrief.ipynb")
    page.get_by_label("Company", exact=True).fill("Meadowgate <Council>")
    page.get_by_label("Role", exact=True).fill("Facilities Coordinator")
    page.get_by_label("Question", exact=True).fill("Describe a time you managed a budget.")
    page.get_by_label("Your answer").fill("Refurbishment budget, 6% under.")
    page.get_by_label("Notes", exact=True).fill("Worked: the number at the end")
    reading = page.locator(".widget-toggle-buttons").filter(has_text="How it read")
    reading.get_by_role("button", name="Worrying", exact=True).click()
    page.get_by_label("What you saw").fill("Finance officer frowned")
    page.get_by_role("button", name="Save entry").click()
    expect(
        page.get_by_text("Saved: Facilities Coordinator at Meadowgate <Council>")
    ).to_be_visible()
    expect(page.get_by_text("1. Describe a time you managed a budget.")).to_be_visible()
    page.reload()
    page.wait_for_selector(".nr-journal-table", timeout=120_000)
    page.get_by_role("button", name="Open for editing").click()
    expect(page.get_by_text("Pick an interview from the list first")).to_be_visible()
    page.get_by_label("Interview to open or delete", exact=True).select_option(
        label=page.locator("select option", has_text="Meadowgate").first.inner_text()
    )
    page.get_by_role("button", name="Open for editing").click()
    expect(page.get_by_text("1. Describe a time you managed a budget.")).to_be_visible()
    expect(
        page.get_by_text("Facial expressions: worrying (Finance officer frowned)")
    ).to_be_visible()


def test_empty_question_warning_is_next_to_its_button(page: Page, voila_url: str) -> None:
    """The warning for an empty question appears just under Add this question, on screen."""
    open_notebook(page, voila_url, "02_debrief.ipynb")
    add = page.get_by_role("button", name="Add this question")
    add.click()
    warning = page.get_by_text("Type the question first, then add it.")
    expect(warning).to_be_visible()
    button_box, warning_box = add.bounding_box(), warning.bounding_box()
    assert button_box is not None
    assert warning_box is not None
    assert 0 <= warning_box["y"] - button_box["y"] < 120


def test_delete_an_entry_after_confirming(page: Page, voila_url: str) -> None:
    """Pick an entry, press Delete, say No (kept), then Yes (gone from the table)."""
    open_notebook(page, voila_url, "02_debrief.ipynb")
    save_debrief(page, "Northfold Library")
    table = page.locator(".nr-journal-table")
    expect(table).to_contain_text("Northfold Library")
    picker = page.get_by_label("Interview to open or delete", exact=True)
    picker.select_option(
        label=page.locator("select option", has_text="Northfold").first.inner_text()
    )
    page.get_by_role("button", name="Delete this entry…").click()
    expect(page.get_by_text("This cannot be undone")).to_be_visible()
    page.get_by_role("button", name="No, keep it").click()
    expect(page.get_by_text("Nothing was deleted.")).to_be_visible()
    expect(table).to_contain_text("Northfold Library")
    picker.select_option(
        label=page.locator("select option", has_text="Northfold").first.inner_text()
    )
    page.get_by_role("button", name="Delete this entry…").click()
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_text("Deleted: Planner at Northfold Library")).to_be_visible()
    expect(page.locator(".nr-journal-table", has_text="Northfold")).to_have_count(0)
