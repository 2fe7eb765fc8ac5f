"""`nextround lab` and `nextround app`: one way to start, the same settings everywhere."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets.config import Config
from voila.app import Voila
from voila.configuration import VoilaConfiguration
from voila.voila_kernel_manager import voila_kernel_manager_factory

from nextround import cli, launch
from nextround._voila import hide_json_setting_notices
from nextround.course import course_root

ROOT = course_root()
CONFIG = ROOT / "share" / "jupyter" / "config"


def test_the_course_map_lists_every_module_and_the_five_exercises_with_titles() -> None:
    pages = launch.course_pages(ROOT)
    exercises = [p for p in pages if p.kind == "exercise"]
    modules = [p for p in pages if p.kind == "module"]
    assert len(exercises) == 5
    assert [p.label for p in modules[:3]] == ["Start", "Module 1", "Module 2"]
    assert all(p.title and not p.title.endswith(".ipynb") for p in pages)
    assert pages[0].path == launch.START_NOTEBOOK


def test_both_commands_are_on_the_nextround_command() -> None:
    parser = cli.build_parser()
    assert parser.parse_args(["lab"]).handler is launch.cmd_lab
    args = parser.parse_args(["app", "--port", "9000", "--preheat", "1"])
    assert (args.handler, args.port, args.preheat) == (launch.cmd_app, 9000, 1)


def _voila_config(command: list[str]) -> Config:
    """The settings Voilà reads from the command, parsed as Voilà parses them, with the
    notices ``nextround._voila`` hides hidden; any other warning (which the facilitator
    would see in the terminal) fails the test."""
    assert command[1:3] == ["-m", "nextround._voila"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hide_json_setting_notices()
        app = Voila()
        app.parse_command_line(command[3:])
        config = app.config
        VoilaConfiguration(config=config)  # the deferred settings are read here
    assert app.extra_args == [str(ROOT)]
    return config


def test_the_app_serves_the_whole_course_with_its_template_and_map() -> None:
    command = launch.app_command(ROOT, 9001)
    assert command[-1] == str(ROOT)  # notebooks/ and exercises/ both
    assert "--template=nextround" in command
    config = _voila_config(command)
    pages = VoilaConfiguration(config=config).resources["nextround"]["pages"]
    assert any(p["path"].startswith("exercises/") for p in pages)
    settings = Voila(config=config).tornado_settings
    assert settings["jinja_template_vars"]["nextround"]["pages"] == pages


def test_the_environment_puts_the_course_config_first_and_keeps_the_rest() -> None:
    env = launch.environment(ROOT, {"JUPYTER_CONFIG_PATH": "/elsewhere", "PATH": "/bin"})
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [str(CONFIG), "/elsewhere"]
    assert env["JUPYTER_PATH"].split(os.pathsep)[0] == str(ROOT / "share" / "jupyter")
    assert env["PATH"] == "/bin"


def test_the_config_is_offline_localhost_only_and_culls_idle_kernels() -> None:
    server = json.loads((CONFIG / "jupyter_server_config.json").read_text("utf-8"))
    lab = json.loads((CONFIG / "jupyter_lab_config.json").read_text("utf-8"))
    voila = json.loads((CONFIG / "voila.json").read_text("utf-8"))
    overrides = json.loads((ROOT / "share/jupyter/lab/settings/overrides.json").read_text("utf-8"))
    assert server["ServerApp"]["ip"] == voila["Voila"]["ip"] == "127.0.0.1"
    assert server["ServerApp"]["port_retries"] == voila["Voila"]["port_retries"] == 0
    assert lab["LabApp"]["news_url"] is None
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    for config in (server, voila):
        assert config["MappingKernelManager"]["cull_idle_timeout"] > 0


def test_strip_notebook_removes_outputs_counts_and_widget_state() -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1", execution_count=3)
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"})]
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    nb.cells.append(cell)
    nb.metadata["widgets"] = {"state": {}}
    model = {"type": "notebook", "content": json.loads(nbformat.writes(nb))}
    launch.strip_outputs(model)
    stripped = model["content"]["cells"][0]
    assert stripped["outputs"] == []
    assert stripped["execution_count"] is None
    assert "execution" not in stripped["metadata"]
    assert "widgets" not in model["content"]["metadata"]


def test_a_busy_port_is_named_and_the_command_stops(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert cli.main(["app", "--port", str(port)]) == 1
    message = capsys.readouterr().err
    assert f"port {port}" in message
    assert "Traceback" not in message


def test_a_second_lab_on_the_same_course_gives_the_first_ones_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jupyter's own record of running servers says the course is open: say where."""
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path))
    info = {
        "pid": os.getpid(),
        "root_dir": str(ROOT),
        "url": "http://127.0.0.1:8890/",
        "token": "",
        "port": 8890,
    }
    (tmp_path / f"jpserver-{os.getpid()}.json").write_text(json.dumps(info), "utf-8")
    message = launch.already_running("lab", ROOT, 8890)
    assert message is not None
    assert "http://127.0.0.1:8890/lab" in message
    assert launch.already_running("lab", tmp_path, launch.LAB_PORT + 111) is None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_saving_through_the_server_never_writes_outputs_to_disk(tmp_path: Path) -> None:
    """A notebook saved through Jupyter's server (as JupyterLab does) lands without outputs
    and keeps its own kernel metadata, so the course file does not change."""
    port = _free_port()
    token = "nextround-test"  # noqa: S105 -- a throwaway token for a loopback test server
    env = launch.environment(ROOT, {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt")})
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server",
            f"--ServerApp.root_dir={tmp_path}",
            f"--ServerApp.port={port}",
            f"--IdentityProvider.token={token}",
            "--ServerApp.open_browser=False",
            *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    course = nbformat.v4.new_notebook()
    course.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    course.metadata["language_info"] = {"name": "python"}
    nbformat.write(course, tmp_path / "course.ipynb")
    try:
        nb = nbformat.v4.new_notebook()
        # What JupyterLab sends after running the notebook: outputs and its kernel's details.
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)"}
        nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
        cell = nbformat.v4.new_code_cell("print('hi')", execution_count=1)
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hi\n")]
        nb.cells.append(cell)
        body = json.dumps({"type": "notebook", "content": json.loads(nbformat.writes(nb))})
        url = f"http://127.0.0.1:{port}/api/contents/course.ipynb?token={token}"
        deadline = time.monotonic() + 60
        while True:
            request = urllib.request.Request(url, data=body.encode(), method="PUT")
            try:
                with urllib.request.urlopen(request, timeout=5) as reply:  # noqa: S310
                    assert reply.status in (200, 201)
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        saved = nbformat.read(tmp_path / "course.ipynb", as_version=4)
        assert saved.cells[0].source == "print('hi')"
        assert saved.cells[0].outputs == []
        assert saved.cells[0].execution_count is None
        assert saved.metadata["kernelspec"]["display_name"] == "Python 3"
        assert saved.metadata["language_info"] == {"name": "python"}
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_preheating_covers_only_the_course_pages() -> None:
    """Pre-heated kernels wait for the course's pages, never for solutions or the book."""
    command = launch.app_command(ROOT, 9002, preheat=1)
    _voila_config(command)  # Voilà accepts the whole command, without a warning
    pools = json.loads(
        next(c for c in command if c.startswith("--VoilaKernelManager.kernel_pools_config=")).split(
            "=", 1
        )[1]
    )
    assert pools["default"]["pool_size"] == 0
    assert pools["exercises/01_critique_and_rewrite.ipynb"]["pool_size"] == 1
    (deny,) = json.loads(
        next(c for c in command if c.startswith("--VoilaKernelManager.preheat_denylist=")).split(
            "=", 1
        )[1]
    )
    # Voilà's own filter, on the full paths it finds by searching the whole folder (as it
    # does at start-up): exactly the course's pages are pre-heated, by the same names the
    # pools use. (A pattern that only fits relative paths denied every page, so nothing
    # was ever pre-heated.)
    manager = voila_kernel_manager_factory(
        AsyncMappingKernelManager, preheat_kernel=True, default_pool_size=0
    )
    voila_filter = SimpleNamespace(preheat_denylist=[deny])
    heated = {
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.ipynb")
        if manager._notebook_filter(voila_filter, path)
    }
    pages = {page.path for page in launch.course_pages(ROOT)}
    assert heated == pages
    assert {path for path in pools if path != "default"} == pages
    assert "exercises/01_critique_and_rewrite.ipynb" in heated
    assert not any(path.startswith(("exercises/solutions/", "book/")) for path in heated)
