"""The kinds of background job: each app declares its own in its ``jobs`` module.

    @job_kind("events.schedule_demo_day", label=_("Build a demo-day schedule"))
    def schedule_demo_day(*, job, progress, demo_day_pk: int) -> JobResult:
        ...  # compute, reporting progress; then write everything in one transaction

A job function receives the job, a :class:`~aihub.jobs.progress.Progress` and the job's
input as keyword arguments. It reports progress while it computes and makes its writes in
one ``transaction.atomic()`` block at the end, so a worker stopped half-way leaves nothing
behind. It refuses bad or vanished input with a ``HubError`` whose message the person who
started the job reads, and returns a :class:`JobResult`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise

DEFAULT_STALE_AFTER = datetime.timedelta(minutes=5)


@dataclass(frozen=True)
class JobResult:
    """What the person sees when the job is done: a sentence, maybe a link onward, maybe a
    file to download (``(file name, bytes)``)."""

    message: str
    url: str = ""
    link_label: str = ""
    file: tuple[str, bytes] | None = field(default=None, repr=False)
    data: dict = field(default_factory=dict)

    def stored(self) -> dict:
        return {
            "message": str(self.message),
            "url": self.url,
            "link_label": str(self.link_label),
            **({"data": self.data} if self.data else {}),
        }


@dataclass(frozen=True)
class JobKind:
    code: str
    label: Promise
    run: Callable[..., JobResult]
    stale_after: datetime.timedelta
    """A running job silent for longer than this has lost its worker."""


_KINDS: dict[str, JobKind] = {}


def job_kind(
    code: str, *, label: Promise, stale_after: datetime.timedelta = DEFAULT_STALE_AFTER
) -> Callable[[Callable[..., JobResult]], Callable[..., JobResult]]:
    """Register the decorated function as the job kind ``code`` (``app.verb_object``)."""
    if "." not in code:
        raise ValueError(f"Job kinds are named app.name: {code}")

    def register(function: Callable[..., JobResult]) -> Callable[..., JobResult]:
        existing = _KINDS.get(code)
        if existing is not None and existing.run is not function:
            raise ValueError(f"Job kind {code} is already registered")
        _KINDS[code] = JobKind(code, label, function, stale_after)
        return function

    return register


def kind(code: str) -> JobKind:
    """The registered kind; ``KeyError`` for an unknown one (a programming error)."""
    return _KINDS[code]


def known(code: str) -> bool:
    return code in _KINDS


def kinds() -> dict[str, JobKind]:
    return dict(_KINDS)
