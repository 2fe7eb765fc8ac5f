"""Everything you saved: listed in Start here, taken away as two files, deleted, brought back."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_notebook

pytestmark = pytest.mark.browser


def test_saved_work_is_listed_exported_deleted_and_imported_back(
    page: Page, voila_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A check-in and a note are listed with dates; export, delete all, import: all back."""
    open_notebook(page, voila_url, "08_onward.ipynb")
    page.get_by_label("My note").fill("You kept going <always>.")
    page.get_by_role("button", name="Save my note").click()
    expect(page.get_by_text("Saved. You will see it at the top of Start here")).to_be_visible()
    open_notebook(page, voila_url, "00_start_here.ipynb")
    panel = page.locator(".nr-saved")
    expect(panel.get_by_text("Note to your future self")).to_be_visible()
    expect(panel.get_by_text("Module 8: Onward")).to_be_visible()
    page.get_by_role("button", name="Prepare my files").click()
    with page.expect_download() as caught:
        page.get_by_text("Download the .json file").click()
    exported = caught.value.path().read_text(encoding="utf-8")
    assert "You kept going <always>." in exported
    with page.expect_download() as caught_txt:
        page.get_by_text("Download the document (.txt)").click()
    document = caught_txt.value.path().read_text(encoding="utf-8")
    assert "Module 8: Onward" in document
    assert "You kept going <always>." in document
    saved_file = tmp_path_factory.mktemp("export") / "everything.json"
    saved_file.write_text(exported, encoding="utf-8")

    page.get_by_role("button", name="Delete everything…").click()
    expect(page.get_by_text("It cannot be undone.")).to_be_visible()
    page.get_by_role("button", name="Yes, delete everything").click()
    expect(page.get_by_text("Nothing is saved now.")).to_be_visible()
    page.reload()
    page.wait_for_selector(".nr-saved", timeout=120_000)
    expect(page.locator(".nr-saved").get_by_text("Nothing is saved yet.")).to_be_visible()
    expect(page.locator(".nr-future-note")).to_have_count(0)

    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choose your .json file").click()
    chooser.value.set_files(str(saved_file))
    page.get_by_role("button", name="Import this file").click()
    expect(page.get_by_text(f"Added {len(_things(exported))} saved thing")).to_be_visible()
    page.reload()
    page.wait_for_selector(".nr-saved", timeout=120_000)
    expect(page.locator(".nr-future-note")).to_contain_text("You kept going <always>.")
    expect(page.locator(".nr-saved").get_by_text("Note to your future self")).to_be_visible()


def _things(exported: str) -> list[object]:
    data = json.loads(exported)
    return [*data["checkins"], *data["entries"], *data["items"]]
