"""Demo outcome reports from 2017 to today, built through the services.

Annual periods 2017 to 2024, then quarterly ones from 2025: the default demo opens the
annual periods (the published figures come out of them) and the quarter still being
collected; ``full`` also opens the quarters in between (2025 to the previous quarter), and
a full run after a default one adds them. The amounts are drawn from fixed
seeds and then scaled so that the accepted reports reproduce what the hub published:
In 2018 and 2019, revenue 60.7 billion KRW, investment 36.2 billion KRW and 443 new hires;
revenue 365.9 billion KRW and investment 369.4 billion KRW from 2017 to the end of 2024;
enterprise value 1.5 trillion KRW at the end of 2024. Running it again changes nothing.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Protocol

from django.db import transaction
from django.utils import translation

from aihub.accounts.models import User
from aihub.companies.models import Company
from aihub.outbox.services import suppressed
from aihub.outcomes import services
from aihub.outcomes.enums import PeriodKind, ReportStatus, RoundStage
from aihub.outcomes.models import Report, ReportingPeriod
from aihub.outcomes.summary import deferred

STAFF_EMAIL = "staff@aihub.example"
OWNER_EMAIL = "owner@aihub.example"
CURRENT = (2026, 3)
"""The quarter still being collected: its deadline lies ahead and its reports are mixed."""

TARGETS = {
    "revenue_2018_2019": 60_700_000_000,
    "revenue_to_2024": 365_900_000_000,
    "investment_2018_2019": 36_200_000_000,
    "investment_to_2024": 369_400_000_000,
    "hires_2018_2019": 443,
    "enterprise_value_2024": 1_500_000_000_000,
}
INVESTORS = (
    "양재벤처파트너스",
    "서초인베스트먼트",
    "한강캐피탈",
    "서울AI펀드",
    "태봉로벤처스",
    "우면기술투자",
    "Seoul Frontier Capital",
    "Han River Partners",
)
_STAGE_BY_ROUND = (
    RoundStage.SEED,
    RoundStage.PRE_A,
    RoundStage.SERIES_A,
    RoundStage.SERIES_B,
    RoundStage.SERIES_C,
)


class _Writer(Protocol):
    def write(self, text: str, /) -> object: ...


def period_plan(*, full: bool = True) -> list[tuple[str, int, int | None, datetime.date]]:
    """(kind, year, quarter, deadline) of every demo period, oldest first; without ``full``
    only the annual periods and the current quarter."""
    plan: list[tuple[str, int, int | None, datetime.date]] = [
        (PeriodKind.ANNUAL, year, None, datetime.date(year + 1, 3, 31))
        for year in range(2017, 2025)
    ]
    for year in (2025, 2026):
        for quarter in (1, 2, 3, 4):
            if (year, quarter) > CURRENT:
                break
            end_month = 3 * quarter
            deadline = datetime.date(year + (quarter == 4), end_month % 12 + 1, 1) + (
                datetime.timedelta(days=29)
            )
            if (year, quarter) == CURRENT:
                deadline = datetime.date(2026, 11, 30)
            elif not full:
                continue
            plan.append((PeriodKind.QUARTERLY, year, quarter, deadline))
    return plan


@dataclass
class Planned:
    report_pk: int
    company_pk: int
    year: int
    starts_on: datetime.date
    ends_on: datetime.date
    quarterly: bool
    revenue: int = 0
    rounds: list[dict] = field(default_factory=list)
    headcount: int = 0
    new_hires: int = 0
    young_share: float = 0.6
    export_share: float = 0.0
    ip_filed: int = 0
    ip_registered: int = 0
    products: int = 0
    enterprise_value: int | None = None
    status: str = ReportStatus.ACCEPTED


def _draw(reports: list[Planned], rng: random.Random, headcount: int) -> None:
    """Raw figures for one company's reports, oldest first."""
    revenue = rng.lognormvariate(19.2, 1.0)
    growth = rng.uniform(1.05, 1.45)
    people = max(2, headcount // 2)
    raised = 0
    rounds_done = 0
    value: int | None = None
    for report in reports:
        share = 0.25 if report.quarterly else 1.0
        revenue *= growth**share
        report.revenue = round(revenue * share * rng.uniform(0.85, 1.15))
        hires = rng.choices((0, 1, 2, 3, 5, 8), weights=(30, 25, 18, 12, 10, 5))[0]
        hires = hires if not report.quarterly else hires // 2
        people = people + hires - (1 if hires and rng.random() < 0.3 else 0)
        report.new_hires, report.headcount = hires, max(1, people)
        report.young_share = rng.uniform(0.4, 0.8)
        report.export_share = rng.choice((0.0, 0.0, 0.05, 0.15, 0.3))
        report.ip_filed = rng.choices((0, 1, 2, 4), weights=(50, 30, 15, 5))[0]
        report.ip_registered = min(report.ip_filed, rng.choice((0, 0, 1)))
        report.products = rng.choices((0, 1, 2), weights=(70, 25, 5))[0]
        if rng.random() < (0.09 if report.quarterly else 0.3):
            stage = _STAGE_BY_ROUND[min(rounds_done, len(_STAGE_BY_ROUND) - 1)]
            amount = round(rng.lognormvariate(21.0, 0.8) * (1.6**rounds_done))
            day = rng.randint(0, (report.ends_on - report.starts_on).days)
            report.rounds = [
                {
                    "closed_on": report.starts_on + datetime.timedelta(days=day),
                    "stage": stage,
                    "investors": ", ".join(rng.sample(INVESTORS, rng.randint(1, 3))),
                    "amount": amount,
                }
            ]
            raised += amount
            rounds_done += 1
            value = round(raised * rng.uniform(3.0, 6.0))
        report.enterprise_value = value


def _scale(reports: list[Planned], pick, target: int, unit: int) -> float:
    """Scale the amounts ``pick`` selects so they add up to exactly ``target``."""
    chosen = [r for r in reports if pick(r)]
    total = sum(r.revenue for r in chosen)
    factor = target / total if total else 0
    for report in chosen:
        report.revenue = round(report.revenue * factor / unit) * unit
    if chosen:
        largest = max(chosen, key=lambda r: r.revenue)
        largest.revenue += target - sum(r.revenue for r in chosen)
    return factor


def _scale_rounds(reports: list[Planned], pick, target: int) -> float:
    rounds = [rnd for r in reports if pick(r) for rnd in r.rounds]
    total = sum(rnd["amount"] for rnd in rounds)
    factor = target / total if total else 0
    for rnd in rounds:
        rnd["amount"] = max(1, round(rnd["amount"] * factor / 1_000_000) * 1_000_000)
    if rounds:
        largest = max(rounds, key=lambda rnd: rnd["amount"])
        largest["amount"] += target - sum(rnd["amount"] for rnd in rounds)
    return factor


def _scale_hires(reports: list[Planned], pick, target: int) -> None:
    chosen = [r for r in reports if pick(r)]
    total = sum(r.new_hires for r in chosen) or 1
    shares = [(r, r.new_hires * target / total) for r in chosen]
    for report, share in shares:
        report.new_hires = int(share)
    missing = target - sum(r.new_hires for r in chosen)
    by_remainder = sorted(shares, key=lambda item: (item[1] - int(item[1]), item[0].report_pk))
    for report, _share in reversed(by_remainder[-missing:] if missing else []):
        report.new_hires += 1


def _scale_values(reports: list[Planned], scale: int) -> None:
    latest = [r for r in reports if r.year == 2024 and r.enterprise_value]
    total = sum(r.enterprise_value for r in latest)
    target = TARGETS["enterprise_value_2024"] * scale
    factor = target / total if total else 0
    for report in reports:
        if report.enterprise_value:
            report.enterprise_value = round(report.enterprise_value * factor / 10**8) * 10**8
    if latest:
        largest = max(latest, key=lambda r: r.enterprise_value)
        largest.enterprise_value += target - sum(r.enterprise_value for r in latest)


def _statuses(reports: list[Planned], owner_company: int | None) -> None:
    for report in reports:
        if (report.year, (report.ends_on.month - 1) // 3 + 1) != CURRENT or not report.quarterly:
            continue
        roll = random.Random(f"outcomes-status-{report.report_pk}").random()
        if report.company_pk == owner_company or roll < 0.1:
            report.status = ReportStatus.TO_FILE
        elif roll < 0.2:
            report.status = ReportStatus.DRAFT
        elif roll < 0.25:
            report.status = ReportStatus.RETURNED
        elif roll < 0.45:
            report.status = ReportStatus.SUBMITTED


def plan_reports(periods: list[ReportingPeriod], scale: int = 1) -> list[Planned]:
    """Figures for every report of the demo periods, scaled to the published totals."""
    by_company: dict[int, list[Planned]] = defaultdict(list)
    rows = (
        Report.objects.filter(period__in=periods)
        .values_list("pk", "company_id", "period__kind", "period__starts_on", "period__ends_on")
        .order_by("company_id", "period__starts_on")
    )
    for pk, company, kind, starts_on, ends_on in rows:
        by_company[company].append(
            Planned(pk, company, ends_on.year, starts_on, ends_on, kind == PeriodKind.QUARTERLY)
        )
    companies = dict(Company.objects.values_list("pk", "registration_number"))
    headcounts = dict(Company.objects.values_list("pk", "headcount"))
    reports: list[Planned] = []
    for company, planned in sorted(by_company.items()):
        _draw(planned, random.Random(f"outcomes-{companies[company]}"), headcounts[company])
        reports.extend(planned)

    def early(r: Planned) -> bool:
        return r.year in (2018, 2019)

    def rest(r: Planned) -> bool:
        return r.year <= 2024 and not early(r)

    def later(r: Planned) -> bool:
        return r.year > 2024

    raw_later = sum(r.revenue for r in reports if later(r))
    factor = _scale(
        reports, rest, (TARGETS["revenue_to_2024"] - TARGETS["revenue_2018_2019"]) * scale, 10_000
    )
    _scale(reports, early, TARGETS["revenue_2018_2019"] * scale, 10_000)
    _scale(reports, later, round(raw_later * factor / 10_000) * 10_000, 10_000)
    raw_later_rounds = sum(rnd["amount"] for r in reports if later(r) for rnd in r.rounds)
    factor = _scale_rounds(
        reports, rest, (TARGETS["investment_to_2024"] - TARGETS["investment_2018_2019"]) * scale
    )
    _scale_rounds(reports, early, TARGETS["investment_2018_2019"] * scale)
    _scale_rounds(reports, later, round(raw_later_rounds * factor / 10**6) * 10**6)
    _scale_hires(reports, early, TARGETS["hires_2018_2019"] * scale)
    _scale_values(reports, scale)
    owner = Company.objects.filter(members__user__email=OWNER_EMAIL).values_list("pk", flat=True)
    _statuses(reports, owner.first())
    return reports


def _figures(report: Planned) -> dict:
    young = min(report.new_hires, round(report.new_hires * report.young_share))
    return {
        "revenue": report.revenue,
        "export_sales": round(report.revenue * report.export_share / 10_000) * 10_000,
        "headcount": report.headcount,
        "new_hires": report.new_hires,
        "young_hires": young,
        "ip_filed": report.ip_filed,
        "ip_registered": report.ip_registered,
        "products_launched": report.products,
        "enterprise_value": report.enterprise_value,
        "note": "",
    }


def _write(report: Report, planned: Planned, actor: User, member: User | None) -> None:
    figures, rounds = _figures(planned), planned.rounds
    if planned.status == ReportStatus.ACCEPTED:
        services.record_accepted_report(report=report, figures=figures, rounds=rounds, actor=actor)
        return
    filer = member or actor
    services.save_draft(report=report, figures=figures, rounds=rounds, actor=filer)
    if planned.status == ReportStatus.DRAFT:
        return
    services.submit_report(report=report, confirm_warnings=True, actor=filer)
    if planned.status == ReportStatus.RETURNED:
        services.return_report(
            report=report,
            comment="매출액 증빙(부가세 신고서)을 첨부해 주세요. / Please attach the VAT return.",
            actor=actor,
        )


@suppressed()
@deferred()
def seed_outcomes(*, scale: int = 1, full: bool = False, stdout: _Writer | None = None) -> int:
    """Open the demo periods and file their reports; returns how many reports it wrote.

    The annual periods 2017 to 2024 and the current quarter, or with ``full`` every quarter
    since 2025 as well.

    Needs the demo companies and the staff account of ``seed_demo``. Periods before the
    current quarter are closed after their reports are accepted; the figures' summary
    tables are rebuilt at the end.
    """
    actor = User.objects.get(email=STAFF_EMAIL)
    written = 0
    with translation.override("ko"):
        periods = []
        for kind, year, quarter, deadline in period_plan(full=full):
            starts_on, _ends_on = services.period_dates(kind=kind, year=year, quarter=quarter)
            period = ReportingPeriod.objects.filter(kind=kind, starts_on=starts_on).first()
            if period is None:
                period = services.open_period(
                    kind=kind, year=year, quarter=quarter, deadline=deadline, actor=actor
                )
            periods.append(period)
        plans = {p.report_pk: p for p in plan_reports(periods, scale)}
        members = dict(
            User.objects.filter(company_memberships__isnull=False).values_list(
                "company_memberships__company_id", "pk"
            )
        )
        users = User.objects.in_bulk(list(members.values()))
        pending = Report.objects.filter(pk__in=plans, status=ReportStatus.TO_FILE).select_related(
            "period", "company"
        )
        for period in periods:
            with transaction.atomic():
                for report in pending.filter(period=period).order_by("company_id"):
                    planned = plans[report.pk]
                    if planned.status == ReportStatus.TO_FILE:
                        continue
                    member = users.get(members.get(report.company_id))
                    _write(report, planned, actor, member)
                    written += 1
            if stdout is not None:
                stdout.write(f"  {period.label}: {written} outcome reports\n")
        for period in periods:
            if period.ends_on < datetime.date(2026, 1, 1) and period.closed_at is None:
                services.close_period(period=period, actor=actor)
    if stdout is not None:
        stdout.write(f"Outcome reports written: {written}\n")
    return written
