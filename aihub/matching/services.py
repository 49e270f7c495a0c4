"""Writes of the matching app: demands, proposals, the match lifecycle, sessions.

Every function is keyword-only and atomic, writes its audit entry in its transaction and
sends mail only after commit. Bad input raises a :class:`~aihub.core.errors.HubError`
before anything is written.
"""

import datetime
from collections.abc import Callable, Sequence

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.bookings import holds
from aihub.bookings.enums import HoldPurpose
from aihub.companies.models import Company
from aihub.core.errors import Conflict, ValidationFailed
from aihub.core.lifecycle import move
from aihub.matching import conf, mail
from aihub.matching.checks import check_text, joined, resolve_tags
from aihub.matching.engine import (
    MAX_TEXT_CHARS,
    MatchingInputError,
    PartnerIndex,
    assign,
    rank,
)
from aihub.matching.engine import (
    Demand as EngineDemand,
)
from aihub.matching.engine import (
    Partner as EnginePartner,
)
from aihub.matching.enums import (
    BOOKABLE_STATUSES,
    LOAD_STATUSES,
    MATCH_LIFECYCLE,
    DemandStatus,
    HelpKind,
    MatchStatus,
    SessionMode,
)
from aihub.matching.errors import NoCandidates, TransitionRefused, from_engine
from aihub.matching.models import Demand, Expert, Match, Session
from aihub.spaces.enums import SpaceKind
from aihub.spaces.models import Space

ROOM_KINDS = (SpaceKind.MEETING_ROOM, SpaceKind.EDUCATION_ROOM, SpaceKind.LOUNGE)


class QuotaExceeded(Conflict):
    code = "quota_exceeded"


# --- Demands ---------------------------------------------------------------------------------


@transaction.atomic
def post_demand(
    *,
    company: Company,
    actor: User,
    title: str,
    description_ko: str = "",
    description_en: str = "",
    tags: Sequence[str] = (),
    help_kind: str,
    deadline: datetime.date | None = None,
    confidential: bool = True,
) -> Demand:
    """A company's new open demand. Refuses a blank title or description, text over the
    engine's limit, unknown tags and a deadline in the past."""
    title = title.strip()
    if not title:
        raise ValidationFailed(_("Enter a title."), field="title")
    check_text(title=title, ko=description_ko, en=description_en, field="description_ko")
    if help_kind not in HelpKind.values:
        raise ValidationFailed(_("Choose a kind of help."), field="help_kind")
    if deadline is not None and deadline < timezone.localdate():
        raise ValidationFailed(_("The deadline must not be in the past."), field="deadline")
    demand = Demand.objects.create(
        company=company,
        title=title,
        description_ko=description_ko.strip(),
        description_en=description_en.strip(),
        tags=resolve_tags(tags),
        help_kind=help_kind,
        deadline=deadline,
        confidential=confidential,
        created_by=actor,
    )
    demand.log_action("matching.demand.posted", actor=actor, data={"title": title})
    return demand


@transaction.atomic
def close_demand(*, demand: Demand, actor: User) -> Demand:
    """Close an open demand; proposals still under review stay as they are."""
    demand = Demand.objects.select_for_update().get(pk=demand.pk)
    if demand.status == DemandStatus.CLOSED:
        raise Conflict(_("This demand is already closed."))
    demand.status = DemandStatus.CLOSED
    demand.save(update_fields=["status", "updated_at"])
    demand.log_action("matching.demand.closed", actor=actor, data={"title": demand.title})
    return demand


# --- Proposals -----------------------------------------------------------------------------


def quarter_start(today: datetime.date) -> datetime.date:
    return datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)


def _room_left(experts: Sequence[Expert], today: datetime.date) -> dict[int, int]:
    """Capacity left this quarter: capacity minus matches taking a place since the quarter began."""
    since = quarter_start(today)
    load: dict[int, int] = {}
    for expert_id in Match.objects.filter(
        expert__in=experts, status__in=LOAD_STATUSES, created_at__date__gte=since
    ).values_list("expert_id", flat=True):
        load[expert_id] = load.get(expert_id, 0) + 1
    return {e.pk: max(0, e.capacity - load.get(e.pk, 0)) for e in experts}


def engine_demand(demand: Demand) -> EngineDemand:
    return EngineDemand(
        id=demand.pk,
        title=demand.title,
        text=joined(demand.description_ko, demand.description_en),
        tags=tuple(demand.tags),
    )


PROPOSAL_STEPS = ("index", "rank", "assign", "store")
"""The steps of ``propose_matches``, in order, as ``progress`` names them."""


def propose_matches(
    *,
    actor: User,
    demands: Sequence[Demand] | None = None,
    top: int = conf.PROPOSALS_PER_DEMAND,
    per_demand: int = conf.ASSIGN_PER_DEMAND,
    progress: Callable[[str], None] | None = None,
) -> dict[int, list[Match]]:
    """Run the engine for ``demands`` (default: every open demand) and store its proposals.

    Each demand's earlier proposals still awaiting review are replaced by the new ranking;
    matches already reviewed are kept and their experts not proposed again. The pairs the
    capacity-aware assignment chooses (capacity left this quarter; capacity 0 is never
    assigned) are marked ``assigned``. Raises NoCandidates when a single demand gets no
    proposal, or when no demand does; nothing is written then.

    The engine runs outside any transaction (``progress`` hears each step of
    ``PROPOSAL_STEPS``); the proposals are stored in one transaction, for the demands that
    are still open then.
    """
    report = progress or (lambda _step: None)
    today = timezone.localdate()
    if demands is None:
        demands = list(Demand.objects.filter(status=DemandStatus.OPEN).order_by("pk"))
    demands = [d for d in demands if d.status == DemandStatus.OPEN]
    if not demands:
        raise NoCandidates(_("There is no open demand to match."))
    experts = list(Expert.objects.filter(available=True).order_by("pk"))
    if not experts:
        raise NoCandidates()
    left = _room_left(experts, today)
    try:
        partners = [
            EnginePartner(
                id=e.pk,
                name=e.name_en or e.name_ko,
                text=joined(e.profile_ko, e.profile_en),
                tags=tuple(e.tags),
                capacity=left[e.pk],
            )
            for e in experts
        ]
        report("index")
        index = PartnerIndex(partners)
        wanted = [engine_demand(d) for d in demands]
        report("rank")
        rankings = rank(wanted, index, top=top)
        report("assign")
        chosen = assign(wanted, index, per_demand=per_demand)
    except MatchingInputError as error:
        raise from_engine(error) from error
    report("store")
    assigned = {(pair.demand, pair.partner) for pair in chosen.pairs}
    by_pk = {e.pk: e for e in experts}
    with transaction.atomic():
        still_open = set(
            Demand.objects.select_for_update()
            .filter(pk__in=[d.pk for d in demands], status=DemandStatus.OPEN)
            .values_list("pk", flat=True)
        )
        pairs = [(d, r) for d, r in zip(demands, rankings, strict=True) if d.pk in still_open]
        open_demands = [d for d, _r in pairs]
        taken: dict[int, set[int]] = {}
        for demand_id, expert_id in (
            Match.objects.filter(demand__in=open_demands)
            .exclude(status=MatchStatus.PROPOSED)
            .values_list("demand_id", "expert_id")
        ):
            taken.setdefault(demand_id, set()).add(expert_id)
        Match.objects.filter(demand__in=open_demands, status=MatchStatus.PROPOSED).delete()
        created: dict[int, list[Match]] = {}
        for demand, ranking in pairs:
            rows = [
                Match(
                    demand=demand,
                    expert=by_pk[m.partner],
                    rank=position,
                    score=m.score,
                    reasons=m.reasons.as_dict(),
                    assigned=(demand.pk, m.partner) in assigned,
                )
                for position, m in enumerate(ranking.matches, start=1)
                if m.partner not in taken.get(demand.pk, set())
            ]
            created[demand.pk] = Match.objects.bulk_create(rows)
            if rows:
                demand.log_action(
                    "matching.demand.proposed",
                    actor=actor,
                    data={"title": demand.title, "count": len(rows)},
                )
        if not any(created.values()):
            transaction.set_rollback(True)
            raise NoCandidates()
    return created


# --- The match lifecycle -------------------------------------------------------------------


def set_match_status(*, match: Match, to: str, actor: User, note: str = "") -> Match:
    """The one door of a match's status: checks ``MATCH_LIFECYCLE``, records when, writes the
    audit entry; approval, acceptance, decline and solved are mailed to the company's
    members and the expert."""
    match = Match.objects.select_for_update().select_related("expert").get(pk=match.pk)
    match.status_changed_at = timezone.now()
    fields = ["status_changed_at"]
    if note:
        match.outcome_note = note
        fields.append("outcome_note")
    move(
        match,
        lifecycle=MATCH_LIFECYCLE,
        to=to,
        actor=actor,
        action="matching.match.status_changed",
        data={"expert": match.expert.name_en or match.expert.name_ko, "match_status": to},
        fields=fields,
        refusal=None
        if MATCH_LIFECYCLE.allows(match.status, to)
        else TransitionRefused(MATCH_LIFECYCLE.refusal(match.status, to).message),
    )
    if to in mail.NOTIFIED_STATUSES:
        mail.send_match_status(match=match, status=to)
    return match


@transaction.atomic
def review_match(*, match: Match, approve: bool, actor: User) -> Match:
    """Staff approve a proposal (the expert then sees the demand) or reject it."""
    return set_match_status(
        match=match, to=MatchStatus.APPROVED if approve else MatchStatus.REJECTED, actor=actor
    )


@transaction.atomic
def respond_to_match(*, match: Match, accept: bool, actor: User) -> Match:
    """The expert accepts or declines a match staff approved."""
    return set_match_status(
        match=match, to=MatchStatus.ACCEPTED if accept else MatchStatus.DECLINED, actor=actor
    )


@transaction.atomic
def record_meeting(*, match: Match, actor: User) -> Match:
    """The company and the expert have met."""
    return set_match_status(match=match, to=MatchStatus.MEETING, actor=actor)


@transaction.atomic
def start_work(*, match: Match, actor: User) -> Match:
    """Work on the problem has begun."""
    return set_match_status(match=match, to=MatchStatus.IN_PROGRESS, actor=actor)


@transaction.atomic
def close_match(*, match: Match, solved: bool, outcome_note: str, actor: User) -> Match:
    """Solved or not, with an outcome note that must not be blank."""
    if not outcome_note.strip():
        raise ValidationFailed(_("Write a short note on the outcome."), field="outcome_note")
    return set_match_status(
        match=match,
        to=MatchStatus.SOLVED if solved else MatchStatus.NOT_SOLVED,
        actor=actor,
        note=outcome_note.strip(),
    )


ACTIONS: dict[str, str] = {
    "approve": "matching.review_match",
    "reject": "matching.review_match",
    "accept": "matching.respond_match",
    "decline": "matching.respond_match",
    "meeting": "matching.advance_match",
    "start": "matching.advance_match",
    "solved": "matching.advance_match",
    "not_solved": "matching.advance_match",
}


def run_action(*, action: str, match: Match, actor: User, outcome_note: str = "") -> Match:
    """Call the lifecycle service behind ``action`` (a key of ``ACTIONS``)."""
    if action in ("approve", "reject"):
        return review_match(match=match, approve=action == "approve", actor=actor)
    if action in ("accept", "decline"):
        return respond_to_match(match=match, accept=action == "accept", actor=actor)
    if action == "meeting":
        return record_meeting(match=match, actor=actor)
    if action == "start":
        return start_work(match=match, actor=actor)
    return close_match(
        match=match, solved=action == "solved", outcome_note=outcome_note, actor=actor
    )


# --- Sessions ------------------------------------------------------------------------------


def minutes_used(*, company: Company, year: int) -> int:
    """Session minutes the company has booked in calendar year ``year`` (Asia/Seoul)."""
    sessions = Session.objects.filter(
        match__demand__company=company, starts_at__year=year
    ).values_list("starts_at", "ends_at")
    return sum(int((end - start).total_seconds() // 60) for start, end in sessions)


def _check_slot(*, expert: Expert, starts_at: datetime.datetime, minutes: int) -> datetime.datetime:
    if not conf.SESSION_MIN_MINUTES <= minutes <= conf.SESSION_MAX_MINUTES:
        raise ValidationFailed(
            _("A session lasts from 30 to 60 minutes."), field="minutes", code="bad_length"
        )
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    local = timezone.localtime(starts_at)
    ends_at = starts_at + datetime.timedelta(minutes=minutes)
    local_end = timezone.localtime(ends_at)
    if starts_at <= timezone.now():
        raise ValidationFailed(_("Choose a time in the future."), field="starts_at")
    if (
        local.weekday() not in expert.office_days
        or local.time() < expert.office_start
        or local_end.date() != local.date()
        or local_end.time() > expert.office_end
    ):
        raise ValidationFailed(
            _("Choose a time within the expert's office hours."),
            field="starts_at",
            code="outside_office_hours",
        )
    return starts_at


@transaction.atomic
def book_session(
    *,
    match: Match,
    starts_at: datetime.datetime,
    minutes: int,
    mode: str,
    room: Space | None = None,
    actor: User,
) -> Session:
    """Book a 30 to 60 minute session of an accepted match in the expert's office hours.

    In a room the room must be a meeting or education room or a lounge, and the session holds
    it (``aihub.bookings.holds``): a room in use by a booking, an event or another session
    refuses it with ``RoomTaken``; online sessions take no room. The company's sessions in
    the calendar year may not pass the yearly allowance (``AIHUB_CONSULTING_HOURS_PER_YEAR``).
    The expert must be free. The first session of an accepted match moves it to the meeting
    stage. Both sides get a confirmation mail in their language.
    """
    company = Company.objects.select_for_update().get(pk=match.demand.company_id)
    match = Match.objects.select_related("expert", "demand__company").get(pk=match.pk)
    if match.status not in BOOKABLE_STATUSES:
        raise Conflict(
            _("Sessions can be booked only for a match the expert has accepted."),
            code="not_accepted",
        )
    if mode not in SessionMode.values:
        raise ValidationFailed(_("Choose online or a room."), field="mode")
    if mode == SessionMode.ROOM and (room is None or room.kind not in ROOM_KINDS):
        raise ValidationFailed(_("Choose a meeting room for a session in a room."), field="room")
    if mode == SessionMode.ONLINE:
        room = None
    starts_at = _check_slot(expert=match.expert, starts_at=starts_at, minutes=minutes)
    ends_at = starts_at + datetime.timedelta(minutes=minutes)
    year = timezone.localtime(starts_at).year
    allowance = conf.consulting_hours_per_year() * 60
    if minutes_used(company=company, year=year) + minutes > allowance:
        message = _(
            "This session would pass the company's %(hours)s consulting hours for the year."
        )
        raise QuotaExceeded(message % {"hours": conf.consulting_hours_per_year()}, field="minutes")
    overlap = Q(starts_at__lt=ends_at, ends_at__gt=starts_at)
    if Session.objects.filter(overlap, match__expert=match.expert).exists():
        raise Conflict(_("The expert already has a session at that time."), field="starts_at")
    session = Session.objects.create(
        match=match, starts_at=starts_at, ends_at=ends_at, mode=mode, room=room, booked_by=actor
    )
    if room is not None:
        try:
            holds.hold_room(
                space=room,
                starts_at=starts_at,
                ends_at=ends_at,
                purpose=HoldPurpose.MATCHING_SESSION,
                owner=session,
                title_ko=match.demand.title,
                title_en=match.demand.title,
                company=company,
                held_by=actor,
                actor=actor,
            )
        except holds.RoomTaken as taken:
            raise holds.RoomTaken(
                str(taken.message), field="room", conflicts=taken.conflicts
            ) from taken
    session.log_action(
        "matching.session.booked",
        actor=actor,
        data={
            "starts_at": timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M"),
            "minutes": minutes,
        },
    )
    if match.status == MatchStatus.ACCEPTED:
        set_match_status(match=match, to=MatchStatus.MEETING, actor=actor)
    mail.send_session_confirmations(session=session)
    return session


@transaction.atomic
def save_session_notes(*, session: Session, notes: str, actor: User) -> Session:
    """Replace the session's notes (at most the engine's text limit)."""
    if len(notes) > MAX_TEXT_CHARS:
        raise ValidationFailed(_("The notes are too long."), field="notes")
    session = Session.objects.select_for_update().get(pk=session.pk)
    session.notes = notes.strip()
    session.save(update_fields=["notes", "updated_at"])
    session.log_action("matching.session.noted", actor=actor)
    return session
