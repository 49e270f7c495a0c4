"""Timing shared by the benchmarks: pages through Django's WSGI handler, round by round.

Every benchmark compares its pages with a trivial view measured in the same run, so both
share the machine's conditions; ``interleave`` runs one call of each target per round.
"""

import statistics
import sys
import time
from collections.abc import Callable
from io import BytesIO
from typing import Any


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class PageTimer:
    """Calls pages as a signed-in user, without a network or the test client in between."""

    def __init__(self, *, user: Any) -> None:
        from django.conf import settings
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import Client

        client = Client()
        client.force_login(user)
        name = settings.SESSION_COOKIE_NAME
        self.cookie = f"{name}={client.cookies[name].value}"
        self.handler = WSGIHandler()

    def get(self, path: str, query: str = "") -> str:
        """The status line of ``GET path?query``; the body is read in full."""
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "HTTP_COOKIE": self.cookie,
            "wsgi.url_scheme": "http",
            "wsgi.input": BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        status: list[str] = []
        b"".join(self.handler(environ, lambda line, headers, *_: status.append(line)))
        return status[0]

    def check(self, targets: dict[str, tuple[str, str]]) -> None:
        """Refuse to time pages that do not answer 200."""
        for path, query in targets.values():
            answer = self.get(path, query)
            if not answer.startswith("200"):
                raise SystemExit(f"{path}?{query} answered {answer}")


def interleave(
    calls: dict[str, Callable[[], object]], rounds: int
) -> list[tuple[str, float, float]]:
    """(name, median ms, p95 ms) of each call, timed one of each per round."""
    timings: dict[str, list[float]] = {name: [] for name in calls}
    for _round in range(rounds):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            timings[name].append((time.perf_counter() - started) * 1000)
    return [
        (name, statistics.median(values), percentile(values, 0.95))
        for name, values in timings.items()
    ]


def ratio_table(results: list[tuple[str, float, float]], *, target: float) -> tuple[str, float]:
    """The results as a table with each ratio to the first row; and the worst ratio."""
    base_median, base_p95 = results[0][1], results[0][2]
    lines = [f"{'page':<34}{'median ms':>10}{'p95 ms':>10}{'ratio':>8}{'p95 ratio':>11}"]
    worst = 0.0
    for name, median, p95 in results:
        ratio = median / base_median
        worst = max(worst, ratio)
        lines.append(f"{name:<34}{median:>10.2f}{p95:>10.2f}{ratio:>8.2f}{p95 / base_p95:>11.2f}")
    verdict = "met" if worst <= target else "missed"
    lines.append(f"target: every median ratio <= {target:g} - {verdict} (worst {worst:.2f})")
    return "\n".join(lines), worst
