"""From journal data to a downloaded action plan, all by clicking."""

from __future__ import annotations

import docx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_notebook
from tests.browser.test_journal import save_debrief

pytestmark = pytest.mark.browser


def test_nervous_debrief_becomes_a_downloaded_plan(page: Page, voila_url: str) -> None:
    """A nervous debrief brings up the calming action; pick it, make the plan, download it."""
    open_notebook(page, voila_url, "02_debrief.ipynb")
    save_debrief(page, "Brightwater Housing", nerves="5")
    open_notebook(page, voila_url, "07_your_next_round.ipynb")
    page.get_by_role("button", name="Propose actions from my evidence").click()
    calm = page.get_by_text("Learn one calming technique and use it before every interview")
    expect(calm).to_be_visible()
    expect(page.get_by_text("Your nerves averaged").first).to_be_visible()
    calm.click()
    page.get_by_role("button", name="Make my plan").click()
    expect(page.get_by_text("Your plan is ready")).to_be_visible()
    with page.expect_download() as caught:
        page.get_by_text("Download .md").click()
    text = caught.value.path().read_text(encoding="utf-8")
    assert text.startswith("# My next round: an action plan")
    assert "Learn one calming technique" in text


def test_own_action_rendered_and_downloaded_as_text_and_word(page: Page, voila_url: str) -> None:
    """Add an own action; the preview is rendered, the .txt is plain and the .docx opens."""
    open_notebook(page, voila_url, "07_your_next_round.ipynb")
    page.get_by_label("My own action").fill("Ask Sam for a mock <panel> interview")
    page.get_by_role("button", name="Add my action").click()
    expect(page.get_by_text("Added: Ask Sam for a mock <panel> interview")).to_be_visible()
    page.get_by_role("button", name="Make my plan").click()
    preview = page.locator(".nr-plan-preview")
    expect(preview.locator("h4", has_text="Ask Sam for a mock <panel> interview")).to_be_visible()
    expect(preview).not_to_contain_text("**")
    with page.expect_download() as caught:
        page.get_by_text("Download .txt").click()
    text = caught.value.path().read_text(encoding="utf-8")
    assert "Ask Sam for a mock <panel> interview" in text
    assert "**" not in text
    assert "#" not in text
    with page.expect_download() as caught_docx:
        page.get_by_text("Download .docx (Word)").click()
    word = docx.Document(str(caught_docx.value.path()))
    assert any("Ask Sam for a mock <panel> interview" in p.text for p in word.paragraphs)
    page.reload()
    page.wait_for_selector(".nr-plan-preview", timeout=120_000)
    expect(page.locator(".nr-plan-preview")).to_contain_text("Ask Sam for a mock <panel> interview")
