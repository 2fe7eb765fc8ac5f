"""The notebooks' interface: each ``*_app()`` builds one widget over the package's logic."""

from __future__ import annotations

from nextround.widgets.checkin import checkin_app, checkout_app, data_location_app
from nextround.widgets.reflection import reframe_app, self_audit_app, support_plan_app

__all__ = [
    "checkin_app",
    "checkout_app",
    "data_location_app",
    "reframe_app",
    "self_audit_app",
    "support_plan_app",
]
