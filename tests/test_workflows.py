"""The GitHub workflows keep their safety properties: least privilege, pinned actions, no races."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

WORKFLOWS = Path(__file__).resolve().parent.parent / ".github" / "workflows"

# Every action a workflow may use, with the commit it is pinned to and that commit's release.
PINS = {
    "actions/checkout": ("11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2"),
    "actions/setup-python": ("0b93645e9fea7318ecaed2b359559ac225c90de2", "v5.3.0"),
    "actions/upload-pages-artifact": ("56afc609e74202658d3ffba0e8f6dda462b719fa", "v3.0.1"),
    "actions/deploy-pages": ("d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e", "v4.0.5"),
}
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)\s*(?P<comment>#.*)?$")
PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{40})$")


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """PyYAML (YAML 1.1) reads the key `on` as the boolean True."""
    value = workflow[True] if True in workflow else workflow["on"]
    assert isinstance(value, dict)
    return value


def steps(workflow: dict[Any, Any], job: str) -> list[dict[str, Any]]:
    found = workflow["jobs"][job]["steps"]
    assert isinstance(found, list)
    return found


def step_using(workflow: dict[Any, Any], job: str, action: str) -> dict[str, Any]:
    matches = [s for s in steps(workflow, job) if str(s.get("uses", "")).startswith(f"{action}@")]
    assert len(matches) == 1, f"{job}: expected one step using {action}"
    return matches[0]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ci.yml", {"pull_request": None, "push": {"branches": ["main"]}}),
        ("deploy.yml", {"push": {"branches": ["main"]}, "workflow_dispatch": None}),
    ],
)
def test_triggers(name: str, expected: dict[str, Any]) -> None:
    assert triggers(load(name)) == expected


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_no_token_permissions_by_default(name: str) -> None:
    assert load(name)["permissions"] == {}


@pytest.mark.parametrize(
    ("name", "permissions"),
    [
        ("ci.yml", {"test": {"contents": "read"}}),
        (
            "deploy.yml",
            {"build": {"contents": "read"}, "deploy": {"pages": "write", "id-token": "write"}},
        ),
    ],
)
def test_job_permissions_are_minimal(name: str, permissions: dict[str, dict[str, str]]) -> None:
    jobs = load(name)["jobs"]
    assert {job: spec.get("permissions") for job, spec in jobs.items()} == permissions


@pytest.mark.parametrize(
    ("name", "timeouts"),
    [("ci.yml", {"test": 30}), ("deploy.yml", {"build": 30, "deploy": 10})],
)
def test_every_job_has_a_timeout(name: str, timeouts: dict[str, int]) -> None:
    jobs = load(name)["jobs"]
    assert {job: spec.get("timeout-minutes") for job, spec in jobs.items()} == timeouts


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_actions_are_pinned_to_a_commit_with_its_release_in_a_comment(name: str) -> None:
    lines = (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
    uses = [m for m in map(USES_LINE.match, lines) if m]
    assert uses, "no `uses:` found"
    for match in uses:
        pinned = PINNED.match(match.group("ref"))
        assert pinned, f"not pinned to a 40-hex commit: {match.group(0).strip()}"
        assert pinned.group("action") in PINS, f"unknown action {pinned.group('action')}"
        sha, version = PINS[pinned.group("action")]
        assert (pinned.group("sha"), match.group("comment")) == (sha, f"# {version}")


@pytest.mark.parametrize(
    ("name", "concurrency"),
    [
        (
            "ci.yml",
            {
                "group": "ci-${{ github.ref }}",
                "cancel-in-progress": "${{ github.event_name == 'pull_request' }}",
            },
        ),
        ("deploy.yml", {"group": "pages", "cancel-in-progress": False}),
    ],
)
def test_concurrency(name: str, concurrency: dict[str, Any]) -> None:
    assert load(name)["concurrency"] == concurrency


@pytest.mark.parametrize(("name", "job"), [("ci.yml", "test"), ("deploy.yml", "build")])
def test_job_checks_out_full_history_caches_pip_and_runs_make_test(name: str, job: str) -> None:
    workflow = load(name)
    checkout = step_using(workflow, job, "actions/checkout")
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    python = step_using(workflow, job, "actions/setup-python")
    assert python["with"] == {
        "python-version": "3.11",
        "cache": "pip",
        "cache-dependency-path": "requirements.lock",
    }
    runs = [s["run"] for s in steps(workflow, job) if "run" in s]
    assert runs == [
        "command -v chromium || { sudo apt-get update && sudo apt-get install -y chromium; }",
        "make test",
    ]


def test_deploy_publishes_only_the_tested_site() -> None:
    workflow = load("deploy.yml")
    build = [s.get("run") or s.get("uses", "").split("@")[0] for s in steps(workflow, "build")]
    assert build[-2:] == ["make test", "actions/upload-pages-artifact"]
    assert step_using(workflow, "build", "actions/upload-pages-artifact")["with"] == {
        "path": "site"
    }
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_deploy_builds_for_the_published_address() -> None:
    env = load("deploy.yml")["jobs"]["build"]["env"]
    assert env == {
        "SITE_URL": "${{ vars.SITE_URL || format('https://{0}.github.io/{1}/', "
        "github.repository_owner, github.event.repository.name) }}"
    }
