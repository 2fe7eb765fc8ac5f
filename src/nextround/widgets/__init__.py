"""The notebooks' interface: each ``*_app()`` builds one widget over the package's logic."""

from __future__ import annotations

from nextround.widgets.checkin import checkin_app, checkout_app, data_location_app

__all__ = ["checkin_app", "checkout_app", "data_location_app"]
