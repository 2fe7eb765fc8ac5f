"""The room view: a JupyterHub service behind the hub's own login (OAuth), for the facilitator.

Run by the hub (``python -m nextround.room``, see ``hub/jupyterhub_config.py``). Pages:

- ``PREFIX`` the room (facilitator only; anyone else gets a refusal page, status 403);
- ``PREFIX/deck.txt`` the shared questions, one a line (facilitator only);
- ``PREFIX/api/question|mood|module`` where a participant's server sends what they chose to
  share, with the participant's hub token in the ``Authorization`` header (never a cookie,
  so no other web page can send on their behalf).

Settings come from the environment: the hub's ``JUPYTERHUB_*`` variables, plus
``NEXTROUND_ROOM_ADMINS`` (comma-separated facilitator names), ``NEXTROUND_ROOM_DB`` (a
database URL; SQLite in ``NEXTROUND_ROOM_FOLDER`` when empty) and ``NEXTROUND_ROOM_SECRET``
(the key for participant hashes; a private file in the folder when empty).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import httpserver, ioloop, web

from nextround.room import sharing, view
from nextround.room.store import RoomStore, database_url, participant_key

ADMINS_VAR: Final = "NEXTROUND_ROOM_ADMINS"
DB_VAR: Final = "NEXTROUND_ROOM_DB"
FOLDER_VAR: Final = "NEXTROUND_ROOM_FOLDER"
SECRET_VAR: Final = "NEXTROUND_ROOM_SECRET"  # noqa: S105 -- a variable's name
MAX_BODY: Final = 4_096


class _RoomHandler(HubOAuthenticated, web.RequestHandler):  # type: ignore[misc]
    """Shared parts: the store, the facilitators' names and the participants' key."""

    def initialize(
        self, store: RoomStore, admins: frozenset[str], secret: bytes, hub_auth: Any = None
    ) -> None:
        self.store = store
        self.admins = admins
        self.secret = secret
        if hub_auth is not None:  # the tests' stand-in for the hub; else the hub's OAuth
            self.hub_auth = hub_auth

    def user_name(self) -> str | None:
        model: dict[str, Any] | None = self.current_user
        if not model or model.get("kind", "user") != "user":
            return None
        return str(model["name"])

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")

    def refused(self) -> bool:
        """Refuse anyone but the facilitator with a plain page; True if refused."""
        if self.user_name() in self.admins:
            return False
        self.set_status(403)
        self.finish(view.refusal_page())
        return True


class RoomPage(_RoomHandler):
    """The room for the facilitator; a refusal for anyone else."""

    @web.authenticated
    def get(self) -> None:
        if self.refused():
            return
        self.finish(view.room_page(self.store.summary(), view.module_titles()))


class DeckFile(_RoomHandler):
    """The shared questions as a text file, one a line, for the mock-interview rotation."""

    @web.authenticated
    def get(self) -> None:
        if self.refused():
            return
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Content-Disposition", 'attachment; filename="shared-questions.txt"')
        self.finish(view.deck_text(self.store.questions()))


class ShareApi(_RoomHandler):
    """Where a participant's server sends one item they chose to share."""

    def check_xsrf_cookie(self) -> None:
        """Token in the header only (checked in post), so no cross-site form can send."""

    def get_login_url(self) -> str:
        raise web.HTTPError(403)

    def post(self, kind: str) -> None:
        if not self.request.headers.get("Authorization", "").startswith("token "):
            raise web.HTTPError(403)
        name = self.user_name()
        if name is None:
            raise web.HTTPError(403)
        if len(self.request.body) > MAX_BODY:
            raise web.HTTPError(400)
        try:
            value = json.loads(self.request.body)["value"]
            key = participant_key(self.secret, name)
            if kind == "question":
                self.store.add_question(sharing.validate_question(str(value)), key)
            elif kind == "mood":
                self.store.set_mood(key, sharing.validate_mood(value))
            else:
                self.store.set_module(key, sharing.validate_module(value))
        except (ValueError, KeyError, TypeError) as exc:
            raise web.HTTPError(400) from exc
        self.set_status(204)
        self.finish()


def _secret(folder: Path) -> bytes:
    configured = os.environ.get(SECRET_VAR, "")
    if configured:
        return configured.encode("utf-8")
    path = folder / "room.secret"
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode("utf-8")


def make_app(
    store: RoomStore, admins: frozenset[str], secret: bytes, prefix: str, hub_auth: Any = None
) -> web.Application:
    """The service's web application under ``prefix`` (the hub's ``/services/room/``)."""
    args = {"store": store, "admins": admins, "secret": secret, "hub_auth": hub_auth}
    return web.Application(
        [
            (prefix, RoomPage, args),
            (url_path_join(prefix, "deck.txt"), DeckFile, args),
            (url_path_join(prefix, r"api/(question|mood|module)"), ShareApi, args),
            (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
        ],
        cookie_secret=secrets.token_bytes(32),
    )


def main() -> None:
    """Start the room service where the hub says it lives."""
    os.umask(0o077)
    folder = Path(os.environ.get(FOLDER_VAR, ".")).resolve()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    store = RoomStore(database_url(os.environ.get(DB_VAR), folder))
    admins = frozenset(
        name.strip() for name in os.environ.get(ADMINS_VAR, "").split(",") if name.strip()
    )
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/room/")
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    app = make_app(store, admins, _secret(folder), prefix)
    server = httpserver.HTTPServer(app, xheaders=True)
    server.listen(url.port or 80, url.hostname or "127.0.0.1")
    loop = ioloop.IOLoop.current()

    def stop(_signum: int, _frame: object) -> None:
        # The hub stops its services with SIGINT then SIGTERM; a process started in the
        # background may inherit SIGINT as ignored, so both are handled here.
        loop.add_callback_from_signal(loop.stop)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    loop.start()
    store.close()
