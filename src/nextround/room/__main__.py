"""``python -m nextround.room``: the room view service (started by the workshop hub)."""

from __future__ import annotations

from nextround.room.app import main

main()
