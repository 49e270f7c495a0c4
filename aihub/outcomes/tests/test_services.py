"""The report workflow: periods, drafts, checks, review, locking and corrections."""

import datetime

import pytest
from django.core import mail

from aihub.core.errors import Conflict, ValidationFailed
from aihub.core.models import AuditEntry
from aihub.outcomes import services
from aihub.outcomes.enums import PeriodKind, ReportStatus, VersionStatus
from aihub.outcomes.models import Report, ReportingPeriod, ReportVersion
from aihub.outcomes.tests.conftest import a_round, figures

pytestmark = pytest.mark.django_db


def test_period_dates_quarter_four_ends_new_years_eve():
    assert services.period_dates(kind=PeriodKind.QUARTERLY, year=2025, quarter=4) == (
        datetime.date(2025, 10, 1),
        datetime.date(2025, 12, 31),
    )


def test_open_period_gives_active_companies_a_report(period, company, other_company):
    assert set(period.reports.values_list("company", flat=True)) == {company.pk, other_company.pk}


def test_open_period_skips_company_without_membership(period, make_company):
    idle = make_company()
    assert not Report.objects.filter(company=idle).exists()


def test_open_period_overlapping_refused(period, staff):
    with pytest.raises(Conflict) as caught:
        services.open_period(
            kind=PeriodKind.ANNUAL, year=2025, deadline=datetime.date(2026, 3, 31), actor=staff
        )
    assert caught.value.code == "period_overlap"
    assert ReportingPeriod.objects.count() == 1


def test_open_period_deadline_before_end_refused(staff):
    with pytest.raises(ValidationFailed) as caught:
        services.open_period(
            kind=PeriodKind.ANNUAL, year=2024, deadline=datetime.date(2024, 6, 1), actor=staff
        )
    assert list(caught.value.errors) == ["deadline"]


def test_save_draft_sums_rounds_into_investment(report, owner):
    version = services.save_draft(
        report=report,
        figures=figures(),
        rounds=[a_round(), a_round(amount=500_000_000, stage="seed")],
        actor=owner,
    )
    report.refresh_from_db()
    assert (version.investment, version.rounds.count()) == (2_500_000_000, 2)
    assert report.status == ReportStatus.DRAFT


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"revenue": -1}, "revenue"),
        ({"revenue": "12억"}, "revenue"),
        ({"revenue": 1.5}, "revenue"),
        ({"young_hires": 9, "new_hires": 2}, "young_hires"),
        ({"enterprise_value": -5}, "enterprise_value"),
    ],
)
def test_save_draft_bad_figures_refused_and_nothing_saved(report, owner, changes, field):
    with pytest.raises(ValidationFailed) as caught:
        services.save_draft(report=report, figures=figures(**changes), actor=owner)
    assert field in caught.value.errors
    assert ReportVersion.objects.count() == 0


def test_save_draft_round_outside_period_refused(report, owner):
    with pytest.raises(ValidationFailed) as caught:
        services.save_draft(
            report=report,
            figures=figures(),
            rounds=[a_round(closed_on=datetime.date(2024, 12, 31))],
            actor=owner,
        )
    assert list(caught.value.errors) == ["rounds.0.closed_on"]


def test_submit_without_draft_refused(report, owner):
    with pytest.raises(Conflict) as caught:
        services.submit_report(report=report, actor=owner)
    assert caught.value.code == "no_draft"


def test_submitted_report_cannot_be_edited(submitted, owner):
    with pytest.raises(Conflict) as caught:
        services.save_draft(report=submitted, figures=figures(revenue=1), actor=owner)
    assert caught.value.code == "report_locked"


def test_return_then_resubmit_then_accept_counts_once(submitted, owner, staff):
    services.return_report(report=submitted, comment="증빙을 첨부하세요", actor=staff)
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.RETURNED
    services.save_draft(report=submitted, figures=figures(revenue=1_300_000_000), actor=owner)
    services.submit_report(report=submitted, actor=owner)
    services.accept_report(report=submitted, actor=staff)
    counted = ReportVersion.objects.get(is_counted=True)
    assert (counted.number, counted.revenue, counted.status) == (
        1,
        1_300_000_000,
        VersionStatus.ACCEPTED,
    )


def test_return_mails_company_in_its_language(
    submitted, staff, owner, django_capture_on_commit_callbacks, run_tasks
):
    owner.language = "en"
    owner.save()
    run_tasks()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.return_report(report=submitted, comment="Attach evidence", actor=staff)
    run_tasks()
    assert [m.subject for m in mail.outbox] == ["Outcome report for 2025 Q1 was returned"]
    assert "Attach evidence" in mail.outbox[0].body


def test_return_without_comment_refused(submitted, staff):
    with pytest.raises(ValidationFailed):
        services.return_report(report=submitted, comment="  ", actor=staff)
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED


def test_accepted_report_locked(accepted, owner):
    with pytest.raises(Conflict) as caught:
        services.save_draft(report=accepted, figures=figures(), actor=owner)
    assert caught.value.code == "report_locked"


def test_correction_keeps_old_version_counted_until_accepted(accepted, owner, staff):
    services.start_correction(report=accepted, actor=owner)
    services.save_draft(report=accepted, figures=figures(revenue=900_000_000), actor=owner)
    assert ReportVersion.objects.get(is_counted=True).revenue == 1_200_000_000
    services.submit_report(report=accepted, actor=owner)
    services.accept_report(report=accepted, actor=staff)
    versions = list(
        ReportVersion.objects.order_by("number").values_list("number", "status", "is_counted")
    )
    assert versions == [
        (1, VersionStatus.SUPERSEDED, False),
        (2, VersionStatus.ACCEPTED, True),
    ]


def test_correction_copies_rounds(accepted, owner):
    version = services.start_correction(report=accepted, actor=owner)
    assert (version.number, version.rounds.count(), version.investment) == (2, 1, 2_000_000_000)


def test_closed_period_refuses_every_change(report, owner, staff, period):
    services.close_period(period=period, actor=staff)
    with pytest.raises(Conflict) as caught:
        services.save_draft(report=report, figures=figures(), actor=owner)
    assert caught.value.code == "period_closed"
    assert ReportVersion.objects.count() == 0


def _next_quarter(staff) -> ReportingPeriod:
    return services.open_period(
        kind=PeriodKind.QUARTERLY,
        year=2025,
        quarter=2,
        deadline=datetime.date(2025, 7, 31),
        actor=staff,
    )


def test_revenue_jump_needs_confirmation(accepted, staff, owner, company):
    following = Report.objects.get(period=_next_quarter(staff), company=company)
    services.save_draft(report=following, figures=figures(revenue=12_000_000_000), actor=owner)
    with pytest.raises(ValidationFailed) as caught:
        services.submit_report(report=following, actor=owner)
    assert caught.value.code == "confirmation_required"
    following.refresh_from_db()
    assert following.status == ReportStatus.DRAFT
    version = services.submit_report(report=following, confirm_warnings=True, actor=owner)
    assert version.confirmed_warnings == ["revenue_jump"]


def test_headcount_drop_over_half_needs_confirmation(accepted, staff, owner, company):
    following = Report.objects.get(period=_next_quarter(staff), company=company)
    services.save_draft(report=following, figures=figures(headcount=9), actor=owner)
    with pytest.raises(ValidationFailed) as caught:
        services.submit_report(report=following, actor=owner)
    assert len(caught.value.errors["confirm_warnings"]) == 1


def test_headcount_drop_by_half_exactly_passes(accepted, staff, owner, company):
    following = Report.objects.get(period=_next_quarter(staff), company=company)
    services.save_draft(report=following, figures=figures(headcount=10), actor=owner)
    assert services.submit_report(report=following, actor=owner).confirmed_warnings == []


def test_consent_granted_twice_logged_once(company, owner):
    assert services.set_publication_consent(company=company, granted=True, actor=owner)
    assert not services.set_publication_consent(company=company, granted=True, actor=owner)
    codes = AuditEntry.objects.filter(action__startswith="outcomes.consent").count()
    assert codes == 1


def test_add_missing_reports_adds_new_company(period, staff, make_company, facility):
    from aihub.companies import services as company_services

    late = make_company()
    company_services.record_membership(
        company=late,
        kind="membership",
        starts_on=datetime.date(2025, 3, 1),
        actor=staff,
    )
    assert services.add_missing_reports(period=period, actor=staff) == 1
    assert services.add_missing_reports(period=period, actor=staff) == 0
