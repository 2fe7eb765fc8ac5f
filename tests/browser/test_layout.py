"""Any screen: at phone width nothing runs off the page, and no button or label is cut off."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser._app import (
    DESKTOP,
    PAGE_PATHS,
    PHONE,
    App,
    cut_off,
    leave,
    off_screen,
    open_page,
    page_width,
    settle,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_the_page_fits_a_phone_and_nothing_is_cut_off(
    browser: Browser, course_app: App, path: str
) -> None:
    """At 390 px nothing is wider than the window or sticks out past its edge; at 390 and at
    1280 px each button, label, link and heading shows all of its words (its scroll width
    equals its client width). One page load, resized, as a person turning a tablet would."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        open_page(page, course_app, path)
        assert page_width(page) <= PHONE["width"]
        assert off_screen(page) == []
        assert cut_off(page) == [], "at 390 px"
        page.set_viewport_size(DESKTOP)
        settle(page)
        assert cut_off(page) == [], "at 1280 px"
        assert off_screen(page) == []
    finally:
        leave(page)
        context.close()


def test_the_start_page_fits_a_phone(browser: Browser, course_app: App) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(course_app.url + "/")
        assert page_width(page) <= PHONE["width"]
        assert cut_off(page) == []
    finally:
        leave(page)
        context.close()
