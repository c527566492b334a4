"""Load test of the live preview: start `serve` on a free port, hit it from many clients at once.

    .venv/bin/python bench/preview_load.py [--clients 200] [--requests 2000]

Builds a throwaway copy of this project's content and templates, starts `python -m generator serve` on
it, and sends the requests from `--clients` threads released together, each opening a new connection
per request (as a browser loading pages, styles and fonts does). Prints how many were answered, the
errors (refused, reset, timed out, any status but 200) and the latency percentiles; exits 1 when a
request failed or the 99th percentile is over a second, so it can gate a change.
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = ["/", "/en/", "/ar/", "/en/kim-jong-un-russia-visit/", "/ar/kim-jong-un-russia-visit/", "/sitemap.xml"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(port: int, path: str, timeout: float = 10) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def wait_until_serving(port: int, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve exited with {process.returncode}")
        try:
            if fetch(port, "/", timeout=2) == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("serve did not answer in time")


def load(port: int, clients: int, requests: int) -> tuple[list[float], Counter[str]]:
    """Latencies (seconds) of the answered requests, and the errors by kind."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client(number: int) -> None:
        share = requests // clients + (1 if number < requests % clients else 0)
        start.wait()
        for index in range(share):
            path = PAGES[(number + index) % len(PAGES)]
            began = time.perf_counter()
            try:
                status = fetch(port, path)
                outcome = "" if status == 200 else f"status {status}"
            except OSError as error:
                outcome = type(error).__name__
            elapsed = time.perf_counter() - began
            with lock:
                if outcome:
                    errors[outcome] += 1
                else:
                    latencies.append(elapsed)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=2000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="preview-load-") as folder:
        project = Path(folder)
        for name in ("content", "templates"):
            shutil.copytree(REPO / name, project / name)
        port = free_port()
        command = [sys.executable, "-m", "generator", "serve", "--port", str(port)]
        process = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_until_serving(port, process)
            began = time.perf_counter()
            latencies, errors = load(port, arguments.clients, arguments.requests)
            wall = time.perf_counter() - began
        finally:
            process.terminate()
            _, stderr = process.communicate(timeout=10)
    p50, p99 = percentile(latencies, 0.50) * 1000, percentile(latencies, 0.99) * 1000
    print(f"{arguments.requests} requests from {arguments.clients} clients in {wall:.2f} s")
    print(f"answered: {len(latencies)}")
    print(f"errors: {sum(errors.values())}" + "".join(f" {kind}={count}" for kind, count in sorted(errors.items())))
    print(f"p50: {p50:.1f} ms  p99: {p99:.1f} ms  max: {max(latencies, default=0) * 1000:.1f} ms")
    tracebacks = stderr.decode("utf-8", "replace").count("Traceback")
    print(f"tracebacks on the server's stderr: {tracebacks}")
    return 0 if not errors and p99 <= 1000 and not tracebacks else 1


if __name__ == "__main__":
    sys.exit(main())
