"""Reads about companies. Every fetch of company-owned data goes through here."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from aihub.accounts.models import User
from aihub.companies.enums import CompanyStatus
from aihub.companies.models import (
    AIDomain,
    Company,
    CompanyMember,
    Invitation,
    MembershipPeriod,
    status_from_periods,
)
from aihub.core.errors import NotFound


def _current_periods(today: datetime.date) -> QuerySet[MembershipPeriod]:
    return MembershipPeriod.objects.filter(company=OuterRef("pk"), starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )


def filter_by_status(
    queryset: QuerySet[Company], status: str, *, today: datetime.date | None = None
) -> QuerySet[Company]:
    """Companies whose status today is ``status`` (see ``Company.status_on``)."""
    today = today or timezone.localdate()
    current = _current_periods(today)
    started = MembershipPeriod.objects.filter(company=OuterRef("pk"), starts_on__lte=today)
    if status in (CompanyStatus.RESIDENT, CompanyStatus.MEMBERSHIP):
        return queryset.filter(Exists(current.filter(kind=status)))
    if status == CompanyStatus.ALUMNI:
        return queryset.filter(Exists(started)).exclude(Exists(current))
    if status == CompanyStatus.NONE:
        return queryset.exclude(Exists(started))
    return queryset


def with_periods(queryset: QuerySet[Company]) -> QuerySet[Company]:
    """Prefetch the membership periods that ``Company.status`` and the pages read."""
    return queryset.prefetch_related(
        Prefetch(
            "membership_periods",
            queryset=MembershipPeriod.objects.select_related("facility").order_by("-starts_on"),
        )
    )


def companies_for_user(*, user: User) -> QuerySet[Company]:
    """The gate: staff see every company, a company member only their own."""
    if not user.is_authenticated:
        return Company.objects.none()
    if user.is_hub_staff:
        return Company.objects.all()
    return Company.objects.filter(members__user=user)


@dataclass(frozen=True)
class CompanyFilters:
    q: str = ""
    status: str = ""
    facility: str = ""
    domain: str = ""
    stage: str = ""
    sort: str = "name"


SORTS = {
    "name": ("name_ko", "id"),
    "-founded": ("-founded_on", "id"),
    "founded": ("founded_on", "id"),
    "-created": ("-created_at", "-id"),
    "-headcount": ("-headcount", "id"),
}


def company_list_for_user(
    *, user: User, filters: CompanyFilters, prefetch: bool = True
) -> QuerySet[Company]:
    """The company list with search, filters and sorting.

    With ``prefetch`` the companies come with their periods and domains; a page that shows
    only a slice reads those for the slice with ``list_details`` instead.
    """
    companies = companies_for_user(user=user)
    if filters.q:
        term = filters.q.strip()
        digits = term.replace("-", "")
        match = (
            Q(name_ko__icontains=term)
            | Q(name_en__icontains=term)
            | Q(representative__icontains=term)
        )
        if digits.isdigit():
            match |= Q(registration_number__startswith=digits)
        companies = companies.filter(match)
    if filters.status in CompanyStatus.values:
        companies = filter_by_status(companies, filters.status)
    if filters.facility:
        today = timezone.localdate()
        companies = companies.filter(
            Exists(_current_periods(today).filter(facility__slug=filters.facility))
        )
    if filters.domain:
        companies = companies.filter(
            Exists(AIDomain.objects.filter(companies=OuterRef("pk"), code=filters.domain))
        )
    if filters.stage:
        companies = companies.filter(stage=filters.stage)
    companies = companies.order_by(*SORTS.get(filters.sort, SORTS["name"]))
    return with_periods(companies.prefetch_related("ai_domains")) if prefetch else companies


@dataclass(frozen=True)
class ListDetails:
    status: CompanyStatus
    domains: list[tuple[str, str]]


def list_details(
    companies: list[Company], *, today: datetime.date | None = None
) -> dict[int, ListDetails]:
    """Status and AI domain names (Korean, English) of a few companies, in two queries."""
    today = today or timezone.localdate()
    ids = [company.pk for company in companies]
    periods: dict[int, list[tuple]] = {pk: [] for pk in ids}
    for company_id, *period in MembershipPeriod.objects.filter(company_id__in=ids).values_list(
        "company_id", "kind", "starts_on", "ends_on"
    ):
        periods[company_id].append(period)
    domains: dict[int, list[tuple[str, str]]] = {pk: [] for pk in ids}
    links = Company.ai_domains.through.objects.filter(company_id__in=ids).order_by("aidomain__code")
    for company_id, ko, en in links.values_list(
        "company_id", "aidomain__name_ko", "aidomain__name_en"
    ):
        domains[company_id].append((ko, en))
    return {
        pk: ListDetails(status=status_from_periods(periods[pk], today), domains=domains[pk])
        for pk in ids
    }


def company_for_user(*, user: User, pk: int) -> Company:
    """One company the user may see, with what its page shows; 404 otherwise."""
    company = (
        with_periods(companies_for_user(user=user).filter(pk=pk))
        .prefetch_related(
            "ai_domains",
            Prefetch("members", queryset=CompanyMember.objects.select_related("user")),
        )
        .first()
    )
    if company is None:
        raise NotFound()
    return company


def open_invitations_for_company(*, company: Company) -> QuerySet[Invitation]:
    return company.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def member_of_company(*, company: Company, pk: int) -> CompanyMember:
    member = company.members.select_related("user").filter(pk=pk).first()
    if member is None:
        raise NotFound()
    return member


def invitation_of_company(*, company: Company, pk: int) -> Invitation:
    invitation = company.invitations.filter(pk=pk).first()
    if invitation is None:
        raise NotFound()
    return invitation


def companies_of_user(*, user: User) -> QuerySet[Company]:
    """The companies a user belongs to, for their home page."""
    return with_periods(Company.objects.filter(members__user=user)).prefetch_related("ai_domains")


@dataclass(frozen=True)
class HubSnapshot:
    """Where the hub's companies stand on one day."""

    status_counts: dict[str, int]
    companies_by_facility: dict[int, int]

    @property
    def supported(self) -> int:
        """Companies that have begun at least one membership period."""
        return sum(n for status, n in self.status_counts.items() if status != CompanyStatus.NONE)

    @property
    def current(self) -> int:
        return (
            self.status_counts[CompanyStatus.RESIDENT]
            + self.status_counts[CompanyStatus.MEMBERSHIP]
        )


def hub_snapshot(*, today: datetime.date | None = None) -> HubSnapshot:
    """Status counts and companies per facility today, from the current periods.

    Supported companies are those with a period that has begun; those without a current
    period among them are alumni; companies with no period yet are "none". A company counts
    at a facility when its current period names that facility.
    """
    today = today or timezone.localdate()
    started = MembershipPeriod.objects.filter(starts_on__lte=today)
    current = (
        started.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values("kind", "facility_id")
        .annotate(companies=Count("company", distinct=True))
        .order_by()
    )
    by_kind = dict.fromkeys((CompanyStatus.RESIDENT, CompanyStatus.MEMBERSHIP), 0)
    by_facility: dict[int, int] = {}
    for group in current:
        # Periods of one company never overlap, so the groups share no company.
        by_kind[group["kind"]] += group["companies"]
        if group["facility_id"] is not None:
            by_facility[group["facility_id"]] = (
                by_facility.get(group["facility_id"], 0) + group["companies"]
            )
    supported = started.values("company").distinct().count()
    resident, membership = by_kind[CompanyStatus.RESIDENT], by_kind[CompanyStatus.MEMBERSHIP]
    return HubSnapshot(
        status_counts={
            CompanyStatus.RESIDENT: resident,
            CompanyStatus.MEMBERSHIP: membership,
            CompanyStatus.ALUMNI: supported - resident - membership,
            CompanyStatus.NONE: Company.objects.count() - supported,
        },
        companies_by_facility=by_facility,
    )


def status_counts(*, today: datetime.date | None = None) -> dict[str, int]:
    """How many companies hold each status today."""
    return hub_snapshot(today=today).status_counts


def newest_companies_for_user(*, user: User, limit: int = 8) -> QuerySet[Company]:
    """The most recently registered companies the user may see, with their status."""
    return companies_for_user(user=user).order_by("-id")[:limit]
