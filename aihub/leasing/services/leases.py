"""Writes about leases: drafting, activation, cancellation, early termination, renewal.

A private office (priced per m²) is held by at most one lease on any day; an open-office
area never has more seats leased on any day than it has. Both are checked here with the
space's row locked (``select_for_update``: a row lock on PostgreSQL, where the exclusion
constraint of migration 0002 also refuses overlapping office leases; on SQLite the
IMMEDIATE transaction already serialises writers).
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aihub.accounts.models import User
from aihub.companies.models import Company
from aihub.core.errors import Conflict, HubError, ValidationFailed
from aihub.core.lifecycle import move
from aihub.leasing.billing import peak_seats
from aihub.leasing.enums import LEASE_LIFECYCLE, OCCUPYING_STATUSES, LeaseStatus, PriceBasis
from aihub.leasing.models import Lease
from aihub.spaces.enums import SpaceKind, SpaceStatus
from aihub.spaces.models import Space

ENDING_NOTICE_DAYS = 30
"""An active lease within this many days of its end, without a renewal, is ``ending``."""


def _overlap_error() -> Conflict:
    return Conflict(
        _("This private office is already leased for part of these dates."),
        field="space",
        code="lease_overlap",
    )


def _check_dates(starts_on: datetime.date, ends_on: datetime.date) -> None:
    if ends_on < starts_on:
        raise ValidationFailed(
            _("The end date is before the start date."), field="ends_on", code="ends_before_start"
        )


def _check_space_capacity(
    *,
    space: Space,
    basis: str,
    seats: int,
    starts_on: datetime.date,
    ends_on: datetime.date,
    exclude: int | None = None,
) -> None:
    """Refuse an office already leased, or seats beyond the area's count on any day."""
    others = Lease.objects.filter(
        space=space, status__in=OCCUPYING_STATUSES, starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if basis == PriceBasis.PER_M2:
        if others.exists():
            raise _overlap_error()
        return
    if seats > space.seats:
        raise ValidationFailed(
            _("The area has %(available)d seats; %(asked)d cannot be leased.")
            % {"available": space.seats, "asked": seats},
            field="seats",
            code="too_many_seats",
        )
    intervals = [
        (max(s, starts_on), min(e, ends_on), n)
        for s, e, n in others.values_list("starts_on", "ends_on", "seats")
    ]
    taken = peak_seats(intervals)
    if taken + seats > space.seats:
        raise Conflict(
            _(
                "Only %(free)d of the area's %(available)d seats are free on some of these "
                "days; %(asked)d cannot be leased."
            )
            % {"free": max(space.seats - taken, 0), "available": space.seats, "asked": seats},
            field="seats",
            code="too_many_seats",
        )


def _check_terms(
    *, basis: str, space: Space | None, seats: int, deposit: int, discount_percent: int
) -> None:
    errors: dict[str, list[str]] = {}
    if basis not in PriceBasis.values:
        errors["basis"] = [_("Choose how the lease is priced.")]
    elif basis == PriceBasis.MEMBERSHIP:
        if space is not None:
            errors["space"] = [_("A membership lease has no space.")]
    elif space is None:
        errors["space"] = [_("Choose the space to lease.")]
    elif basis == PriceBasis.PER_M2 and space.kind != SpaceKind.PRIVATE_OFFICE:
        errors["space"] = [_("Only a private office is leased per m².")]
    elif basis == PriceBasis.PER_SEAT and space.kind != SpaceKind.OPEN_OFFICE:
        errors["space"] = [_("Only seats in an open-office area are leased per seat.")]
    if basis == PriceBasis.PER_SEAT and seats <= 0:
        errors["seats"] = [_("Lease at least one seat.")]
    if deposit < 0:
        errors["deposit"] = [_("The deposit cannot be negative.")]
    if not 0 <= discount_percent <= 100:
        errors["discount_percent"] = [_("The discount is a percentage from 0 to 100.")]
    if errors:
        raise ValidationFailed(errors=errors)


def _insert(**fields: object) -> Lease:
    """Insert a lease; PostgreSQL's exclusion constraint turns a lost race into a Conflict."""
    try:
        with transaction.atomic():
            return Lease.objects.create(**fields)
    except IntegrityError as exc:
        raise _overlap_error() from exc


@transaction.atomic
def create_lease(
    *,
    company: Company,
    basis: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    space: Space | None = None,
    seats: int = 0,
    deposit: int = 0,
    discount_percent: int = 0,
    notes: str = "",
    activate: bool = False,
    actor: User | None,
) -> Lease:
    """Draft a lease (or, with ``activate``, sign it at once); nothing is written on refusal.

    A space under maintenance cannot be leased; a reserved one can (it is reserved for
    exactly such a lease). Seats are only counted for per-seat leases.
    """
    _check_dates(starts_on, ends_on)
    _check_terms(
        basis=basis, space=space, seats=seats, deposit=deposit, discount_percent=discount_percent
    )
    if basis != PriceBasis.PER_SEAT:
        seats = 0
    if space is not None:
        space = Space.objects.select_for_update().get(pk=space.pk)
        if space.status == SpaceStatus.MAINTENANCE:
            raise Conflict(
                _("This space is under maintenance and cannot be leased."), field="space"
            )
        _check_space_capacity(
            space=space, basis=basis, seats=seats, starts_on=starts_on, ends_on=ends_on
        )
    lease = _insert(
        company=company,
        basis=basis,
        space=space,
        seats=seats,
        starts_on=starts_on,
        ends_on=ends_on,
        deposit=deposit,
        discount_percent=discount_percent,
        notes=notes,
        status=LeaseStatus.ACTIVE if activate else LeaseStatus.DRAFT,
    )
    lease.log_action(
        "leasing.lease.created",
        actor=actor,
        data={
            "lease": str(lease),
            "company": company.name_ko,
            "company_en": company.name_en,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "basis": basis,
            "space": space.code if space else None,
            "seats": seats,
        },
    )
    if activate:
        lease.log_action("leasing.lease.activated", actor=actor, data={"lease": str(lease)})
    return lease


def _locked(lease: Lease) -> Lease:
    return (
        Lease.objects.select_for_update(of=("self",))
        .select_related("company", "space")
        .get(pk=lease.pk)
    )


def set_lease_status(
    *,
    lease: Lease,
    to: str,
    actor: User | None,
    action: str = "leasing.lease.status_changed",
    data: dict | None = None,
    fields: tuple[str, ...] = (),
    refusal: HubError | None = None,
) -> Lease:
    """The one door of a lease's status (the lease locked by the caller): checks the move
    against ``LEASE_LIFECYCLE``, saves it with ``fields`` and writes the audit entry."""
    move(
        lease,
        lifecycle=LEASE_LIFECYCLE,
        to=to,
        actor=actor,
        action=action,
        data=data or {"lease": str(lease), "lease_status": to},
        fields=fields,
        refusal=refusal,
    )
    return lease


@transaction.atomic
def activate_lease(*, lease: Lease, actor: User | None) -> Lease:
    """Sign a draft: it becomes active and is invoiced from its start."""
    lease = _locked(lease)
    if lease.status != LeaseStatus.DRAFT:
        raise Conflict(_("Only a draft lease can be activated."), code="lease_not_draft")
    return set_lease_status(
        lease=lease,
        to=LeaseStatus.ACTIVE,
        actor=actor,
        action="leasing.lease.activated",
        data={"lease": str(lease)},
    )


@transaction.atomic
def cancel_lease(*, lease: Lease, actor: User | None) -> Lease:
    """Withdraw a draft; its space is free again. A signed lease is terminated instead."""
    lease = _locked(lease)
    return set_lease_status(
        lease=lease,
        to=LeaseStatus.CANCELLED,
        actor=actor,
        action="leasing.lease.cancelled",
        data={"lease": str(lease)},
        refusal=Conflict(
            _("Only a draft lease can be cancelled; terminate a signed lease instead."),
            code="lease_not_draft",
        ),
    )


@transaction.atomic
def terminate_lease(
    *, lease: Lease, ends_on: datetime.date, actor: User | None, today: datetime.date | None = None
) -> Lease:
    """End a signed lease early on ``ends_on`` (its new last day); it becomes ``ending``.

    Invoices already issued for days after the new end are not changed: correct them by
    cancelling and reissuing.
    """
    lease = _locked(lease)
    if lease.status not in (LeaseStatus.ACTIVE, LeaseStatus.ENDING):
        raise Conflict(_("Only an active lease can be terminated."), code="lease_not_active")
    if ends_on < lease.starts_on:
        raise ValidationFailed(
            _("The end date is before the start date."), field="ends_on", code="ends_before_start"
        )
    if ends_on > lease.ends_on:
        raise ValidationFailed(
            _("An early termination cannot end after the lease's current end, %(date)s.")
            % {"date": lease.ends_on.isoformat()},
            field="ends_on",
        )
    if hasattr(lease, "renewal"):
        raise Conflict(_("This lease has been renewed; terminate the renewal instead."))
    today = today or timezone.localdate()
    lease.ends_on = ends_on
    lease.terminated_on = today
    return set_lease_status(
        lease=lease,
        to=LeaseStatus.ENDED if ends_on < today else LeaseStatus.ENDING,
        actor=actor,
        action="leasing.lease.terminated",
        data={"lease": str(lease), "ends_on": ends_on},
        fields=("ends_on", "terminated_on"),
    )


@transaction.atomic
def renew_lease(*, lease: Lease, ends_on: datetime.date, actor: User | None) -> Lease:
    """A new active lease on the same terms from the day after this one ends until ``ends_on``."""
    lease = _locked(lease)
    if lease.status not in (LeaseStatus.ACTIVE, LeaseStatus.ENDING):
        raise Conflict(_("Only an active lease can be renewed."), code="lease_not_active")
    if hasattr(lease, "renewal"):
        raise Conflict(_("This lease has already been renewed."), code="lease_renewed")
    starts_on = lease.ends_on + datetime.timedelta(days=1)
    _check_dates(starts_on, ends_on)
    space = None
    if lease.space_id is not None:
        space = Space.objects.select_for_update().get(pk=lease.space_id)
        _check_space_capacity(
            space=space, basis=lease.basis, seats=lease.seats, starts_on=starts_on, ends_on=ends_on
        )
    renewal = _insert(
        company=lease.company,
        basis=lease.basis,
        space=space,
        seats=lease.seats,
        starts_on=starts_on,
        ends_on=ends_on,
        deposit=lease.deposit,
        discount_percent=lease.discount_percent,
        notes=lease.notes,
        status=LeaseStatus.ACTIVE,
        renewed_from=lease,
    )
    if lease.status == LeaseStatus.ENDING:
        set_lease_status(lease=lease, to=LeaseStatus.ACTIVE, actor=actor)
    lease.log_action(
        "leasing.lease.renewed",
        actor=actor,
        data={"lease": str(lease), "renewal": str(renewal), "ends_on": ends_on},
    )
    renewal.log_action(
        "leasing.lease.created",
        actor=actor,
        data={
            "lease": str(renewal),
            "company": lease.company.name_ko,
            "company_en": lease.company.name_en,
            "starts_on": starts_on,
            "ends_on": ends_on,
        },
    )
    return renewal


@transaction.atomic
def sync_lease_statuses(*, today: datetime.date | None = None, actor: User | None = None) -> int:
    """Move leases along by the calendar: ``ending`` near the end, ``ended`` after it.

    Returns how many leases changed. Renewed leases are not ``ending``.
    """
    today = today or timezone.localdate()
    changed = 0
    to_end = Lease.objects.select_for_update().filter(
        status__in=(LeaseStatus.ACTIVE, LeaseStatus.ENDING), ends_on__lt=today
    )
    to_warn = Lease.objects.select_for_update(of=("self",)).filter(
        status=LeaseStatus.ACTIVE,
        ends_on__gte=today,
        ends_on__lte=today + datetime.timedelta(days=ENDING_NOTICE_DAYS),
        renewal__isnull=True,
    )
    for status, leases in ((LeaseStatus.ENDED, to_end), (LeaseStatus.ENDING, to_warn)):
        for lease in leases:
            set_lease_status(lease=lease, to=status, actor=actor)
            changed += 1
    return changed
