"""Re-planning a published schedule after a cancellation.

The order of priorities is: first move as few of the remaining meetings as possible, then
maximise the objective. Every previous meeting that is still valid stays in its slot; the
freed seats and tables are then filled by the scheduler (new meetings are not "moves").
Only when the instance itself changed in other ways (say, someone's availability) can a
previous meeting no longer fit; it is then moved to another slot or dropped, and counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from aihub.events.scheduling.instance import Instance, InstanceError, Meeting, Person, PersonId
from aihub.events.scheduling.solver import Schedule, schedule


@dataclass(frozen=True)
class Replan:
    """The new schedule and how it differs from the previous one.

    ``kept``: previous meetings in the same slot; ``moved``: (old, new) for pairs that now
    meet in another slot; ``dropped``: previous meetings not cancelled but no longer held;
    ``cancelled``: previous meetings removed by the cancellation; ``added``: new pairs.
    """

    schedule: Schedule
    instance: Instance
    kept: tuple[Meeting, ...]
    moved: tuple[tuple[Meeting, Meeting], ...]
    dropped: tuple[Meeting, ...]
    cancelled: tuple[Meeting, ...]
    added: tuple[Meeting, ...]

    @property
    def moved_count(self) -> int:
        """Previous meetings (not cancelled) that are no longer where they were."""
        return len(self.moved) + len(self.dropped)


def cancel(
    instance: Instance,
    *,
    investors: Iterable[PersonId] = (),
    startups: Iterable[PersonId] = (),
    meetings: Iterable[Meeting] = (),
) -> Instance:
    """``instance`` without the cancelled people and pairs (no side effects).

    A cancelled person keeps their id but has no availability and a maximum of 0; a
    cancelled meeting forbids its pair. Pins of cancelled people or pairs are released.
    Raises ``InstanceError`` for an unknown id.
    """
    gone_investors, gone_startups = set(investors), set(startups)
    gone_pairs = {(m.investor, m.startup) for m in meetings}
    for side, named, people in (
        ("investor", gone_investors | {i for i, _ in gone_pairs}, instance.investors),
        ("startup", gone_startups | {s for _, s in gone_pairs}, instance.startups),
    ):
        unknown = named - {p.id for p in people}
        if unknown:
            raise InstanceError(f"Cannot cancel: unknown {side} {sorted(map(repr, unknown))[0]}.")

    def leave(person: Person) -> Person:
        return replace(person, available=frozenset(), max_meetings=0, min_meetings=0)

    return replace(
        instance,
        investors=tuple(leave(p) if p.id in gone_investors else p for p in instance.investors),
        startups=tuple(leave(p) if p.id in gone_startups else p for p in instance.startups),
        pinned=tuple(
            m
            for m in instance.pinned
            if m.investor not in gone_investors
            and m.startup not in gone_startups
            and (m.investor, m.startup) not in gone_pairs
        ),
        forbidden=instance.forbidden | gone_pairs,
    )


def replan(
    instance: Instance,
    previous: Schedule,
    *,
    investors: Iterable[PersonId] = (),
    startups: Iterable[PersonId] = (),
    meetings: Iterable[Meeting] = (),
    time_limit: float = 60,
    progress: Callable[[str], None] | None = None,
) -> Replan:
    """Cancel the given people and meetings, then re-plan keeping ``previous`` in place
    (``progress`` as for ``schedule``)."""
    investors, startups, meetings = set(investors), set(startups), list(meetings)
    after = cancel(instance, investors=investors, startups=startups, meetings=meetings)
    cancelled_pairs = {(m.investor, m.startup) for m in meetings}
    new = schedule(after, time_limit=time_limit, previous=previous, progress=progress)
    by_pair = {(m.investor, m.startup): m for m in new.meetings}
    before_pairs = set()
    kept, moved, dropped, cancelled = [], [], [], []
    for old in previous.meetings:
        pair = (old.investor, old.startup)
        before_pairs.add(pair)
        if old.investor in investors or old.startup in startups or pair in cancelled_pairs:
            cancelled.append(old)
        elif pair not in by_pair:
            dropped.append(old)
        elif by_pair[pair].slot == old.slot:
            kept.append(old)
        else:
            moved.append((old, by_pair[pair]))
    added = [m for m in new.meetings if (m.investor, m.startup) not in before_pairs]
    return Replan(
        schedule=new,
        instance=after,
        kept=tuple(kept),
        moved=tuple(moved),
        dropped=tuple(dropped),
        cancelled=tuple(cancelled),
        added=tuple(added),
    )
