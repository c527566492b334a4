"""CI for content repositories: the workflows in .github/ run the README's own commands, and the pre-commit hook
works when pre-commit installs this project from a clone (not editable) into a content repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"


def workflow(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def readme_commands() -> set[str]:
    """Every command in the README's shell blocks, without its comment."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", readme, flags=re.MULTILINE | re.DOTALL)
    lines = (line.split("  #")[0].strip() for block in blocks for line in block.splitlines())
    return {line for line in lines if line and not line.startswith("#")}


def steps(data: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


def uses(data: dict[Any, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(data) if "uses" in step]


@pytest.mark.parametrize("name", ["check.yml", "publish.yml"])
def test_every_run_step_is_a_readme_command(name: str) -> None:
    runs = [line.strip() for step in steps(workflow(name)) for line in step.get("run", "").splitlines()]
    assert runs
    assert set(runs) <= readme_commands(), set(runs) - readme_commands()
    for step in steps(workflow(name)):
        if "uses" in step:  # actions are pinned to a major release
            assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+", step["uses"]), step["uses"]


def test_pull_requests_are_checked_strictly_with_annotations() -> None:
    data = workflow("check.yml")
    assert "pull_request" in data["on"]
    runs = [step["run"] for step in steps(data) if "run" in step]
    assert ".venv/bin/python -m generator check --strict --format github" in runs
    assert uses(data) == ["actions/checkout"]
    assert data["permissions"] == {"contents": "read"}


def test_main_is_built_and_published_to_pages_with_the_build_cache_and_site_kept() -> None:
    data = workflow("publish.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["on"]["schedule"] == [{"cron": "5 0 * * *"}]  # daily: an embargoed explainer goes out on its day
    assert data["permissions"]["pages"] == data["permissions"]["id-token"] == "write"
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    names = [step.get("uses", step.get("run")) for step in build["steps"]]
    cache = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"].split() == [".cache", "site"]  # pages are reused from the site folder
    assert cache["with"]["key"].endswith("${{ github.sha }}")  # a new entry each run, restored from the last
    assert cache["with"]["restore-keys"] == cache["with"]["key"].split("${{")[0]
    # the cache is restored before the build and saved after it (actions/cache saves at the job's end)
    assert names.index(cache["uses"]) < names.index("make site")
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"


def test_the_workflows_install_what_the_makefile_needs() -> None:
    """The container is Debian (the Makefile installs with apt-get as root) with a Python the project accepts."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for name in ("check.yml", "publish.yml"):
        for job in workflow(name)["jobs"].values():
            if any("run" in step for step in job["steps"]):
                assert job["container"].startswith("debian:bookworm")  # Python 3.11
    assert "apt-get" in makefile


HOOKS = REPO / ".pre-commit-hooks.yaml"


def test_the_hook_definition() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "explainers-check"
    assert hook["language"] == "python"
    assert hook["entry"] == "explainers check"
    assert hook["pass_filenames"] is False  # check reads the whole project: a reference may cross files
    assert re.match(hook["files"], "content/explainers/x.yml")
    assert not re.match(hook["files"], "README.md")


PEOPLE = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(folder: Path, *arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(folder), *arguments], capture_output=True, text=True, env=env or {**os.environ, **PEOPLE}
    )


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This project as a git repository of its own (the working tree as it is, untracked files included)."""
    folder = tmp_path_factory.mktemp("hook-repository")
    listed = git(REPO, "ls-files", "--cached", "--others", "--exclude-standard", "-z").stdout.split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file() and not name.startswith(("tests/", "bench/", "docs/")):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "the generator")
    return folder, git(folder, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def hook_environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Where pre-commit keeps the hook's environment (made once for the module), and this Python's tools."""
    path = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    return {**os.environ, **PEOPLE, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit")), "PATH": path}


@pytest.fixture
def content_repository(tmp_path: Path, hook_repository: tuple[Path, str], hook_environment: dict[str, str]) -> Path:
    """A newsroom's content repository: content/ and npm's world-atlas alone, with the hook installed."""
    folder = tmp_path / "newsroom"
    shutil.copytree(REPO / "content", folder / "content")
    shutil.copytree(REPO / "node_modules" / "world-atlas", folder / "node_modules" / "world-atlas")
    (folder / ".gitignore").write_text("/node_modules/\n/site/\n/.cache/\n", encoding="utf-8")
    repository, rev = hook_repository
    config = {"repos": [{"repo": str(repository), "rev": rev, "hooks": [{"id": "explainers-check"}]}]}
    (folder / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git(folder, "init", "-q", "-b", "main")
    installed = subprocess.run(
        ["pre-commit", "install"], cwd=folder, capture_output=True, text=True, env=hook_environment
    )
    assert installed.returncode == 0, installed.stderr
    return folder


def commit(folder: Path, environment: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    """`git commit` of everything, with the hook pre-commit installed in the repository."""
    git(folder, "add", ".")
    return git(folder, "commit", "-m", message, env=environment)


@pytest.mark.slow
def test_the_hook_lets_good_content_in_and_stops_a_mistake(
    content_repository: Path, hook_environment: dict[str, str]
) -> None:
    good = commit(content_repository, hook_environment, "the seed explainers")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"check explainers\.+Passed", good.stdout + good.stderr)
    # the hook ran a real install (not editable): the templates came inside the package
    installed = list(Path(hook_environment["PRE_COMMIT_HOME"]).glob("repo*/py_env-*/lib/python*/site-packages"))
    assert installed and (installed[0] / "generator" / "templates" / "explainer.html").is_file()
    assert (installed[0] / "generator" / "templates" / "assets" / "style.css").is_file()
    assert not list(installed[0].glob("__editable__*"))

    explainer = content_repository / "content" / "explainers" / "kim-jong-un-russia-visit.yml"
    text = explainer.read_text(encoding="utf-8")
    explainer.write_text(text.replace("\ntitle:", "\ntitel:", 1), encoding="utf-8")
    bad = commit(content_repository, hook_environment, "a typo")
    output = bad.stdout + bad.stderr
    assert bad.returncode != 0
    assert re.search(r"check explainers\.+Failed", output)
    line = text[: text.index("\ntitle:")].count("\n") + 2
    assert f"content/explainers/kim-jong-un-russia-visit.yml:{line}:1: titel:" in output
    assert "did you mean `title`?" in output
    assert git(content_repository, "log", "--oneline").stdout.count("\n") == 1  # the mistake was not committed


@pytest.mark.slow
def test_the_hook_ignores_commits_outside_content(content_repository: Path, hook_environment: dict[str, str]) -> None:
    assert commit(content_repository, hook_environment, "the seed explainers").returncode == 0
    (content_repository / "notes.md").write_text("# Notes\n", encoding="utf-8")
    result = commit(content_repository, hook_environment, "notes")
    assert result.returncode == 0
    assert re.search(r"check explainers\.+\(no files to check\)Skipped", result.stdout + result.stderr)
