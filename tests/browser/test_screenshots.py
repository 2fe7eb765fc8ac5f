"""A picture of every activity, taken in the app as a learner uses it.

Each widget cell in ``notebooks/`` names its picture in its metadata (``placeholder``, with
``alt`` text saying what the panel does): the course site shows that picture where the live
panel would be, and the README shows some of them. This test opens every notebook in Voilà,
types a little into each panel as a learner would, and photographs each panel.

``make screenshots`` runs it with ``NEXTROUND_SCREENSHOTS=1``, which writes the pictures to
the paths the notebooks name (small palette PNGs). Without it, the pictures go to a temporary
folder, and the test still checks that every activity renders as a real, non-empty panel.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page

from tests.browser.conftest import ROOT, open_notebook

pytestmark = pytest.mark.browser

# Start here comes last: it greets you with the note to your future self saved in Module 8.
NOTEBOOKS = sorted(
    (p.name for p in (ROOT / "notebooks").glob("*.ipynb")),
    key=lambda name: (name.startswith("00_"), name),
)

#: Width of the page the pictures are taken in, and the widest picture kept.
VIEWPORT = {"width": 960, "height": 900}
MAX_WIDTH = 800
#: A few words a learner might type, so the pictures show a panel in use.
SAMPLE_WORDS = (
    "The second interview was mostly about working with tenants, and I had prepared "
    "examples about budgets instead."
)
SAMPLES = {
    "01_after_the_no.ipynb": "I always mess up interviews, so I will never get a job.",
    "06_sharpen_your_answers.ipynb": (
        "Last winter a tenant rang me three times about a broken boiler. I listened, "
        "apologised and booked an engineer for the next morning. I called her back that "
        "evening to check she was warm. The boiler was fixed within a day, and she wrote "
        "to my manager to say thank you."
    ),
}
#: Optional boxes left empty: a learner starts with the main box.
SKIP_LABELS = ("job description",)
#: Short fields a learner fills in first, by their label, where a panel has them.
FIELDS = {
    "Your name": "Sam Ortiz",
    "Their name": "Ms Lindqvist",
    "Company": "Alderbank Housing",
    "Role": "Housing Officer",
}
#: Buttons that turn those fields into something to read (a draft letter).
PRESS_AFTER_FIELDS = ("Write a draft",)
#: Buttons pressed after typing, so that a later page has something of yours to show.
PRESS_AFTER_TYPING = ("Save my note",)
#: The tallest page the pictures are taken in (a panel is photographed whole, in view).
MAX_HEIGHT = 6000


def widget_cells(notebook: Path) -> list[dict[str, object]]:
    """The code cells of a notebook, in order (each one shows one activity panel)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [cell for cell in cells if cell["cell_type"] == "code"]


def picture_path(notebook: Path, cell: dict[str, object]) -> Path:
    """Where the picture named in a cell's metadata lives in the checkout."""
    metadata = cell["metadata"]
    assert isinstance(metadata, dict)
    placeholder = metadata.get("placeholder")
    assert isinstance(placeholder, str), f"{notebook.name}: a widget cell names no picture"
    return (notebook.parent / placeholder).resolve()


def small_png(raw: bytes) -> bytes:
    """Shrink a screenshot to at most MAX_WIDTH wide and 48 colours: a few tens of KB."""
    image = Image.open(io.BytesIO(raw)).convert("RGB")
    if image.width > MAX_WIDTH:
        height = round(image.height * MAX_WIDTH / image.width)
        image = image.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.quantize(colors=48, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def use_panel(panel: Locator, words: str) -> None:
    """Type into the panel's main empty text box, as a learner starting the activity would."""
    for label, value in FIELDS.items():
        field = panel.get_by_label(label, exact=True)
        if field.count() == 1 and field.is_editable() and not field.input_value():
            field.fill(value)
    for name in PRESS_AFTER_FIELDS:
        button = panel.get_by_role("button", name=name)
        if button.count() == 1:
            button.click()
            return
    boxes = panel.locator("textarea")
    for index in range(boxes.count()):
        box = boxes.nth(index)
        label = box.evaluate(
            "el => ((el.labels && el.labels[0] && el.labels[0].innerText)"
            " || el.getAttribute('aria-label') || '').toLowerCase()"
        )
        if any(skip in label for skip in SKIP_LABELS):
            continue
        if box.is_visible() and box.is_editable() and not box.input_value():
            box.click()
            box.press_sequentially(words[:40])
            box.fill(words)
            box.evaluate("el => el.blur()")
            for name in PRESS_AFTER_TYPING:
                button = panel.get_by_role("button", name=name)
                if button.count() == 1:
                    button.click()
            return


def photograph(page: Page, panel: Locator) -> bytes:
    """The whole panel, with the page made tall enough that all of it is in view."""
    box = panel.bounding_box()
    assert box is not None
    height = min(MAX_HEIGHT, max(VIEWPORT["height"], int(box["height"]) + 300))
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    panel.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    picture = panel.screenshot(animations="disabled", caret="hide")
    page.set_viewport_size(VIEWPORT)
    return picture


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_activity_is_pictured(
    browser_page_for_pictures: Page, voila_url: str, name: str, tmp_path: Path
) -> None:
    """Every panel renders in the app, in use, and its picture is a real image of it."""
    page = browser_page_for_pictures
    notebook = ROOT / "notebooks" / name
    write_in_place = os.environ.get("NEXTROUND_SCREENSHOTS") == "1"
    open_notebook(page, voila_url, name)
    page.wait_for_load_state("networkidle")
    note = page.locator(".celltag_site-note")
    assert note.count() == 1, f"{name}: one line for readers of the website"
    assert not note.is_visible(), f"{name}: the website's line shows in the app"
    outputs = page.locator(".jp-CodeCell .jp-OutputArea-output")
    cells = widget_cells(notebook)
    assert outputs.count() == len(cells), f"{name}: one panel per widget cell"
    for index, cell in enumerate(cells):
        panel = outputs.nth(index)
        panel.scroll_into_view_if_needed()
        use_panel(panel, SAMPLES.get(name, SAMPLE_WORDS))
        page.wait_for_timeout(500)
        picture = small_png(photograph(page, panel))
        image = Image.open(io.BytesIO(picture))
        assert image.width >= 300, f"{name}: panel {index + 1} is too narrow to be a panel"
        assert image.height >= 60, f"{name}: panel {index + 1} is nearly empty"
        assert len(image.getcolors(256) or []) > 4, f"{name}: panel {index + 1} is blank"
        target = picture_path(notebook, cell) if write_in_place else tmp_path / f"{index}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(picture)


@pytest.fixture
def browser_page_for_pictures(page: Page) -> Page:
    """The usual test page, at the width the pictures are taken at."""
    page.set_viewport_size(VIEWPORT)
    return page
