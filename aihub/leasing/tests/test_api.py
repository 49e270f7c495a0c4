import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aihub.leasing import services
from aihub.leasing.enums import InvoiceStatus, LeaseStatus, PriceBasis
from aihub.leasing.models import Invoice, Lease, Payment
from aihub.leasing.tests.conftest import NOVEMBER
from aihub.spaces.models import Space

pytestmark = pytest.mark.django_db
API = "/api/v1/leasing"
day = datetime.date


def _json(client, method, url, payload=None, **extra):
    call = getattr(client, method)
    if payload is None:
        return call(url, **extra)
    return call(url, payload, content_type="application/json", **extra)


@pytest.fixture
def grow(make_company, make_office, prices, facility):
    """``grow(n)``: n more companies, each with an office lease, an invoice and a payment."""
    serial = itertools.count(10)

    def make(count: int) -> None:
        for index in itertools.islice(serial, count):
            company = make_company(resident_at=facility)
            services.create_lease(
                company=company,
                basis=PriceBasis.PER_M2,
                space=make_office(f"6F-{index:02d}"),
                starts_on=day(2026, 1, 1),
                ends_on=day(2027, 12, 31),
                activate=True,
                actor=None,
            )
            invoice = services.issue_invoices(month=NOVEMBER, actor=None, today=NOVEMBER)[0]
            services.record_payment(
                invoice=invoice, amount=1_000, paid_on=NOVEMBER, actor=None, today=NOVEMBER
            )

    return make


@pytest.mark.parametrize("path", ["/spaces", "/leases", "/invoices", "/payments"])
def test_list_endpoint_query_count_constant(staff_client, grow, path):
    grow(1)
    with CaptureQueriesContext(connection) as one:
        first = staff_client.get(API + path)
    grow(2)
    with CaptureQueriesContext(connection) as three:
        second = staff_client.get(API + path)
    assert (first.json()["count"], second.json()["count"]) == (1, 3)
    assert len(one.captured_queries) == len(three.captured_queries)


@pytest.mark.parametrize("path", ["/leases", "/invoices", "/payments"])
def test_list_endpoint_member_sees_only_own_company(member_client, company, grow, invoice, path):
    services.record_payment(
        invoice=invoice, amount=1_000, paid_on=NOVEMBER, actor=None, today=NOVEMBER
    )
    grow(2)
    body = member_client.get(API + path).json()
    assert body["count"] == 1


def test_list_spaces_anonymous_refused(client, office):
    assert client.get(API + "/spaces").status_code == 401


def test_create_space_happy_path(staff_client, facility):
    response = _json(
        staff_client,
        "post",
        API + "/spaces",
        {
            "facility": "anchor",
            "floor": "5F",
            "kind": "private_office",
            "code": "5F-01",
            "name_ko": "사무실",
            "area_m2": "42.5",
            "desks": 8,
        },
    )
    assert response.status_code == 201
    assert response.json()["area_m2"] == "42.50"


def test_create_space_zero_area_refused(english, staff_client, facility):
    response = _json(
        staff_client,
        "post",
        API + "/spaces",
        {
            "facility": "anchor",
            "floor": "5F",
            "kind": "private_office",
            "code": "5F-01",
            "name_ko": "사무실",
            "area_m2": "0",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"area_m2": ["The area must be more than 0 m²."]}
    assert Space.objects.count() == 0


def test_create_space_member_refused(member_client, facility):
    response = _json(
        member_client,
        "post",
        API + "/spaces",
        {
            "facility": "anchor",
            "floor": "5F",
            "kind": "private_office",
            "code": "5F-01",
            "name_ko": "사무실",
            "area_m2": "40",
        },
    )
    assert response.status_code == 403


def test_set_space_status_happy_and_denied(staff_client, member_client, office):
    url = f"{API}/spaces/{office.pk}/status"
    assert _json(member_client, "post", url, {"status": "maintenance"}).status_code == 403
    response = _json(staff_client, "post", url, {"status": "maintenance"})
    assert response.json()["status"] == "maintenance"


def _lease_payload(company, office, **changes):
    payload = {
        "company": company.pk,
        "basis": "per_m2",
        "space": office.pk,
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "activate": True,
    }
    return {**payload, **changes}


def test_create_lease_happy_path(staff_client, company, office, prices):
    response = _json(staff_client, "post", API + "/leases", _lease_payload(company, office))
    assert response.status_code == 201
    assert response.json()["status"] == LeaseStatus.ACTIVE


def test_create_lease_member_refused(member_client, company, office):
    response = _json(member_client, "post", API + "/leases", _lease_payload(company, office))
    assert response.status_code == 403
    assert Lease.objects.count() == 0


def test_create_lease_overlap_refused_409(staff_client, lease, other_company, office):
    response = _json(
        staff_client,
        "post",
        API + "/leases",
        _lease_payload(other_company, office, starts_on="2026-06-01", ends_on="2026-06-30"),
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "lease_overlap"
    assert Lease.objects.count() == 1


def test_create_lease_end_before_start_refused_400(english, staff_client, company, office):
    response = _json(
        staff_client,
        "post",
        API + "/leases",
        _lease_payload(company, office, starts_on="2026-06-01", ends_on="2026-05-31"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"ends_on": ["The end date is before the start date."]},
    )


def test_create_lease_too_many_seats_refused(staff_client, company, open_area):
    response = _json(
        staff_client,
        "post",
        API + "/leases",
        _lease_payload(company, open_area, basis="per_seat", seats=99),
    )
    assert (response.status_code, response.json()["code"]) == (400, "too_many_seats")


def _lease_url(lease, action=""):
    return f"{API}/companies/{lease.company_id}/leases/{lease.pk}{action}"


def test_lease_lifecycle_endpoints(staff_client, company, office, prices):
    draft = services.create_lease(
        company=company,
        basis=PriceBasis.PER_M2,
        space=office,
        starts_on=day(2026, 1, 1),
        ends_on=day(2026, 12, 31),
        actor=None,
    )
    assert staff_client.get(_lease_url(draft)).json()["status"] == "draft"
    assert staff_client.post(_lease_url(draft, "/activate")).json()["status"] == "active"
    renewed = _json(staff_client, "post", _lease_url(draft, "/renew"), {"ends_on": "2027-12-31"})
    assert (renewed.status_code, renewed.json()["starts_on"]) == (201, "2027-01-01")
    renewal = Lease.objects.get(pk=renewed.json()["id"])
    ended = _json(
        staff_client, "post", _lease_url(renewal, "/terminate"), {"ends_on": "2027-06-30"}
    )
    assert ended.json()["ends_on"] == "2027-06-30"
    other = services.create_lease(
        company=company,
        basis=PriceBasis.MEMBERSHIP,
        starts_on=day(2028, 1, 1),
        ends_on=day(2028, 12, 31),
        actor=None,
    )
    assert staff_client.post(_lease_url(other, "/cancel")).json()["status"] == "cancelled"


def test_get_lease_other_member_refused(member_client, other_company, prices):
    lease = services.create_lease(
        company=other_company,
        basis=PriceBasis.MEMBERSHIP,
        starts_on=day(2026, 1, 1),
        ends_on=day(2026, 12, 31),
        actor=None,
    )
    assert member_client.get(_lease_url(lease)).status_code == 404


def test_invoice_run_is_a_job_then_nothing_new(staff_client, lease, run_tasks):
    month = timezone.localdate().strftime("%Y-%m")
    first = _json(staff_client, "post", API + "/invoice-runs", {"month": month})
    assert (first.status_code, first.json()["job"]["state"]) == (202, "queued")
    again = _json(staff_client, "post", API + "/invoice-runs", {"month": month})
    assert (again.status_code, again.json()["code"]) == (409, "job_already_running")
    run_tasks()
    job = staff_client.get(f"/api/v1/jobs/{first.json()['job']['id']}").json()
    assert (job["state"], Invoice.objects.count()) == ("succeeded", 1)
    second = _json(staff_client, "post", API + "/invoice-runs", {"month": month})
    run_tasks()
    job = staff_client.get(f"/api/v1/jobs/{second.json()['job']['id']}").json()
    assert job["state"] == "succeeded"
    assert Invoice.objects.count() == 1


def test_invoice_run_future_month_refused(staff_client, lease):
    response = _json(staff_client, "post", API + "/invoice-runs", {"month": "2099-01"})
    assert (response.status_code, response.json()["code"]) == (400, "month_not_begun")


def test_invoice_run_member_refused(member_client, lease):
    response = _json(member_client, "post", API + "/invoice-runs", {"month": "2026-11"})
    assert response.status_code == 403


def _invoice_url(invoice, action=""):
    return f"{API}/companies/{invoice.company_id}/invoices/{invoice.pk}{action}"


def test_get_invoice_member_sees_lines(member_client, invoice):
    body = member_client.get(_invoice_url(invoice)).json()
    assert (body["total"], len(body["lines"]), body["overdue"]) == (363_000, 1, body["overdue"])


def test_change_invoice_refused_409(english, staff_client, invoice):
    response = _json(
        staff_client, "patch", _invoice_url(invoice), {"subtotal": 1}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 409
    assert response.json()["message"] == (
        "An issued invoice cannot be changed. Cancel it and issue a new invoice instead."
    )
    invoice.refresh_from_db()
    assert invoice.subtotal == 330_000


def test_invoice_pdf_endpoint_happy_and_denied(member_client, staff_client, invoice, other_company):
    assert member_client.get(_invoice_url(invoice, "/pdf?lang=ko")).content.startswith(b"%PDF-")
    other = services.create_lease(
        company=other_company,
        basis=PriceBasis.MEMBERSHIP,
        starts_on=day(2026, 1, 1),
        ends_on=day(2026, 12, 31),
        activate=True,
        actor=None,
    )
    assert other.pk
    theirs = services.issue_invoices(month=NOVEMBER, actor=None, today=NOVEMBER)[0]
    assert member_client.get(_invoice_url(theirs, "/pdf")).status_code == 404


def test_cancel_invoice_endpoint_reissues(staff_client, invoice):
    response = _json(
        staff_client, "post", _invoice_url(invoice, "/cancel"), {"reason": "정정", "reissue": True}
    )
    body = response.json()
    assert (body["cancelled"]["status"], body["reissued"]["status"]) == (
        InvoiceStatus.CANCELLED,
        InvoiceStatus.ISSUED,
    )


def test_record_payment_endpoint_partial_then_overpayment(staff_client, invoice):
    url = _invoice_url(invoice, "/payments")
    first = _json(staff_client, "post", url, {"amount": 63_000, "paid_on": "2026-11-05"})
    assert first.status_code == 201
    too_much = _json(
        staff_client,
        "post",
        url,
        {"amount": 300_001, "paid_on": "2026-11-06"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert (too_much.status_code, too_much.json()["code"]) == (400, "overpayment")
    assert Payment.objects.count() == 1


def test_record_payment_member_refused(member_client, invoice):
    response = _json(
        member_client,
        "post",
        _invoice_url(invoice, "/payments"),
        {"amount": 1, "paid_on": "2026-11-05"},
    )
    assert response.status_code == 403
