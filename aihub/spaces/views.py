from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from aihub.core.audit import history_for
from aihub.core.errors import NotFound
from aihub.spaces.queries import facilities_for_public


@require_GET
def facility_list(request: HttpRequest) -> HttpResponse:
    facilities = list(facilities_for_public())
    return render(
        request,
        "spaces/facility_list.html",
        {"facilities": facilities, "total_area": sum(f.area_m2 for f in facilities)},
    )


@require_GET
def facility_detail(request: HttpRequest, slug: str) -> HttpResponse:
    facility = facilities_for_public().filter(slug=slug).first()
    if facility is None:
        raise NotFound()
    is_staff = request.user.has_perm("accounts.manage_users")
    return render(
        request,
        "spaces/facility_detail.html",
        {
            "facility": facility,
            "show_history": is_staff,
            "history": history_for(facility)[:30] if is_staff else [],
        },
    )
