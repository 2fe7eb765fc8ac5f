"""The design kit: every panel wears it, fields get visible labels, colours are readable."""

from __future__ import annotations

import re

import ipywidgets as w
import pytest

from nextround import widgets
from nextround.widgets import kit


def _luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one: str, two: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    """Black on white is 21:1; the old teal button with white text was about 3:1."""
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#00bcd4") < 3.0


@pytest.mark.parametrize(
    "colour", ["INK", "HINT", "LINK", "PRIMARY", "SECONDARY", "SUCCESS", "DANGER", "WARNING"]
)
def test_every_text_and_button_colour_reads_at_4_5_to_1_on_white(colour: str) -> None:
    assert contrast(getattr(kit, colour), "#ffffff") >= 4.5


def test_every_colour_in_the_stylesheet_reads_on_white_or_is_a_background() -> None:
    """Each `color:` in the CSS (text) is 4.5:1 or better on white, or white on a fill."""
    for value in re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", kit.CSS):
        assert value == "#fff" or contrast(value, "#ffffff") >= 4.5, value


def test_body_text_is_at_least_14px() -> None:
    sizes = [int(px) for px in re.findall(r"font-size:\s*(\d+)px", kit.CSS)]
    assert sizes
    assert min(sizes) >= 14


def test_a_placeholder_only_field_gets_a_visible_label() -> None:
    box = w.VBox([w.Textarea(placeholder="A note to yourself (optional)")])
    kit.apply(box)
    field = box.children[0]
    assert field.description == "A note to yourself (optional)"
    assert field.placeholder == ""


def test_an_example_placeholder_stays_an_example() -> None:
    """'e.g. …' is a hint, not a label: the field keeps it and its own description."""
    field = w.Text(description="Company", placeholder="e.g. Harbourline Logistics")
    kit.apply(field)
    assert (field.description, field.placeholder) == ("Company", "e.g. Harbourline Logistics")


def test_styled_puts_the_panel_in_the_kit_box_with_its_stylesheet() -> None:
    panel = w.VBox([w.Button(description="Save my entry")])
    built = kit.styled(lambda: panel)()
    assert isinstance(built, w.VBox)
    assert kit.KIT_CLASS in built._dom_classes
    style, helper, inner = built.children
    assert style.value.startswith("<style>")
    assert ".nr-kit" in style.value
    assert isinstance(helper, kit.PanelHelper)
    assert inner is panel


def test_every_exported_panel_wears_the_kit() -> None:
    """The package's public panels all come out inside the kit's box."""
    for name in ("checkin_app", "data_location_app", "thought_match_app"):
        built = getattr(widgets, name)()
        assert kit.KIT_CLASS in built._dom_classes, name


def test_the_helper_names_the_timer_buttons_and_marks_pressed_toggles() -> None:
    """The browser code covers what ipywidgets leaves out (checked live in tests/browser)."""
    esm = kit.PanelHelper()._esm
    for needle in ("aria-pressed", "fa-play", "fa-stop", "aria-expanded", "keydown"):
        assert needle in esm
