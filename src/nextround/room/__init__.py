"""The workshop room: what participants choose to share on a hub, and the facilitator's view.

Everything here runs only on a workshop hub (see ``hub/`` and the facilitator guide's
"Running it on a hub"). The logic modules (:mod:`~nextround.room.sharing`,
:mod:`~nextround.room.store`, :mod:`~nextround.room.view`, :mod:`~nextround.room.accounts`)
import nothing from JupyterHub; only :mod:`~nextround.room.app`, the service itself, does.
"""

from __future__ import annotations

from nextround.room.sharing import ShareError, possible_names, validate_question
from nextround.room.store import RoomStore, RoomSummary

__all__ = ["RoomStore", "RoomSummary", "ShareError", "possible_names", "validate_question"]
