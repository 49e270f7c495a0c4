"""Reads about people."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from aihub.accounts.enums import COMPANY_MEMBER, Role
from aihub.accounts.models import RoleAssignment, User
from aihub.core.errors import NotFound


def people_for_staff(*, q: str = "", role: str = "") -> QuerySet[User]:
    """Every account, searchable by name or email and filterable by role."""
    from aihub.companies.models import CompanyMember

    people = User.objects.prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.order_by("role"))
    ).annotate(is_company_member=Exists(CompanyMember.objects.filter(user=OuterRef("pk"))))
    if q:
        people = people.filter(Q(full_name__icontains=q) | Q(email__icontains=q))
    if role == COMPANY_MEMBER:
        people = people.filter(is_company_member=True)
    elif role in Role.values:
        people = people.filter(
            Exists(RoleAssignment.objects.filter(user=OuterRef("pk"), role=role))
        )
    return people.order_by("full_name", "email")


def person_for_staff(*, pk: int) -> User:
    person = (
        User.objects.prefetch_related("role_assignments", "company_memberships__company")
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise NotFound()
    return person
