"""Staff pages for people: the directory, a person's roles, new accounts."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from aihub.accounts import queries, services
from aihub.accounts.enums import Role
from aihub.accounts.forms import PersonFilterForm, PersonForm, RoleForm
from aihub.core.audit import history_for
from aihub.core.errors import HubError
from aihub.core.forms import add_hub_error, report_form_errors
from aihub.core.pagination import paginate
from aihub.core.permissions import require


@login_required
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    require(request, "accounts.manage_users")
    form = PersonFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    people = queries.people_for_staff(q=filters.get("q", ""), role=filters.get("role", ""))
    page = paginate(people, page=request.GET.get("page"), per_page=settings.AIHUB_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "people/list.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request, "accounts.manage_users")
    person = queries.person_for_staff(pk=pk)
    held = {assignment.role for assignment in person.role_assignments.all()}
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "roles": [(role, role.label, role in held) for role in Role],
            "history": history_for(person)[:30],
        },
    )


@login_required
@require_POST
def person_role(request: HttpRequest, pk: int) -> HttpResponse:
    """Grant or revoke one role."""
    require(request, "accounts.manage_users")
    person = queries.person_for_staff(pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        report_form_errors(request, form)
        return redirect("accounts:person", pk=pk)
    role = Role(form.cleaned_data["role"])
    if form.cleaned_data["grant"]:
        services.grant_role(user=person, role=role, actor=request.user)
        messages.success(request, _("%(role)s granted.") % {"role": role.label})
    else:
        if person == request.user and role == Role.HUB_STAFF:
            messages.error(request, _("You cannot take away your own staff role."))
            return redirect("accounts:person", pk=pk)
        services.revoke_role(user=person, role=role, actor=request.user)
        messages.success(request, _("%(role)s revoked.") % {"role": role.label})
    return redirect("accounts:person", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    require(request, "accounts.manage_users")
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.add_person(
                email=data["email"],
                full_name=data["full_name"],
                language=data["language"],
                roles=[Role(r) for r in data["roles"]],
                actor=request.user,
            )
        except HubError as error:
            add_hub_error(form, error)
        else:
            messages.success(
                request,
                _("An account for %(email)s was created and a link to choose a password sent.")
                % {"email": person.email},
            )
            return redirect("accounts:person", pk=person.pk)
    return render(request, "people/form.html", {"form": form}, status=400 if form.errors else 200)
