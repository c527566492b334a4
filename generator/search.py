"""Static full-text search: Pagefind indexes the written pages, one index per language.

Pagefind reads each page's `lang` and keeps a separate index per language, with the language's own
stemming (Arabic included), so an Arabic search only finds Arabic pages. Only explainer articles are
indexed (they carry `data-pagefind-body`). The index is plain files under `pagefind/`, served like any
other; the search pages load Pagefind's script from there, never from a CDN.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FOLDER = "pagefind"


def index(site: Path, output: Path, background: bool = False) -> None:
    """Index the pages under `site` into `output` (Pagefind ships its binary in the wheel: no download).

    In the background (the live preview) the indexer runs at the lowest CPU priority, so rebuilds that
    a reader is waiting for come first."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output), "--silent"]
    niceness = (lambda: os.nice(19)) if background else None
    result = subprocess.run(command, capture_output=True, text=True, check=False, preexec_fn=niceness)
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind could not index the site:\n{result.stdout}{result.stderr}")
    # Pagefind lists the languages in hash-map order, which changes from run to run; two builds of the
    # same content must be byte-identical, so the entry file is written again in a fixed order.
    entry = output / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")
