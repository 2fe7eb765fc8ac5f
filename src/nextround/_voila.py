"""Voilà for ``nextround app``, without the course map printed as a deprecation notice.

The course map (the pages for the app's header and start page) is a nested dict, which
traitlets can take from the command line only as JSON; Voilà turns traitlets' deprecation
notices on, so the whole map would be printed in the facilitator's terminal on every start.
This runs Voilà exactly as ``python -m voila`` does, with only those notices hidden.
"""

from __future__ import annotations

import warnings

from voila.app import main

#: The settings ``nextround app`` passes as JSON (see ``nextround.launch.app_command``).
JSON_SETTINGS = ("resources", "tornado_settings", "kernel_pools_config", "preheat_denylist")


def hide_json_setting_notices() -> None:
    """Hide traitlets' notice about these settings, and no other warning."""
    for name in JSON_SETTINGS:
        warnings.filterwarnings(
            "ignore", message=f"--{name}=", category=DeprecationWarning, module="traitlets"
        )


if __name__ == "__main__":
    hide_json_setting_notices()
    main()
