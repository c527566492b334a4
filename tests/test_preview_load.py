"""The preview under load: bench/preview_load.py, smaller, so `make test` keeps the promise honest: every
request answered, none refused or failed, no traceback. Its latency is the bench's to print (and its exit
status's, p99 within a second): a test of time failed once when the shared machine ran two suites at once."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow


def test_many_clients_at_once_are_all_answered() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "preview_load.py"), "--clients", "100", "--requests", "600"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "answered: 600\nerrors: 0\n" in result.stdout, result.stdout + result.stderr
    assert "tracebacks on the server's stderr: 0" in result.stdout
