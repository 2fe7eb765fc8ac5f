"""Where personal data lives: one setting, ``NEXTROUND_HOME``, else the user's data directory.

Folders Next Round creates are private (0700) and files it writes are private (0600). A
folder that already existed (a course folder, the Desktop, ``/tmp``) is never changed: if
others can read it, a :class:`PrivacyWarning` says so instead.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import warnings
from pathlib import Path

import platformdirs

ENV_VAR = "NEXTROUND_HOME"
APP_NAME = "nextround"

#: Directories are created readable by their owner only; so are files.
DIR_MODE = 0o700
FILE_MODE = 0o600


class PrivacyWarning(UserWarning):
    """The data folder existed already and other people on this computer can look inside it."""


class UnsafePathError(OSError):
    """A path Next Round will not write through: a link, or something that is not a file."""


def default_home() -> Path:
    """The platform's per-user data directory for Next Round (used when the setting is unset)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def configured_home() -> Path | None:
    """The folder ``NEXTROUND_HOME`` names (``~`` expanded), or None when it is unset."""
    configured = os.environ.get(ENV_VAR, "").strip()
    return Path(configured).expanduser() if configured else None


def data_home() -> Path:
    """The directory personal data lives in, created private (0700) if it does not exist."""
    home = configured_home() or default_home()
    return ensure_private_dir(home, warn=True)


def make_private_dirs(path: Path) -> list[Path]:
    """Create ``path`` and any missing parents, each 0700; return the folders created.

    Folders that already exist are left exactly as they are.
    """
    missing: list[Path] = []
    current = path
    while not current.exists() and not current.is_symlink():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    created: list[Path] = []
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue  # made by someone else meanwhile: theirs, so left alone
        # The umask can only take bits away; set exactly 0700 on what we made.
        folder.chmod(DIR_MODE)
        created.append(folder)
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")
    return created


def ensure_private_dir(path: Path, *, warn: bool = False) -> Path:
    """Make sure folder ``path`` exists; create missing folders private, change no other.

    With ``warn``, an existing folder others can read gives a :class:`PrivacyWarning`.
    """
    path = path.expanduser()
    created = make_private_dirs(path)
    if warn and path not in created and is_shared(path):
        warnings.warn(
            f"Other people on this computer may be able to see the files in {path}. "
            "Your notes themselves are readable only by you.",
            PrivacyWarning,
            stacklevel=2,
        )
    return path


def is_shared(path: Path) -> bool:
    """Whether other users can list or open what is inside folder (or file) ``path``."""
    return bool(path.stat().st_mode & 0o077)


def private_file(path: Path) -> Path:
    """Make sure ``path`` is a regular file only its owner can read or write; never a link.

    A missing file is created (0600) exclusively; a link or a folder at ``path`` is refused
    with :class:`UnsafePathError`, and nothing is changed.
    """
    path = path.expanduser()
    make_private_dirs(path.parent)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, FILE_MODE)
    except FileExistsError:
        check_plain_file(path)
        if path.stat().st_mode & 0o077:
            path.chmod(FILE_MODE)
        return path
    os.close(fd)
    return path


def check_plain_file(path: Path) -> None:
    """Raise :class:`UnsafePathError` if ``path`` is a link or anything but a regular file."""
    if path.is_symlink():
        raise UnsafePathError(f"{path} is a link to another place")
    if path.exists() and not path.is_file():
        raise UnsafePathError(f"{path} is not a file")


def write_private(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, readable by its owner only (used for exports).

    The bytes go to an unguessable temporary file created exclusively in the same folder,
    which then replaces ``path`` in one step (a link planted at ``path`` is replaced, never
    followed). A missing folder is created private; an existing one is left as it is.
    """
    path = path.expanduser()
    make_private_dirs(path.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entry list, so a replaced file survives a power cut (where possible)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
