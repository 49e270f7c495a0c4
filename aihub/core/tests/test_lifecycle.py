"""One door per state change: every lifecycle lists its moves; a move outside the list is
refused with a message naming both states in the reader's language, and nothing changes."""

import pytest
from django.utils import translation

from aihub.bookings.enums import BOOKING_LIFECYCLE, BookingStatus
from aihub.calls.enums import APPLICATION_LIFECYCLE
from aihub.core.lifecycle import Lifecycle, TransitionRefused
from aihub.events.enums import DEMO_DAY_LIFECYCLE, REGISTRATION_LIFECYCLE, RegistrationStatus
from aihub.leasing.enums import INVOICE_LIFECYCLE, LEASE_LIFECYCLE, InvoiceStatus
from aihub.matching.enums import MATCH_LIFECYCLE
from aihub.outcomes.enums import REPORT_LIFECYCLE

LIFECYCLES = [
    APPLICATION_LIFECYCLE,
    LEASE_LIFECYCLE,
    INVOICE_LIFECYCLE,
    BOOKING_LIFECYCLE,
    REPORT_LIFECYCLE,
    MATCH_LIFECYCLE,
    REGISTRATION_LIFECYCLE,
    DEMO_DAY_LIFECYCLE,
]


@pytest.mark.parametrize("lifecycle", LIFECYCLES, ids=lambda c: str(c.states.__name__))
def test_every_state_takes_part_in_its_lifecycle(lifecycle):
    reachable = {end for ends in lifecycle.moves.values() for end in ends}
    assert set(lifecycle.states.values) == reachable | set(lifecycle.moves)


def test_unknown_states_in_a_lifecycle_are_a_programming_error():
    with pytest.raises(ValueError, match="Unknown states"):
        Lifecycle(thing="booking", states=BookingStatus, moves={"pending": {"lost"}})


def test_refusal_names_both_states_in_each_language():
    with translation.override("en"):
        message = str(
            INVOICE_LIFECYCLE.refusal(InvoiceStatus.PAID, InvoiceStatus.CANCELLED).message
        )
        assert message == "The invoice cannot go from “Paid” to “Cancelled”."
    with translation.override("ko"):
        message = str(
            INVOICE_LIFECYCLE.refusal(InvoiceStatus.PAID, InvoiceStatus.CANCELLED).message
        )
        assert str(InvoiceStatus.PAID.label) in message
        assert str(InvoiceStatus.CANCELLED.label) in message
        assert "invoice" not in message


def test_check_refuses_with_the_doors_own_refusal_when_given():
    from aihub.core.errors import Conflict

    own = Conflict("This registration is already cancelled.", code="already_cancelled")
    with pytest.raises(Conflict) as refused:
        REGISTRATION_LIFECYCLE.check(
            RegistrationStatus.CANCELLED, RegistrationStatus.CONFIRMED, refusal=own
        )
    assert refused.value is own
    with pytest.raises(TransitionRefused):
        REGISTRATION_LIFECYCLE.check(RegistrationStatus.CANCELLED, RegistrationStatus.CONFIRMED)


@pytest.mark.django_db
def test_a_door_refuses_a_move_outside_the_list_and_changes_nothing(staff, make_company):
    import datetime

    from aihub.core.models import AuditEntry
    from aihub.events import services
    from aihub.events.models import Registration

    event = services.create_event(
        kind="seminar",
        title_ko="세미나",
        title_en="Seminar",
        starts_at=datetime.datetime(2030, 1, 1, 10, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 1, 1, 12, tzinfo=datetime.UTC),
        capacity=5,
        address="서울",
        actor=staff,
    )
    registration = services.register(event=event, user=staff)
    services.cancel_registration(registration=registration, actor=staff)
    entries = AuditEntry.objects.count()
    registration = Registration.objects.select_related("user", "event").get(pk=registration.pk)
    with pytest.raises(TransitionRefused):
        services.set_registration_status(
            registration=registration, to=RegistrationStatus.CONFIRMED, actor=staff
        )
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CANCELLED
    assert AuditEntry.objects.count() == entries
