"""Command line: `python -m generator build|check`. An adapter only: every decision is in the pipeline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import Project, build_site, check
from .problems import ContentError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="Bilingual Arabic–English explainer sites from YAML."
    )
    parser.add_argument(
        "--project", type=Path, default=Path.cwd(), help="the project folder (default: the current one)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser("build", help="validate the content and write the site")
    build_command.add_argument("--site-dir", type=Path, default=None, help="where to write the site (default: site/)")
    commands.add_parser("check", help="validate the content and report every problem")
    arguments = parser.parse_args(argv)
    project = Project(arguments.project.resolve())
    try:
        if arguments.command == "build":
            outputs = build_site(project, arguments.site_dir)
            print(f"Built {len(outputs)} files into {arguments.site_dir or project.site}.")
        else:
            content = check(project)
            print(f"All clear: {len(content.explainers)} explainers, no problems.")
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    return 0
