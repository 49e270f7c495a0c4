"""Summary tables behind the hub figures, kept in step with the reports and memberships.

The figures read these instead of every accepted report or company, so a request reads a
few hundred rows whatever the number of companies:

- ``PeriodSummary``: per reporting period end, and whether the reports were filed while a
  member, the sums of the counted versions;
- ``ReportRun``: per period end, how many companies have a counted report there, by the
  end of their previous one (the companies reporting in any range);
- ``MembershipSpan``: stretches of membership per breakdown group (kind, facility, AI
  domain, year joined) with how many companies share them (companies supported);
- ``GroupMoney``: per breakdown group and period end, the revenue and investment of the
  companies, with when they were in the group around that end;
- ``CompanyFigureInput``: per company, what the three tables above last counted of it, so
  that a change replaces exactly its old contribution.

The services call ``report_counted`` in their own transaction; membership and AI-domain
changes and company deletions reach ``membership_changed``, ``company_removing`` and
``company_removed`` through the signals wired in ``OutcomesConfig.ready``. ``rebuild``
(the ``rebuild_outcome_summaries`` command) recomputes everything after bulk loads that
bypass the services.
"""

import contextlib
import contextvars
import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.db.models import Count, Q, Sum

from aihub.companies.models import Company, MembershipPeriod
from aihub.outcomes.models import (
    NEVER,
    OPEN,
    CompanyFigureInput,
    GroupMoney,
    MembershipSpan,
    PeriodSummary,
    ReportRun,
    ReportVersion,
)

FLOWS = (
    "revenue",
    "investment",
    "new_hires",
    "young_hires",
    "export_sales",
    "ip_filed",
    "ip_registered",
    "products_launched",
)
BATCH = 2_000
UPSERT_ROWS = 300
SPAN_KEY = ("family", "key", "starts_on", "ends_on", "previous_ends_on")
MONEY_KEY = ("period_ends_on", "family", "key", "last_in_group", "next_in_group")
MONEY_VALUES = ("reports", "member_revenue", "member_investment", "all_revenue", "all_investment")
RUN_KEY = ("basis", "period_ends_on", "previous_ends_on")
DAY = datetime.timedelta(days=1)

Cells = tuple[Counter, dict[tuple, list[int]], Counter]
"""A company's contribution: span counts, money sums and report runs, each by row key."""


def _counted() -> "ReportVersion.objects":
    return ReportVersion.objects.filter(is_counted=True).order_by()


def _period_rows(ends: list[datetime.date] | None) -> list[PeriodSummary]:
    versions = _counted()
    if ends is not None:
        versions = versions.filter(period_ends_on__in=ends)
    rows = versions.values("period_ends_on", "during_membership").annotate(
        reports=Count("id"),
        ev=Sum("enterprise_value"),
        valued_count=Count("id", filter=Q(enterprise_value__isnull=False)),
        **{name: Sum(name) for name in FLOWS},
    )
    return [
        PeriodSummary(
            period_ends_on=row["period_ends_on"],
            during_membership=row["during_membership"],
            reports=row["reports"],
            enterprise_value=row["ev"] or 0,
            valued=row["valued_count"],
            **{name: row[name] or 0 for name in FLOWS},
        )
        for row in rows
    ]


def _refresh_periods(ends: Iterable[datetime.date]) -> None:
    ends = sorted(set(ends))
    if ends:
        PeriodSummary.objects.filter(period_ends_on__in=ends).delete()
        PeriodSummary.objects.bulk_create(_period_rows(ends))


# What a company contributes ------------------------------------------------------------


def _day(value: str | None, default: datetime.date) -> datetime.date:
    return datetime.date.fromisoformat(value) if value else default


def _merged(stretches: list[tuple[datetime.date, datetime.date]]):
    """Periods joined into disjoint stretches: overlapping or back-to-back ones become one."""
    merged: list[list[datetime.date]] = []
    for start, end in sorted(stretches):
        if merged and (merged[-1][1] == OPEN or start <= merged[-1][1] + DAY):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _groups(data: dict) -> dict[tuple[str, str], list[tuple[datetime.date, datetime.date]]]:
    """The company's breakdown groups, each with the stretches it belonged to the group."""
    periods = [
        (kind, str(facility or ""), _day(start, NEVER), _day(end, OPEN))
        for kind, facility, start, end in data.get("periods", ())
    ]
    if not periods:
        return {}
    by_group: dict[tuple[str, str], list] = defaultdict(list)
    for kind, facility, start, end in periods:
        by_group[("kind", kind)].append((start, end))
        by_group[("facility", facility)].append((start, end))
    every = [(start, end) for _kind, _facility, start, end in periods]
    by_group[("cohort", str(min(start for start, _end in every).year))] = every
    for domain in data.get("domains", ()):
        by_group[("domain", str(domain))] = every
    return {group: _merged(stretches) for group, stretches in by_group.items()}


def _around(stretches, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last day on or before ``end`` and the first on or after it within ``stretches``."""
    last, following = NEVER, OPEN
    for start, stop in stretches:
        if start <= end <= stop:
            return end, end
        if stop < end:
            last = max(last, stop)
        elif start > end:
            following = min(following, start)
    return last, following


def _cells(data: dict) -> Cells:
    """What one company adds to ``MembershipSpan``, ``GroupMoney`` and ``ReportRun``."""
    spans: Counter = Counter()
    money: dict[tuple, list[int]] = {}
    runs: Counter = Counter()
    groups = _groups(data)
    for (family, key), stretches in groups.items():
        previous = NEVER
        for start, end in stretches:
            spans[(family, key, start, end, previous)] += 1
            previous = end
    reports = sorted(
        (_day(end, NEVER), bool(member), revenue, investment)
        for end, member, revenue, investment in data.get("reports", ())
    )
    previous = {"member": NEVER, "all": NEVER}
    for end, member, revenue, investment in reports:
        for basis in ("member", "all") if member else ("all",):
            runs[(basis, end, previous[basis])] += 1
            previous[basis] = end
        values = (1, revenue if member else 0, investment if member else 0, revenue, investment)
        for (family, key), stretches in groups.items():
            row = money.setdefault((end, family, key, *_around(stretches, end)), [0] * 5)
            for index, value in enumerate(values):
                row[index] += value
    return spans, money, runs


def _period_order(period: list) -> tuple:
    kind, facility, start, end = period
    return (kind, facility or 0, start, end or "")


def _company_data(company_pk: int) -> dict:
    periods = sorted(
        (
            [kind, facility, start.isoformat(), end.isoformat() if end else None]
            for kind, facility, start, end in MembershipPeriod.objects.filter(
                company_id=company_pk
            ).values_list("kind", "facility_id", "starts_on", "ends_on")
        ),
        key=_period_order,
    )
    domains = sorted(
        Company.ai_domains.through.objects.filter(company_id=company_pk).values_list(
            "aidomain_id", flat=True
        )
    )
    reports = sorted(
        [end.isoformat(), member, revenue, investment]
        for end, member, revenue, investment in _counted()
        .filter(company_id=company_pk)
        .values_list("period_ends_on", "during_membership", "revenue", "investment")
    )
    return {"periods": periods, "domains": domains, "reports": reports}


# Writing the tables --------------------------------------------------------------------


def _upsert(model, keys: tuple[str, ...], values: tuple[str, ...], rows: dict) -> None:
    """Add ``rows`` ({key tuple: value list}) to the table's rows, creating missing ones,
    then drop the rows whose count (the first value) came down to zero."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(name) for name in (*keys, *values))
    conflict = ", ".join(quote(name) for name in keys)
    updates = ", ".join(f"{quote(n)} = {table}.{quote(n)} + excluded.{quote(n)}" for n in values)
    marks = "(" + ", ".join(["%s"] * (len(keys) + len(values))) + ")"
    items = list(rows.items())
    with connection.cursor() as cursor:
        for first in range(0, len(items), UPSERT_ROWS):
            chunk = items[first : first + UPSERT_ROWS]
            # Table and column names come from the models; every value is a parameter.
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
                f"{', '.join([marks] * len(chunk))} "
                f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}",
                [value for key, numbers in chunk for value in (*key, *numbers)],
            )
        cursor.execute(f"DELETE FROM {table} WHERE {quote(values[0])} = 0")  # noqa: S608


def _difference(old: Cells, new: Cells) -> Cells:
    spans, runs = Counter(new[0]), Counter(new[2])
    spans.subtract(old[0])
    runs.subtract(old[2])
    money: dict[tuple, list[int]] = {key: list(row) for key, row in new[1].items()}
    for key, row in old[1].items():
        target = money.setdefault(key, [0] * 5)
        for index, value in enumerate(row):
            target[index] -= value
    return (
        Counter({key: n for key, n in spans.items() if n}),
        {key: row for key, row in money.items() if any(row)},
        Counter({key: n for key, n in runs.items() if n}),
    )


def _apply(change: Cells) -> None:
    spans, money, runs = change
    _upsert(MembershipSpan, SPAN_KEY, ("companies",), {k: [n] for k, n in spans.items()})
    _upsert(GroupMoney, MONEY_KEY, MONEY_VALUES, money)
    _upsert(ReportRun, RUN_KEY, ("companies",), {k: [n] for k, n in runs.items()})


_deferred = contextvars.ContextVar("outcome_summaries_deferred", default=False)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Bulk loads (the demo data) skip the per-write upkeep inside and rebuild every summary
    once at the end instead; nested uses rebuild only at the outermost end."""
    if _deferred.get():
        yield
        return
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
        rebuild()


def refresh_company(*, company_pk: int) -> None:
    """Replace what the summaries count of one company with its current state.

    Reads the company's membership periods, AI domains and counted reports, and moves the
    span, money and run tables by the difference from what they counted before. Locks the
    company's ``CompanyFigureInput`` row so two writes for one company apply in turn; does
    nothing once the company is gone (``company_removing`` took it out).
    """
    if _deferred.get() or not Company.objects.filter(pk=company_pk).exists():
        return
    state, _created = CompanyFigureInput.objects.select_for_update().get_or_create(
        company_id=company_pk
    )
    data = _company_data(company_pk)
    if data == state.data:
        return
    _apply(_difference(_cells(state.data), _cells(data)))
    state.data = data
    state.save(update_fields=["data"])


@transaction.atomic
def report_counted(*, version: ReportVersion) -> None:
    """Take in that ``version`` now counts in place of any earlier version of its report.

    Recomputes the period end's summary and moves the company's contribution to the others.
    """
    if _deferred.get():
        return
    _refresh_periods([version.period_ends_on])
    refresh_company(company_pk=version.company_id)


def membership_changed(company: Company | int) -> None:
    """Recompute what the figures know of the company's membership periods and AI domains.

    Call it in the transaction of every write to a company's membership periods or AI
    domains; the signals in ``OutcomesConfig.ready`` do so for saves and deletions.
    """
    refresh_company(company_pk=company if isinstance(company, int) else company.pk)


def company_removing(company: Company) -> None:
    """Take a company about to be deleted out of the summaries (before its rows go).

    Remembers its period ends on the instance for ``company_removed``. The deletions of
    its membership periods that follow are skipped by the signal handlers, as their
    ``origin`` is the company.
    """
    state = CompanyFigureInput.objects.select_for_update().filter(company_id=company.pk).first()
    if state is None:
        return
    _apply(_difference(_cells(state.data), _cells({})))
    company._outcome_ends = [_day(row[0], NEVER) for row in state.data.get("reports", ())]
    state.data = {}
    state.save(update_fields=["data"])


def company_removed(company: Company) -> None:
    """Recompute the period summaries the deleted company had reports in."""
    _refresh_periods(getattr(company, "_outcome_ends", ()))


# Rebuilding ----------------------------------------------------------------------------


@transaction.atomic
def rebuild() -> dict[str, int]:
    """Recompute every summary table from the reports and memberships; returns row counts."""
    PeriodSummary.objects.all().delete()
    periods = PeriodSummary.objects.bulk_create(_period_rows(None), batch_size=BATCH)
    data: dict[int, dict] = defaultdict(lambda: {"periods": [], "domains": [], "reports": []})
    for company_pk, kind, facility, start, end in MembershipPeriod.objects.values_list(
        "company_id", "kind", "facility_id", "starts_on", "ends_on"
    ):
        data[company_pk]["periods"].append(
            [kind, facility, start.isoformat(), end.isoformat() if end else None]
        )
    for company_pk, domain_pk in Company.ai_domains.through.objects.values_list(
        "company_id", "aidomain_id"
    ):
        data[company_pk]["domains"].append(domain_pk)
    for company_pk, *report in _counted().values_list(
        "company_id", "period_ends_on", "during_membership", "revenue", "investment"
    ):
        report[0] = report[0].isoformat()
        data[company_pk]["reports"].append(report)
    spans: Counter = Counter()
    money: dict[tuple, list[int]] = {}
    runs: Counter = Counter()
    states = []
    for company_pk, company_data in data.items():
        company_data["periods"].sort(key=_period_order)
        company_data["domains"].sort()
        company_data["reports"].sort()
        company_spans, company_money, company_runs = _cells(company_data)
        spans.update(company_spans)
        runs.update(company_runs)
        for key, row in company_money.items():
            target = money.setdefault(key, [0] * 5)
            for index, value in enumerate(row):
                target[index] += value
        states.append(CompanyFigureInput(company_id=company_pk, data=company_data))
    for model in (MembershipSpan, GroupMoney, ReportRun, CompanyFigureInput):
        model.objects.all().delete()
    spans_made = MembershipSpan.objects.bulk_create(
        (
            MembershipSpan(**dict(zip(SPAN_KEY, k, strict=True)), companies=n)
            for k, n in spans.items()
        ),
        batch_size=BATCH,
    )
    money_made = GroupMoney.objects.bulk_create(
        (
            GroupMoney(
                **dict(zip(MONEY_KEY, k, strict=True)), **dict(zip(MONEY_VALUES, row, strict=True))
            )
            for k, row in money.items()
        ),
        batch_size=BATCH,
    )
    runs_made = ReportRun.objects.bulk_create(
        (ReportRun(**dict(zip(RUN_KEY, k, strict=True)), companies=n) for k, n in runs.items()),
        batch_size=BATCH,
    )
    states_made = CompanyFigureInput.objects.bulk_create(states, batch_size=BATCH)
    return {
        "periods": len(periods),
        "spans": len(spans_made),
        "group_money": len(money_made),
        "report_runs": len(runs_made),
        "companies": len(states_made),
    }
