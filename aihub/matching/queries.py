"""Reads of the matching app; every demand fetch starts from the companies gate or from
the user's own expert profiles."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from aihub.accounts.enums import Role
from aihub.accounts.models import User
from aihub.companies.queries import companies_for_user
from aihub.core.errors import NotFound
from aihub.matching.enums import ACCEPTED_OR_LATER, SHARED_STATUSES, MatchStatus
from aihub.matching.models import Demand, Expert, Match, Session


def demands_for_user(*, user: User) -> QuerySet[Demand]:
    """Demands the user may see: staff all; company members their companies' demands;
    experts the demands shared with them and, with the researcher or mentor role,
    demands that are not confidential."""
    if not user.is_authenticated:
        return Demand.objects.none()
    demands = Demand.objects.select_related("company")
    if user.is_hub_staff:
        return demands
    visible = Q(company__in=companies_for_user(user=user)) | Q(
        pk__in=Match.objects.filter(expert__user=user, status__in=SHARED_STATUSES).values(
            "demand_id"
        )
    )
    if user.role_set & {Role.RESEARCHER, Role.MENTOR}:
        visible |= Q(confidential=False)
    return demands.filter(visible)


def demand_for_user(*, user: User, company_pk: int, pk: int) -> Demand:
    """One visible demand of the company in the URL; NotFound otherwise."""
    demand = demands_for_user(user=user).filter(company_id=company_pk, pk=pk).first()
    if demand is None:
        raise NotFound()
    return demand


def matches_for_user(*, user: User, demand: Demand) -> QuerySet[Match]:
    """A demand's matches as the user may see them: staff every proposal; the company the
    matches staff approved; an expert only their own shared matches."""
    matches = demand.matches.select_related("expert__partner").order_by("rank", "id")
    if user.is_hub_staff:
        return matches
    if demand.company.members.filter(user=user).exists():
        return matches.filter(status__in=SHARED_STATUSES).exclude(status=MatchStatus.DECLINED)
    return matches.filter(expert__user=user, status__in=SHARED_STATUSES)


def match_for_user(*, user: User, company_pk: int, pk: int) -> Match:
    match = (
        Match.objects.select_related("demand__company", "expert__partner")
        .filter(demand__in=demands_for_user(user=user), demand__company_id=company_pk, pk=pk)
        .first()
    )
    if match is None:
        raise NotFound()
    if (
        not user.is_hub_staff
        and not matches_for_user(user=user, demand=match.demand).filter(pk=match.pk).exists()
    ):
        raise NotFound()
    return match


def sessions_for_match(*, match: Match) -> QuerySet[Session]:
    return match.sessions.select_related("room").order_by("starts_at")


def experts_for_user(*, user: User) -> QuerySet[Expert]:
    if not user.is_authenticated or not user.is_hub_staff:
        return Expert.objects.none()
    return Expert.objects.select_related("partner").order_by("name_en", "name_ko", "id")


def expert_for_user(*, user: User, pk: int) -> Expert:
    """One expert profile staff may edit; NotFound for anyone else or an unknown id."""
    expert = experts_for_user(user=user).filter(pk=pk).first()
    if expert is None:
        raise NotFound()
    return expert


def my_matches(*, user: User) -> QuerySet[Match]:
    """Matches shared with the user's expert profiles."""
    return (
        Match.objects.filter(expert__user=user, status__in=SHARED_STATUSES)
        .select_related("demand__company", "expert")
        .order_by("-updated_at", "-id")
    )


@dataclass(frozen=True)
class Counts:
    proposed: int
    accepted: int
    solved: int


def match_counts() -> tuple[Counts, list[tuple[str, str, Counts]]]:
    """Proposed, accepted (or later) and solved matches, in total and per partner
    institution (Korean and English name; experts without an institution under "")."""
    flags = {
        "proposed": Count("id"),
        "accepted": Count("id", filter=Q(status__in=ACCEPTED_OR_LATER)),
        "solved": Count("id", filter=Q(status=MatchStatus.SOLVED)),
    }
    total = Match.objects.aggregate(**flags)
    rows = (
        Match.objects.values("expert__partner__name_ko", "expert__partner__name_en")
        .annotate(**flags)
        .order_by("expert__partner__name_en")
    )
    return Counts(**total), [
        (
            row["expert__partner__name_ko"] or "",
            row["expert__partner__name_en"] or "",
            Counts(row["proposed"], row["accepted"], row["solved"]),
        )
        for row in rows
    ]
