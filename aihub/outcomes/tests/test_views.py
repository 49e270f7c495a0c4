"""The outcome pages: staff pages, company pages, filing and review through the forms."""

import io

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook

from aihub.outcomes import services
from aihub.outcomes.enums import ReportStatus
from aihub.outcomes.models import Report, ReportingPeriod, ReportVersion
from aihub.outcomes.publication import TooFewCompanies
from aihub.outcomes.tests.conftest import figures
from aihub.outcomes.tests.helpers import open_quarter, queries_for

pytestmark = pytest.mark.django_db


def _report_url(report: Report, name: str = "outcomes:report") -> str:
    return reverse(name, kwargs={"pk": report.company_id, "report_pk": report.pk})


FORM = {
    "revenue": "1200000000",
    "export_sales": "0",
    "headcount": "20",
    "new_hires": "4",
    "young_hires": "3",
    "ip_filed": "1",
    "ip_registered": "0",
    "products_launched": "1",
    "enterprise_value": "",
    "note": "",
    "rounds-TOTAL_FORMS": "2",
    "rounds-INITIAL_FORMS": "0",
    "rounds-MIN_NUM_FORMS": "0",
    "rounds-MAX_NUM_FORMS": "30",
    "rounds-0-closed_on": "2025-02-10",
    "rounds-0-stage": "seed",
    "rounds-0-investors": "한강캐피탈",
    "rounds-0-amount": "500000000",
}


def test_period_create_opens_period(staff_client, company):
    response = staff_client.post(
        reverse("outcomes:period_create"),
        {"kind": "annual", "year": "2025", "deadline": "2026-03-31"},
    )
    period = ReportingPeriod.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("outcomes:period", kwargs={"period_pk": period.pk})
    assert period.reports.count() == 1


def test_period_create_quarter_missing_shows_error(staff_client):
    response = staff_client.post(
        reverse("outcomes:period_create"),
        {"kind": "quarterly", "year": "2025", "deadline": "2026-03-31"},
    )
    assert response.status_code == 400
    assert "quarter" in response.context["form"].errors


def test_period_create_refused_to_member(member_client):
    assert member_client.get(reverse("outcomes:period_create")).status_code == 403


def test_report_edit_saves_draft_with_round(owner_client, report):
    response = owner_client.post(_report_url(report, "outcomes:report_edit"), FORM)
    assert response.status_code == 302
    version = ReportVersion.objects.get()
    assert (version.revenue, version.investment) == (1_200_000_000, 500_000_000)


@pytest.mark.parametrize("revenue", ["-5", "12억", "1.5"])
def test_report_edit_bad_amount_shown_next_to_field(owner_client, report, revenue):
    response = owner_client.post(
        _report_url(report, "outcomes:report_edit"), {**FORM, "revenue": revenue}
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["revenue"]
    assert ReportVersion.objects.count() == 0


def test_report_edit_round_outside_period_shown_on_round(owner_client, report):
    response = owner_client.post(
        _report_url(report, "outcomes:report_edit"), {**FORM, "rounds-0-closed_on": "2024-01-01"}
    )
    assert response.status_code == 400
    assert list(response.context["rounds"].forms[0].errors) == ["closed_on"]


def test_report_edit_refused_to_staff(staff_client, report):
    assert staff_client.get(_report_url(report, "outcomes:report_edit")).status_code == 403


def test_report_submit_with_warning_needs_confirmation(owner_client, accepted, staff, company):
    following = Report.objects.get(period=open_quarter(staff, 2), company=company)
    services.save_draft(
        report=following,
        figures=figures(revenue=50_000_000_000),
        actor=company.members.first().user,
    )
    owner_client.post(_report_url(following, "outcomes:report_submit"))
    following.refresh_from_db()
    assert following.status == ReportStatus.DRAFT
    owner_client.post(_report_url(following, "outcomes:report_submit"), {"confirm_warnings": "on"})
    following.refresh_from_db()
    assert following.status == ReportStatus.SUBMITTED


def test_report_return_and_accept_by_staff(staff_client, submitted):
    staff_client.post(_report_url(submitted, "outcomes:report_return"), {"comment": "증빙 첨부"})
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.RETURNED
    page = staff_client.get(_report_url(submitted))
    assert "증빙 첨부" in page.content.decode()


def test_report_accept_refused_to_member(owner_client, submitted):
    response = owner_client.post(_report_url(submitted, "outcomes:report_accept"))
    submitted.refresh_from_db()
    assert (response.status_code, submitted.status) == (403, ReportStatus.SUBMITTED)


def test_report_correct_starts_new_version(owner_client, accepted):
    response = owner_client.post(_report_url(accepted, "outcomes:report_correct"))
    assert response["Location"] == _report_url(accepted, "outcomes:report_edit")
    assert list(accepted.versions.values_list("number", flat=True)) == [2, 1]


def test_report_detail_shows_history(staff_client, accepted):
    response = staff_client.get(_report_url(accepted))
    assert [entry.action for entry in response.context["history"]] == [
        "outcomes.report.accepted",
        "outcomes.report.submitted",
        "outcomes.report.saved",
    ]


def test_dashboard_shows_totals_and_rules(staff_client, accepted):
    response = staff_client.get(reverse("outcomes:dashboard") + "?date_from=2025-01-01")
    assert response.context["figures"].totals.revenue == 1_200_000_000
    body = response.content.decode()
    assert 'data-testid="counting-rules"' in body
    assert body.count('role="img"') == 3
    assert "style=" not in body


def test_dashboard_bad_range_shows_error(staff_client):
    response = staff_client.get(
        reverse("outcomes:dashboard") + "?date_from=2025-01-01&date_to=2024-01-01"
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["date_to"]


def test_dashboard_refused_to_member(member_client):
    assert member_client.get(reverse("outcomes:dashboard")).status_code == 403


def test_dashboard_queries_constant(staff_client, staff, accepted, other_report, owner):
    url = reverse("outcomes:dashboard")
    expected = queries_for(staff_client, url)
    services.record_accepted_report(report=other_report, figures=figures(), actor=staff)
    services.record_accepted_report(
        report=Report.objects.get(period=open_quarter(staff, 2), company=accepted.company),
        figures=figures(),
        actor=staff,
    )
    assert queries_for(staff_client, url) == expected


def test_export_xlsx_one_sheet_per_view_with_numbers(staff_client, accepted):
    response = staff_client.get(reverse("outcomes:export") + "?date_from=2025-01-01")
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 6
    summary = {row[0]: row[1] for row in workbook.worksheets[0].iter_rows(values_only=True)}
    assert 1_200_000_000 in summary.values()


def test_export_csv_has_bom(staff_client, accepted):
    response = staff_client.get(reverse("outcomes:export") + "?format=csv&view=years")
    assert response.content.startswith("\ufeff".encode())


def test_export_refused_to_member(member_client):
    assert member_client.get(reverse("outcomes:export")).status_code == 403


def test_public_figures_too_few_companies_shows_message(client, accepted):
    response = client.get(reverse("outcomes:public"))
    page = response.content.decode()
    assert (response.status_code, response.context["figures"]) == (200, None)
    assert str(TooFewCompanies.default_message) in page
    assert 'data-testid="too-few-companies"' in page
    assert 'data-testid="total-revenue"' not in page


def test_public_figures_hide_value_reported_by_fewer_than_five(
    client, staff, period, make_company, facility
):
    for _ in range(3):
        make_company(resident_at=facility)
    services.add_missing_reports(period=period, actor=staff)
    for number, report in enumerate(period.reports.order_by("pk")):
        value = None if number == 0 else 10_000_000_000
        services.record_accepted_report(
            report=report, figures=figures(enterprise_value=value), actor=staff
        )
    response = client.get(reverse("outcomes:public") + "?date_from=2025-01-01")
    row = response.context["figures"].years[0].totals
    assert (response.status_code, row.reporting_companies, row.enterprise_value) == (200, 5, 0)
    assert response.context["figures"].totals.enterprise_value == 0
    assert 'data-testid="year-value">—<' in response.content.decode()


def test_company_page_for_member(member_client, accepted, company):
    response = member_client.get(reverse("outcomes:company", kwargs={"pk": company.pk}))
    assert [p.revenue for p in response.context["trend"]] == [1_200_000_000]


def test_company_export_csv(member_client, accepted, company):
    response = member_client.get(
        reverse("outcomes:company_export", kwargs={"pk": company.pk}) + "?format=csv"
    )
    assert "1200000000" in response.content.decode("utf-8-sig")


def test_consent_recorded_by_owner_not_member(owner_client, member_client, company):
    url = reverse("outcomes:consent", kwargs={"pk": company.pk})
    assert member_client.post(url, {"granted": "1"}).status_code == 403
    assert owner_client.post(url, {"granted": "1"}).status_code == 302
    assert company.publication_consent.is_active


def _notice(rf, user) -> str:
    request = rf.get("/")
    request.user = user
    return render_to_string("outcomes/_pending_notice.html", request=request)


def test_pending_notice_shown_to_member_until_filed(rf, member, report, owner, staff):
    assert _report_url(report) in _notice(rf, member)
    services.save_draft(report=report, figures=figures(), actor=owner)
    services.submit_report(report=report, actor=owner)
    member.__dict__.pop("role_set", None)
    assert _notice(rf, member).strip() == ""
    assert _notice(rf, staff).strip() == ""


def test_period_list_queries_constant(staff_client, staff, period):
    url = reverse("outcomes:periods")
    expected = queries_for(staff_client, url)
    open_quarter(staff, 2)
    open_quarter(staff, 3)
    assert queries_for(staff_client, url) == expected


def test_period_detail_queries_constant(staff_client, make_company, facility, period):
    url = reverse("outcomes:period", kwargs={"period_pk": period.pk})
    first = queries_for(staff_client, url)
    make_company(resident_at=facility)
    services.add_missing_reports(period=period, actor=None)
    assert period.reports.count() == 3
    assert queries_for(staff_client, url) == first


def test_review_queue_queries_constant(staff_client, staff, submitted, other_report, company):
    url = reverse("outcomes:review")
    first = queries_for(staff_client, url)
    services.save_draft(report=other_report, figures=figures(), actor=staff)
    services.submit_report(report=other_report, actor=staff)
    second = Report.objects.get(period=open_quarter(staff, 2), company=company)
    services.save_draft(report=second, figures=figures(), actor=staff)
    services.submit_report(report=second, actor=staff)
    assert queries_for(staff_client, url) == first


def test_company_page_queries_constant(member_client, staff, accepted, company):
    url = reverse("outcomes:company", kwargs={"pk": company.pk})
    first = queries_for(member_client, url)
    for quarter in (2, 3):
        report = Report.objects.get(period=open_quarter(staff, quarter), company=company)
        services.record_accepted_report(report=report, figures=figures(), actor=staff)
    assert queries_for(member_client, url) == first
