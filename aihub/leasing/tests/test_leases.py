import datetime

import pytest
from django.db import connection
from django.utils import translation

from aihub.core.audit import history_for
from aihub.core.errors import Conflict, ValidationFailed
from aihub.leasing import services
from aihub.leasing.enums import LeaseStatus, PriceBasis
from aihub.leasing.models import Lease
from aihub.spaces import services as space_services
from aihub.spaces.enums import SpaceKind, SpaceStatus

pytestmark = pytest.mark.django_db
day = datetime.date


def _office_lease(company, office, starts_on, ends_on, **extra):
    return services.create_lease(
        company=company,
        basis=PriceBasis.PER_M2,
        space=office,
        starts_on=starts_on,
        ends_on=ends_on,
        actor=None,
        **extra,
    )


def test_create_lease_draft_logged(company, office, staff):
    lease = _office_lease(company, office, day(2026, 1, 1), day(2026, 12, 31))
    assert lease.status == LeaseStatus.DRAFT
    assert [entry.action for entry in history_for(lease)] == ["leasing.lease.created"]


def test_create_lease_overlapping_office_refused(company, other_company, office):
    _office_lease(company, office, day(2026, 1, 1), day(2026, 12, 31))
    count = Lease.objects.count()
    with translation.override("en"), pytest.raises(Conflict) as error:
        _office_lease(other_company, office, day(2026, 12, 31), day(2027, 6, 30))
    assert error.value.errors == {
        "space": ["This private office is already leased for part of these dates."]
    }
    assert Lease.objects.count() == count


def test_create_lease_overlap_message_in_korean(company, other_company, office):
    _office_lease(company, office, day(2026, 1, 1), day(2026, 12, 31))
    with translation.override("ko"), pytest.raises(Conflict) as error:
        _office_lease(other_company, office, day(2026, 6, 1), day(2026, 6, 30))
    assert error.value.status == 409
    assert error.value.code == "lease_overlap"


def test_create_lease_adjacent_periods_allowed(company, other_company, office):
    _office_lease(company, office, day(2026, 1, 1), day(2026, 6, 30))
    lease = _office_lease(other_company, office, day(2026, 7, 1), day(2026, 12, 31))
    assert lease.starts_on == day(2026, 7, 1)


def test_create_lease_after_cancelled_draft_allowed(company, other_company, office):
    draft = _office_lease(company, office, day(2026, 1, 1), day(2026, 12, 31))
    services.cancel_lease(lease=draft, actor=None)
    lease = _office_lease(other_company, office, day(2026, 3, 1), day(2026, 4, 30))
    assert lease.company == other_company


def test_create_lease_end_before_start_refused(company, office):
    with translation.override("en"), pytest.raises(ValidationFailed) as error:
        _office_lease(company, office, day(2026, 5, 1), day(2026, 4, 30))
    assert error.value.errors == {"ends_on": ["The end date is before the start date."]}
    assert Lease.objects.count() == 0


def test_create_lease_more_seats_than_exist_refused(company, open_area):
    with translation.override("en"), pytest.raises(ValidationFailed) as error:
        services.create_lease(
            company=company,
            basis=PriceBasis.PER_SEAT,
            space=open_area,
            seats=11,
            starts_on=day(2026, 1, 1),
            ends_on=day(2026, 12, 31),
            actor=None,
        )
    assert error.value.errors == {"seats": ["The area has 10 seats; 11 cannot be leased."]}


def test_create_lease_seats_over_capacity_on_some_day_refused(company, other_company, open_area):
    for starts_on, ends_on in (
        (day(2026, 1, 1), day(2026, 3, 31)),
        (day(2026, 3, 1), day(2026, 6, 30)),
    ):
        services.create_lease(
            company=company,
            basis=PriceBasis.PER_SEAT,
            space=open_area,
            seats=4,
            starts_on=starts_on,
            ends_on=ends_on,
            actor=None,
        )
    with pytest.raises(Conflict) as error:
        services.create_lease(
            company=other_company,
            basis=PriceBasis.PER_SEAT,
            space=open_area,
            seats=3,
            starts_on=day(2026, 3, 15),
            ends_on=day(2026, 3, 20),
            actor=None,
        )
    assert error.value.code == "too_many_seats"
    fits = services.create_lease(
        company=other_company,
        basis=PriceBasis.PER_SEAT,
        space=open_area,
        seats=6,
        starts_on=day(2026, 4, 1),
        ends_on=day(2026, 6, 30),
        actor=None,
    )
    assert fits.seats == 6


def test_create_space_zero_area_refused(facility):
    floor = facility.floors.get(level=4)
    with translation.override("en"), pytest.raises(ValidationFailed) as error:
        space_services.create_space(
            facility=facility,
            floor=floor,
            kind=SpaceKind.PRIVATE_OFFICE,
            code="4F-01",
            name_ko="사무실",
            name_en="Office",
            area_m2=0,
            actor=None,
        )
    assert error.value.errors == {"area_m2": ["The area must be more than 0 m²."]}


def test_create_space_negative_area_refused(facility):
    floor = facility.floors.get(level=4)
    with pytest.raises(ValidationFailed) as error:
        space_services.create_space(
            facility=facility,
            floor=floor,
            kind=SpaceKind.PRIVATE_OFFICE,
            code="4F-01",
            name_ko="사무실",
            name_en="Office",
            area_m2=-3,
            actor=None,
        )
    assert list(error.value.errors) == ["area_m2"]


def test_create_lease_space_under_maintenance_refused(company, office):
    space_services.set_space_status(space=office, status=SpaceStatus.MAINTENANCE, actor=None)
    with pytest.raises(Conflict):
        _office_lease(company, office, day(2026, 1, 1), day(2026, 12, 31))


def test_create_lease_wrong_space_kind_refused(company, open_area):
    with pytest.raises(ValidationFailed) as error:
        _office_lease(company, open_area, day(2026, 1, 1), day(2026, 12, 31))
    assert list(error.value.errors) == ["space"]


def test_terminate_lease_early_becomes_ending(company, office):
    lease = _office_lease(company, office, day(2026, 1, 1), day(2027, 12, 31), activate=True)
    lease = services.terminate_lease(
        lease=lease, ends_on=day(2027, 1, 31), actor=None, today=day(2026, 11, 21)
    )
    assert (lease.status, lease.ends_on) == (LeaseStatus.ENDING, day(2027, 1, 31))


def test_terminate_lease_after_current_end_refused(company, office):
    lease = _office_lease(company, office, day(2026, 1, 1), day(2026, 12, 31), activate=True)
    with pytest.raises(ValidationFailed):
        services.terminate_lease(lease=lease, ends_on=day(2027, 1, 31), actor=None)


def test_renew_lease_continues_next_day(company, office):
    lease = _office_lease(company, office, day(2026, 1, 1), day(2026, 12, 31), activate=True)
    renewal = services.renew_lease(lease=lease, ends_on=day(2027, 12, 31), actor=None)
    assert (renewal.starts_on, renewal.status, renewal.renewed_from) == (
        day(2027, 1, 1),
        LeaseStatus.ACTIVE,
        lease,
    )
    with pytest.raises(Conflict):
        services.renew_lease(lease=lease, ends_on=day(2028, 12, 31), actor=None)


def test_sync_lease_statuses_ending_and_ended(company, other_company, make_office):
    first = _office_lease(
        company, make_office("6F-01"), day(2026, 1, 1), day(2026, 10, 31), activate=True
    )
    second = _office_lease(
        other_company, make_office("6F-02"), day(2026, 1, 1), day(2026, 12, 10), activate=True
    )
    changed = services.sync_lease_statuses(today=day(2026, 11, 21))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (changed, first.status, second.status) == (2, LeaseStatus.ENDED, LeaseStatus.ENDING)


def test_activate_lease_twice_refused(company, office):
    lease = _office_lease(company, office, day(2026, 1, 1), day(2026, 12, 31))
    services.activate_lease(lease=lease, actor=None)
    with pytest.raises(Conflict):
        services.activate_lease(lease=lease, actor=None)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints are PostgreSQL's"
)
def test_exclusion_constraint_refuses_overlap_written_past_the_service(
    company, other_company, office
):
    from django.db import IntegrityError, transaction

    _office_lease(company, office, day(2026, 1, 1), day(2026, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        Lease.objects.create(
            company=other_company,
            basis=PriceBasis.PER_M2,
            space=office,
            starts_on=day(2026, 6, 1),
            ends_on=day(2026, 6, 30),
        )
