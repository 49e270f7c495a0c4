import datetime

import pytest
from django.core import mail
from django.utils import translation

from aihub.core.errors import Conflict, ValidationFailed
from aihub.leasing import services
from aihub.leasing.enums import InvoiceStatus, PriceBasis
from aihub.leasing.models import Invoice, InvoiceLine, IssuedDocumentError, Payment
from aihub.leasing.pdf import invoice_pdf
from aihub.leasing.queries import invoice_for_user
from aihub.leasing.tests.conftest import NOVEMBER

pytestmark = pytest.mark.django_db
day = datetime.date


def test_issue_invoices_one_per_company_with_vat(lease, company):
    invoices = services.issue_invoices(month=NOVEMBER, actor=None, today=day(2026, 11, 21))
    assert [(i.company_id, i.subtotal, i.vat, i.total) for i in invoices] == [
        (company.pk, 330_000, 33_000, 363_000)
    ]
    assert (invoices[0].year, invoices[0].number, invoices[0].due_on) == (2026, 1, day(2026, 12, 5))


def test_issue_invoices_second_run_creates_nothing(lease):
    services.issue_invoices(month=NOVEMBER, actor=None, today=NOVEMBER)
    again = services.issue_invoices(month=NOVEMBER, actor=None, today=NOVEMBER)
    assert (again, Invoice.objects.count()) == ([], 1)


def test_issue_invoices_month_not_begun_refused(lease):
    with translation.override("en"), pytest.raises(ValidationFailed) as error:
        services.issue_invoices(month=day(2026, 12, 1), actor=None, today=day(2026, 11, 30))
    assert error.value.errors == {
        "month": ["2026-12 has not begun yet; its invoices can be issued from 2026-12-01."]
    }
    assert Invoice.objects.count() == 0


def test_issue_invoices_numbers_gap_free_per_year(company, other_company, make_office, prices):
    for owner, code in ((company, "6F-01"), (other_company, "6F-02")):
        services.create_lease(
            company=owner,
            basis=PriceBasis.PER_M2,
            space=make_office(code),
            starts_on=day(2025, 11, 1),
            ends_on=day(2027, 1, 31),
            activate=True,
            actor=None,
        )
    for month in (day(2025, 12, 1), day(2026, 1, 1), day(2026, 2, 1)):
        services.issue_invoices(month=month, actor=None, today=month)
    numbers = sorted(Invoice.objects.values_list("year", "number"))
    assert numbers == [(2025, 1), (2025, 2), (2026, 1), (2026, 2), (2026, 3), (2026, 4)]


def test_issue_invoices_partial_month_prorated(company, office, prices):
    services.create_lease(
        company=company,
        basis=PriceBasis.PER_M2,
        space=office,
        starts_on=day(2026, 11, 16),
        ends_on=day(2027, 11, 15),
        discount_percent=10,
        activate=True,
        actor=None,
    )
    invoice = services.issue_invoices(month=NOVEMBER, actor=None, today=NOVEMBER)[0]
    line = invoice.lines.get()
    # 66 m² * 5,000 * 15/30 = 165,000; 10% discount 16,500
    assert (line.days, line.gross, line.discount, line.amount) == (15, 165_000, 16_500, 148_500)
    assert (invoice.subtotal, invoice.vat, invoice.total) == (148_500, 14_850, 163_350)


def test_issue_invoices_price_change_leaves_past_invoices(lease):
    first = services.issue_invoices(month=day(2026, 10, 1), actor=None, today=NOVEMBER)[0]
    services.set_price(
        basis=PriceBasis.PER_M2, unit_price=6_000, effective_from=NOVEMBER, actor=None
    )
    second = services.issue_invoices(month=NOVEMBER, actor=None, today=NOVEMBER)[0]
    first.refresh_from_db()
    assert (first.subtotal, second.subtotal) == (330_000, 396_000)


def test_issue_invoices_draft_leases_not_billed(company, office, prices):
    services.create_lease(
        company=company,
        basis=PriceBasis.PER_M2,
        space=office,
        starts_on=day(2026, 1, 1),
        ends_on=day(2026, 12, 31),
        actor=None,
    )
    assert services.issue_invoices(month=NOVEMBER, actor=None, today=NOVEMBER) == []


def test_issued_invoice_edit_refused(invoice):
    invoice.subtotal = 1
    with translation.override("en"):
        with pytest.raises(IssuedDocumentError) as error:
            invoice.save()
        assert str(error.value.message) == (
            "An issued invoice cannot be changed. Cancel it and issue a new invoice instead."
        )
    with pytest.raises(IssuedDocumentError):
        Invoice.objects.get(pk=invoice.pk).delete()
    with pytest.raises(IssuedDocumentError):
        InvoiceLine.objects.filter(invoice=invoice).first().delete()
    with pytest.raises(Conflict):
        services.change_invoice(invoice=invoice, actor=None, subtotal=1)


def test_reissue_invoice_cancels_and_replaces(invoice, lease):
    services.terminate_lease(lease=lease, ends_on=day(2026, 11, 15), actor=None, today=NOVEMBER)
    new = services.reissue_invoice(invoice=invoice, reason="조기 종료", actor=None, today=NOVEMBER)
    invoice.refresh_from_db()
    assert (invoice.status, new.replaces, new.number, new.subtotal) == (
        InvoiceStatus.CANCELLED,
        invoice,
        2,
        165_000,
    )
    assert services.issue_invoices(month=NOVEMBER, actor=None, today=NOVEMBER) == []


def test_cancel_invoice_with_payment_refused(invoice):
    services.record_payment(
        invoice=invoice, amount=1_000, paid_on=NOVEMBER, actor=None, today=NOVEMBER
    )
    with pytest.raises(Conflict):
        services.cancel_invoice(invoice=invoice, reason="x", actor=None)


def test_record_payment_partial_then_full_marks_paid(invoice):
    services.record_payment(
        invoice=invoice, amount=100_000, paid_on=NOVEMBER, actor=None, today=NOVEMBER
    )
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED
    services.record_payment(
        invoice=invoice, amount=263_000, paid_on=NOVEMBER, actor=None, today=NOVEMBER
    )
    invoice.refresh_from_db()
    assert (invoice.status, Payment.objects.count()) == (InvoiceStatus.PAID, 2)


def test_record_payment_larger_than_owed_refused(invoice):
    services.record_payment(
        invoice=invoice, amount=300_000, paid_on=NOVEMBER, actor=None, today=NOVEMBER
    )
    with translation.override("en"), pytest.raises(ValidationFailed) as error:
        services.record_payment(
            invoice=invoice, amount=63_001, paid_on=NOVEMBER, actor=None, today=NOVEMBER
        )
    assert error.value.errors == {
        "amount": ["The payment of 63,001 won is more than the 63,000 won still owed."]
    }
    assert Payment.objects.count() == 1


def test_record_payment_zero_or_future_refused(invoice):
    with pytest.raises(ValidationFailed) as error:
        services.record_payment(
            invoice=invoice, amount=0, paid_on=day(2026, 12, 1), actor=None, today=NOVEMBER
        )
    assert sorted(error.value.errors) == ["amount", "paid_on"]


def test_overdue_reminder_sent_once_in_recipient_language(invoice, owner, staff):
    staff.language = "en"
    staff.save(update_fields=["language"])
    with translation.override("ko"):
        sent = services.send_overdue_reminders(today=day(2026, 12, 20))
    assert sent == 1
    assert services.send_overdue_reminders(today=day(2026, 12, 21)) == 0


def test_lease_ending_reminder_mails_staff_and_company(
    lease, owner, staff, django_capture_on_commit_callbacks, run_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_lease_ending_reminders(today=day(2027, 12, 10))
    run_tasks()
    assert sent == 1
    assert sorted(address for message in mail.outbox for address in message.to) == [
        owner.email,
        staff.email,
    ]


def test_invoice_pdf_embeds_korean_font(invoice, staff):
    loaded = invoice_for_user(user=staff, company_pk=invoice.company_id, pk=invoice.pk)
    korean = invoice_pdf(loaded, language="ko")
    english = invoice_pdf(loaded, language="en")
    assert korean.startswith(b"%PDF-")
    assert b"NotoSansCJKKR" in korean
    assert b"/FontFile3" in korean
    assert english.startswith(b"%PDF-")
