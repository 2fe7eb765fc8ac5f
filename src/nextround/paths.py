"""Where personal data lives: one setting, ``NEXTROUND_HOME``, else the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "NEXTROUND_HOME"
APP_NAME = "nextround"

#: Directories are created readable by their owner only; so are files.
DIR_MODE = 0o700
FILE_MODE = 0o600


def default_home() -> Path:
    """The platform's per-user data directory for Next Round (used when the setting is unset)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_home() -> Path:
    """The directory personal data lives in, created private (0700) if it does not exist."""
    configured = os.environ.get(ENV_VAR, "").strip()
    home = Path(configured).expanduser() if configured else default_home()
    return ensure_private_dir(home)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed, and make it readable by its owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if path.stat().st_mode & 0o077:
        path.chmod(DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Make sure ``path`` exists and only its owner can read or write it."""
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
    os.close(fd)
    if path.stat().st_mode & 0o077:
        path.chmod(FILE_MODE)
    return path


def write_private(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, readable by its owner only (used for exports).

    A missing folder is created private; an existing one (say, the Desktop) is left as it is.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
