"""Demo-day meeting scheduling, usable without the web app (no Django imports).

Typical use::

    instance = load_instance("instance.json")      # or parse_instance(dict) / Instance(...)
    result = schedule(instance, time_limit=60)     # meetings, objective, upper bound, gap
    assert check(instance, result.meetings) == []  # independent rule check

After publication, ``replan(instance, result, investors=["inv-3"])`` re-plans around a
cancellation while keeping every other meeting in its slot.
"""

from aihub.events.scheduling.baselines import greedy_by_score, self_booking
from aihub.events.scheduling.checker import Evaluation, check, evaluate
from aihub.events.scheduling.instance import (
    Instance,
    InstanceError,
    Interest,
    Meeting,
    Person,
    PersonId,
    load_instance,
    parse_instance,
)
from aihub.events.scheduling.replan import Replan, cancel, replan
from aihub.events.scheduling.solver import STEPS, Schedule, schedule

__all__ = [
    "STEPS",
    "Evaluation",
    "Instance",
    "InstanceError",
    "Interest",
    "Meeting",
    "Person",
    "PersonId",
    "Replan",
    "Schedule",
    "cancel",
    "check",
    "evaluate",
    "greedy_by_score",
    "load_instance",
    "parse_instance",
    "replan",
    "schedule",
    "self_booking",
]
