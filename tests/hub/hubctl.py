"""Start and stop a real workshop hub on 127.0.0.1 with the project's own commands.

Used by the end-to-end test and by ``benchmarks/bench_hub.py``. The hub runs from
``hub/start`` exactly as a facilitator's would, with free ports, short idle timeouts, a
test-only prefix and group for the participants' system users, and homes in a temporary
folder; :meth:`WorkshopHub.cleanup` runs ``hub/cleanup --yes``, which deletes them all.
The hub's Python environment is kept between runs (``NEXTROUND_TEST_HUB_DIR``) because
building it takes a minute; ``hub/install`` brings it up to date each time.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKSHOP_PASSWORD = "river-stone-42"  # noqa: S105 -- a throwaway hub on 127.0.0.1
FACILITATOR = "lead"
FACILITATOR_PASSWORD = "a-long-facilitator-password-for-the-tests-only-0123"  # noqa: S105


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class WorkshopHub:
    """One hub for a test run: its settings, where it lives, and how to end it."""

    idle_timeout: int = 40
    cull_every: int = 5
    activity_interval: int = 5
    hub_dir: Path = field(
        default_factory=lambda: Path(
            os.environ.get("NEXTROUND_TEST_HUB_DIR", "/tmp/nextround-hub-test")
        )
    )
    tag: str = field(default_factory=lambda: secrets.token_hex(2))
    port: int = field(default_factory=free_port)
    homes: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="nextround-homes-")))

    def __post_init__(self) -> None:
        self.homes.chmod(0o755)  # each participant must be able to reach their own home
        self.prefix = f"nrt{self.tag}-"
        self.group = f"nrtest{self.tag}"
        self.url = f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        """The environment a facilitator's root shell would give the hub's commands.

        The machine's own settings (certificates, proxies) are kept; the test session's
        Python (its PATH, virtual environment, data folder) is not: the hub brings its own.
        """
        inherited = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("NEXTROUND_", "PYTHON", "VIRTUAL_ENV", "PYTEST", "JUPYTER"))
        }
        return {
            **inherited,
            "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG": "C.UTF-8",
            "NEXTROUND_HUB_DIR": str(self.hub_dir),
            "NEXTROUND_HUB_IP": "127.0.0.1",
            "NEXTROUND_HUB_PORT": str(self.port),
            "NEXTROUND_HUB_API_PORT": str(free_port()),
            "NEXTROUND_PROXY_API_PORT": str(free_port()),
            "NEXTROUND_ROOM_PORT": str(free_port()),
            "NEXTROUND_HUB_HOMES": str(self.homes),
            "NEXTROUND_HUB_PREFIX": self.prefix,
            "NEXTROUND_HUB_GROUP": self.group,
            "NEXTROUND_FACILITATOR": FACILITATOR,
            "NEXTROUND_WORKSHOP_PASSWORD": WORKSHOP_PASSWORD,
            "NEXTROUND_FACILITATOR_PASSWORD": FACILITATOR_PASSWORD,
            "NEXTROUND_IDLE_TIMEOUT": str(self.idle_timeout),
            "NEXTROUND_CULL_EVERY": str(self.cull_every),
            "NEXTROUND_ACTIVITY_INTERVAL": str(self.activity_interval),
        }

    def start(self) -> None:
        """``hub/start``: install or update the hub's folder, then start the hub."""
        self._env = self.env()
        subprocess.run(
            [str(ROOT / "hub" / "start")],
            env=self._env,
            check=True,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def cleanup(self) -> subprocess.CompletedProcess[str]:
        """``hub/cleanup --yes``: stop the hub, delete the accounts, homes and state."""
        result = subprocess.run(
            [str(ROOT / "hub" / "cleanup"), "--yes"],
            env=getattr(self, "_env", self.env()),
            check=False,
            capture_output=True,
            text=True,
            timeout=180,
        )
        shutil.rmtree(self.homes, ignore_errors=True)
        return result

    @property
    def log(self) -> Path:
        """The hub's log (its own, the proxy's and its services')."""
        return self.hub_dir / "state" / "hub.log"

    def system_user(self, name: str) -> pwd.struct_passwd:
        """The participant's system account."""
        return pwd.getpwnam(self.prefix + name)

    def processes_of(self, name: str) -> list[int]:
        """Process ids running as the participant (their server and its kernels)."""
        try:
            uid = self.system_user(name).pw_uid
        except KeyError:
            return []
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if entry.stat().st_uid == uid:
                        found.append(int(entry.name))
                except OSError:
                    continue
        return found

    def memory_of(self, name: str) -> int:
        """Resident memory (bytes) of all the participant's processes."""
        total = 0
        for pid in self.processes_of(name):
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            except OSError:
                continue
        return total
