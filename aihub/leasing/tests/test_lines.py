import datetime
from decimal import Decimal

import pytest

from aihub.leasing import lines, services
from aihub.leasing.models import Invoice, InvoiceSequence

pytestmark = pytest.mark.django_db

NOVEMBER = datetime.date(2026, 11, 1)
TODAY = datetime.date(2026, 11, 3)


class FakeSource:
    key = "test.fake"

    def __init__(self, company_ids):
        self.open = {f"test.fake:{pk}": pk for pk in company_ids}
        self.billed: dict[str, tuple[int, int]] = {}

    def open_lines(self, *, month, company_ids):
        return [
            lines.ExtraLine(pk, "추가", "Extra", Decimal("1.50"), 1_001, 1_501, ref)
            for ref, pk in self.open.items()
            if company_ids is None or pk in company_ids
        ]

    def mark_invoiced(self, *, refs, invoice):
        for ref in refs:
            self.billed[ref] = (self.open.pop(ref), invoice.pk)

    def release(self, *, invoice):
        for ref, (company_pk, invoice_pk) in list(self.billed.items()):
            if invoice_pk == invoice.pk:
                self.open[ref] = company_pk
                del self.billed[ref]


@pytest.fixture
def fake(company):
    source = FakeSource([company.pk])
    lines.register_line_source(source)
    yield source
    lines.unregister_line_source(FakeSource.key)


def test_company_with_only_extra_lines_invoiced_with_vat(fake, company):
    [invoice] = services.issue_invoices(month=NOVEMBER, actor=None, today=TODAY)
    assert (invoice.company_id, invoice.subtotal, invoice.vat, invoice.total) == (
        company.pk,
        1_501,
        150,
        1_651,
    )
    line = invoice.lines.get()
    assert (line.lease_id, line.basis, line.days, line.source_ref) == (
        None,
        "",
        0,
        f"test.fake:{company.pk}",
    )
    assert fake.open == {}
    assert services.issue_invoices(month=NOVEMBER, actor=None, today=TODAY) == []


def test_extra_lines_follow_lease_lines_and_numbers_stay_gap_free(fake, lease, company):
    [invoice] = services.issue_invoices(month=NOVEMBER, actor=None, today=TODAY)
    positions = list(invoice.lines.order_by("position").values_list("position", "lease_id"))
    assert positions == [(1, lease.pk), (2, None)]
    new = services.reissue_invoice(invoice=invoice, reason="Fix", actor=None, today=TODAY)
    assert (new.number, new.total) == (invoice.number + 1, invoice.total)
    assert InvoiceSequence.objects.get(year=2026).last_number == new.number
    assert Invoice.objects.count() == 2


def test_cancel_releases_extra_lines(fake, company):
    [invoice] = services.issue_invoices(month=NOVEMBER, actor=None, today=TODAY)
    services.cancel_invoice(invoice=invoice, reason="Fix", actor=None)
    assert fake.open == {f"test.fake:{company.pk}": company.pk}


def test_register_same_key_replaces_source(fake, company):
    lines.register_line_source(FakeSource([]))
    assert services.issue_invoices(month=NOVEMBER, actor=None, today=TODAY) == []
