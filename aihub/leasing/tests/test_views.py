import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aihub.leasing import services
from aihub.leasing.enums import InvoiceStatus, PriceBasis
from aihub.leasing.models import Invoice, Lease
from aihub.leasing.tests.conftest import NOVEMBER

pytestmark = pytest.mark.django_db
day = datetime.date


@pytest.fixture
def many(make_company, make_office, prices, facility):
    """``many(n)``: n companies with an active office lease each, invoiced for November."""

    made = itertools.count(10)

    def make(count: int) -> list[Invoice]:
        for index in itertools.islice(made, count):
            services.create_lease(
                company=make_company(resident_at=facility),
                basis=PriceBasis.PER_M2,
                space=make_office(f"6F-{index:02d}"),
                starts_on=day(2026, 1, 1),
                ends_on=day(2027, 12, 31),
                activate=True,
                actor=None,
            )
        return services.issue_invoices(month=NOVEMBER, actor=None, today=NOVEMBER)

    return make


LIST_PAGES = ["leasing:spaces", "leasing:leases", "leasing:invoices", "leasing:dashboard"]


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_page_query_count_constant(staff_client, many, name):
    many(1)
    with CaptureQueriesContext(connection) as one:
        assert staff_client.get(reverse(name)).status_code == 200
    many(2)
    with CaptureQueriesContext(connection) as three:
        assert staff_client.get(reverse(name)).status_code == 200
    assert len(one.captured_queries) == len(three.captured_queries)


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_page_member_refused(member_client, name):
    assert member_client.get(reverse(name)).status_code == 403


def test_company_page_query_count_constant(staff_client, many):
    invoice = many(1)[0]
    url = reverse("leasing:company", kwargs={"pk": invoice.company_id})
    with CaptureQueriesContext(connection) as one:
        assert staff_client.get(url).status_code == 200
    for year in (2028, 2029):
        services.create_lease(
            company=invoice.company,
            basis=PriceBasis.MEMBERSHIP,
            starts_on=day(year, 1, 1),
            ends_on=day(year, 12, 31),
            activate=True,
            actor=None,
        )
    with CaptureQueriesContext(connection) as three:
        assert staff_client.get(url).status_code == 200
    assert len(one.captured_queries) == len(three.captured_queries)


def test_company_page_member_sees_own_invoices(member_client, invoice):
    response = member_client.get(reverse("leasing:company", kwargs={"pk": invoice.company_id}))
    assert response.status_code == 200
    assert invoice.display_number in response.content.decode()


def test_mine_redirects_member_to_company(member_client, company):
    response = member_client.get(reverse("leasing:mine"))
    assert response.url == reverse("leasing:company", kwargs={"pk": company.pk})


def test_invoice_pdf_member_downloads_own(member_client, invoice):
    url = reverse(
        "leasing:invoice_pdf", kwargs={"pk": invoice.company_id, "invoice_pk": invoice.pk}
    )
    response = member_client.get(url + "?lang=en")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_lease_create_page_overlap_shows_error(english, staff_client, lease, other_company, office):
    response = staff_client.post(
        reverse("leasing:lease_create"),
        {
            "company": other_company.pk,
            "basis": PriceBasis.PER_M2,
            "space": office.pk,
            "seats": 0,
            "starts_on": "2026-06-01",
            "ends_on": "2026-06-30",
            "deposit": 0,
            "discount_percent": 0,
            "activate": "on",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "already leased" in response.content.decode()
    assert Lease.objects.count() == 1


def test_lease_create_page_happy_path(staff_client, company, office, prices):
    response = staff_client.post(
        reverse("leasing:lease_create"),
        {
            "company": company.pk,
            "basis": PriceBasis.PER_M2,
            "space": office.pk,
            "starts_on": "2026-06-01",
            "ends_on": "2027-05-31",
            "deposit": 990_000,
            "discount_percent": 0,
            "activate": "on",
        },
    )
    lease = Lease.objects.get()
    assert response.url == reverse("leasing:lease", kwargs={"pk": company.pk, "lease_pk": lease.pk})


def test_invoice_run_page_future_month_refused(staff_client, lease):
    response = staff_client.post(reverse("leasing:invoice_run"), {"month": "2099-01"})
    assert response.status_code == 400
    assert Invoice.objects.count() == 0


def test_payment_record_page_overpayment_refused(staff_client, invoice):
    url = reverse(
        "leasing:payment_record", kwargs={"pk": invoice.company_id, "invoice_pk": invoice.pk}
    )
    response = staff_client.post(
        url, {"amount": 999_999_999, "paid_on": "2026-11-02", "method": "bank_transfer"}
    )
    assert response.status_code == 400
    assert invoice.payments.count() == 0


def test_invoice_cancel_page_reissues(staff_client, invoice):
    url = reverse(
        "leasing:invoice_cancel", kwargs={"pk": invoice.company_id, "invoice_pk": invoice.pk}
    )
    staff_client.post(url, {"reason": "정정", "reissue": "on"})
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.CANCELLED
    assert Invoice.objects.exclude(pk=invoice.pk).get().replaces == invoice


def test_invoice_export_csv_has_bom(staff_client, invoice):
    response = staff_client.get(reverse("leasing:invoice_export") + "?format=csv")
    assert response.content.startswith("\ufeff".encode())
    assert invoice.display_number in response.content.decode("utf-8-sig")


def test_invoice_export_xlsx(staff_client, invoice):
    response = staff_client.get(reverse("leasing:invoice_export"))
    assert response.content[:2] == b"PK"


def test_floor_page_shows_occupant(staff_client, lease, office):
    response = staff_client.get(reverse("leasing:floor", kwargs={"floor_pk": office.floor_id}))
    assert lease.company.name_ko in response.content.decode()


def test_pages_have_no_inline_style(staff_client, invoice):
    for url in (
        reverse("leasing:dashboard"),
        reverse("leasing:invoice", kwargs={"pk": invoice.company_id, "invoice_pk": invoice.pk}),
    ):
        body = staff_client.get(url).content.decode()
        assert " style=" not in body
        assert "<script>" not in body
