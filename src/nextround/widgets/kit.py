"""The design kit: one calm, readable, accessible look for every panel, in JupyterLab and the app.

Every ``*_app()`` exported by :mod:`nextround.widgets` passes through :func:`styled`, which
puts the panel in a box with the ``nr-kit`` class and two invisible helpers in front of it:

* a ``<style>`` element in an HTML widget, carrying :data:`CSS`. An HTML widget is drawn the
  same way by JupyterLab and by Voilà, so the panel looks the same in both, with no
  JupyterLab extension or Voilà template needed. Every rule is scoped to ``.nr-kit``, so
  JupyterLab's own interface is left alone.
* :class:`PanelHelper`, a tiny anywidget (the well-kept way to ship a few lines of browser
  code with a Python widget, in JupyterLab and Voilà alike). ipywidgets leaves some things
  out of the page that a screen reader or keyboard user needs; the helper adds them:
  ``aria-pressed`` on toggle buttons, a name for icon-only buttons (the timer's), the
  keyboard for collapsible sections ("Worked examples"), and a focus stop for a table that
  scrolls sideways.

:func:`apply` also tidies the widgets themselves, before they are shown: a text box that only
had a placeholder gets that text as a visible label above it (a placeholder vanishes as you
type), so no field is left without a name.

The look follows the GOV.UK Design System: body text at 16 px (nothing under 14 px), labels
above fields, buttons as wide as their words, one spacing step (8 px), a yellow-and-black
focus ring, and colours with a contrast of at least 4.5:1 on white.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Final, ParamSpec, TypeVar, cast

import anywidget
import ipywidgets as w
import traitlets

P = ParamSpec("P")
T = TypeVar("T")

KIT_CLASS: Final = "nr-kit"  # the stylesheet below spells it out

#: Colours, each at 4.5:1 or better against white (text) or with white text (buttons).
INK: Final = "#0b0c0c"  # 19.8:1
HINT: Final = "#505a5f"  # 7.0:1
LINK: Final = "#1d4f91"  # 8.6:1
PRIMARY: Final = "#1d4f91"  # white on it: 8.6:1
SECONDARY: Final = "#005a66"  # white on it: 7.8:1 (was teal, 3.5:1)
SUCCESS: Final = "#1d6b36"  # white on it: 6.6:1
DANGER: Final = "#a4262c"  # white on it: 7.0:1
WARNING: Final = "#7a4a00"  # white on it: 7.7:1
BORDER: Final = "#505a5f"  # 7.0:1, so a field's edge is visible (3:1 is the minimum)
FOCUS: Final = "#ffdd00"

#: Button styles (ipywidgets' ``button_style``) and the colour each is filled with.
_BUTTON_FILLS: Final = {
    "primary": PRIMARY,
    "info": SECONDARY,
    "success": SUCCESS,
    "warning": WARNING,
    "danger": DANGER,
}
_COLOURS: Final = {
    "ink": INK,
    "hint": HINT,
    "link": LINK,
    "primary": PRIMARY,
    "secondary": SECONDARY,
    "success": SUCCESS,
    "danger": DANGER,
    "warning": WARNING,
    "border": BORDER,
    "focus": FOCUS,
}

_RULES: Final = """
.nr-kit {
  --nr-space: 8px;
  --jp-widgets-font-size: 16px;
  --jp-widgets-inline-height: 40px;
  --jp-widgets-inline-label-width: auto;
  color: var(--nr-ink);
  background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 16px;
  line-height: 1.5;
  max-width: 760px;
  min-width: 0;
  box-sizing: border-box;
  gap: calc(2 * var(--nr-space));
  padding: calc(2 * var(--nr-space)) 0;
}
.nr-kit *, .nr-kit *::before, .nr-kit *::after { box-sizing: border-box; }
.nr-kit .nr-kit-helper { display: none !important; }
/* Nothing is wider than the panel: fixed widths shrink, rows wrap. */
.nr-kit .jupyter-widgets { max-width: 100% !important; min-width: 0; }
.nr-kit .widget-inline-hbox, .nr-kit .widget-box { margin-left: 0; margin-right: 0; }
.nr-kit .widget-hbox {
  flex-wrap: wrap; gap: var(--nr-space) calc(1.5 * var(--nr-space)); align-items: flex-end;
}
.nr-kit .widget-vbox { gap: calc(1.5 * var(--nr-space)); }
/* Grids (lists of checkboxes) become one column when the screen is narrow. */
@media (max-width: 720px) {
  .nr-kit .widget-gridbox { grid-template-columns: minmax(0, 1fr) !important; }
}
/* One type scale. */
.nr-kit .widget-html-content, .nr-kit .widget-label, .nr-kit .widget-label-basic,
.nr-kit input, .nr-kit textarea, .nr-kit select, .nr-kit button {
  font-family: inherit; font-size: 16px; line-height: 1.5; color: var(--nr-ink);
}
.nr-kit h2 { font-size: 24px; line-height: 1.25; margin: 16px 0 8px; }
.nr-kit h3 { font-size: 20px; line-height: 1.3; margin: 16px 0 8px; }
.nr-kit h4 { font-size: 18px; line-height: 1.35; margin: 16px 0 4px; }
.nr-kit small, .nr-kit .nr-hint { font-size: 14px; color: var(--nr-hint); }
.nr-kit p { margin: 0 0 var(--nr-space); }
.nr-kit a { color: var(--nr-link); text-decoration: underline; }
/* HTML blocks wrap their words, and a wide table scrolls inside its own box. */
.nr-kit .widget-html, .nr-kit .widget-html-content {
  height: auto; min-height: 0; white-space: normal; overflow-wrap: anywhere;
}
.nr-kit .widget-html-content { overflow-x: auto; max-width: 100%; }
.nr-kit .widget-html-content table { border-collapse: collapse; min-width: 100%; }
.nr-kit .widget-html-content th, .nr-kit .widget-html-content td {
  padding: 4px 8px; vertical-align: top; text-align: left; overflow-wrap: normal;
}
.nr-kit .widget-html-content th { border-bottom: 2px solid var(--nr-ink); }
.nr-kit .widget-html-content tr + tr td { border-top: 1px solid #b1b4b6; }
.nr-kit .nr-chart div { flex-wrap: wrap; }
.nr-kit .nr-chart div[style*="width:260px"] { width: auto !important; flex: 1 1 12em; }
/* Labels above their fields, never cut off. */
.nr-kit .widget-inline-hbox { flex-wrap: wrap; align-items: flex-start; height: auto; }
.nr-kit .widget-inline-hbox > .widget-label, .nr-kit .widget-toggle-buttons > .widget-label {
  flex: 0 0 100%; width: 100% !important; max-width: 100%; text-align: left;
  white-space: normal; overflow: visible; text-overflow: clip; height: auto;
  font-weight: 700; line-height: 1.4; margin: 0 0 4px; padding: 0;
}
.nr-kit .widget-checkbox { width: auto; height: auto; min-height: 32px; }
.nr-kit .widget-checkbox > .widget-label { display: none; }
.nr-kit .widget-label-basic {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto;
  display: flex; align-items: flex-start; gap: var(--nr-space); line-height: 1.5;
}
.nr-kit .widget-checkbox input[type="checkbox"] {
  width: 22px; height: 22px; flex: 0 0 22px; margin: 1px 0 0;
}
/* Fields: full width up to a readable line, same font as the page (not monospace). */
.nr-kit .widget-text, .nr-kit .widget-textarea, .nr-kit .widget-dropdown,
.nr-kit .widget-datepicker, .nr-kit .widget-select,
.nr-kit .widget-select-multiple {
  width: 100%; max-width: min(100%, 40rem) !important;
}
.nr-kit .widget-inline-hbox > input, .nr-kit .widget-inline-hbox > textarea,
.nr-kit .widget-inline-hbox > select {
  flex: 1 1 100%; min-width: 0; width: 100%;
}
.nr-kit input[type="text"], .nr-kit input[type="date"], .nr-kit input[type="number"],
.nr-kit textarea, .nr-kit select {
  border: 2px solid var(--nr-border); border-radius: 4px; background: #fff; padding: 6px 8px;
  min-height: 40px; height: auto;
}
.nr-kit .widget-textarea { height: auto !important; }
.nr-kit textarea { min-height: 5.5em; resize: vertical; }
.nr-kit ::placeholder { color: var(--nr-hint); opacity: 1; }
/* Buttons as wide as their words, big enough to tap. */
.nr-kit .jupyter-button {
  width: auto !important; max-width: 100%; height: auto !important; min-height: 44px;
  padding: 8px 16px; white-space: normal; overflow: visible; text-overflow: clip;
  border: 2px solid var(--nr-ink); border-radius: 4px; background: #fff; color: var(--nr-ink);
  font-weight: 600; box-shadow: none; margin: 0; align-self: flex-start; flex: 0 1 auto;
}
.nr-kit .jupyter-button:hover:enabled { background: #f3f2f1; box-shadow: none; }
.nr-kit .jupyter-button .fa { margin-right: 6px; }
.nr-kit .jupyter-button.mod-primary:hover:enabled,
.nr-kit .jupyter-button.mod-info:hover:enabled {
  background: var(--nr-ink); border-color: var(--nr-ink);
}
.nr-kit .jupyter-button:disabled {
  opacity: 1; color: var(--nr-hint); border-color: var(--nr-hint); background: #f3f2f1;
}
/* Toggle buttons: a group that wraps; the chosen one is filled and ticked. */
.nr-kit .widget-toggle-buttons { flex-wrap: wrap; }
.nr-kit .widget-toggle-buttons > div:not(.widget-label) {
  display: flex; flex-wrap: wrap; gap: var(--nr-space); flex: 0 1 auto; max-width: 100%;
}
.nr-kit .widget-toggle-button { min-width: 44px; font-weight: 400; }
.nr-kit .widget-toggle-button.mod-active {
  background: var(--nr-primary); border-color: var(--nr-primary); color: #fff; font-weight: 700;
}
.nr-kit .widget-toggle-button.mod-active::before { content: "✓ "; }
/* The chosen one stays readable under the pointer (not white on the hover grey). */
.nr-kit .widget-toggle-button.mod-active:hover:enabled {
  background: var(--nr-ink); border-color: var(--nr-ink); color: #fff;
}
.nr-kit .widget-play .jupyter-button { min-width: 44px; }
/* Collapsible sections ("Worked examples"). */
.nr-kit .jupyter-widget-Collapse-header {
  font-size: 16px; font-weight: 700; color: var(--nr-link); padding: 8px; min-height: 44px;
  border: 2px solid var(--nr-border); border-radius: 4px; cursor: pointer; background: #fff;
}
/* A focus ring you can see across the room (GOV.UK's yellow and black). */
.nr-kit button:focus-visible, .nr-kit input:focus-visible,
.nr-kit select:focus-visible, .nr-kit textarea:focus-visible,
.nr-kit a:focus-visible, .nr-kit [tabindex]:focus-visible,
.nr-kit input:focus, .nr-kit select:focus, .nr-kit textarea:focus {
  outline: 3px solid var(--nr-focus) !important; outline-offset: 0 !important;
  box-shadow: 0 0 0 6px var(--nr-ink) !important;
}
/* Messages: next to what caused them, readable, never cut off. */
.nr-kit .nr-notice {
  font-size: 16px; line-height: 1.5; border-left: 6px solid currentColor;
}
"""

#: The whole stylesheet: the colours as custom properties, the rules, the button fills.
CSS: Final = "\n".join(
    [
        ".nr-kit { "
        + " ".join(f"--nr-{name}: {value};" for name, value in _COLOURS.items())
        + " }",
        _RULES,
        *(
            f".nr-kit .jupyter-button.mod-{style} "
            f"{{ background: {fill}; border-color: {fill}; color: #fff; }}"
            for style, fill in _BUTTON_FILLS.items()
        ),
    ]
)


_ESM: Final = r"""
const NAMES = {
  "fa-play": "Start or pause the timer",
  "fa-pause": "Pause the timer",
  "fa-stop": "Stop the timer and set it back to the start",
  "fa-retweet": "Repeat the timer",
};
let uid = 0;

function visibleText(node) {
  return (node.textContent || "").replace(/\s+/g, " ").trim();
}

function enhance(root) {
  // Toggle buttons tell a screen reader which one is chosen.
  for (const b of root.querySelectorAll("button.widget-toggle-button")) {
    const pressed = b.classList.contains("mod-active") ? "true" : "false";
    if (b.getAttribute("aria-pressed") !== pressed) b.setAttribute("aria-pressed", pressed);
  }
  // A group of toggle buttons is named by its label, when it has one.
  for (const group of root.querySelectorAll(".widget-toggle-buttons")) {
    const label = group.querySelector(":scope > .widget-label");
    if (group.getAttribute("role") !== "group") group.setAttribute("role", "group");
    if (label && visibleText(label) && label.style.display !== "none") {
      if (!label.id) label.id = "nr-label-" + ++uid;
      if (group.getAttribute("aria-labelledby") !== label.id) {
        group.setAttribute("aria-labelledby", label.id);
      }
    }
  }
  // Icon-only buttons (the timer's) get a name.
  for (const b of root.querySelectorAll("button")) {
    if (visibleText(b) || b.getAttribute("title")) continue;
    const icon = b.querySelector("i.fa");
    const cls = icon ? [...icon.classList].find((c) => c in NAMES) : undefined;
    const name = cls ? NAMES[cls] : "Button";
    if (b.getAttribute("aria-label") !== name) b.setAttribute("aria-label", name);
  }
  // Collapsible sections open with Enter or Space, and say whether they are open.
  for (const header of root.querySelectorAll(".jupyter-widget-Collapse-header")) {
    if (!header.dataset.nrKeys) {
      header.dataset.nrKeys = "1";
      header.setAttribute("role", "button");
      header.setAttribute("tabindex", "0");
      header.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          header.click();
        }
      });
    }
    const open = header.parentElement?.classList.contains("jupyter-widget-Collapse-open");
    const expanded = open ? "true" : "false";
    if (header.getAttribute("aria-expanded") !== expanded) {
      header.setAttribute("aria-expanded", expanded);
    }
  }
  // A table too wide for the screen scrolls in its own box, which the keyboard can reach.
  for (const box of root.querySelectorAll(".widget-html-content")) {
    const wide = box.scrollWidth > box.clientWidth + 1 && box.querySelector("table");
    if (wide && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Table: scroll sideways to see all of it");
      box.dataset.nrScroll = "1";
    } else if (!wide && box.dataset.nrScroll) {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      delete box.dataset.nrScroll;
    }
  }
}

function enhanceAll() {
  for (const panel of document.querySelectorAll(".nr-kit")) enhance(panel);
}

function install() {
  if (window.__nextroundKit) return;
  window.__nextroundKit = true;
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      enhanceAll();
    });
  };
  new MutationObserver(schedule).observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["class", "style"],
  });
  window.addEventListener("resize", schedule);
  schedule();
}

export default {
  render({ el }) {
    install();
    el.setAttribute("aria-hidden", "true");
    requestAnimationFrame(enhanceAll);
  },
};
"""


class PanelHelper(anywidget.AnyWidget):
    """Invisible: adds what ipywidgets leaves out of the page for screen readers and keyboards."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)


def style_element() -> w.HTML:
    """The kit's stylesheet, as an (invisible) HTML widget."""
    return w.HTML(f"<style>{CSS}</style>", _dom_classes=("nr-kit-helper",))


def _children(widget: w.Widget) -> Iterator[w.Widget]:
    children = getattr(widget, "children", ())
    yield from (child for child in children if isinstance(child, w.Widget))


def walk(widget: w.Widget) -> Iterator[w.Widget]:
    """The widget and every widget inside it, depth first."""
    yield widget
    for child in _children(widget):
        yield from walk(child)


#: Fields whose placeholder becomes a visible label when they have no description.
_LABELLED = (w.Text, w.Textarea)


def _label_from_placeholder(field: w.Text | w.Textarea) -> None:
    text = (field.placeholder or "").strip()
    if field.description or not text or text.lower().startswith(("e.g.", "for example")):
        return
    field.description = text
    field.placeholder = ""


def apply(widget: w.Widget) -> w.Widget:
    """Give every field in ``widget`` a visible label; returns the same widget."""
    for item in walk(widget):
        if isinstance(item, _LABELLED):
            _label_from_placeholder(item)
    return widget


def panel(widget: w.Widget) -> w.VBox:
    """``widget`` in the kit's box, with the stylesheet and the accessibility helper."""
    apply(widget)
    return w.VBox(
        [style_element(), PanelHelper(_dom_classes=("nr-kit-helper",)), widget],
        _dom_classes=(KIT_CLASS,),
    )


def styled(app: Callable[P, T]) -> Callable[P, T]:
    """Wrap a panel builder (``*_app``) so what it returns wears the kit.

    The wrapped builder returns the panel inside the kit's box (a ``VBox``); the type says
    ``T`` so the wrapped names keep their signatures for the notebooks and mypy.
    """

    @functools.wraps(app)
    def build(*args: P.args, **kwargs: P.kwargs) -> T:
        return cast(T, panel(cast(w.Widget, app(*args, **kwargs))))

    return build


__all__ = ["CSS", "KIT_CLASS", "PanelHelper", "apply", "panel", "style_element", "styled", "walk"]
