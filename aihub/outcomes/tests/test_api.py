"""The outcome endpoints: happy paths, refusals and constant query counts."""

import pytest

from aihub.outcomes import services
from aihub.outcomes.enums import ReportStatus
from aihub.outcomes.models import Report, ReportingPeriod
from aihub.outcomes.tests.conftest import figures
from aihub.outcomes.tests.helpers import open_quarter, queries_for

pytestmark = pytest.mark.django_db
API = "/api/v1/outcomes"

REPORT_BODY = {
    "revenue": 1_200_000_000,
    "headcount": 20,
    "new_hires": 4,
    "young_hires": 3,
    "rounds": [
        {
            "closed_on": "2025-02-10",
            "stage": "seed",
            "investors": "한강캐피탈",
            "amount": 500_000_000,
        }
    ],
}


def _url(report: Report, suffix: str = "") -> str:
    return f"{API}/companies/{report.company_id}/reports/{report.pk}{suffix}"


def test_api_open_period_by_staff(staff_client, company):
    response = staff_client.post(
        f"{API}/periods",
        {"kind": "quarterly", "year": 2025, "quarter": 2, "deadline": "2025-07-31"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["label"] == ReportingPeriod.objects.get().label


def test_api_open_period_refused_to_member(member_client):
    response = member_client.post(
        f"{API}/periods",
        {"kind": "annual", "year": 2025, "deadline": "2026-03-31"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")


def test_api_list_periods_refused_to_member(member_client):
    assert member_client.get(f"{API}/periods").status_code == 403


def test_api_list_periods_queries_constant(staff_client, staff, period):
    first = queries_for(staff_client, f"{API}/periods")
    open_quarter(staff, 2)
    open_quarter(staff, 3)
    assert queries_for(staff_client, f"{API}/periods") == first
    assert staff_client.get(f"{API}/periods").json()["count"] == 3


def test_api_list_reports_member_sees_own_company_only(member_client, report, other_report):
    items = member_client.get(f"{API}/reports").json()["items"]
    assert [item["id"] for item in items] == [report.pk]


def test_api_list_reports_anonymous_refused(client):
    assert client.get(f"{API}/reports").status_code == 401


def test_api_list_reports_queries_constant(staff_client, staff, period, company):
    first = queries_for(staff_client, f"{API}/reports?page_size=100")
    open_quarter(staff, 2)
    assert Report.objects.count() == 4
    assert queries_for(staff_client, f"{API}/reports?page_size=100") == first


def test_api_save_submit_accept_flow(owner_client, staff_client, report):
    saved = owner_client.put(_url(report), REPORT_BODY, content_type="application/json")
    assert saved.json()["current_version"]["investment"] == 500_000_000
    submitted = owner_client.post(_url(report, "/submit"), {}, content_type="application/json")
    assert submitted.json()["status"] == ReportStatus.SUBMITTED
    accepted = staff_client.post(_url(report, "/accept"))
    assert accepted.json()["status"] == ReportStatus.ACCEPTED


@pytest.mark.parametrize("revenue", [-1, "many", 1.5])
def test_api_save_bad_revenue_refused(owner_client, report, revenue):
    response = owner_client.put(
        _url(report), {**REPORT_BODY, "revenue": revenue}, content_type="application/json"
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["revenue"]


def test_api_save_refused_to_other_company_member(owner_client, other_report):
    response = owner_client.put(_url(other_report), REPORT_BODY, content_type="application/json")
    assert response.status_code == 404


def test_api_get_report(member_client, accepted):
    body = member_client.get(_url(accepted)).json()
    assert body["current_version"]["rounds"][0]["amount"] == 2_000_000_000


def test_api_get_report_refused_to_other_company(member_client, other_report):
    assert member_client.get(_url(other_report)).status_code == 404


def test_api_submit_warning_needs_confirmation(owner_client, owner, staff, accepted, company):
    following = Report.objects.get(period=open_quarter(staff, 2), company=company)
    services.save_draft(report=following, figures=figures(revenue=50_000_000_000), actor=owner)
    refused = owner_client.post(_url(following, "/submit"), {}, content_type="application/json")
    assert (refused.status_code, refused.json()["code"]) == (400, "confirmation_required")
    confirmed = owner_client.post(
        _url(following, "/submit"), {"confirm_warnings": True}, content_type="application/json"
    )
    assert confirmed.json()["status"] == ReportStatus.SUBMITTED


def test_api_submit_refused_to_staff(staff_client, report):
    response = staff_client.post(_url(report, "/submit"), {}, content_type="application/json")
    assert response.status_code == 403


def test_api_return_with_comment(staff_client, submitted):
    response = staff_client.post(
        _url(submitted, "/return"), {"comment": "증빙 첨부"}, content_type="application/json"
    )
    assert response.json()["current_version"]["review_comment"] == "증빙 첨부"


def test_api_return_refused_to_member(owner_client, submitted):
    response = owner_client.post(
        _url(submitted, "/return"), {"comment": "x"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_api_accept_refused_to_member(owner_client, submitted):
    assert owner_client.post(_url(submitted, "/accept")).status_code == 403


def test_api_accept_draft_conflict(staff_client, report, owner):
    services.save_draft(report=report, figures=figures(), actor=owner)
    response = staff_client.post(_url(report, "/accept"))
    assert (response.status_code, response.json()["code"]) == (409, "not_submitted")


def test_api_correction_after_lock(owner_client, accepted):
    locked = owner_client.put(_url(accepted), REPORT_BODY, content_type="application/json")
    assert (locked.status_code, locked.json()["code"]) == (409, "report_locked")
    response = owner_client.post(_url(accepted, "/correction"))
    assert response.json()["current_version"]["number"] == 2


def test_api_correction_refused_to_staff(staff_client, accepted):
    assert staff_client.post(_url(accepted, "/correction")).status_code == 403


def test_api_company_figures(member_client, accepted, company):
    body = member_client.get(f"{API}/companies/{company.pk}/figures").json()
    assert [p["revenue"] for p in body["periods"]] == [1_200_000_000]


def test_api_company_figures_refused_to_other_company(member_client, other_company):
    assert member_client.get(f"{API}/companies/{other_company.pk}/figures").status_code == 404


def test_api_consent_by_owner(owner_client, company):
    response = owner_client.put(
        f"{API}/companies/{company.pk}/consent", {"granted": True}, content_type="application/json"
    )
    assert response.json() == {"granted": True}


def test_api_consent_refused_to_member(member_client, company):
    response = member_client.put(
        f"{API}/companies/{company.pk}/consent", {"granted": True}, content_type="application/json"
    )
    assert response.status_code == 403


def test_api_figures_for_staff(staff_client, accepted):
    body = staff_client.get(f"{API}/figures?date_from=2025-01-01&date_to=2025-12-31").json()
    assert (body["totals"]["revenue"], body["supported_in_range"]) == (1_200_000_000, 2)


def test_api_figures_refused_to_member(member_client):
    assert member_client.get(f"{API}/figures").status_code == 403


def test_api_figures_reversed_range_refused(staff_client):
    response = staff_client.get(f"{API}/figures?date_from=2025-01-01&date_to=2024-01-01")
    assert (response.status_code, list(response.json()["errors"])) == (400, ["date_to"])


def test_api_public_figures_fewer_than_five_refused(client, accepted):
    response = client.get(f"{API}/public-figures")
    assert (response.status_code, response.json()["code"]) == (403, "too_few_companies")


def test_api_public_figures_five_companies(client, staff, period, make_company, facility):
    for _ in range(3):
        make_company(resident_at=facility)
    services.add_missing_reports(period=period, actor=staff)
    for report in period.reports.all():
        services.record_accepted_report(report=report, figures=figures(), actor=staff)
    body = client.get(f"{API}/public-figures?date_from=2025-01-01").json()
    assert body["totals"]["revenue"] == 5 * 1_200_000_000
    assert body["companies_by_name"] == []
