"""The workshop hub: JupyterHub for one room, started by ``hub/start`` (which sets the variables).

- Participants log in with any short name and the workshop password (JupyterHub's
  shared-password authenticator); the facilitator logs in as ``NEXTROUND_FACILITATOR`` with a
  separate, long password.
- Each participant runs as their own system user (``nr-<name>``) with a private home, made
  by the pre-spawn hook below, so nobody can open anyone else's files.
- Participants land in the app view of Module 0 (Voilà inside their own server); JupyterLab
  stays at ``/user/<name>/lab``.
- Idle servers are stopped by jupyterhub-idle-culler; idle app kernels by the servers' own
  kernel culling (the course's ``share/jupyter/config``, as in ``nextround app``).
- The room view (``/services/room/``) is a hub service: the facilitator's page.
- Everything the hub keeps (its database, cookie secret, the room's database) is in
  ``$NEXTROUND_HUB_DIR/state``.
"""

# ruff: noqa: PLC0415
from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid

from nextround.room import accounts

c = get_config()  # type: ignore[name-defined]  # noqa: F821 -- given by JupyterHub

HUB_DIR = Path(os.environ.get("NEXTROUND_HUB_DIR", "/opt/nextround-hub"))
STATE = HUB_DIR / "state"
VENV = Path(sys.prefix)
PREFIX = os.environ.get("NEXTROUND_HUB_PREFIX", accounts.DEFAULT_PREFIX)
GROUP = os.environ.get("NEXTROUND_HUB_GROUP", accounts.DEFAULT_GROUP)
HOMES = Path(os.environ.get("NEXTROUND_HUB_HOMES", "/home"))
FACILITATOR = os.environ.get("NEXTROUND_FACILITATOR", "facilitator")
ROOM_PORT = int(os.environ.get("NEXTROUND_ROOM_PORT", "10101"))
IDLE_TIMEOUT = int(os.environ.get("NEXTROUND_IDLE_TIMEOUT", "3600"))
CULL_EVERY = int(os.environ.get("NEXTROUND_CULL_EVERY", "300"))
ACTIVITY_INTERVAL = int(os.environ.get("NEXTROUND_ACTIVITY_INTERVAL", "60"))

# -- the hub itself ---------------------------------------------------------------------
c.JupyterHub.ip = os.environ.get("NEXTROUND_HUB_IP", "")
c.JupyterHub.port = int(os.environ.get("NEXTROUND_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("NEXTROUND_HUB_API_PORT", "8081"))
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.last_activity_interval = ACTIVITY_INTERVAL
c.ConfigurableHTTPProxy.command = [
    str(HUB_DIR / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy")
]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:" + os.environ.get(
    "NEXTROUND_PROXY_API_PORT", "8001"
)
# Nothing from outside: the hub's pages use their own copies of scripts and styles.
c.JupyterHub.template_vars = {
    "announcement_login": "Log in with your first name and the workshop password."
}

# -- who may log in ----------------------------------------------------------------------
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["NEXTROUND_WORKSHOP_PASSWORD"]
c.SharedPasswordAuthenticator.admin_password = os.environ["NEXTROUND_FACILITATOR_PASSWORD"]
c.Authenticator.admin_users = {FACILITATOR}
c.Authenticator.allow_all = True
c.Authenticator.username_pattern = rf"^{accounts.NAME_PATTERN}$"
c.Authenticator.delete_invalid_users = True


# -- one system user each, the course in their home ----------------------------------------
class WorkshopSpawner(LocalProcessSpawner):  # type: ignore[misc]
    """Runs each participant's server as the system user ``nr-<name>`` (never as another)."""

    def _system_name(self) -> str:
        return accounts.system_name(self.user.name, PREFIX)

    def make_preexec_fn(self, name: str):  # type: ignore[no-untyped-def]
        return set_user_setuid(accounts.system_name(name, PREFIX))

    def user_env(self, env: dict[str, str]) -> dict[str, str]:
        import pwd

        user = pwd.getpwnam(self._system_name())
        env["USER"] = user.pw_name
        env["HOME"] = user.pw_dir
        env["SHELL"] = user.pw_shell
        return env


async def make_account(spawner: WorkshopSpawner) -> None:
    """Pre-spawn hook: the participant's system user, private home and course copy.

    Run in a thread, so that twenty people arriving at once do not stop the hub answering.
    """
    name = accounts.system_name(spawner.user.name, PREFIX)
    async with _ACCOUNTS:  # useradd and groupadd lock /etc/passwd: one at a time
        await asyncio.to_thread(accounts.ensure_account, name, HOMES, HUB_DIR / "course", GROUP)


_ACCOUNTS = asyncio.Lock()


c.JupyterHub.spawner_class = WorkshopSpawner
c.Spawner.pre_spawn_hook = make_account
c.Spawner.cmd = [str(VENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = f"~/{accounts.COURSE_FOLDER}"
c.Spawner.default_url = "/voila/render/00_start_here.ipynb"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {
    # The course's Voilà template, and its Jupyter settings (offline, outputs stripped on
    # save, idle kernels culled): the same files `nextround lab` and `nextround app` use.
    "JUPYTER_PATH": str(HUB_DIR / "share" / "jupyter"),
    "JUPYTER_CONFIG_PATH": str(HUB_DIR / "share" / "jupyter" / "config"),
    "JUPYTERHUB_ACTIVITY_INTERVAL": str(ACTIVITY_INTERVAL),
    "NEXTROUND_ROOM_URL": f"http://127.0.0.1:{ROOM_PORT}/services/room/",
}
c.Spawner.mem_limit = os.environ.get("NEXTROUND_MEM_LIMIT") or None
# The server's own token may also send to the room (what a participant chose to share).
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    "access:services!service=room",
]
c.JupyterHub.load_roles = [
    {"name": "user", "scopes": ["self", "access:services!service=room"]},
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
]

# -- services: the idle culler and the room view -----------------------------------------
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            str(VENV / "bin" / "python"),
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={IDLE_TIMEOUT}",
            f"--cull-every={CULL_EVERY}",
        ],
    },
    {
        "name": "room",
        "display": True,
        "url": f"http://127.0.0.1:{ROOM_PORT}",
        "command": [str(VENV / "bin" / "python"), "-m", "nextround.room"],
        "oauth_no_confirm": True,
        "environment": {
            "NEXTROUND_ROOM_ADMINS": FACILITATOR,
            "NEXTROUND_ROOM_DB": os.environ.get("NEXTROUND_ROOM_DB", ""),
            "NEXTROUND_ROOM_FOLDER": str(STATE),
            # Module titles for the room view, read from the course folder hub/ sits in.
            "NEXTROUND_COURSE": str(Path(__file__).resolve().parents[1]),
        },
    },
]
