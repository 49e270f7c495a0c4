#!/usr/bin/env python3
"""``make run`` after the install: prepare the database and serve the demo hub.

Compiles the Korean catalogue, applies migrations, collects static files, loads the demo
hub, then starts the background worker (``manage.py db_worker``) beside Django's
development server on http://127.0.0.1:8000 and stops the worker when the server stops.
Prints how long it took from the start of this script until the first page answered.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ADDRESS = "127.0.0.1:8000"


def step(*args: str) -> None:
    subprocess.run([PYTHON, *args], cwd=ROOT, check=True)


def wait_for_first_page(started: float, server: subprocess.Popen) -> None:
    """Poll the home page until it answers, then say how long set-up and start took."""
    while server.poll() is None:
        try:
            with urllib.request.urlopen(f"http://{ADDRESS}/", timeout=2) as response:
                response.read()
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
            continue
        print(
            f"\nThe hub answers on http://{ADDRESS}/ — first page served "
            f"{time.monotonic() - started:.1f} s after set-up began. Stop with Ctrl+C.\n",
            flush=True,
        )
        return


def main() -> int:
    started = time.monotonic()
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    step("scripts/check_translations.py", "--compile")
    step("manage.py", "migrate", "--noinput", "-v0")
    step("manage.py", "collectstatic", "--noinput", "-v0")
    step("manage.py", "seed_demo")
    # Each in a process group of its own, so that stopping it also stops the reloader's child.
    worker = subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", "--interval", "0.5", "-v0"],
        cwd=ROOT,
        start_new_session=True,
    )
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", ADDRESS], cwd=ROOT, start_new_session=True
    )
    threading.Thread(target=wait_for_first_page, args=(started, server), daemon=True).start()
    try:
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for process in (server, worker):
            stop(process)


def stop(process: subprocess.Popen) -> None:
    """Stop the process and its children: SIGTERM to its group, SIGKILL after 10 s."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(main())
