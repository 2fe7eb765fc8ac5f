"""Where people are: a participant's server tells the room only a module number, only on a hub."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from nextround.room import presence
from nextround.room.sharing import RoomConnection


@pytest.mark.parametrize(
    ("path", "module"),
    [
        ("/user/ana/voila/render/00_start_here.ipynb", 0),
        ("/user/ana/voila/render/02_debrief.ipynb", 2),
        ("/voila/render/08_onward.ipynb", 8),
        ("/user/ana/voila/render/mock_interview.ipynb", None),
        ("/user/ana/voila/render/exercises/01_critique_and_rewrite.ipynb", None),
        ("/user/ana/lab/tree/02_debrief.ipynb", None),
        ("/user/ana/api/contents/02_debrief.ipynb", None),
    ],
    ids=["module-0", "module-2", "module-8", "mock", "exercise", "lab", "api"],
)
def test_module_of(path: str, module: int | None) -> None:
    """Only the app's module pages count, by their two-digit number."""
    assert presence.module_of(path) == module


def _handler(path: str, status: int = 200, method: str = "GET") -> Any:
    return SimpleNamespace(
        request=SimpleNamespace(method=method, path=path), get_status=lambda: status
    )


def test_wrapped_log_sends_each_new_module_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The original log still runs for every request; a module is sent when it changes."""
    logged: list[str] = []
    sent: list[int] = []

    class FakeLoop:
        def spawn_callback(self, _function: object, _connection: object, module: int) -> None:
            sent.append(module)

    monkeypatch.setattr(presence.IOLoop, "current", staticmethod(FakeLoop))
    log = presence._wrap(lambda h: logged.append(h.request.path), RoomConnection("http://x/", "t"))
    for handler in (
        _handler("/user/a/voila/render/00_start_here.ipynb"),
        _handler("/user/a/voila/render/00_start_here.ipynb"),
        _handler("/user/a/api/kernels"),
        _handler("/user/a/voila/render/02_debrief.ipynb", status=404),
        _handler("/user/a/voila/render/02_debrief.ipynb", method="POST"),
        _handler("/user/a/voila/render/02_debrief.ipynb"),
    ):
        log(handler)
    assert len(logged) == 6
    assert sent == [0, 2]


def test_off_a_hub_the_server_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the room's address and a hub token, the extension changes nothing."""
    monkeypatch.delenv("NEXTROUND_ROOM_URL", raising=False)
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    original = object()
    app = SimpleNamespace(web_app=SimpleNamespace(settings={"log_function": original}))
    presence._load_jupyter_server_extension(app)
    assert app.web_app.settings["log_function"] is original
