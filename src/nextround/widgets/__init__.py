"""The notebooks' interface: each ``*_app()`` builds one widget over the package's logic."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from nextround.widgets._session import with_store_message as _store_guard
from nextround.widgets.checkin import (
    checkin_app,
    checkout_app,
    data_location_app,
    future_note_app,
    welcome_back_app,
)
from nextround.widgets.critic import critic_app
from nextround.widgets.journal import journal_app, journal_insights_app
from nextround.widgets.kit import styled as _styled
from nextround.widgets.letters import call_plan_app, letter_studio_app
from nextround.widgets.plan import action_plan_app
from nextround.widgets.practice import mock_interview_app, pair_practice_app
from nextround.widgets.reflection import (
    reframe_app,
    self_audit_app,
    support_plan_app,
    thought_match_app,
)
from nextround.widgets.saved import saved_app
from nextround.widgets.share import share_mood_app, share_question_app

_P = ParamSpec("_P")
_T = TypeVar("_T")


def _guard(app: Callable[_P, _T]) -> Callable[_P, _T]:
    """The store guard (plain message, no traceback), inside the design kit's look."""
    return _styled(_store_guard(app))


# Every panel shows a plain message (which folder, NEXTROUND_HOME, what to do) instead of a
# traceback when the saved notes cannot be opened.
action_plan_app = _guard(action_plan_app)
call_plan_app = _guard(call_plan_app)
checkin_app = _guard(checkin_app)
checkout_app = _guard(checkout_app)
critic_app = _guard(critic_app)
data_location_app = _guard(data_location_app)
future_note_app = _guard(future_note_app)
journal_app = _guard(journal_app)
journal_insights_app = _guard(journal_insights_app)
letter_studio_app = _guard(letter_studio_app)
mock_interview_app = _guard(mock_interview_app)
pair_practice_app = _guard(pair_practice_app)
reframe_app = _guard(reframe_app)
saved_app = _guard(saved_app)
share_mood_app = _guard(share_mood_app)
share_question_app = _guard(share_question_app)
self_audit_app = _guard(self_audit_app)
support_plan_app = _guard(support_plan_app)
thought_match_app = _guard(thought_match_app)
welcome_back_app = _guard(welcome_back_app)

__all__ = [
    "action_plan_app",
    "call_plan_app",
    "checkin_app",
    "checkout_app",
    "critic_app",
    "data_location_app",
    "future_note_app",
    "journal_app",
    "journal_insights_app",
    "letter_studio_app",
    "mock_interview_app",
    "pair_practice_app",
    "reframe_app",
    "saved_app",
    "self_audit_app",
    "share_mood_app",
    "share_question_app",
    "support_plan_app",
    "thought_match_app",
    "welcome_back_app",
]
