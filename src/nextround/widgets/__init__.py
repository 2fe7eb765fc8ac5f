"""The notebooks' interface: each ``*_app()`` builds one widget over the package's logic."""

from __future__ import annotations

from nextround.widgets.checkin import checkin_app, checkout_app, data_location_app
from nextround.widgets.critic import critic_app
from nextround.widgets.journal import journal_app, journal_insights_app
from nextround.widgets.letters import call_plan_app, letter_studio_app
from nextround.widgets.plan import action_plan_app
from nextround.widgets.practice import mock_interview_app, pair_practice_app
from nextround.widgets.reflection import (
    reframe_app,
    self_audit_app,
    support_plan_app,
    thought_match_app,
)

__all__ = [
    "action_plan_app",
    "call_plan_app",
    "checkin_app",
    "checkout_app",
    "critic_app",
    "data_location_app",
    "journal_app",
    "journal_insights_app",
    "letter_studio_app",
    "mock_interview_app",
    "pair_practice_app",
    "reframe_app",
    "self_audit_app",
    "support_plan_app",
    "thought_match_app",
]
