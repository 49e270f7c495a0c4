import dataclasses

import pytest

from aihub.events.scheduling import (
    InstanceError,
    Meeting,
    cancel,
    check,
    parse_instance,
    replan,
    schedule,
)
from aihub.events.tests.instances import random_day


@pytest.fixture
def day():
    return parse_instance(random_day(3, investors=6, startups=20, slots=6, tables=4, density=0.4))


def busiest_investor(result):
    counts = {}
    for m in result.meetings:
        counts[m.investor] = counts.get(m.investor, 0) + 1
    return max(counts, key=lambda investor: (counts[investor], investor))


def test_replan_after_an_investor_cancels_keeps_every_other_meeting(day):
    before = schedule(day)
    gone = busiest_investor(before)
    result = replan(day, before, investors=[gone])
    unaffected = [m for m in before.meetings if m.investor != gone]
    assert set(unaffected) <= set(result.schedule.meetings)
    assert result.kept == tuple(unaffected)
    assert result.moved_count == 0
    assert result.cancelled == tuple(m for m in before.meetings if m.investor == gone)
    assert [m for m in result.schedule.meetings if m.investor == gone] == []
    assert check(result.instance, result.schedule.meetings) == []
    assert result.schedule.upper_bound >= result.schedule.objective


def test_replan_fills_freed_seats_with_new_meetings(day):
    before = schedule(day)
    gone = busiest_investor(before)
    result = replan(day, before, investors=[gone])
    new_pairs = {(m.investor, m.startup) for m in result.added}
    assert new_pairs == {
        (m.investor, m.startup) for m in result.schedule.meetings if m not in before.meetings
    }
    assert len(result.schedule.meetings) == len(result.kept) + len(result.added)


def test_replan_after_a_meeting_is_cancelled_forbids_the_pair(day):
    before = schedule(day)
    dropped = before.meetings[0]
    result = replan(day, before, meetings=[dropped])
    assert (dropped.investor, dropped.startup) in result.instance.forbidden
    assert dropped not in result.schedule.meetings
    assert result.moved_count == 0
    assert check(result.instance, result.schedule.meetings) == []


def test_replan_counts_meetings_that_no_longer_fit(day):
    before = schedule(day)
    moved = before.meetings[0]
    startups = tuple(
        dataclasses.replace(p, available=p.available - {moved.slot}) if p.id == moved.startup else p
        for p in day.startups
    )
    changed = dataclasses.replace(day, startups=startups)
    result = replan(changed, before)
    assert result.moved_count == 1
    assert moved not in result.schedule.meetings
    assert len(result.kept) == len(before.meetings) - 1
    assert check(changed, result.schedule.meetings) == []


def test_cancel_releases_pins_of_a_cancelled_startup(day):
    before = schedule(day)
    pin = before.meetings[0]
    pinned = dataclasses.replace(day, pinned=(pin,))
    after = cancel(pinned, startups=[pin.startup])
    assert after.pinned == ()
    assert after.startup(pin.startup).max_meetings == 0


def test_cancel_refuses_an_unknown_person(day):
    with pytest.raises(InstanceError) as investor:
        cancel(day, investors=["ghost"])
    with pytest.raises(InstanceError) as startup:
        cancel(day, meetings=[Meeting("i0", "ghost", 0)])
    assert str(investor.value) == "Cannot cancel: unknown investor 'ghost'."
    assert str(startup.value) == "Cannot cancel: unknown startup 'ghost'."
