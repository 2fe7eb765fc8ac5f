"""A facilitator runs the mock-interview timer and the observer's rubric in the app view."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_notebook

pytestmark = pytest.mark.browser


def test_roles_card_timer_and_rubric(page: Page, voila_url: str) -> None:
    """Names in, roles out; a card is drawn; the clock runs down; the rubric compares."""
    open_notebook(page, voila_url, "mock_interview.ipynb")
    page.get_by_label("First names").fill("Asha, Ben, Cleo")
    page.get_by_role("button", name="Start / next round").click()
    expect(page.locator(".nr-roles")).to_contain_text("Asha: candidate")
    page.get_by_role("button", name="Draw a question card").click()
    expect(page.locator(".nr-card")).to_be_visible()
    page.locator("select").filter(has_text="30 seconds").select_option(label="30 seconds")
    clock = page.locator(".nr-clock")
    expect(clock).to_have_text("0:30")
    page.locator(".widget-play button").first.click()
    expect(clock).to_have_text(re.compile(r"0:2[0-8]"), timeout=15_000)
    scene = page.locator(".widget-hbox").filter(has_text="Set the scene")
    scene.get_by_role("button", name="yes").first.click()
    scene.get_by_role("button", name="no").last.click()
    page.get_by_role("button", name="Compare our ratings").click()
    expect(page.get_by_text("You and your partner agree on 0 of 1 points.")).to_be_visible()
