"""A learner drafts a feedback request, an angry sentence fails the tone check, they fix it
and take the letter away as an .eml file."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_notebook

pytestmark = pytest.mark.browser

ANGRY = "Frankly, this whole process was a complete waste of my time and totally unfair."


def test_draft_break_fix_and_download_eml(page: Page, voila_url: str) -> None:
    """Draft, break with anger, see it highlighted, fix, download the .eml (nothing is sent)."""
    open_notebook(page, voila_url, "04_asking_for_feedback.ipynb")
    page.get_by_placeholder("e.g. Dana Okoro").fill("Sam Rivera")
    page.get_by_placeholder("e.g. Priya Shah").fill("Priya Shah")
    page.get_by_placeholder("e.g. Hiring manager").fill("Hiring manager")
    page.get_by_placeholder("e.g. Harbourline Logistics").last.fill("Harbourline Logistics")
    page.get_by_placeholder("e.g. Operations Coordinator").last.fill("Operations Coordinator")
    page.get_by_role("button", name="Write a draft").click()
    letter = page.get_by_placeholder("Your letter.")
    expect(letter).to_have_value(re.compile("Dear Priya"))
    expect(page.locator('.nr-studio-checklist tr.nr-check[data-check="tone"]')).to_have_attribute(
        "data-passed", "True"
    )
    draft = letter.input_value()
    letter.fill(draft.replace("\n\n", f"\n\n{ANGRY}\n\n", 1))
    tone = page.locator('.nr-studio-checklist tr.nr-check[data-check="tone"]')
    expect(tone).to_have_attribute("data-passed", "False")
    expect(page.locator("mark.nr-evidence").first).to_be_visible()
    expect(page.get_by_text("Sleep on it.")).to_be_visible()
    letter.fill(draft)
    expect(tone).to_have_attribute("data-passed", "True")
    page.get_by_role("button", name="Prepare files to take away").click()
    with page.expect_download() as caught:
        page.get_by_text("Download .eml").click()
    download = caught.value
    assert download.suggested_filename.endswith(".eml")
    content = download.path().read_text(encoding="utf-8")
    assert "X-Unsent: 1" in content
    assert "Harbourline" in content


def test_saved_draft_is_listed_reopened_after_reload_and_duplicated(
    page: Page, voila_url: str
) -> None:
    """Save a draft, reload, find it by kind and name, open and change it, duplicate, delete."""
    open_notebook(page, voila_url, "05_keeping_the_door_open.ipynb")
    expect(page.locator(".nr-checklist-empty").first).to_be_visible()
    expect(page.locator(".nr-studio-checklist").get_by_text("✗")).to_have_count(0)
    page.get_by_label("Your name", exact=True).fill("Dana Okoro")
    page.get_by_label("Their name", exact=True).fill("Ruth Adeyemi")
    page.get_by_label("Company", exact=True).fill("Northfold Library Service")
    page.get_by_label("Role", exact=True).fill("Operations Coordinator")
    page.get_by_role("button", name="Write a draft").click()
    letter = page.get_by_placeholder("Your letter.")
    expect(letter).to_have_value(re.compile("Dear Ruth"))
    expect(page.get_by_text("Sleep on it.")).to_have_count(0)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Find it under Your saved drafts")).to_be_visible()
    page.reload()
    page.wait_for_selector(".jupyter-widgets", timeout=120_000)
    drafts = page.get_by_label("Saved drafts")
    option = page.locator("option", has_text="Ruth Adeyemi, Northfold Library Service").first
    drafts.select_option(label=option.inner_text())
    page.get_by_role("button", name="Open this draft").click()
    expect(letter).to_have_value(re.compile("Dear Ruth"))
    letter.fill(letter.input_value() + "\nP.S. <See you> at the volunteer fair.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Find it under Your saved drafts")).to_be_visible()
    page.get_by_role("button", name="Duplicate").click()
    expect(page.get_by_text("Made a copy and opened it")).to_be_visible()
    expect(drafts.locator("option", has_text="Ruth Adeyemi")).to_have_count(2)
    page.get_by_role("button", name="Delete…").click()
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_text("Deleted:")).to_be_visible()
    expect(drafts.locator("option", has_text="Ruth Adeyemi")).to_have_count(1)
    page.reload()
    page.wait_for_selector(".jupyter-widgets", timeout=120_000)
    drafts.select_option(label=option.inner_text())
    page.get_by_role("button", name="Open this draft").click()
    expect(letter).to_have_value(re.compile("<See you> at the volunteer fair"))
