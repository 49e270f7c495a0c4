from django.db.models import Count, QuerySet

from aihub.partners.models import Partner


def partners_for_public(*, kind: str = "", country: str = "", q: str = "") -> QuerySet[Partner]:
    partners = Partner.objects.annotate(agreement_count=Count("agreements"))
    if kind:
        partners = partners.filter(kind=kind)
    if country:
        partners = partners.filter(country=country.upper())
    if q:
        from django.db.models import Q

        partners = partners.filter(Q(name_ko__icontains=q) | Q(name_en__icontains=q))
    return partners.order_by("name_en", "id")


def partner_for_public(*, pk: int) -> Partner | None:
    return Partner.objects.prefetch_related("agreements", "contacts").filter(pk=pk).first()
