"""axe-core on every page of the app, as drawn and after its main actions: nothing serious.

axe-core comes from the npm registry (package.json at the top of the repository; `make test`
runs `npm install`) and is injected into each page by Playwright. A finding of impact
"serious" or "critical" fails the test, with where it is and how to fix it.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser._app import PAGE_PATHS, App, axe_problems, open_page, settle

pytestmark = pytest.mark.browser

#: The main actions of a panel: its primary and secondary buttons (never a delete).
MAIN_BUTTONS = (
    ".nr-kit .jupyter-button.mod-primary:not([disabled]), "
    ".nr-kit .jupyter-button.mod-info:not([disabled])"
)


def do_main_actions(page: Page) -> int:
    """Pick an option in each toggle group, open each collapsed section, press each main
    button, as a learner trying the page would; returns how many things were done."""
    done = 0
    groups = page.locator(".nr-kit .widget-toggle-buttons")
    for index in range(groups.count()):
        first = groups.nth(index).locator("button.widget-toggle-button").last
        if first.is_visible() and first.is_enabled():
            first.click()
            done += 1
    headers = page.locator(".nr-kit .jupyter-widget-Collapse-header")
    for index in range(headers.count()):
        if headers.nth(index).is_visible():
            headers.nth(index).click()
            done += 1
    buttons = page.locator(MAIN_BUTTONS)
    for index in range(buttons.count()):
        button = buttons.nth(index)
        if button.is_visible() and button.is_enabled():
            button.click()
            settle(page)
            done += 1
    settle(page)
    return done


def test_the_start_page_has_no_serious_problems(app_page: Page, course_app: App) -> None:
    page = app_page
    page.goto(course_app.url + "/")
    assert page.locator("a[href*='exercises/']").count() == 5
    assert axe_problems(page) == []


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_no_serious_problems_as_drawn_and_after_the_main_actions(
    app_page: Page, course_app: App, path: str
) -> None:
    page = app_page
    open_page(page, course_app, path)
    assert axe_problems(page) == [], "as drawn"
    assert do_main_actions(page) > 0
    assert axe_problems(page) == [], "after the main actions"


@pytest.mark.parametrize("path", ["notebooks/00_start_here.ipynb", "notebooks/02_debrief.ipynb"])
def test_toggle_buttons_say_which_one_is_chosen(app_page: Page, course_app: App, path: str) -> None:
    """A screen reader hears 'pressed' on the chosen toggle, and only on that one."""
    page = app_page
    open_page(page, course_app, path)
    group = page.locator(".nr-kit .widget-toggle-buttons").first
    buttons = group.locator("button.widget-toggle-button")
    buttons.nth(1).click()
    settle(page)
    assert buttons.nth(1).get_attribute("aria-pressed") == "true"
    assert buttons.nth(0).get_attribute("aria-pressed") == "false"
