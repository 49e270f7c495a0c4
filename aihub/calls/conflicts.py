"""Conflicts of interest between judges and applicant companies.

A judge is kept away from an application automatically when they are a member of the
applicant company, or when their email address shares its domain with a member's address
(public mail providers such as gmail.com or naver.com do not count); and when they declared
a conflict on it (``Recusal``).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from aihub.companies.models import CompanyMember

PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "naver.com",
        "daum.net",
        "hanmail.net",
        "kakao.com",
        "nate.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "proton.me",
        "protonmail.com",
    }
)


def mail_domain(email: str) -> str:
    """The domain of an address in lower case; "" for a public mail provider."""
    domain = (email or "").rsplit("@", 1)[-1].strip().lower()
    return "" if domain in PUBLIC_MAIL_DOMAINS else domain


def conflicting_members(judge: object, company_ref: object) -> QuerySet[CompanyMember]:
    """Members of ``company_ref`` (a company or an ``OuterRef``) that put ``judge`` in conflict."""
    match = Q(user=judge)
    domain = mail_domain(getattr(judge, "email", ""))
    if domain:
        match |= Q(user__email__iendswith="@" + domain)
    return CompanyMember.objects.filter(match, company=company_ref)


def automatic_conflict_filter(judge: object, company_path: str) -> Exists:
    """An ``Exists`` that is true where the row's company puts ``judge`` in conflict."""
    return Exists(conflicting_members(judge, OuterRef(company_path)))


def has_automatic_conflict(judge: object, company: object) -> bool:
    return conflicting_members(judge, company).exists()
