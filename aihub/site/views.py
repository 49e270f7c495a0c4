"""The public home, each person's home with a section per role, and the language switch."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from aihub.accounts import services as account_services
from aihub.accounts.enums import COMPANY_MEMBER, Role
from aihub.companies import queries as company_queries
from aihub.companies.display import company_rows
from aihub.core.errors import ValidationFailed
from aihub.core.redirects import safe_next
from aihub.partners.queries import partners_for_public
from aihub.spaces.models import Facility


def _facilities_with_counts(snapshot: company_queries.HubSnapshot) -> list[Facility]:
    facilities = list(Facility.objects.order_by("-is_anchor", "opened_on", "id"))
    for facility in facilities:
        facility.current_companies = snapshot.companies_by_facility.get(facility.pk, 0)
    return facilities


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The public home: what the hub is, its facilities and partners, live figures."""
    snapshot = company_queries.hub_snapshot()
    facilities = _facilities_with_counts(snapshot)
    return render(
        request,
        "site/home.html",
        {
            "facilities": facilities,
            "total_area": sum(f.area_m2 for f in facilities),
            "partners": list(partners_for_public()),
            "supported": snapshot.supported,
            "current_companies": snapshot.current,
        },
    )


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """The home of a signed-in user, with a section per role they hold."""
    user = request.user
    roles = user.role_set
    context: dict[str, object] = {"roles": roles}
    if Role.HUB_STAFF in roles:
        snapshot = company_queries.hub_snapshot()
        facilities = _facilities_with_counts(snapshot)
        context["staff"] = {
            "status_counts": snapshot.status_counts,
            "facilities": facilities,
            "max_facility": max((f.current_companies for f in facilities), default=0) or 1,
            "newest": company_rows(company_queries.newest_companies_for_user(user=user)),
            "supported": snapshot.supported,
        }
    if COMPANY_MEMBER in roles:
        context["my_companies"] = list(company_queries.companies_of_user(user=user))
    if Role.RESEARCHER in roles or Role.MENTOR in roles:
        context["my_partners"] = list(partners_for_public().filter(contacts__user=user).distinct())
    context["role_labels"] = [Role(r).label for r in roles if r in Role.values]
    return render(request, "site/dashboard.html", context)


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a signed-in user's preference follows."""
    language = request.POST.get("language", "")
    available = {code for code, _name in settings.LANGUAGES}
    if language not in available:
        raise ValidationFailed(
            _("Unknown language code “%(code)s”. Choose Korean (ko) or English (en).")
            % {"code": language[:20]},
            code="unknown_language",
        )
    next_url = safe_next(request, request.POST.get("next"), "/")
    if request.user.is_authenticated:
        account_services.set_language_preference(user=request.user, language=language)
    translation.activate(language)
    response = redirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 60 * 60,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response
