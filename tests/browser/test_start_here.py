"""A learner opens Start here in the app view, checks in, and sees it confirmed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_notebook

pytestmark = pytest.mark.browser


def test_checkin_is_saved_and_shown_back(page: Page, voila_url: str) -> None:
    """Pick a mood, type a note with HTML in it, save: the confirmation shows it, escaped."""
    open_notebook(page, voila_url, "00_start_here.ipynb")
    expect(page.get_by_text("How are you feeling today?")).to_be_visible()
    page.get_by_role("button", name="2 · Shaky").click()
    page.get_by_label("A note (optional)").fill("<b>nervous</b> but here")
    page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_text("Saved. You said: Shaky.")).to_be_visible()
    expect(page.get_by_text("<b>nervous</b> but here")).to_be_visible()
    expect(page.get_by_text("only you can read it")).to_be_visible()
