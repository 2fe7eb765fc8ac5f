"""Every activity with the keyboard alone: reach each control with Tab, see where you are,
choose with Space, open sections with Enter, type, and press each panel's main button."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser._app import PAGE_PATHS, App, open_page, settle

pytestmark = pytest.mark.browser

SAMPLE = "I stayed calm, explained the delay and called the customer back the same day."

#: Number the controls a learner can use, so each Tab can say where the focus is.
MARK_CONTROLS = """() => {
  const selector = '.nr-kit button, .nr-kit input, .nr-kit textarea, .nr-kit select,'
    + ' .nr-kit [tabindex="0"]';
  let n = 0;
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const usable = box.width > 0 && box.height > 0 && !el.disabled
      && style.visibility !== 'hidden' && el.type !== 'file' && el.type !== 'hidden'
      && !el.closest('.nr-kit-helper');
    if (usable) el.dataset.nrKb = String(++n); else delete el.dataset.nrKb;
  }
  return n;
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || !el.dataset || !el.dataset.nrKb) return null;
  const style = getComputedStyle(el);
  const ring = parseFloat(style.outlineWidth) || 0;
  return {id: el.dataset.nrKb, ring: style.outlineStyle === 'none' ? 0 : ring};
}"""


def tab_to(page: Page, selector: str, limit: int = 400) -> bool:
    """Press Tab until the focus is on the element ``selector`` names; False if never."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return True
    return False


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_every_activity_works_with_the_keyboard_alone(
    app_page: Page, course_app: App, path: str
) -> None:
    """Every control is reached with Tab and shows a focus ring; then the page's activities
    are done with the keyboard alone."""
    page = app_page
    open_page(page, course_app, path)
    total = page.evaluate(MARK_CONTROLS)
    assert total > 0
    reached: set[str] = set()
    faint: list[str] = []
    for _ in range(total * 3 + 40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused:
            reached.add(focused["id"])
            if focused["ring"] < 3:
                faint.append(focused["id"])
        if len(reached) == total:
            break
    missing = page.evaluate(
        """(reached) => [...document.querySelectorAll('[data-nr-kb]')]
             .filter((el) => !reached.includes(el.dataset.nrKb))
             .map((el) => el.tagName + ' ' + (el.textContent || el.getAttribute('aria-label')
                  || el.placeholder || '').trim().slice(0, 40))""",
        sorted(reached),
    )
    assert missing == []
    # On Tab, Chrome puts the focus inside a date field's own parts (day, month, year); its
    # ring is checked with the field itself focused.
    faint = page.evaluate(
        """(ids) => ids.filter((id) => {
             const el = document.querySelector(`[data-nr-kb="${id}"]`);
             if (!el || el.type !== 'date') return true;
             el.focus();
             const style = getComputedStyle(el);
             return style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 3;
           })""",
        faint,
    )
    assert faint == [], "a control without a 3 px focus ring"
    use_with_the_keyboard(page)


def use_with_the_keyboard(page: Page) -> None:
    """Choose with Space, open sections with Enter, type, press the main button with Enter:
    the panel answers each time."""
    # Toggle buttons: Space chooses one, and the page says it is pressed.
    toggle = page.locator(".nr-kit button.widget-toggle-button[data-nr-kb]").first
    if toggle.count():
        kb = toggle.get_attribute("data-nr-kb")
        assert tab_to(page, f'[data-nr-kb="{kb}"]')
        page.keyboard.press("Space")
        settle(page)
        assert toggle.get_attribute("aria-pressed") == "true"
    # Collapsed sections ("Worked examples"): Enter opens them.
    header = page.locator(".nr-kit .jupyter-widget-Collapse-header[data-nr-kb]").first
    if header.count():
        kb = header.get_attribute("data-nr-kb")
        before = header.get_attribute("aria-expanded")
        assert tab_to(page, f'[data-nr-kb="{kb}"]')
        page.keyboard.press("Enter")
        settle(page)
        assert header.get_attribute("aria-expanded") != before
    # Each panel's main button, after typing into its first empty box.
    panels = page.locator(".nr-kit")
    pressed = 0
    for index in range(panels.count()):
        panel = panels.nth(index)
        button = panel.locator(".jupyter-button.mod-primary[data-nr-kb]").first
        box = panel.locator("textarea[data-nr-kb], input[type=text][data-nr-kb]").first
        if not button.count():
            # A panel that answers as you type (the critic): typing alone changes it.
            if box.count():
                before = panel.inner_text()
                assert tab_to(page, f'[data-nr-kb="{box.get_attribute("data-nr-kb")}"]')
                page.keyboard.type(" " + SAMPLE)
                page.wait_for_timeout(1500)
                pressed += panel.inner_text() != before
            continue
        if box.count() and not box.input_value():
            assert tab_to(page, f'[data-nr-kb="{box.get_attribute("data-nr-kb")}"]')
            page.keyboard.type(SAMPLE)
        before = panel.inner_text()
        assert tab_to(page, f'[data-nr-kb="{button.get_attribute("data-nr-kb")}"]')
        page.keyboard.press("Enter")
        page.wait_for_timeout(1500)
        assert panel.inner_text() != before, f"{button.inner_text()!r} did nothing"
        pressed += 1
    assert pressed + toggle.count() + header.count() > 0
