"""Writes about demo days: set-up, invitations, availability, interests, scheduling.

Every function is keyword-only, atomic and audited. Scheduling uses the engine in
``aihub.events.scheduling``: ``schedule`` for a draft, ``replan`` after publication so that a
withdrawal moves as few meetings as possible. People whose agenda changed are mailed on
commit, each in their own language.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from aihub.accounts.enums import Role
from aihub.accounts.models import User
from aihub.companies.models import Company
from aihub.core.errors import Conflict, ValidationFailed
from aihub.core.lifecycle import move
from aihub.events import scheduling as engine
from aihub.events.enums import DEMO_DAY_LIFECYCLE, Decision, DemoDayStatus, EventKind, Side
from aihub.events.models import (
    DemoDay,
    DemoDayInvestor,
    DemoDayStartup,
    Event,
    Interest,
    Meeting,
    PairDecision,
)
from aihub.events.services import _mail

Seat = DemoDayInvestor | DemoDayStartup
SCHEDULER_SECONDS = 20


def _check_layout(*, slots: Any, tables: Any, slot_minutes: Any) -> None:
    errors: dict[str, list[str]] = {}
    for field, value in (("slots", slots), ("tables", tables), ("slot_minutes", slot_minutes)):
        if not isinstance(value, int) or value < 1:
            errors[field] = [_("Enter a whole number of 1 or more.")]
    if errors:
        raise ValidationFailed(errors=errors)


@transaction.atomic
def create_demo_day(
    *, event: Event, actor: User | None, slots: int = 16, slot_minutes: int = 20, tables: int = 20
) -> DemoDay:
    """Attach the meeting set-up to a demo-day event (one per event)."""
    if event.kind != EventKind.DEMO_DAY:
        raise ValidationFailed(_("Only a demo-day event can have investor meetings."), field="kind")
    if DemoDay.objects.filter(event=event).exists():
        raise Conflict(_("This event already has a demo-day set-up."), code="duplicate_demo_day")
    _check_layout(slots=slots, tables=tables, slot_minutes=slot_minutes)
    demo_day = DemoDay.objects.create(
        event=event, slots=slots, slot_minutes=slot_minutes, tables=tables
    )
    demo_day.log_action(
        "events.demoday.created", actor=actor, data={"slots": slots, "tables": tables}
    )
    return demo_day


def _locked(demo_day: DemoDay) -> DemoDay:
    return DemoDay.objects.select_for_update().select_related("event").get(pk=demo_day.pk)


@transaction.atomic
def change_demo_day(
    *, demo_day: DemoDay, actor: User | None, slots: int, slot_minutes: int, tables: int
) -> DemoDay:
    """Change slots and tables before publication; availability beyond the slots is trimmed."""
    demo_day = _locked(demo_day)
    if demo_day.status == DemoDayStatus.PUBLISHED:
        raise Conflict(
            _("The schedule is published; the slots can no longer change."), code="published"
        )
    _check_layout(slots=slots, tables=tables, slot_minutes=slot_minutes)
    changed = [
        f
        for f, v in (("slots", slots), ("slot_minutes", slot_minutes), ("tables", tables))
        if getattr(demo_day, f) != v
    ]
    demo_day.slots, demo_day.slot_minutes, demo_day.tables = slots, slot_minutes, tables
    demo_day.save()
    for model in (DemoDayInvestor, DemoDayStartup):
        for seat in model.objects.filter(demo_day=demo_day):
            trimmed = [s for s in seat.available if s < slots]
            if trimmed != seat.available:
                seat.available = trimmed
                seat.save(update_fields=["available"])
    PairDecision.objects.filter(demo_day=demo_day, slot__gte=slots).delete()
    if changed:
        demo_day.log_action(
            "events.demoday.changed", actor=actor, data={"fields": ", ".join(changed)}
        )
    return demo_day


@transaction.atomic
def invite_investor(
    *, demo_day: DemoDay, user: User, actor: User | None, firm: str = "", max_meetings: int = 8
) -> DemoDayInvestor:
    """Seat an investor (a user with the investor role), available in every slot."""
    if Role.INVESTOR not in user.role_set:
        raise ValidationFailed(
            _("Only a user with the investor role can be invited."), field="user"
        )
    if DemoDayInvestor.objects.filter(demo_day=demo_day, user=user).exists():
        raise Conflict(_("This investor is already invited."), code="already_invited")
    seat = DemoDayInvestor.objects.create(
        demo_day=demo_day,
        user=user,
        firm=firm,
        available=list(range(demo_day.slots)),
        max_meetings=min(max_meetings, demo_day.slots),
    )
    demo_day.log_action("events.demoday.investor_invited", actor=actor, data={"email": user.email})
    return seat


@transaction.atomic
def invite_startup(
    *, demo_day: DemoDay, company: Company, actor: User | None, max_meetings: int = 4
) -> DemoDayStartup:
    """Seat a startup (a company), available in every slot."""
    if DemoDayStartup.objects.filter(demo_day=demo_day, company=company).exists():
        raise Conflict(_("This startup is already invited."), code="already_invited")
    seat = DemoDayStartup.objects.create(
        demo_day=demo_day,
        company=company,
        available=list(range(demo_day.slots)),
        max_meetings=min(max_meetings, demo_day.slots),
    )
    demo_day.log_action(
        "events.demoday.startup_invited", actor=actor, data={"company": company.name_ko}
    )
    return seat


@transaction.atomic
def set_participation(
    *,
    seat: Seat,
    available: Iterable[int],
    min_meetings: int,
    max_meetings: int,
    actor: User | None,
) -> Seat:
    """Set a person's available slots (0-based) and meeting limits.

    Raises ``ValidationFailed`` for a slot outside the range, a negative limit or a minimum
    above the maximum; nothing is saved then.
    """
    demo_day = seat.demo_day
    slots = sorted(set(available))
    errors: dict[str, list[str]] = {}
    outside = [s for s in slots if not isinstance(s, int) or not 0 <= s < demo_day.slots]
    if outside:
        errors["available"] = [
            _("Slot %(slot)s is outside the range 1 to %(last)s.")
            % {
                "slot": outside[0] + 1 if isinstance(outside[0], int) else outside[0],
                "last": demo_day.slots,
            }
        ]
    for field, value in (("min_meetings", min_meetings), ("max_meetings", max_meetings)):
        if not isinstance(value, int) or value < 0:
            errors[field] = [_("Enter a whole number of 0 or more.")]
    if not errors and min_meetings > max_meetings:
        errors["min_meetings"] = [_("The minimum cannot be above the maximum.")]
    if errors:
        raise ValidationFailed(errors=errors)
    seat.available, seat.min_meetings, seat.max_meetings = slots, min_meetings, max_meetings
    seat.save(update_fields=["available", "min_meetings", "max_meetings"])
    seat.log_action("events.demoday.participant_changed", actor=actor, data={"name": str(seat)})
    return seat


@transaction.atomic
def mark_interest(
    *,
    investor: DemoDayInvestor,
    startup: DemoDayStartup,
    side: str,
    actor: User | None,
    score: int = 0,
    no_thanks: bool = False,
    reason: str = "",
) -> Interest:
    """Record one side's interest in the pair (replacing an earlier mark of that side).

    ``side`` says who marks: the investor scores the startup or the startup the investor.
    Raises ``ValidationFailed`` for a score outside 0-5 or seats of different demo days.
    """
    if investor.demo_day_id != startup.demo_day_id:
        raise ValidationFailed(
            _("These two do not take part in the same demo day."), field="startup"
        )
    if side not in Side.values:
        raise ValidationFailed(_("Choose a side from the list."), field="side")
    if not isinstance(score, int) or not 0 <= score <= 5:
        raise ValidationFailed(_("The score is a whole number from 0 to 5."), field="score")
    reason = (reason or "").strip()
    if len(reason) > 200:
        raise ValidationFailed(_("Keep the reason under 200 characters."), field="reason")
    interest, _created = Interest.objects.update_or_create(
        investor=investor,
        startup=startup,
        side=side,
        defaults={
            "demo_day_id": investor.demo_day_id,
            "score": 0 if no_thanks else score,
            "no_thanks": no_thanks,
            "reason": reason,
        },
    )
    marker = investor if side == Side.INVESTOR else startup
    marker.log_action("events.demoday.interest_marked", actor=actor, data={"name": str(marker)})
    return interest


def build_instance(demo_day: DemoDay, *, extra: PairDecision | None = None) -> engine.Instance:
    """The engine's instance for ``demo_day`` from the database (seat pks as ids).

    Raises ``ValidationFailed`` with a translated message when the instance cannot be built.
    """
    investors = list(DemoDayInvestor.objects.filter(demo_day=demo_day).order_by("pk"))
    startups = list(DemoDayStartup.objects.filter(demo_day=demo_day).order_by("pk"))
    if not investors or not startups:
        raise ValidationFailed(_("Invite at least one investor and one startup before scheduling."))

    def person(seat: Seat) -> engine.Person:
        if seat.withdrawn:
            return engine.Person(id=seat.pk, available=frozenset(), max_meetings=0)
        return engine.Person(
            id=seat.pk,
            available=frozenset(seat.available),
            max_meetings=seat.max_meetings,
            min_meetings=seat.min_meetings,
        )

    scores: dict[tuple[int, int], list[int]] = {}
    blocked = set()
    for interest in Interest.objects.filter(demo_day=demo_day).order_by("pk"):
        pair = (interest.investor_id, interest.startup_id)
        entry = scores.setdefault(pair, [0, 0])
        entry[0 if interest.side == Side.INVESTOR else 1] = interest.score
        if interest.no_thanks:
            blocked.add(pair)
    decisions = list(PairDecision.objects.filter(demo_day=demo_day).order_by("pk"))
    if extra is not None:
        decisions = [
            d
            for d in decisions
            if (d.investor_id, d.startup_id) != (extra.investor_id, extra.startup_id)
        ]
        decisions.append(extra)
    try:
        return engine.Instance(
            slots=demo_day.slots,
            tables=demo_day.tables,
            investors=tuple(person(s) for s in investors),
            startups=tuple(person(s) for s in startups),
            interests=tuple(engine.Interest(i, s, a, b) for (i, s), (a, b) in scores.items()),
            blocked=frozenset(blocked),
            pinned=tuple(
                engine.Meeting(d.investor_id, d.startup_id, d.slot)
                for d in decisions
                if d.decision == Decision.PIN
            ),
            forbidden=frozenset(
                (d.investor_id, d.startup_id) for d in decisions if d.decision == Decision.FORBID
            ),
        )
    except engine.InstanceError as error:
        raise ValidationFailed(
            _("The demo day cannot be scheduled as set up: %(problem)s") % {"problem": error}
        ) from error


@transaction.atomic
def decide_pair(
    *,
    investor: DemoDayInvestor,
    startup: DemoDayStartup,
    decision: str | None,
    actor: User | None,
    slot: int | None = None,
) -> PairDecision | None:
    """Pin a pair into ``slot``, forbid it, or clear the decision (``decision=None``).

    The pin is checked against every rule (availability, refusals, tables) before it is saved.
    """
    demo_day = _locked(investor.demo_day)
    if startup.demo_day_id != demo_day.pk:
        raise ValidationFailed(
            _("These two do not take part in the same demo day."), field="startup"
        )
    if demo_day.status == DemoDayStatus.PUBLISHED:
        raise Conflict(
            _("The schedule is published; cancel a participation to re-plan instead."),
            code="published",
        )
    PairDecision.objects.filter(investor=investor, startup=startup).delete()
    if decision is None:
        demo_day.log_action("events.demoday.decision", actor=actor, data={"decision": "cleared"})
        return None
    if decision not in Decision.values:
        raise ValidationFailed(_("Choose pin or forbid."), field="decision")
    if decision == Decision.PIN and (not isinstance(slot, int) or not 0 <= slot < demo_day.slots):
        raise ValidationFailed(
            _("Slot %(slot)s is outside the range 1 to %(last)s.")
            % {"slot": slot + 1 if isinstance(slot, int) else slot, "last": demo_day.slots},
            field="slot",
        )
    made = PairDecision(
        demo_day=demo_day,
        investor=investor,
        startup=startup,
        decision=decision,
        slot=slot if decision == Decision.PIN else None,
    )
    build_instance(demo_day, extra=made)
    made.save()
    demo_day.log_action("events.demoday.decision", actor=actor, data={"decision": decision})
    return made


def _previous(demo_day: DemoDay) -> engine.Schedule:
    meetings = tuple(
        engine.Meeting(m.investor_id, m.startup_id, m.slot)
        for m in Meeting.objects.filter(demo_day=demo_day)
    )
    return engine.Schedule(
        meetings=meetings,
        objective=demo_day.objective or 0,
        upper_bound=demo_day.upper_bound or 0,
        covered_startups=demo_day.covered_startups or 0,
        total_score=demo_day.total_score or 0,
        gap=demo_day.gap or 0.0,
        status="feasible",
    )


SCHEDULE_FIELDS = ("objective", "upper_bound", "gap", "covered_startups", "total_score")
"""The schedule's figures kept on the demo day (``_store`` sets them)."""


def _store(demo_day: DemoDay, result: engine.Schedule) -> None:
    """Replace the meetings, keeping each kept meeting at its table."""
    old = {
        (m.investor_id, m.startup_id, m.slot): m.table
        for m in Meeting.objects.filter(demo_day=demo_day)
    }
    Meeting.objects.filter(demo_day=demo_day).delete()
    taken: dict[int, set[int]] = {}
    rows, fresh = [], []
    for m in result.meetings:
        table = old.get((m.investor, m.startup, m.slot))
        if table is None:
            fresh.append(m)
            continue
        taken.setdefault(m.slot, set()).add(table)
        rows.append(
            Meeting(
                demo_day=demo_day,
                investor_id=m.investor,
                startup_id=m.startup,
                slot=m.slot,
                table=table,
            )
        )
    for m in sorted(fresh, key=lambda m: (m.slot, str(m.investor), str(m.startup))):
        used = taken.setdefault(m.slot, set())
        table = next(t for t in range(1, demo_day.tables + 1) if t not in used)
        used.add(table)
        rows.append(
            Meeting(
                demo_day=demo_day,
                investor_id=m.investor,
                startup_id=m.startup,
                slot=m.slot,
                table=table,
            )
        )
    Meeting.objects.bulk_create(rows)
    demo_day.objective, demo_day.upper_bound = result.objective, result.upper_bound
    demo_day.gap, demo_day.covered_startups = result.gap, result.covered_startups
    demo_day.total_score = result.total_score


def _refuse_published(demo_day: DemoDay) -> None:
    if demo_day.status == DemoDayStatus.PUBLISHED:
        raise Conflict(
            _("The schedule is published; cancel a participation to re-plan instead."),
            code="published",
        )


def run_scheduler(
    *,
    demo_day: DemoDay,
    actor: User | None,
    time_limit: float = SCHEDULER_SECONDS,
    progress: Callable[[str], None] | None = None,
) -> DemoDay:
    """Build a draft schedule (replacing any draft); not allowed once published.

    The scheduler runs outside any transaction (``progress`` hears each step); the draft is
    then stored in one transaction with the demo day locked. If interests, availability or
    decisions changed meanwhile, the schedule is computed again under the lock.
    """
    fresh = DemoDay.objects.select_related("event").get(pk=demo_day.pk)
    _refuse_published(fresh)
    instance = build_instance(fresh)
    result = engine.schedule(instance, time_limit=time_limit, progress=progress)
    with transaction.atomic():
        demo_day = _locked(demo_day)
        _refuse_published(demo_day)
        current = build_instance(demo_day)
        if current != instance:
            result = engine.schedule(current, time_limit=time_limit)
        Meeting.objects.filter(demo_day=demo_day).delete()
        _store(demo_day, result)
        move(
            demo_day,
            lifecycle=DEMO_DAY_LIFECYCLE,
            to=DemoDayStatus.DRAFT,
            actor=actor,
            action="events.demoday.scheduled",
            data={"objective": result.objective, "upper_bound": result.upper_bound},
            fields=SCHEDULE_FIELDS,
        )
    return demo_day


def _notify(
    demo_day: DemoDay, *, investors: set[int], startups: set[int], template: str, subject: str
) -> None:
    for seat in DemoDayInvestor.objects.filter(pk__in=investors).select_related("user"):
        _mail(
            users=[seat.user],
            subject=subject,
            template=template,
            context={"demo_day": demo_day, "seat": seat},
            event=demo_day.event,
        )
    for seat in DemoDayStartup.objects.filter(pk__in=startups).prefetch_related(
        "company__members__user"
    ):
        _mail(
            users=[membership.user for membership in seat.company.members.all()],
            subject=subject,
            template=template,
            context={"demo_day": demo_day, "seat": seat},
            event=demo_day.event,
        )


@transaction.atomic
def publish(*, demo_day: DemoDay, actor: User | None) -> DemoDay:
    """Publish the draft; every participant is mailed that their agenda is ready."""
    demo_day = _locked(demo_day)
    move(
        demo_day,
        lifecycle=DEMO_DAY_LIFECYCLE,
        to=DemoDayStatus.PUBLISHED,
        actor=actor,
        action="events.demoday.published",
        data={"status": DemoDayStatus.PUBLISHED},
        refusal=Conflict(
            _("Run the scheduler first; only a draft can be published."), code="not_draft"
        ),
    )
    _notify(
        demo_day,
        investors=set(demo_day.investors.filter(withdrawn=False).values_list("pk", flat=True)),
        startups=set(demo_day.startups.filter(withdrawn=False).values_list("pk", flat=True)),
        template="events/mail/agenda_published.txt",
        subject="agenda_published",
    )
    return demo_day


def _replan(
    demo_day: DemoDay,
    seat: Seat,
    *,
    time_limit: float,
    progress: Callable[[str], None] | None = None,
) -> tuple[engine.Instance, engine.Schedule, engine.Replan]:
    is_investor = isinstance(seat, DemoDayInvestor)
    instance, previous = build_instance(demo_day), _previous(demo_day)
    plan = engine.replan(
        instance,
        previous,
        investors=[seat.pk] if is_investor else [],
        startups=[] if is_investor else [seat.pk],
        time_limit=time_limit,
        progress=progress,
    )
    return instance, previous, plan


def withdraw(
    *,
    seat: Seat,
    actor: User | None,
    time_limit: float = SCHEDULER_SECONDS,
    progress: Callable[[str], None] | None = None,
) -> engine.Replan | None:
    """Withdraw a participant. After publication the schedule is re-planned with ``replan``
    (as few moved meetings as possible) and everyone whose agenda changed is mailed.
    Before publication the seat simply leaves the next run. Returns the re-plan, if any.

    The re-plan is computed outside any transaction (``progress`` hears each step) and
    stored with the demo day locked; if the schedule or the wishes changed meanwhile, it is
    computed again under the lock.
    """
    fresh = DemoDay.objects.select_related("event").get(pk=seat.demo_day_id)
    planned = None
    if fresh.status == DemoDayStatus.PUBLISHED and not type(seat).objects.get(pk=seat.pk).withdrawn:
        planned = _replan(fresh, seat, time_limit=time_limit, progress=progress)
    with transaction.atomic():
        demo_day = _locked(seat.demo_day)
        seat = type(seat).objects.select_for_update().get(pk=seat.pk)
        if seat.withdrawn:
            raise Conflict(_("This participation is already cancelled."), code="already_withdrawn")
        is_investor = isinstance(seat, DemoDayInvestor)
        plan = None
        if demo_day.status == DemoDayStatus.PUBLISHED:
            if planned is None or planned[:2] != (build_instance(demo_day), _previous(demo_day)):
                planned = _replan(demo_day, seat, time_limit=time_limit)
            plan = planned[2]
            _store(demo_day, plan.schedule)
            demo_day.save()
            changed = list(plan.added) + list(plan.dropped) + [new for _old, new in plan.moved]
            changed += list(plan.cancelled)
            investors = {m.investor for m in changed} - ({seat.pk} if is_investor else set())
            startups = {m.startup for m in changed} - (set() if is_investor else {seat.pk})
            _notify(
                demo_day,
                investors=investors,
                startups=startups,
                template="events/mail/agenda_changed.txt",
                subject="agenda_changed",
            )
        else:
            Meeting.objects.filter(**{"investor" if is_investor else "startup": seat}).delete()
        seat.withdrawn = True
        seat.save(update_fields=["withdrawn"])
        seat.log_action(
            "events.demoday.withdrawn",
            actor=actor,
            data={"name": str(seat), "moved": plan.moved_count if plan else 0},
        )
    return plan
