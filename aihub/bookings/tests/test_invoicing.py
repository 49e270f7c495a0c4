import datetime

import pytest
from django.urls import reverse

from aihub.bookings import services
from aihub.bookings.enums import ChargeStatus
from aihub.bookings.models import BookingCharge
from aihub.bookings.tests.conftest import slot
from aihub.bookings.timeutil import month_of
from aihub.leasing import services as leasing_services
from aihub.leasing.enums import InvoiceStatus
from aihub.leasing.models import DueDateTotal, Invoice, InvoiceLine, MonthTotal
from aihub.leasing.services.totals import totals_from_records

pytestmark = pytest.mark.django_db


def book(room, day, start, end, *, actor, company=None, **extra):
    starts_at, ends_at = slot(day, start, end)
    return services.book_room(
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        title="Sync",
        actor=actor,
        company=company,
        **extra,
    )


@pytest.fixture
def charged(make_room, member, company, day):
    """A 90-minute charge beyond one free hour at 20,000 won an hour: 30,000 before VAT."""
    room = make_room("5F-P", free_hours_resident=1, hourly_price=20_000)
    book(room, day, "10:00", "11:00", actor=member, company=company)
    return book(room, day, "13:00", "14:30", actor=member, company=company).charges.get()


def run(day):
    return leasing_services.issue_invoices(month=month_of_day(day), actor=None, today=day)


def month_of_day(day):
    return day.replace(day=1)


def stored_totals():
    return (
        [(row.month, row.invoiced) for row in MonthTotal.objects.order_by("month")],
        [(row.due_on, row.owed, row.invoices) for row in DueDateTotal.objects.order_by("due_on")],
    )


def recounted_totals():
    months, due_dates = totals_from_records()
    return (
        [(row.month, row.invoiced) for row in months],
        [(row.due_on, row.owed, row.invoices) for row in due_dates],
    )


def test_charge_beyond_free_hours_on_invoice_with_vat(charged, company, day):
    assert charged.month == month_of(charged.booking.starts_at)
    [invoice] = run(day)
    line = invoice.lines.get()
    assert (invoice.company_id, invoice.subtotal, invoice.vat, invoice.total) == (
        company.pk,
        30_000,
        3_000,
        33_000,
    )
    assert (line.lease_id, line.quantity, line.unit_price, line.amount, line.source_ref) == (
        None,
        1.5,
        20_000,
        30_000,
        f"bookings.charge:{charged.pk}",
    )
    assert ("B-" in line.description_en, "공간 대관료" in line.description_ko) == (True, True)
    charged.refresh_from_db()
    assert (charged.status, charged.invoice_id) == (ChargeStatus.INVOICED, invoice.pk)


def test_invoice_run_second_time_adds_nothing(charged, day):
    run(day)
    assert run(day) == []
    assert (Invoice.objects.count(), InvoiceLine.objects.count()) == (1, 1)


def test_charges_of_later_month_wait(charged, day):
    earlier = (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    assert leasing_services.issue_invoices(month=earlier, actor=None, today=day) == []
    assert BookingCharge.objects.get().status == ChargeStatus.OPEN


def test_outside_organiser_charge_stays_receipt(make_room, make_user, day):
    from aihub.bookings.enums import BookerKind

    room = make_room("5F-O", hourly_price=30_000, allowed_bookers=[BookerKind.OUTSIDE])
    book(room, day, "10:00", "12:00", actor=make_user("host@meetup.example"), organiser="밋업")
    assert run(day) == []
    assert BookingCharge.objects.get().status == ChargeStatus.OPEN


def test_reissue_releases_and_bills_once(charged, day):
    [first] = run(day)
    second = leasing_services.reissue_invoice(invoice=first, reason="Wrong", actor=None, today=day)
    assert second.lines.get().source_ref == f"bookings.charge:{charged.pk}"
    assert second.total == 33_000
    charged.refresh_from_db()
    assert (charged.status, charged.invoice_id) == (ChargeStatus.INVOICED, second.pk)
    assert run(day) == []
    assert InvoiceLine.objects.filter(source_ref=f"bookings.charge:{charged.pk}").count() == 2
    assert stored_totals() == recounted_totals()
    assert MonthTotal.objects.get().invoiced == 33_000


def test_cancel_releases_charge_for_next_run(charged, day):
    [first] = run(day)
    leasing_services.cancel_invoice(invoice=first, reason="Wrong", actor=None)
    charged.refresh_from_db()
    assert (charged.status, charged.invoice_id) == (ChargeStatus.OPEN, None)
    [again] = run(day)
    assert (again.total, again.status) == (33_000, InvoiceStatus.ISSUED)
    assert run(day) == []
    assert stored_totals() == recounted_totals()


def test_cancel_releases_charge_of_cancelled_booking_as_cancelled(charged, member, day):
    [first] = run(day)
    services.cancel_booking(booking=charged.booking, actor=member)
    charged.refresh_from_db()
    assert charged.status == ChargeStatus.INVOICED
    assert (
        leasing_services.reissue_invoice(invoice=first, reason="Wrong", actor=None, today=day)
        is None
    )
    charged.refresh_from_db()
    assert (charged.status, charged.invoice_id) == (ChargeStatus.CANCELLED, None)


def test_charges_added_to_lease_invoice(charged, company, day, facility):
    from aihub.leasing.enums import PriceBasis

    leasing_services.set_price(
        basis=PriceBasis.MEMBERSHIP,
        unit_price=50_000,
        effective_from=day.replace(day=1, year=day.year - 1),
        actor=None,
    )
    lease = leasing_services.create_lease(
        company=company,
        basis=PriceBasis.MEMBERSHIP,
        starts_on=day.replace(day=1),
        ends_on=day.replace(day=1, year=day.year + 1),
        actor=None,
        activate=True,
    )
    [invoice] = run(day)
    lines = list(invoice.lines.order_by("position"))
    assert [(line.lease_id, line.position) for line in lines] == [(lease.pk, 1), (None, 2)]
    assert invoice.subtotal == lines[0].amount + 30_000
    assert invoice.vat == invoice.subtotal // 10
    assert stored_totals() == recounted_totals()


def test_receipt_shows_invoice_and_member_sees_only_own(
    charged, day, member_client, other_company, make_user, client
):
    [invoice] = run(day)
    receipt = reverse("bookings:receipt", args=[charged.company_id, charged.pk])
    page = member_client.get(receipt)
    assert page.status_code == 200
    assert invoice.display_number in page.content.decode()
    detail = member_client.get(reverse("leasing:invoice", args=[invoice.company_id, invoice.pk]))
    assert detail.status_code == 200
    assert "B-" in detail.content.decode()
    stranger = make_user("other@example.com")
    client.force_login(stranger)
    assert client.get(receipt).status_code == 404
    assert client.get(
        reverse("leasing:invoice", args=[invoice.company_id, invoice.pk])
    ).status_code in (403, 404)
    assert client.get(
        f"/api/v1/leasing/companies/{invoice.company_id}/invoices/{invoice.pk}"
    ).status_code in (403, 404)


def test_invoice_api_and_pdf_show_charge_line(charged, day, member_client):
    [invoice] = run(day)
    body = member_client.get(
        f"/api/v1/leasing/companies/{invoice.company_id}/invoices/{invoice.pk}"
    ).json()
    assert [(line["basis"], line["amount"]) for line in body["lines"]] == [(None, 30_000)]
    pdf = member_client.get(
        reverse("leasing:invoice_pdf", args=[invoice.company_id, invoice.pk]) + "?lang=en"
    )
    assert pdf.content.startswith(b"%PDF-")
