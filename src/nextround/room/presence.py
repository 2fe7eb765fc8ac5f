"""Where people are: each participant's own server tells the room which module page they opened.

A Jupyter server extension, enabled only on the workshop hub (``hub/jupyter_server_config.py``).
When the participant's server has served a module page of the app (``/voila/render/NN_...``),
it sends the module's number, and nothing else, to the room view with the participant's own
hub token; the room keeps it under a keyed hash, never a name, and shows only counts. The
send happens in the background and a failure is ignored: a count one short harms no one,
and the participant's page must never wait for it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, Final

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.ioloop import IOLoop
from tornado.web import RequestHandler

from nextround.room.sharing import RoomConnection, room_connection

#: A module page of the app: ``.../voila/render/02_debrief.ipynb`` is Module 2.
MODULE_PAGE: Final = re.compile(r"/voila/render/(\d{2})_[^/]+\.ipynb$")


def module_of(path: str) -> int | None:
    """The module number of an app page's URL path, or None for any other page."""
    found = MODULE_PAGE.search(path)
    return int(found.group(1)) if found else None


async def _send(connection: RoomConnection, module: int) -> None:
    request = HTTPRequest(
        connection.url.rstrip("/") + "/api/module",
        method="POST",
        body=json.dumps({"value": module}),
        headers={"Authorization": f"token {connection.token}"},
        request_timeout=5,
    )
    try:
        await AsyncHTTPClient().fetch(request, raise_error=False)
    except OSError:
        return  # the room is down: the count is one short, nothing more


def _wrap(
    log_function: Callable[[RequestHandler], None], connection: RoomConnection
) -> Callable[[RequestHandler], None]:
    last: dict[str, int] = {}

    def log_and_tell(handler: RequestHandler) -> None:
        log_function(handler)
        request = handler.request
        if request.method != "GET" or handler.get_status() != 200:
            return
        module = module_of(request.path)
        if module is None or last.get("module") == module:
            return
        last["module"] = module
        IOLoop.current().spawn_callback(_send, connection, module)

    return log_and_tell


def _load_jupyter_server_extension(server_app: Any) -> None:
    """Hook into the server's request log: off a hub (no room), this does nothing."""
    connection = room_connection()
    if connection is None:
        return
    settings = server_app.web_app.settings
    original = settings.get("log_function") or (lambda _handler: None)
    settings["log_function"] = _wrap(original, connection)


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "nextround.room.presence"}]
