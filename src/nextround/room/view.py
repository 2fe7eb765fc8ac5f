"""The room view's pages: counts and shared questions for the projector, and the refusal.

Pure functions from a :class:`~nextround.room.store.RoomSummary` to HTML; every shared
question is escaped. The page holds no script and refreshes itself every 20 seconds.
"""

from __future__ import annotations

import html
from typing import Final

from nextround.checkin import MOODS
from nextround.room.store import MOOD_MINIMUM, RoomSummary

REFRESH_SECONDS: Final = 20

_STYLE: Final = """
body { font-family: system-ui, sans-serif; font-size: 20px; line-height: 1.5; color: #0b0c0c;
       max-width: 60rem; margin: 1rem auto; padding: 0 1rem; }
h1 { font-size: 2rem; } h2 { font-size: 1.5rem; margin-top: 2rem; }
table { border-collapse: collapse; } td, th { padding: 0.25rem 1rem 0.25rem 0; text-align: left; }
.count { font-weight: bold; } .hint { color: #505a5f; }
ol.questions li { margin: 0.5rem 0; }
a { color: #1d70b8; } a:focus { outline: 3px solid #fd0; }
"""


def _page(title: str, body: str, *, refresh: bool = False) -> str:
    meta = f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">' if refresh else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{meta}<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def module_titles() -> dict[int, str]:
    """Module titles from the course folder, or none if it cannot be found (numbers then do)."""
    from nextround.course import CourseError, modules  # noqa: PLC0415 -- optional here

    try:
        return {module.number: module.title for module in modules()}
    except (CourseError, OSError):
        return {}


def _module_label(number: int, titles: dict[int, str]) -> str:
    title = titles.get(number)
    return f"Module {number}: {title}" if title else f"Module {number}"


def room_page(
    summary: RoomSummary, titles: dict[int, str] | None = None, deck_url: str = "deck.txt"
) -> str:
    """The facilitator's page: moods as counts, people per module, the shared questions."""
    titles = titles or {}
    parts = ["<h1>The room</h1>", '<p class="hint">No names are kept or shown here.</p>']
    parts.append("<h2>How people are feeling</h2>")
    if summary.mood_counts is None:
        people = "nobody has" if summary.answered == 0 else "fewer than three people have"
        parts.append(
            f"<p>Moods show once at least {MOOD_MINIMUM} people have shared their check-in; "
            f"so far {people}.</p>"
        )
    else:
        rows = "".join(
            f'<tr><th scope="row">{html.escape(word)}</th>'
            f'<td class="count">{summary.mood_counts.get(mood, 0)}</td></tr>'
            for mood, (word, _) in MOODS.items()
        )
        parts.append(f'<table class="moods"><tbody>{rows}</tbody></table>')
    parts.append("<h2>Where people are</h2>")
    if summary.modules:
        rows = "".join(
            f'<tr><th scope="row">{html.escape(_module_label(number, titles))}</th>'
            f'<td class="count">{count}</td></tr>'
            for number, count in sorted(summary.modules.items())
        )
        parts.append(f'<table class="modules"><tbody>{rows}</tbody></table>')
    else:
        parts.append("<p>Nobody has opened a module on the hub yet.</p>")
    parts.append("<h2>Questions that surprised people</h2>")
    if summary.questions:
        items = "".join(f"<li>{html.escape(text)}</li>" for text in summary.questions)
        parts.append(f'<ol class="questions">{items}</ol>')
        parts.append(
            f'<p><a href="{html.escape(deck_url)}" download>Download these questions</a> '
            "as a deck for the mock-interview rotation (one question a line).</p>"
        )
    else:
        parts.append("<p>No questions shared yet.</p>")
    return _page("The room – Next Round", "".join(parts), refresh=True)


def refusal_page() -> str:
    """What a participant sees if they open the room view: it is the facilitator's page."""
    return _page(
        "Not available – Next Round",
        "<h1>This page is for the facilitator</h1>"
        "<p>It shows the room's shared questions and counts on the projector. "
        "Nothing you have written is on it unless you chose to share it.</p>"
        '<p><a href="/hub/home">Go back to your course</a></p>',
    )


def deck_text(questions: list[str]) -> str:
    """The shared questions as a deck: one question a line, in the order they were shared."""
    return "".join(f"{' '.join(question.split())}\n" for question in questions)
