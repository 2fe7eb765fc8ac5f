"""hub/z2jh-values.yaml is a valid Zero to JupyterHub configuration, checked as Helm does.

Helm deep-merges a values file over the chart's defaults and validates the result against
the chart's JSON Schema (Draft 7). The chart's files are kept in tests/hub/z2jh/ (source and
licence in its README). There is no Kubernetes here, so this is as far as it can be tested.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parents[2]
CHART = Path(__file__).parent / "z2jh"
VALUES = ROOT / "hub" / "z2jh-values.yaml"


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Helm's merge: mappings merge key by key, anything else in ``override`` replaces."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def errors(values: dict[str, Any]) -> list[str]:
    """The schema's complaints about ``values`` merged over the chart's defaults."""
    schema = yaml.safe_load((CHART / "values.schema.yaml").read_text())
    defaults = yaml.safe_load((CHART / "values.yaml").read_text())
    validator = Draft7Validator(schema)
    return [
        f"{'.'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(deep_merge(defaults, values))
    ]


def ours() -> dict[str, Any]:
    loaded = yaml.safe_load(VALUES.read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_values_file_is_valid_for_the_chart() -> None:
    """Our configuration, merged over the chart's defaults, has no schema errors."""
    assert errors(ours()) == []


def test_values_match_the_single_machine_hub() -> None:
    """The Kubernetes hub behaves like hub/start's: same login, landing page, culling, room."""
    values = ours()
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] == "shared-password"
    assert values["singleuser"]["defaultUrl"] == "/voila/render/00_start_here.ipynb"
    assert values["singleuser"]["storage"]["type"] == "dynamic"  # one volume per person
    assert values["cull"]["enabled"] is True
    assert "room" in values["hub"]["services"]
    assert "access:services!service=room" in values["hub"]["loadRoles"]["user"]["scopes"]
    text = VALUES.read_text()
    assert "user_password:" not in text  # passwords never live in the file
    assert "admin_password:" not in text


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        (("singleuser", "defaultURL"), "/voila/render/00_start_here.ipynb"),
        (("cull", "timeout"), "soon"),
        (("hub", "networkPolicy", "ingressPorts"), [10101]),
    ],
    ids=["misspelt-key", "wrong-type", "unknown-policy-key"],
)
def test_the_check_catches_mistakes(path: tuple[str, ...], bad: object) -> None:
    """A misspelt key or a wrong type is reported, so the check above means something."""
    values = ours()
    target = values
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad
    assert errors(values)
