"""Start the course, the same way everywhere: ``nextround lab`` and ``nextround app``.

Both serve the whole course (``notebooks/`` and ``exercises/``) from the course folder, on
this computer only (127.0.0.1), with nothing fetched from the internet: no news feed, no
update check, no extension search. The settings live in Jupyter's own config files under
``share/jupyter/config`` (found through ``JUPYTER_CONFIG_PATH``), so they hold for ``make``,
conda and Windows alike:

* ``jupyter_server_config.json``: localhost only, never move to another port, strip outputs
  on save (:func:`strip_outputs`, so working in JupyterLab never rewrites the course files),
  and shut down kernels left idle with no page attached;
* ``jupyter_lab_config.json`` and ``lab/settings/overrides.json``: no news, no update check,
  no "get notified about official Jupyter news?" question;
* ``voila.json``: the app's template (``share/jupyter/voila/templates/nextround``) and the
  same culling of idle kernels.

A second ``nextround lab`` or ``nextround app`` does not start another server on another
port: it gives the address of the one already running and stops.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final

from nextround.course import course_root

LAB_PORT: Final = 8888
APP_PORT: Final = 8866
COURSE_NAME: Final = "Next Round"
START_NOTEBOOK: Final = "notebooks/00_start_here.ipynb"


@dataclass(frozen=True)
class Page:
    """One page of the course, in order: where it is, what it is called, what kind it is."""

    path: str  # relative to the course folder, with forward slashes
    title: str
    label: str  # "Module 2", "Exercise 3", "Practice", "Start"
    kind: str  # "module", "exercise" or "practice"


def _title(path: Path) -> str:
    """The notebook's title: its ``nextround`` metadata, else its first heading."""
    notebook = json.loads(path.read_text("utf-8"))
    meta = notebook.get("metadata", {}).get("nextround", {})
    if isinstance(meta.get("title"), str) and meta["title"].strip():
        return str(meta["title"]).strip()
    for cell in notebook.get("cells", []):
        source = "".join(cell.get("source", []))
        for line in source.splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return path.stem.replace("_", " ").strip().capitalize()


def course_pages(root: Path | None = None) -> list[Page]:
    """Every page of the course in order: the modules, the mock interview, the exercises."""
    base = root or course_root()
    pages: list[Page] = []
    for path in sorted((base / "notebooks").glob("*.ipynb")):
        prefix = path.stem.split("_", 1)[0]
        if prefix.isdigit():
            number = int(prefix)
            label = "Start" if number == 0 else f"Module {number}"
            pages.append(Page(f"notebooks/{path.name}", _title(path), label, "module"))
        else:
            pages.append(Page(f"notebooks/{path.name}", _title(path), "Practice", "practice"))
    for path in sorted((base / "exercises").glob("*.ipynb")):
        prefix = path.stem.split("_", 1)[0]
        label = f"Exercise {int(prefix)}" if prefix.isdigit() else "Exercise"
        pages.append(Page(f"exercises/{path.name}", _title(path), label, "exercise"))
    return pages


def share_dir(root: Path | None = None) -> Path:
    """The course's Jupyter files: the app template, the config, JupyterLab's overrides."""
    return (root or course_root()) / "share" / "jupyter"


def environment(root: Path, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for Jupyter: our config and template folders come first."""
    env = dict(os.environ if base is None else base)
    share = share_dir(root)

    def first(name: str, folder: Path) -> str:
        rest = [p for p in env.get(name, "").split(os.pathsep) if p and p != str(folder)]
        return os.pathsep.join([str(folder), *rest])

    env["JUPYTER_CONFIG_PATH"] = first("JUPYTER_CONFIG_PATH", share / "config")
    env["JUPYTER_PATH"] = first("JUPYTER_PATH", share)
    return env


def _as_root() -> list[str]:
    """JupyterLab refuses to run as root unless told; containers and CI machines often are."""
    geteuid = getattr(os, "geteuid", None)
    return ["--allow-root"] if geteuid is not None and geteuid() == 0 else []


def lab_command(root: Path, port: int = LAB_PORT, *, browser: bool = True) -> list[str]:
    """The command that opens the course in JupyterLab."""
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.port={port}",
        f"--LabApp.app_settings_dir={share_dir(root) / 'lab' / 'settings'}",
        *_as_root(),
    ]
    if not browser:
        command.append("--no-browser")
    return [*command, START_NOTEBOOK]


def app_resources(root: Path) -> dict[str, Any]:
    """What the app's template needs: the course name and the pages in order."""
    return {
        "nextround": {
            "course": COURSE_NAME,
            "pages": [asdict(page) for page in course_pages(root)],
        }
    }


def app_command(
    root: Path,
    port: int = APP_PORT,
    *,
    preheat: int = 0,
    preheat_pages: Sequence[str] | None = None,
    browser: bool = False,
) -> list[str]:
    """The command that serves the course as the code-free app (Voilà).

    ``preheat`` keeps that many kernels per page (every course page, or ``preheat_pages``)
    started and run in advance, so a page is usable at once; each one costs the memory of a
    kernel (about 110 MB) while it waits.
    """
    resources = app_resources(root)
    command = [
        sys.executable,
        "-m",
        # Voilà itself, with traitlets' notice about the JSON settings below hidden.
        "nextround._voila",
        f"--port={port}",
        "--template=nextround",
        f"--VoilaConfiguration.resources={json.dumps(resources)}",
        # The start page (Voilà's folder page) lists the same pages, in the same order.
        f"--Voila.tornado_settings={json.dumps({'jinja_template_vars': resources})}",
    ]
    if preheat > 0:
        chosen = preheat_pages or [page["path"] for page in resources["nextround"]["pages"]]
        pools: dict[str, dict[str, int]] = {"default": {"pool_size": 0}}
        pools.update({path: {"pool_size": preheat} for path in chosen})
        # Voilà looks for notebooks to preheat in the whole folder, and matches this against
        # each one's full path; only the course's pages are pages (not the exercise
        # solutions, the book or a notebook inside the virtual environment).
        others = rf"^(?!{re.escape(str(root))}/(notebooks|exercises)/[^/]+\.ipynb$)"
        command += [
            "--VoilaConfiguration.preheat_kernel=True",
            f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}",
            f"--VoilaKernelManager.preheat_denylist={json.dumps([others])}",
        ]
    command.append("--Voila.open_browser=" + ("True" if browser else "False"))
    return [*command, str(root)]


# ---------------------------------------------------------------------------------------
# Learners' work never rewrites the course notebooks
# ---------------------------------------------------------------------------------------


def strip_notebook(content: dict[str, Any]) -> dict[str, Any]:
    """Remove outputs, execution counts and saved widget state from a notebook, in place."""
    for cell in content.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        metadata = cell.get("metadata", {})
        metadata.pop("execution", None)
    content.get("metadata", {}).pop("widgets", None)
    return content


#: Notebook metadata that JupyterLab rewrites when a kernel starts; the file keeps its own.
KEPT_METADATA: Final = ("kernelspec", "language_info")


def strip_outputs(
    model: dict[str, Any], path: str = "", contents_manager: Any = None, **_: object
) -> None:
    """Jupyter's pre-save hook: a notebook is saved without outputs, and with the kernel
    metadata it already had, so working in JupyterLab never changes a course file (what a
    learner did stays in their private store)."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    content = strip_notebook(model["content"])
    get_os_path = getattr(contents_manager, "_get_os_path", None)
    if not path or get_os_path is None:
        return
    on_disk = Path(get_os_path(path))
    try:
        before = json.loads(on_disk.read_text("utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return
    metadata = content.setdefault("metadata", {})
    for key in KEPT_METADATA:
        if key in before:
            metadata[key] = before[key]


# ---------------------------------------------------------------------------------------
# One server per course folder
# ---------------------------------------------------------------------------------------


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 -- loopback only
            return True
    except OSError:
        return False


def _running_labs() -> Iterator[dict[str, Any]]:
    try:
        from jupyter_server.serverapp import list_running_servers  # noqa: PLC0415 -- optional
    except ImportError:
        return iter(())
    return iter(list_running_servers())


def already_running(kind: str, root: Path, port: int) -> str | None:
    """A sentence for the learner when a server for this course (or anything) holds the port."""
    if kind == "lab":
        for server in _running_labs():
            if Path(str(server.get("root_dir", ""))).resolve() == root.resolve():
                url = str(server.get("url", "")).rstrip("/")
                token = server.get("token")
                address = f"{url}/lab?token={token}" if token else f"{url}/lab"
                return (
                    "The course is already open in JupyterLab on this computer. "
                    f"Go to this address in your browser: {address}"
                )
    if _port_free(port):
        return None
    address = f"http://127.0.0.1:{port}/"
    if kind == "app" and _answers(address + "voila/tree"):
        return (
            "The course app is already running on this computer. "
            f"Go to this address in your browser: {address}"
        )
    return (
        f"Something else is already using port {port} on this computer, so the course "
        f"cannot start there. Stop it, or choose another port, for example "
        f"`nextround {kind} --port {port + 1}`."
    )


def run(command: Sequence[str], root: Path) -> int:
    """Run a Jupyter server in the foreground until the learner presses Ctrl+C."""
    try:
        return subprocess.call(list(command), cwd=root, env=environment(root))  # noqa: S603
    except KeyboardInterrupt:
        return 0


def cmd_lab(args: argparse.Namespace) -> int:
    """``nextround lab``: the course in JupyterLab."""
    root = course_root()
    problem = already_running("lab", root, args.port)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return run(lab_command(root, args.port, browser=not args.no_browser), root)


def cmd_app(args: argparse.Namespace) -> int:
    """``nextround app``: the course as the code-free app."""
    root = course_root()
    problem = already_running("app", root, args.port)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    print(f"Open http://127.0.0.1:{args.port}/ in your browser. Press Ctrl+C here to stop.")
    command = app_command(root, args.port, preheat=args.preheat, browser=args.browser)
    return run(command, root)


def add_commands(commands: Any) -> None:
    """Register ``lab`` and ``app`` on the ``nextround`` command's subparsers."""
    lab = commands.add_parser("lab", help="open the course in JupyterLab (this computer only)")
    lab.add_argument("--port", type=int, default=LAB_PORT, help=f"default {LAB_PORT}")
    lab.add_argument("--no-browser", action="store_true", help="do not open a browser")
    lab.set_defaults(handler=cmd_lab)
    app = commands.add_parser("app", help="serve the course as the code-free app (Voilà)")
    app.add_argument("--port", type=int, default=APP_PORT, help=f"default {APP_PORT}")
    app.add_argument("--browser", action="store_true", help="open a browser too")
    app.add_argument(
        "--preheat",
        type=int,
        default=0,
        metavar="N",
        help=(
            "keep N kernels per page ready, so pages open at once (about 130 MB each); a "
            "page opened this way shows what was saved when its kernel was got ready, not "
            "since, so use it to demonstrate the course, not for a learner's own notes"
        ),
    )
    app.set_defaults(handler=cmd_app)
