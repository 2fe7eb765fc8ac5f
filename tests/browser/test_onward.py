"""Module 8: the end check-in compares with the morning's; the note comes back at Start here."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_notebook

pytestmark = pytest.mark.browser


def test_end_checkin_compares_and_note_to_self_greets_you_next_time(
    page: Page, voila_url: str
) -> None:
    """Check in low at the start, better at the end; write a note; reopen Start here to read it."""
    open_notebook(page, voila_url, "00_start_here.ipynb")
    page.get_by_role("button", name="2 · Shaky").click()
    page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_text("Saved. You said: Shaky.")).to_be_visible()
    open_notebook(page, voila_url, "08_onward.ipynb")
    expect(page.get_by_text("today you said Shaky").first).to_be_visible()
    page.get_by_role("button", name="4 · Steady").click()
    page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_text("You feel better than when you started")).to_be_visible()
    expect(page.get_by_text("make today useful")).to_have_count(0)
    page.get_by_label("My note").fill("Read this after the next one: <you prepared well>.")
    page.get_by_role("button", name="Save my note").click()
    expect(page.get_by_text("Saved. You will see it at the top of Start here")).to_be_visible()
    page.reload()
    page.wait_for_selector(".jupyter-widgets", timeout=120_000)
    expect(page.get_by_label("My note")).to_have_value(
        "Read this after the next one: <you prepared well>."
    )
    open_notebook(page, voila_url, "00_start_here.ipynb")
    note = page.locator(".nr-future-note")
    expect(note).to_contain_text("A note from you, written on")
    expect(note).to_contain_text("Read this after the next one: <you prepared well>.")


def test_saved_list_updates_after_a_checkin_on_the_same_page(page: Page, voila_url: str) -> None:
    """The list of everything saved, lower on the page, gains the check-out without a refresh."""
    open_notebook(page, voila_url, "08_onward.ipynb")
    expect(page.get_by_role("heading", name="Everything you saved")).to_be_visible()
    moods = page.locator(".nr-saved tr", has_text="Mood")
    before = moods.count()
    page.get_by_role("button", name="3 · Okay").click()
    page.get_by_role("button", name="Save my check-in").click()
    expect(moods).to_have_count(before + 1)
